import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { myDuesText as t } from './dues.text';

const MyDuesPage = lazy(() => import('./my-dues-page').then((m) => ({ default: m.MyDuesPage })));

/** 我的党费: what the member has paid and up to when. */
export const duesModule: MobileModule = {
  name: 'dues',
  pages: [{ path: 'dues', title: t.title, element: <MyDuesPage /> }],
  tile: { to: '/dues', label: t.tile, glyph: '费', color: '#d4380d', permission: ['self.orglife'] },
};
