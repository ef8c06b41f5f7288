import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { mct as t } from './care.text';

const CarePage = lazy(() => import('./care-page').then((m) => ({ default: m.CarePage })));
const PersonPage = lazy(() => import('./person-page').then((m) => ({ default: m.PersonPage })));

/** 网格与帮扶 on the phone: the grid a member is responsible for, the people they look after, a visit recorded. */
export const careModule: MobileModule = {
  name: 'care',
  pages: [
    { path: 'care', title: t.title, element: <CarePage /> },
    { path: 'care/:id', title: t.detailTitle, element: <PersonPage /> },
  ],
  tile: { to: '/care', label: t.tile, glyph: '格', color: '#874d00', permission: ['self.serve'] },
};
