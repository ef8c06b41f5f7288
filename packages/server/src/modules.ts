import { accountsModule } from './accounts/accounts.module.js';
import { appraisalModule } from './appraisal/appraisal.module.js';
import { auditModule } from './audit/audit.module.js';
import { authModule } from './auth/auth.module.js';
import { careModule } from './care/care.module.js';
import { coListsModule } from './co-lists/co-lists.module.js';
import { consultationsModule } from './consultations/consultations.module.js';
import { duesModule } from './dues/dues.module.js';
import { facilitiesModule } from './facilities/facilities.module.js';
import { figuresModule } from './figures/figures.module.js';
import { floatingModule } from './floating/floating.module.js';
import { gridsModule } from './grids/grids.module.js';
import { inServiceModule } from './in-service/in-service.module.js';
import { jointMeetingsModule } from './joint-meetings/joint-meetings.module.js';
import { jobsModule } from './jobs/jobs.module.js';
import { meModule } from './me/me.module.js';
import { membersModule } from './members/members.module.js';
import type { ServerModule } from './module.js';
import { newOrgsModule } from './new-orgs/new-orgs.module.js';
import { notificationsModule } from './notifications/notifications.module.js';
import { orgChecksModule } from './org-checks/org-checks.module.js';
import { orgLifeModule } from './org-life/org-life.module.js';
import { organizationsModule } from './organizations/organizations.module.js';
import { requestOversightModule } from './request-oversight/request-oversight.module.js';
import { requestsModule } from './requests/requests.module.js';
import { systemModule } from './system/system.module.js';
import { teamsModule } from './teams/teams.module.js';
import { transfersModule } from './transfers/transfers.module.js';
import { unitsModule } from './units/units.module.js';
import { volunteerSheetsModule } from './volunteer-sheets/volunteer-sheets.module.js';
import { volunteersModule } from './volunteers/volunteers.module.js';
import { workbenchModule } from './workbench/workbench.module.js';

/**
 * Every module of the API: one line each. buildApp serves their routes (and so puts them under the scope suite,
 * which wants a probe for each), the audit trail takes their labels, the job runner their jobs.
 */
export const MODULES = [
  systemModule,
  authModule,
  organizationsModule,
  teamsModule,
  orgChecksModule,
  figuresModule,
  newOrgsModule,
  accountsModule,
  auditModule,
  membersModule,
  transfersModule,
  floatingModule,
  inServiceModule,
  jobsModule,
  workbenchModule,
  meModule,
  notificationsModule,
  duesModule,
  appraisalModule,
  orgLifeModule,
  volunteersModule,
  volunteerSheetsModule,
  gridsModule,
  requestsModule,
  requestOversightModule,
  careModule,
  unitsModule,
  jointMeetingsModule,
  coListsModule,
  facilitiesModule,
  consultationsModule,
] as const;

/** The modules' scheduled jobs. */
export const JOBS = MODULES.flatMap((m) => m.jobs ?? []);

type ActionsOf<M> = M extends ServerModule<infer Action> ? Action : never;

/** Every action a module may name when it writes the audit trail: one without a label does not compile. */
export type AuditAction = ActionsOf<(typeof MODULES)[number]>;
