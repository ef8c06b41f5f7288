import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
import { accounts, organizations } from '../db/schema.js';
import { collabZones, residentUnits } from '../units/units.tables.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/**
 * A joint meeting (联席会议, seeds 002, 004) of a big community committee or a collaboration zone: planned with its
 * agenda and invited units, then held (attendance, minutes, outcomes). `org_id` is the organisation that holds it
 * (the community committee, or a zone's lead organisation): the scope. Tasks of earlier meetings that are still open
 * are read onto the next meeting's agenda, never copied.
 */
export const jointMeetings = pgTable(
  'joint_meetings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** The collaboration zone whose meeting it is (null for a big committee's own meeting). */
    zoneId: bigint('zone_id', { mode: 'number' }).references(() => collabZones.id),
    title: text('title').notNull(),
    /** `planned` or `held`. */
    status: text('status').notNull().default('planned'),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** `HH:MM`, Beijing time. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time'),
    place: text('place').notNull(),
    hostName: text('host_name'),
    /** The agenda items as planned: `["…", …]`. */
    agenda: jsonb('agenda')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Those present for the community itself (names). */
    hostAttendees: text('host_attendees'),
    minutes: text('minutes'),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'string' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('joint_meetings_org_idx').on(t.orgId, t.heldOn)],
);

/** A unit invited to a joint meeting, and whether (and who) came for it. */
export const jointMeetingUnits = pgTable(
  'joint_meeting_units',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' })
      .notNull()
      .references(() => jointMeetings.id, { onDelete: 'cascade' }),
    /** The meeting's organisation: scope and audit. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    unitId: bigint('unit_id', { mode: 'number' })
      .notNull()
      .references(() => residentUnits.id),
    /** Null until ticked. */
    present: boolean('present'),
    /** Who came for the unit (names, posts). */
    attendees: text('attendees'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('joint_meeting_units_key').on(t.meetingId, t.unitId),
    index('joint_meeting_units_unit_idx').on(t.unitId),
  ],
);

/**
 * What a joint meeting agreed, typed as it was agreed: 通报, 决议, or 任务 — a task has an owner (a resident unit or
 * an organisation: the community, a branch) and a due date not before the meeting, and is open until done.
 */
export const jointMeetingOutcomes = pgTable(
  'joint_meeting_outcomes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    meetingId: bigint('meeting_id', { mode: 'number' })
      .notNull()
      .references(() => jointMeetings.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** OUTCOME_KINDS: information, decision, task. */
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    ownerUnitId: bigint('owner_unit_id', { mode: 'number' }).references(() => residentUnits.id),
    ownerOrgId: bigint('owner_org_id', { mode: 'number' }).references(() => organizations.id),
    /** The meeting's date, copied: carry-forward and the counters read it with the task. */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('joint_meeting_outcomes_meeting_idx').on(t.meetingId, t.id),
    // Open tasks by organisation and due date: the workbench's source and the next meeting's carried agenda.
    index('joint_tasks_open_idx')
      .on(t.orgId, t.dueOn)
      .where(sql`kind = 'task' and done_on is null`),
    index('joint_tasks_unit_idx')
      .on(t.ownerUnitId, t.dueOn)
      .where(sql`kind = 'task'`),
    check(
      'joint_meeting_outcomes_task',
      sql`(kind = 'task') = (due_on is not null)
          and (kind <> 'task' or num_nonnulls(owner_unit_id, owner_org_id) = 1)
          and (kind = 'task' or (owner_unit_id is null and owner_org_id is null and done_on is null))
          and (due_on is null or due_on >= held_on)`,
    ),
  ],
);

/** A task's progress notes until it is done (the last one, with `done`, sets the task's done date). */
export const jointTaskProgress = pgTable(
  'joint_task_progress',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    outcomeId: bigint('outcome_id', { mode: 'number' })
      .notNull()
      .references(() => jointMeetingOutcomes.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    note: text('note').notNull(),
    done: boolean('done').notNull().default(false),
    /** China's date the note reports (the done date when `done`). */
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    /** The unit whose liaison reported it, if one did. */
    unitId: bigint('unit_id', { mode: 'number' }).references(() => residentUnits.id),
    byAccountId: bigint('by_account_id', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    byName: text('by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('joint_task_progress_outcome_idx').on(t.outcomeId, t.id)],
);

/**
 * Co-building counters over each organisation's subtree (meetings held, tasks set, done, done on time; needs, needs
 * met; projects, done), kept by row triggers on the joint meetings' and the three lists' tables (drizzle migration
 * of this module), the organisation and every ancestor in the same transaction. Derived data: not audited.
 */
export const cobuildCounts = pgTable(
  'cobuild_counts',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.metric] })],
);

/** The same counters per resident unit (tasks it owns, needs it met, projects it led). */
export const cobuildUnitCounts = pgTable(
  'cobuild_unit_counts',
  {
    unitId: bigint('unit_id', { mode: 'number' })
      .notNull()
      .references(() => residentUnits.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.metric] })],
);
