import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, members, organizations } from '../db/schema.js';
import { buildings } from '../grids/grids.tables.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
/** The community: scope and audit follow it (audit_row(…, 'org_id')). */
const orgId = () =>
  bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => organizations.id);

/**
 * 困难群体: a vulnerable resident on a community's register (DOMAIN §5). Sensitive: only the community's staff and
 * the assigned carer see it whole. `next_visit_due` is kept by the service in the transaction that records a visit
 * or changes the types (shared `nextVisitDue`); the workbench counts it from `care_residents_due_idx`.
 */
export const careResidents = pgTable(
  'care_residents',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    /** CARE_TYPES of the shared package, at least one. */
    types: text('types').array().notNull(),
    birthYear: integer('birth_year'),
    livesAlone: boolean('lives_alone').notNull().default(false),
    leftBehind: boolean('left_behind').notNull().default(false),
    buildingId: bigint('building_id', { mode: 'number' }).references(() => buildings.id, { onDelete: 'set null' }),
    address: text('address'),
    phone: text('phone'),
    /** CARE_NEEDS of the shared package. */
    needs: text('needs')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    guardianName: text('guardian_name'),
    guardianPhone: text('guardian_phone'),
    /** The carer: a member of the community's subtree, or a staff account — at most one. */
    carerMemberId: bigint('carer_member_id', { mode: 'number' }).references(() => members.id),
    carerAccountId: bigint('carer_account_id', { mode: 'number' }).references(() => accounts.id),
    notes: text('notes'),
    /** China's date of the last visit; none yet: the register date counts. */
    lastVisitOn: date('last_visit_on', { mode: 'string' }),
    nextVisitDue: date('next_visit_due', { mode: 'string' }),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    /** Off the register (moved away, passed away): the visits stay. */
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('care_residents_types', sql`cardinality(types) >= 1`),
    check('care_residents_one_carer', sql`carer_member_id is null or carer_account_id is null`),
    index('care_residents_org_idx').on(t.orgId, t.name),
    // The workbench (countDue) and the register's overdue filter: one range of this index.
    index('care_residents_due_idx')
      .on(t.orgId, t.nextVisitDue)
      .where(sql`ended_on is null and next_visit_due is not null`),
    index('care_residents_carer_member_idx')
      .on(t.carerMemberId, t.nextVisitDue)
      .where(sql`ended_on is null and carer_member_id is not null`),
    index('care_residents_carer_account_idx')
      .on(t.carerAccountId, t.nextVisitDue)
      .where(sql`ended_on is null and carer_account_id is not null`),
  ],
);

/** A care visit (走访): when, who, what was done, and whether it needs a follow-up. */
export const careVisits = pgTable(
  'care_visits',
  {
    id: id(),
    residentId: bigint('resident_id', { mode: 'number' })
      .notNull()
      .references(() => careResidents.id, { onDelete: 'cascade' }),
    /** The resident's community. */
    orgId: orgId(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    /** Who visited, as recorded (a member's or staff's name, or several). */
    visitor: text('visitor').notNull(),
    visitorMemberId: bigint('visitor_member_id', { mode: 'number' }).references(() => members.id),
    content: text('content').notNull(),
    followUp: boolean('follow_up').notNull().default(false),
    followUpNote: text('follow_up_note'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('care_visits_resident_idx').on(t.residentId, t.visitedOn)],
);
