import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, members, organizations } from '../db/schema.js';
import { serviceRequests } from '../requests/requests.tables.js';
import { residentUnits } from '../units/units.tables.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/**
 * 需求清单: what a community needs (from its own survey, or from a resident's request), by category (CO_CATEGORIES).
 * open → claimed (a unit's liaison takes it) → matched (a project) → met; or closed. `org_id` is the community.
 */
export const coNeeds = pgTable(
  'co_needs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    description: text('description'),
    place: text('place'),
    /** The day it is wanted by (matching reads a resource's availability against it). */
    neededBy: date('needed_by', { mode: 'string' }),
    /** The resident's request it was made from, if any. */
    requestId: bigint('request_id', { mode: 'number' }).references(() => serviceRequests.id),
    status: text('status').notNull().default('open'),
    claimedUnitId: bigint('claimed_unit_id', { mode: 'number' }).references(() => residentUnits.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'string' }),
    claimNote: text('claim_note'),
    metOn: date('met_on', { mode: 'string' }),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('co_needs_org_idx').on(t.orgId, t.status),
    index('co_needs_unit_idx')
      .on(t.claimedUnitId)
      .where(sql`claimed_unit_id is not null`),
  ],
);

/**
 * 资源清单: what a resident unit, a member or the community offers (a venue, a skill, funds, volunteers), with when it
 * is available. `org_id` is the community (or street) it is offered in.
 */
export const coResources = pgTable(
  'co_resources',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** RESOURCE_PROVIDERS: unit, member, community. */
    provider: text('provider').notNull(),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => residentUnits.id),
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    description: text('description'),
    place: text('place'),
    /** Free text: 每周六上午, 寒暑假. */
    availability: text('availability'),
    availableFrom: date('available_from', { mode: 'string' }),
    availableTo: date('available_to', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('co_resources_org_idx').on(t.orgId, t.category),
    index('co_resources_unit_idx')
      .on(t.unitId)
      .where(sql`unit_id is not null`),
    check(
      'co_resources_provider',
      sql`(provider = 'unit') = (unit_id is not null) and (provider = 'member') = (member_id is not null)
          and (available_to is null or available_from is null or available_to >= available_from)`,
    ),
  ],
);

/** 项目清单: a need met with one or more resources, a lead, dates and the result. */
export const coProjects = pgTable(
  'co_projects',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    needId: bigint('need_id', { mode: 'number' })
      .notNull()
      .references(() => coNeeds.id),
    title: text('title').notNull(),
    leadName: text('lead_name').notNull(),
    /** The unit that leads it (the claiming unit, usually): results count for it. */
    leadUnitId: bigint('lead_unit_id', { mode: 'number' }).references(() => residentUnits.id),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    /** PROJECT_STATUSES: open, done, cancelled. */
    status: text('status').notNull().default('open'),
    result: text('result'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('co_projects_org_idx').on(t.orgId, t.status),
    index('co_projects_need_idx').on(t.needId),
    index('co_projects_unit_idx')
      .on(t.leadUnitId)
      .where(sql`lead_unit_id is not null`),
    check('co_projects_dates', sql`ended_on is null or ended_on >= started_on`),
  ],
);

/** The resources a project uses. A resource is committed while a project using it is open. */
export const coProjectResources = pgTable(
  'co_project_resources',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => coProjects.id, { onDelete: 'cascade' }),
    resourceId: bigint('resource_id', { mode: 'number' })
      .notNull()
      .references(() => coResources.id),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('co_project_resources_key').on(t.projectId, t.resourceId),
    index('co_project_resources_resource_idx').on(t.resourceId),
  ],
);
