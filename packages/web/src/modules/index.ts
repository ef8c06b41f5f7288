// The console's modules, in menu order: one line each. A module's pages, permissions and menu entries are
// declared in its own folder (pages/<module>/module.tsx); the router and the menu are made from this list.
import { accountsModule } from '../pages/accounts/module';
import { appraisalModule } from '../pages/appraisal/module';
import { auditModule } from '../pages/audit/module';
import { careModule } from '../pages/care/module';
import { coListsModule } from '../pages/co-lists/module';
import { communityModule } from '../pages/community/module';
import { consultationsModule } from '../pages/consultations/module';
import { duesModule } from '../pages/dues/module';
import { facilitiesModule } from '../pages/facilities/module';
import { figuresModule } from '../pages/figures/module';
import { gridsModule } from '../pages/grids/module';
import { requestOversightModule } from '../pages/request-oversight/module';
import { requestsModule } from '../pages/requests/module';
import { jobsModule } from '../pages/jobs/module';
import { jointMeetingsModule } from '../pages/joint-meetings/module';
import { membersModule } from '../pages/members/module';
import { newOrgsModule } from '../pages/new-orgs/module';
import { notificationsModule } from '../pages/notifications/module';
import { orgChecksModule } from '../pages/org-checks/module';
import { orgLifeModule } from '../pages/org-life/module';
import { orgsModule } from '../pages/orgs/module';
import { transfersModule } from '../pages/transfers/module';
import { unitsModule } from '../pages/units/module';
import { volunteerSheetsModule } from '../pages/volunteer-sheets/module';
import { volunteersModule } from '../pages/volunteers/module';
import { workbenchModule } from '../pages/workbench/module';
import type { PageRoute, WebModule } from './module';

export const MODULES: readonly WebModule[] = [
  workbenchModule,
  notificationsModule,
  orgsModule,
  figuresModule,
  orgChecksModule,
  newOrgsModule,
  membersModule,
  transfersModule,
  communityModule,
  orgLifeModule,
  volunteersModule,
  volunteerSheetsModule,
  requestsModule,
  requestOversightModule,
  gridsModule,
  careModule,
  unitsModule,
  jointMeetingsModule,
  coListsModule,
  facilitiesModule,
  consultationsModule,
  duesModule,
  appraisalModule,
  accountsModule,
  auditModule,
  jobsModule,
];

export const PAGES: readonly PageRoute[] = MODULES.flatMap((m) => m.pages);
