import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ConsultationMatter, ConsultationStatus, Opinion } from '@gongjian/shared';
import { accounts, members, organizations } from '../db/schema.js';

/**
 * A resident unit asks the community committee before naming, promoting or recommending a person (seed 004).
 * Scope and audit: `org_id`, the community asked; the unit's side reads through `unit_id` (resident_units: the
 * foreign key is in the migration's SQL). The person is a member (found through 双报到 or by ID number) or, when the
 * platform has no record of them, the name and ID number the unit gives.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    unitId: bigint('unit_id', { mode: 'number' }).notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    matterKind: text('matter_kind').$type<ConsultationMatter>().notNull(),
    matter: text('matter').notNull(),
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id),
    personName: text('person_name').notNull(),
    idNumber: text('id_number'),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status').$type<ConsultationStatus>().notNull().default('asked'),
    opinion: text('opinion').$type<Opinion>(),
    opinionReason: text('opinion_reason'),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'string' }),
    /** China's date of the answer: on time when on or before the deadline. */
    answeredOn: date('answered_on', { mode: 'string' }),
    answeredBy: bigint('answered_by', { mode: 'number' }).references(() => accounts.id),
    /** A higher committee's documented decision the unit records when the community did not agree. */
    overrideBy: text('override_by'),
    overrideDocNo: text('override_doc_no'),
    overrideOn: date('override_on', { mode: 'string' }),
    outcomeNote: text('outcome_note'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    closedBy: bigint('closed_by', { mode: 'number' }).references(() => accounts.id),
    createdBy: bigint('created_by', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('consultations_org_idx').on(t.orgId, t.createdAt),
    index('consultations_unit_idx').on(t.unitId, t.createdAt),
    /** Opinions owed (the community's workbench): open ones by deadline. */
    index('consultations_open_idx')
      .on(t.orgId, t.deadline)
      .where(sql`status = 'asked'`),
    check('consultations_status_check', sql`${t.status} in ('asked', 'answered', 'done', 'withdrawn')`),
    check('consultations_matter_check', sql`${t.matterKind} in ('outstanding_member', 'cadre_promotion', 'honour')`),
    check(
      'consultations_opinion_check',
      sql`${t.opinion} is null or ${t.opinion} in ('agree', 'disagree', 'reserved')`,
    ),
    check('consultations_person_check', sql`${t.memberId} is not null or ${t.idNumber} is not null`),
    check(
      'consultations_override_check',
      sql`(${t.overrideDocNo} is null) = (${t.overrideBy} is null) and (${t.overrideDocNo} is null) = (${t.overrideOn} is null)`,
    ),
  ],
);

/**
 * Consultations counted per organisation, year of the deadline and metric (asked, answered, answered_on_time) over
 * each organisation's subtree, kept by a row trigger on consultations. Derived data: not audited.
 */
export const consultationFigures = pgTable(
  'consultation_figures',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    period: text('period').notNull(),
    metric: text('metric').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.period, t.metric] })],
);
