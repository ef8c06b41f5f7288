import { bigint, check, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from '../db/schema.js';

/**
 * A city's or district's deadlines for a category of request (shared `DeadlineSetting`): a null column inherits
 * from the organisation above, the platform's defaults (24 h / 7 days, urgent 2 h / 24 h) below all.
 */
export const requestDeadlineSettings = pgTable(
  'request_deadline_settings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** A shared REQUEST_CATEGORIES code. */
    category: text('category').notNull(),
    respondHours: integer('respond_hours'),
    resolveHours: integer('resolve_hours'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('request_deadline_settings_org_category_idx').on(t.orgId, t.category),
    check('request_deadline_settings_respond_check', sql`respond_hours between 1 and 2160`),
    check('request_deadline_settings_resolve_check', sql`resolve_hours between 1 and 2160`),
  ],
);

/**
 * The rates' counters (shared `RateCounters`): per organisation (its whole subtree), month of submission (China's
 * date, `2026-12`) and metric. Kept by statement-level triggers on service_requests in the same transaction
 * (drizzle migration of this module); `request_rate_figures_rebuild()` recomputes them. Derived data: not audited.
 */
export const requestRateFigures = pgTable(
  'request_rate_figures',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    metric: text('metric').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month, t.metric] })],
);
