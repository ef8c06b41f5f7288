import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, inServiceRegistrations, members, organizations } from '../db/schema.js';

const orgRef = (name: string) =>
  bigint(name, { mode: 'number' })
    .notNull()
    .references(() => organizations.id);

/**
 * A city's or district's local rules of volunteer service (shared `VolunteerRuleSetting`): every column null
 * inherits from the organisation above; the platform's defaults (no target, points and ranking off) below all.
 */
export const volunteerRuleSettings = pgTable('volunteer_rule_settings', {
  orgId: bigint('org_id', { mode: 'number' })
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  yearlyTargetHours: numeric('yearly_target_hours', { precision: 6, scale: 1 }),
  pointsEnabled: boolean('points_enabled'),
  pointsPerHour: numeric('points_per_hour', { precision: 6, scale: 2 }),
  /** Activity type code → points per confirmed activity of that type. */
  pointsPerActivity: jsonb('points_per_activity').$type<Record<string, number>>(),
  rankingEnabled: boolean('ranking_enabled'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * 在职党员社区表现反馈表: one in-service member's quarter, computed from the records (registration, confirmed
 * service records) by one statement per generation, never typed. `org_id` is the community registered with
 * (its scope); `unit_org_id` the member's unit party organisation, which reads the sheet in its own scope.
 * Derived data, like the figures: a generation is one audit event with its count, not a row each.
 */
export const residenceSheets = pgTable(
  'residence_sheets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    year: smallint('year').notNull(),
    quarter: smallint('quarter').notNull(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    registrationId: bigint('registration_id', { mode: 'number' })
      .notNull()
      .references(() => inServiceRegistrations.id, { onDelete: 'cascade' }),
    orgId: orgRef('org_id'),
    unitOrgId: orgRef('unit_org_id'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    /** The last day counted: the quarter's end, or the day of an on-demand sheet of a quarter still running. */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    quarterActivities: integer('quarter_activities').notNull(),
    quarterHours: numeric('quarter_hours', { precision: 8, scale: 1 }).notNull(),
    yearActivities: integer('year_activities').notNull(),
    yearHours: numeric('year_hours', { precision: 8, scale: 1 }).notNull(),
    /** Requests and micro-wishes the member finished in the quarter (done, dispatched to or claimed by them). */
    requestsFulfilled: integer('requests_fulfilled').notNull().default(0),
    targetHours: numeric('target_hours', { precision: 6, scale: 1 }),
    generatedAt: timestamp('generated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('residence_sheets_member_key').on(t.year, t.quarter, t.memberId),
    index('residence_sheets_unit_idx').on(t.unitOrgId, t.year, t.quarter),
    index('residence_sheets_org_idx').on(t.orgId, t.year, t.quarter, t.unitOrgId),
  ],
);

/** The community has sent a unit its members' sheets of a quarter (audited): those sheets are no longer regenerated. */
export const residenceSheetSends = pgTable(
  'residence_sheet_sends',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The community. */
    orgId: orgRef('org_id'),
    unitOrgId: orgRef('unit_org_id'),
    year: smallint('year').notNull(),
    quarter: smallint('quarter').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    sentBy: bigint('sent_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('residence_sheet_sends_key').on(t.orgId, t.year, t.quarter, t.unitOrgId)],
);

/**
 * Volunteering counters over each organisation's whole subtree, per quarter (`period` 2026-Q3) or current
 * (`period` ''): activities held, confirmed hours and service records (人次) by quarter; teams and resident
 * volunteers now. Kept by statement-level triggers on the volunteers module's tables (drizzle, this module's
 * migration), like org_figures; `volunteer_figures_rebuild()` recomputes them.
 */
export const volunteerFigures = pgTable(
  'volunteer_figures',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    metric: text('metric').notNull(),
    n: numeric('n', { precision: 14, scale: 1 }).notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.period, t.metric] })],
);
