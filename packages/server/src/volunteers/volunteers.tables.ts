import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, members, organizations } from '../db/schema.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
/** Scope and audit follow this organisation (audit_row(…, 'org_id')). */
const orgId = () =>
  bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => organizations.id);
const memberId = () => bigint('member_id', { mode: 'number' }).references(() => members.id);
const residentId = () => bigint('resident_id', { mode: 'number' }).references(() => volunteerResidents.id);
/** A volunteer is either a party member (every active member is one) or a resident the community registered. */
const onePerson = sql`(member_id is null) <> (resident_id is null)`;

/** Residents registered as volunteers by a community (no ID number: name, phone, address, specialties). */
export const volunteerResidents = pgTable(
  'volunteer_residents',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    phone: text('phone'),
    address: text('address'),
    /** Specialties and service intentions, the same free tags as members' 特长兴趣. */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Set when the resident no longer volunteers: the file and its hours stay. */
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('volunteer_residents_org_idx').on(t.orgId, t.name)],
);

/** A service team (服务队, e.g. 十员十队) of a community or branch; it may hold a 党员责任区 (`area`). */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    /** The named area the team is responsible for (a building, a courtyard). */
    area: text('area'),
    description: text('description'),
    dissolvedOn: date('dissolved_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('volunteer_teams_name_key')
      .on(t.orgId, t.name)
      .where(sql`dissolved_on is null`),
  ],
);

/** A member or resident volunteer on a team; one of them may lead it. `area`: the person's own 责任区. */
export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    id: id(),
    teamId: bigint('team_id', { mode: 'number' })
      .notNull()
      .references(() => volunteerTeams.id, { onDelete: 'cascade' }),
    /** The team's organisation. */
    orgId: orgId(),
    memberId: memberId(),
    residentId: residentId(),
    leader: boolean('leader').notNull().default(false),
    area: text('area'),
    createdAt: createdAt(),
  },
  (t) => [
    check('volunteer_team_members_one_person', onePerson),
    uniqueIndex('volunteer_team_members_member_key')
      .on(t.teamId, t.memberId)
      .where(sql`member_id is not null`),
    uniqueIndex('volunteer_team_members_resident_key')
      .on(t.teamId, t.residentId)
      .where(sql`resident_id is not null`),
    uniqueIndex('volunteer_team_members_leader_key')
      .on(t.teamId)
      .where(sql`leader`),
    index('volunteer_team_members_member_idx').on(t.memberId),
    index('volunteer_team_members_resident_idx').on(t.residentId),
  ],
);

/**
 * A volunteer activity. `status` holds the explicit states (draft, published, cancelled, confirmed); under way
 * and finished follow from the time (shared `activityPhase`). `signed_up` counts the places taken: the check
 * constraint keeps it within `capacity`, and sign-ups lock the row.
 */
export const volunteerActivities = pgTable(
  'volunteer_activities',
  {
    id: id(),
    orgId: orgId(),
    /** The team it is for; none: the whole organisation. */
    teamId: bigint('team_id', { mode: 'number' }).references(() => volunteerTeams.id),
    title: text('title').notNull(),
    type: text('type').notNull(),
    description: text('description'),
    place: text('place').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }).notNull(),
    signupDeadline: timestamp('signup_deadline', { withTimezone: true, mode: 'string' }).notNull(),
    /** None: no limit. */
    capacity: integer('capacity'),
    signedUp: integer('signed_up').notNull().default(0),
    /** Specialties wanted (members' tags). */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** A resident unit's party organisation co-hosting it. */
    cohostOrgId: bigint('cohost_org_id', { mode: 'number' }).references(() => organizations.id),
    status: text('status').notNull().default('draft'),
    cancelReason: text('cancel_reason'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('volunteer_activities_times', sql`ends_at > starts_at and signup_deadline <= ends_at`),
    check(
      'volunteer_activities_capacity',
      sql`signed_up >= 0 and (capacity is null or (capacity >= 1 and signed_up <= capacity))`,
    ),
    index('volunteer_activities_org_idx').on(t.orgId, t.startsAt),
    index('volunteer_activities_starts_idx').on(t.startsAt, t.id),
    index('volunteer_activities_team_idx').on(t.teamId),
  ],
);

/** A place taken (or waited for) on an activity. The waiting list is in id order. */
export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    id: id(),
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => volunteerActivities.id, { onDelete: 'cascade' }),
    /** The activity's organisation. */
    orgId: orgId(),
    memberId: memberId(),
    residentId: residentId(),
    /** signed_up, waiting, cancelled. */
    status: text('status').notNull(),
    /** The organiser who added the person; none: the member signed up themselves. */
    addedBy: bigint('added_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    promotedAt: timestamp('promoted_at', { withTimezone: true, mode: 'string' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('volunteer_signups_one_person', onePerson),
    uniqueIndex('volunteer_signups_member_key')
      .on(t.activityId, t.memberId)
      .where(sql`member_id is not null and status <> 'cancelled'`),
    uniqueIndex('volunteer_signups_resident_key')
      .on(t.activityId, t.residentId)
      .where(sql`resident_id is not null and status <> 'cancelled'`),
    index('volunteer_signups_activity_idx').on(t.activityId, t.status, t.id),
    index('volunteer_signups_member_idx').on(t.memberId, t.activityId),
  ],
);

/**
 * 志愿服务记录: hours served by one person, from an activity's attendance or reported by the member. Only
 * `confirmed` rows count anywhere. A confirmed row is never overwritten: a correction inserts a new row naming
 * it (`corrects_id`) and marks it `superseded`. `org_id` is the recording (and certifying) organisation.
 */
export const volunteerRecords = pgTable(
  'volunteer_records',
  {
    id: id(),
    orgId: orgId(),
    memberId: memberId(),
    residentId: residentId(),
    activityId: bigint('activity_id', { mode: 'number' }).references(() => volunteerActivities.id),
    /** activity, self. */
    source: text('source').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 6, scale: 1 }).notNull(),
    /** What was done (self-reported). */
    content: text('content'),
    /** Who can confirm it (self-reported). */
    witness: text('witness'),
    /** Why the hours pass the activity's length, or why a correction was made. */
    reason: text('reason'),
    /** pending, confirmed, rejected, superseded. */
    status: text('status').notNull(),
    correctsId: bigint('corrects_id', { mode: 'number' }).references((): AnyPgColumn => volunteerRecords.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('volunteer_records_one_person', onePerson),
    check('volunteer_records_hours', sql`hours > 0 and hours <= 9999`),
    // Confirmed hours and activities of a member in a period: one range of this index (INCLUDE added in SQL).
    index('volunteer_records_member_confirmed_idx')
      .on(t.memberId, t.servedOn)
      .where(sql`status = 'confirmed' and member_id is not null`),
    index('volunteer_records_resident_confirmed_idx')
      .on(t.residentId, t.servedOn)
      .where(sql`status = 'confirmed' and resident_id is not null`),
    // Self-reports waiting for confirmation (the workbench's due source and the confirmations page).
    index('volunteer_records_pending_idx')
      .on(t.orgId, t.createdAt, t.id)
      .where(sql`status = 'pending'`),
    index('volunteer_records_activity_idx').on(t.activityId),
    // One live record per person and activity.
    uniqueIndex('volunteer_records_activity_member_key')
      .on(t.activityId, t.memberId)
      .where(sql`activity_id is not null and member_id is not null and status in ('pending', 'confirmed')`),
    uniqueIndex('volunteer_records_activity_resident_key')
      .on(t.activityId, t.residentId)
      .where(sql`activity_id is not null and resident_id is not null and status in ('pending', 'confirmed')`),
  ],
);
