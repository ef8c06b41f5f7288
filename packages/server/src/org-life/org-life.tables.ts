import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, members, organizations } from '../db/schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/**
 * A meeting of 三会一课 and the like (DOMAIN §8), held by one organisation (a branch, a group, a general branch, a
 * committee). A draft until the secretary finalises it; a finalised record changes only by a correction
 * (meeting_corrections keeps what it was). Its counts (expected, present, voting) are set by the service from the
 * attendance rows whenever they change; the counters of org_life_counts follow finalised meetings (trigger,
 * drizzle/0022).
 */
export const meetings = pgTable(
  'meetings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** MEETING_TYPES of the shared package. */
    type: text('type').notNull(),
    /** `draft` or `final`. */
    status: text('status').notNull().default('draft'),
    /** China's date of the meeting. */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** `HH:MM`, Beijing time. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time'),
    place: text('place'),
    online: boolean('online').notNull().default(false),
    hostMemberId: bigint('host_member_id', { mode: 'number' }).references(() => members.id, { onDelete: 'set null' }),
    hostName: text('host_name'),
    topic: text('topic').notNull(),
    minutes: text('minutes'),
    decisions: text('decisions'),
    /** What the meeting voted on: `[{ subject, result }]`; refused unless the meeting was quorate. */
    votes: jsonb('votes')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** People attending who are not among the expected (列席: the street's instructor, a guest). */
    guests: text('guests'),
    expectedCount: integer('expected_count').notNull().default(0),
    presentCount: integer('present_count').notNull().default(0),
    /** Full members among the expected, and of them present (probationary members have no vote). */
    votingExpected: integer('voting_expected').notNull().default(0),
    votingPresent: integer('voting_present').notNull().default(0),
    /** More than half of the voting members present (党员大会 only; null for other types). */
    quorate: boolean('quorate'),
    /** Corrections made after it was finalised. */
    revision: integer('revision').notNull().default(0),
    finalisedAt: timestamp('finalised_at', { withTimezone: true, mode: 'string' }),
    finalisedBy: bigint('finalised_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('meetings_org_idx').on(t.orgId, t.heldOn), index('meetings_held_idx').on(t.heldOn, t.id)],
);

/**
 * One expected attendee of a meeting (the list computed from the organisation's members, its committee or its
 * group when the meeting is planned or saved), with their attendance once it was held and their own notice that
 * they cannot come. `held_on` and `final` copy the meeting's, so that a member's organisational life (their
 * meetings, the last one they attended: the lapsed-membership flag) is read from this table's index alone.
 */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' })
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** The meeting's organisation: scope and audit. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    final: boolean('final').notNull().default(false),
    /** A full member at the time (has a vote). */
    voting: boolean('voting').notNull().default(true),
    /** `present`, `absent`, or null while not recorded. */
    status: text('status'),
    /** ABSENCE_REASONS (病假/事假/公假/其他) when absent. */
    absenceReason: text('absence_reason'),
    absenceNote: text('absence_note'),
    /**
     * For an absence for 其他: the branch judged the reason 正当 (党章 §9 counts only absences 无正当理由). 病假, 事假
     * and 公假 are justified by their kind (shared `absenceJustified`) and leave this false.
     */
    absenceJustified: boolean('absence_justified').notNull().default(false),
    /** The member's own notice before the meeting that they cannot come. */
    leaveReason: text('leave_reason'),
    leaveNote: text('leave_note'),
    leaveAt: timestamp('leave_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('meeting_attendance_key').on(t.meetingId, t.memberId),
    index('meeting_attendance_member_idx').on(t.memberId, t.heldOn),
    // The last organisational life a member attended (lapsed membership, 党章 §9): finalised meetings only.
    index('meeting_attendance_present_idx')
      .on(t.memberId, t.heldOn)
      .where(sql`final and status = 'present'`),
  ],
);

/**
 * A file kept with a meeting's record (the sign-in sheet's photo, the slides as a PDF): optional. Added freely to a
 * draft; to a finalised record only as a correction (audited, marked), and never taken away from one.
 */
export const meetingAttachments = pgTable(
  'meeting_attachments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' })
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** The meeting's organisation: scope and audit. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** MEETING_ATTACHMENT_KINDS of the shared package. */
    kind: text('kind').notNull(),
    /** The key of storage's fileStore(). */
    fileKey: text('file_key').notNull(),
    /** Found from the content at upload (image/jpeg, image/png, image/webp, application/pdf). */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    fileName: text('file_name').notNull(),
    /** Added after the record was finalised (a correction). */
    addedAfterFinal: boolean('added_after_final').notNull().default(false),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_attachments_meeting_idx').on(t.meetingId, t.id)],
);

/** A change to a finalised meeting: why, by whom, and the record (meeting and attendance) as it was before. */
export const meetingCorrections = pgTable(
  'meeting_corrections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' })
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** The meeting's revision this correction made (1 for the first). */
    revision: integer('revision').notNull(),
    reason: text('reason').notNull(),
    /** `{ meeting, attendance }` before the correction: the first correction's is the original record. */
    before: jsonb('before').notNull(),
    correctedBy: bigint('corrected_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_corrections_key').on(t.meetingId, t.revision)],
);

/**
 * Counters of finalised meetings by organisation, period (`2026-12`, `2026-Q4`, `2026`) and type, kept in the
 * same transaction by a trigger on meetings (drizzle/0022): `held` at the organisation itself, `sub_held` in its
 * whole subtree, `branches_done` the branch-like organisations of the subtree that held one (with their groups),
 * `expected` / `present` the attendance of those meetings. Standings and figures read these, never the meetings.
 * Derived data: not audited.
 */
export const orgLifeCounts = pgTable(
  'org_life_counts',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    type: text('type').notNull(),
    held: integer('held').notNull().default(0),
    subHeld: integer('sub_held').notNull().default(0),
    branchesDone: integer('branches_done').notNull().default(0),
    expected: integer('expected').notNull().default(0),
    present: integer('present').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.period, t.type] })],
);

/**
 * A locality's own frequency for a meeting type (a district's or city's rule over the shared defaults), inherited
 * by the organisations under it: the nearest one up the path holds.
 */
export const orgLifeRules = pgTable(
  'org_life_rules',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** RULE_FREQUENCIES: `month`, `quarter`, `year`, `year_q4`, or `none` (not required here). */
    frequency: text('frequency').notNull(),
    /** Days before the period's end from which a branch that has not held one is at risk. */
    leadDays: integer('lead_days').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('org_life_rules_key').on(t.orgId, t.type)],
);
