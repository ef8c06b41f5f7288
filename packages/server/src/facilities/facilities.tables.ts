import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
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
import type { BookerKind, BookingStatus, OpeningHours } from '@gongjian/shared';
import { accounts, organizations } from '../db/schema.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const orgId = () =>
  bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => organizations.id);
/** resident_units.id (units module): the foreign key is added in the migration's SQL, so this folder imports none of units' tables. */
const unitId = () => bigint('unit_id', { mode: 'number' }).notNull();

const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

/**
 * A facility a resident unit opens (seed 002): opening hours per weekday (Monday first, China time), blackout dates,
 * approval or not. Scope and audit follow `org_id`, the organisation holding the unit (its community or street).
 */
export const facilities = pgTable(
  'facilities',
  {
    id: id(),
    unitId: unitId(),
    orgId: orgId(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    capacity: integer('capacity').notNull(),
    address: text('address'),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull(),
    blackoutDates: date('blackout_dates', { mode: 'string' })
      .array()
      .notNull()
      .default(sql`'{}'::date[]`),
    needsApproval: boolean('needs_approval').notNull().default(false),
    note: text('note'),
    /** No longer offered: its bookings stay on record, no new ones. */
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('facilities_unit_name_key').on(t.unitId, t.name),
    index('facilities_org_idx').on(t.orgId),
    check('facilities_capacity_check', sql`${t.capacity} > 0`),
  ],
);

/** The communities a facility is offered to (at least the unit's own). Audited under the community. */
export const facilityCommunities = pgTable(
  'facility_communities',
  {
    facilityId: bigint('facility_id', { mode: 'number' })
      .notNull()
      .references(() => facilities.id, { onDelete: 'cascade' }),
    orgId: orgId(),
  },
  (t) => [primaryKey({ columns: [t.facilityId, t.orgId] }), index('facility_communities_org_idx').on(t.orgId)],
);

/**
 * A booking of a slot by a community or a resident. `slot` is generated from the two times; the exclusion
 * constraint `facility_bookings_no_overlap` (migration SQL, btree_gist) refuses two holding bookings (pending,
 * approved) of one facility whose slots overlap, whatever races the service's checks. Scope: `org_id`, the booking
 * community; the unit's side reads through `unit_id`.
 */
export const facilityBookings = pgTable(
  'facility_bookings',
  {
    id: id(),
    facilityId: bigint('facility_id', { mode: 'number' })
      .notNull()
      .references(() => facilities.id),
    unitId: unitId(),
    orgId: orgId(),
    bookedOn: date('booked_on', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }).notNull(),
    slot: tstzrange('slot')
      .notNull()
      .generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    purpose: text('purpose').notNull(),
    headcount: integer('headcount'),
    bookerKind: text('booker_kind').$type<BookerKind>().notNull(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    status: text('status').$type<BookingStatus>().notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    decidedBy: bigint('decided_by', { mode: 'number' }).references(() => accounts.id),
    decisionNote: text('decision_note'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'string' }),
    cancelledBy: bigint('cancelled_by', { mode: 'number' }).references(() => accounts.id),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('facility_bookings_facility_idx').on(t.facilityId, t.startsAt),
    index('facility_bookings_org_idx').on(t.orgId, t.startsAt),
    index('facility_bookings_account_idx').on(t.accountId, t.startsAt),
    /** The unit's approvals waiting (the liaison's workbench). */
    index('facility_bookings_pending_idx')
      .on(t.unitId, t.startsAt)
      .where(sql`status = 'pending'`),
    check('facility_bookings_times_check', sql`${t.startsAt} < ${t.endsAt}`),
    check('facility_bookings_status_check', sql`${t.status} in ('pending', 'approved', 'refused', 'cancelled')`),
    check('facility_bookings_booker_check', sql`${t.bookerKind} in ('community', 'resident')`),
    check('facility_bookings_headcount_check', sql`${t.headcount} is null or ${t.headcount} > 0`),
  ],
);

/**
 * Bookings counted per organisation, year of the booked day and status, over each organisation's whole subtree
 * (kept by a row trigger on facility_bookings, in the same transaction): figures read rows by key, never the
 * bookings. Derived data: not audited.
 */
export const facilityFigures = pgTable(
  'facility_figures',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    period: text('period').notNull(),
    metric: text('metric').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.period, t.metric] })],
);
