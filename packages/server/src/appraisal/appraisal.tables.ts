import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { members, organizations } from '../db/schema.js';

/**
 * A branch's democratic appraisal of its members (民主评议党员) for a year: one per organisation and year, in the
 * stage it has reached (assessing → grading → closed). Audited (`appraisal`).
 */
export const appraisals = pgTable(
  'appraisals',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    stage: text('stage').notNull().default('assessing'),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('appraisals_org_year').on(t.orgId, t.year)],
);

/**
 * A member's row of an appraisal: the self-assessment, the mutual assessment's summary, the grade (full members
 * only: probationary members take part but are not graded) and, after 不合格, the measure (recorded only).
 * Audited (`appraisal_entry`).
 */
export const appraisalEntries = pgTable(
  'appraisal_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    appraisalId: bigint('appraisal_id', { mode: 'number' })
      .notNull()
      .references(() => appraisals.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    probationary: boolean('probationary').notNull(),
    selfText: text('self_text'),
    mutualText: text('mutual_text'),
    grade: text('grade'),
    measure: text('measure'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appraisal_entries_member').on(t.appraisalId, t.memberId),
    index('appraisal_entries_member_idx').on(t.memberId),
  ],
);

/** The closed appraisals' grades counted per organisation, year and grade (written when one closes). */
export const appraisalFigures = pgTable(
  'appraisal_figures',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    /** A grade, or `ungraded` (probationary members who took part). */
    grade: text('grade').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year, t.grade] })],
);
