import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { mrt as t } from './requests.text';

const JoinPage = lazy(() => import('./join-page').then((m) => ({ default: m.JoinPage })));
const SubmitPage = lazy(() => import('./submit-page').then((m) => ({ default: m.SubmitPage })));
const MyRequestsPage = lazy(() => import('./my-requests-page').then((m) => ({ default: m.MyRequestsPage })));
const MyRequestPage = lazy(() => import('./my-request-page').then((m) => ({ default: m.MyRequestPage })));
const ServePage = lazy(() => import('./serve-page').then((m) => ({ default: m.ServePage })));
const ServeItemPage = lazy(() => import('./serve-item-page').then((m) => ({ default: m.ServeItemPage })));

/** Residents (register, submit, my requests with the timeline, rate) and members serving them (claim, progress, done). */
export const requestsModule: MobileModule = {
  name: 'requests',
  pages: [
    { path: 'join', title: t.joinTitle, element: <JoinPage /> },
    { path: 'requests/new', title: t.submitTitle, element: <SubmitPage /> },
    { path: 'requests/mine', title: t.mineTitle, element: <MyRequestsPage /> },
    { path: 'requests/mine/:id', title: t.detailTitle, element: <MyRequestPage /> },
    { path: 'serve', title: t.serveTitle, element: <ServePage /> },
    { path: 'serve/:id', title: t.serveItemTitle, element: <ServeItemPage /> },
  ],
  tile: { to: '/serve', label: t.tileServe, glyph: '服', color: '#ad2102', permission: ['self.serve'] },
};
