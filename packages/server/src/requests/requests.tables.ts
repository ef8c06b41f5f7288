import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { accounts, members, organizations } from '../db/schema.js';
import { buildings } from '../grids/grids.tables.js';
import { residentUnits } from '../units/units.tables.js';
import { volunteerTeams } from '../volunteers/volunteers.tables.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => stamp('created_at').notNull().defaultNow();
const updatedAt = () => stamp('updated_at').notNull().defaultNow();
/** The community: scope and audit follow it (audit_row(…, 'org_id')). */
const orgId = () =>
  bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => organizations.id);
const accountRef = (name: string) =>
  bigint(name, { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' });

/**
 * A resident of a community (居民). Self-registered residents have an account (role `resident`, username = phone);
 * elders registered by staff may have none. The community confirms residence (`confirmed_at`). `building_id`
 * names a building of the grids module (its foreign key is added once that table exists).
 */
export const residents = pgTable(
  'residents',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    phone: text('phone'),
    buildingId: bigint('building_id', { mode: 'number' }).references(() => buildings.id),
    /** The room (3单元502). */
    addressDetail: text('address_detail'),
    accountId: bigint('account_id', { mode: 'number' })
      .unique()
      .references(() => accounts.id),
    confirmedAt: stamp('confirmed_at'),
    confirmedBy: accountRef('confirmed_by'),
    createdByAccountId: accountRef('created_by_account_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('residents_org_idx').on(t.orgId, t.name, t.id),
    index('residents_unconfirmed_idx')
      .on(t.orgId, t.createdAt, t.id)
      .where(sql`confirmed_at is null`),
    index('residents_phone_idx').on(t.phone),
  ],
);

/**
 * A request (群众诉求) or a micro-wish (微心愿) of a resident, one flow for both (shared `requests.ts`: statuses and
 * transitions). Every step is dated here and told in `service_request_events`. `respond_by` / `resolve_by` are set
 * at submission from the deadline settings; the escalation columns belong to the request-oversight module.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: id(),
    orgId: orgId(),
    kind: text('kind').notNull(),
    residentId: bigint('resident_id', { mode: 'number' })
      .notNull()
      .references(() => residents.id),
    category: text('category').notNull(),
    text: text('text').notNull(),
    buildingId: bigint('building_id', { mode: 'number' }).references(() => buildings.id),
    contactPref: text('contact_pref').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    status: text('status').notNull(),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }).references((): AnyPgColumn => serviceRequests.id),
    declineReason: text('decline_reason'),
    assigneeType: text('assignee_type'),
    assigneeMemberId: bigint('assignee_member_id', { mode: 'number' }).references(() => members.id),
    assigneeTeamId: bigint('assignee_team_id', { mode: 'number' }).references(() => volunteerTeams.id),
    assigneeUnitId: bigint('assignee_unit_id', { mode: 'number' }).references(() => residentUnits.id),
    claimedByMemberId: bigint('claimed_by_member_id', { mode: 'number' }).references(() => members.id),
    /** The account that entered it for a resident without a phone (staff); null: the resident themselves. */
    enteredByAccountId: accountRef('entered_by_account_id'),
    submittedAt: stamp('submitted_at').notNull().defaultNow(),
    acceptedAt: stamp('accepted_at'),
    dispatchedAt: stamp('dispatched_at'),
    claimedAt: stamp('claimed_at'),
    doneAt: stamp('done_at'),
    doneNote: text('done_note'),
    closedAt: stamp('closed_at'),
    respondBy: stamp('respond_by'),
    resolveBy: stamp('resolve_by'),
    respondedAt: stamp('responded_at'),
    resolvedAt: stamp('resolved_at'),
    escalationLevel: smallint('escalation_level').notNull().default(0),
    escalatedAt: stamp('escalated_at'),
    escalationOrgId: bigint('escalation_org_id', { mode: 'number' }).references(() => organizations.id),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: stamp('rated_at'),
    reopened: boolean('reopened').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('service_requests_kind', sql`kind in ('request', 'wish')`),
    check(
      'service_requests_status',
      sql`status in ('submitted', 'accepted', 'dispatched', 'open', 'in_progress', 'done', 'closed', 'declined', 'merged')`,
    ),
    check('service_requests_rating', sql`rating is null or rating in ('satisfied', 'basically', 'unsatisfied')`),
    check(
      'service_requests_assignee_type',
      sql`assignee_type is null or assignee_type in ('member', 'team', 'unit', 'grid')`,
    ),
    check('service_requests_merged', sql`(status = 'merged') = (merged_into_id is not null)`),
    check('service_requests_escalation_level', sql`escalation_level between 0 and 2`),
    index('service_requests_org_idx').on(t.orgId, t.submittedAt, t.id),
    index('service_requests_org_status_idx').on(t.orgId, t.status, t.submittedAt, t.id),
    index('service_requests_resident_idx').on(t.residentId, t.submittedAt),
    /** The workbench's "new, to accept" source. */
    index('service_requests_submitted_idx')
      .on(t.orgId, t.submittedAt, t.id)
      .where(sql`status = 'submitted'`),
    /** Duplicate suggestions: the same building and category in the last days. */
    index('service_requests_dup_idx').on(t.orgId, t.buildingId, t.category, t.submittedAt),
    index('service_requests_assignee_idx')
      .on(t.assigneeMemberId, t.status)
      .where(sql`assignee_member_id is not null`),
    index('service_requests_claimed_idx')
      .on(t.claimedByMemberId, t.status)
      .where(sql`claimed_by_member_id is not null`),
    /** Micro-wishes open for claiming, per community. */
    index('service_requests_open_idx')
      .on(t.orgId, t.submittedAt, t.id)
      .where(sql`status = 'open'`),
    /** What a member fulfilled in a period (volunteers' sheet, U3): done by the member, dispatched or claimed. */
    index('service_requests_fulfilled_idx')
      .on(sql`coalesce(claimed_by_member_id, assignee_member_id)`, t.doneAt)
      .where(sql`done_at is not null`),
    index('service_requests_merged_into_idx')
      .on(t.mergedIntoId)
      .where(sql`merged_into_id is not null`),
  ],
);

/** The request's timeline (the resident sees it): every step with its time, actor (null: the job runner) and note. */
export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    id: id(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    at: stamp('at').notNull().defaultNow(),
    actorAccountId: accountRef('actor_account_id'),
    kind: text('kind').notNull(),
    note: text('note'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
  },
  (t) => [index('service_request_events_request_idx').on(t.requestId, t.at, t.id)],
);

/** Up to 3 photos of a request, the bytes in the file store (storage module), stripped of EXIF before. */
export const serviceRequestPhotos = pgTable(
  'service_request_photos',
  {
    id: id(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    fileKey: text('file_key').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdBy: accountRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('service_request_photos_request_idx').on(t.requestId, t.id)],
);
