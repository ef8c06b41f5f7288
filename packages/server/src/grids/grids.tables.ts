import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { members, organizations } from '../db/schema.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
/** The community: scope and audit follow it (audit_row(…, 'org_id')). */
const orgId = () =>
  bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => organizations.id);

/**
 * A building (楼栋) of a community with its households. `grid_id` puts it in at most one grid (网格) of the same
 * community (the service checks the community; the column makes "two grids" impossible).
 */
export const buildings = pgTable(
  'buildings',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    address: text('address'),
    households: integer('households').notNull().default(0),
    gridId: bigint('grid_id', { mode: 'number' }).references((): AnyPgColumn => grids.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('buildings_households', sql`households >= 0`),
    uniqueIndex('buildings_name_key').on(t.orgId, t.name),
    index('buildings_grid_idx').on(t.gridId),
  ],
);

/** A grid (网格) of a community: its buildings (buildings.grid_id), responsible members and optional grid branch. */
export const grids = pgTable(
  'grids',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    /** The 楼院/网格党支部 (an organisation of type grid_branch under the community), if any. */
    branchOrgId: bigint('branch_org_id', { mode: 'number' }).references(() => organizations.id),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('grids_name_key').on(t.orgId, t.name)],
);

/**
 * 党员责任区: a member responsible for a grid from `started_on`; ending keeps the row (history). `org_id` is the
 * grid's community (scope and audit).
 */
export const gridMembers = pgTable(
  'grid_members',
  {
    id: id(),
    gridId: bigint('grid_id', { mode: 'number' })
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('grid_members_dates', sql`ended_on is null or ended_on >= started_on`),
    uniqueIndex('grid_members_active_key')
      .on(t.gridId, t.memberId)
      .where(sql`ended_on is null`),
    // A member's own grids (the phone's tile) and the community's responsible members (figures).
    index('grid_members_member_idx')
      .on(t.memberId)
      .where(sql`ended_on is null`),
    index('grid_members_org_idx')
      .on(t.orgId, t.gridId)
      .where(sql`ended_on is null`),
  ],
);
