import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { mft as t } from './facilities.text';

const FacilitiesPage = lazy(() => import('./facilities-page').then((m) => ({ default: m.FacilitiesPage })));
const BookPage = lazy(() => import('./book-page').then((m) => ({ default: m.BookPage })));

/** 场馆预约 on the phone: a resident books a slot of a unit's facility opened to their community, sees and cancels their bookings. */
export const facilitiesModule: MobileModule = {
  name: 'facilities',
  pages: [
    { path: 'facilities', title: t.title, element: <FacilitiesPage /> },
    { path: 'facilities/:id', title: t.bookTitle, element: <BookPage /> },
  ],
  tile: { to: '/facilities', label: t.tile, glyph: '馆', color: '#006d75', permission: ['resident.self'] },
};
