import { lazy } from 'react';
import type { MobileModule } from '../../modules/module';
import { mvt as t } from './volunteers.text';

const ActivitiesPage = lazy(() => import('./activities-page').then((m) => ({ default: m.ActivitiesPage })));
const HoursPage = lazy(() => import('./hours-page').then((m) => ({ default: m.HoursPage })));
const ReportPage = lazy(() => import('./report-page').then((m) => ({ default: m.ReportPage })));

/** 志愿服务 on the phone: activities open to me (sign up, cancel, waiting list), my hours and certificate, a report. */
export const volunteersModule: MobileModule = {
  name: 'volunteers',
  pages: [
    { path: 'volunteers', title: t.title, element: <ActivitiesPage /> },
    { path: 'volunteers/hours', title: t.hoursTitle, element: <HoursPage /> },
    { path: 'volunteers/report', title: t.reportTitle, element: <ReportPage /> },
  ],
  tile: { to: '/volunteers', label: t.tile, glyph: '志', color: '#cf1322', permission: ['self.volunteer'] },
};
