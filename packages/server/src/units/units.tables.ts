import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, newOrganizations, organizations } from '../db/schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/**
 * Resident units (驻区单位), held by the community (or street) whose registry lists them: `org_id` is the scope.
 * A new organisation of the 两新组织 registry located there IS a unit: `new_org_id` links it and its identity
 * fields (name, uscc, kind, address, headcount, party members) stay null here, read from `new_organizations`
 * through `resident_units_v` — one record, no copy to drift. Every read uses the view.
 */
export const residentUnits = pgTable(
  'resident_units',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    newOrgId: bigint('new_org_id', { mode: 'number' }).references(() => newOrganizations.id),
    name: text('name'),
    uscc: text('uscc'),
    kind: text('kind'),
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    headcount: integer('headcount'),
    partyMembers: integer('party_members'),
    /** Its party organisation, often under another system (outside the community's subtree). */
    partyOrgId: bigint('party_org_id', { mode: 'number' }).references(() => organizations.id),
    relation: text('relation').notNull().default('cooperate'),
    liaisonAccountId: bigint('liaison_account_id', { mode: 'number' }).references(() => accounts.id),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('resident_units_new_org_key').on(t.newOrgId),
    uniqueIndex('resident_units_uscc_key')
      .on(t.uscc)
      .where(sql`${t.uscc} is not null`),
    index('resident_units_org_idx').on(t.orgId),
    index('resident_units_liaison_idx')
      .on(t.liaisonAccountId)
      .where(sql`${t.liaisonAccountId} is not null`),
    index('resident_units_party_org_idx')
      .on(t.partyOrgId)
      .where(sql`${t.partyOrgId} is not null`),
    check('resident_units_relation_check', sql`${t.relation} in ('direct', 'dual', 'cooperate')`),
    check(
      'resident_units_kind_check',
      sql`${t.kind} is null or ${t.kind} in ('organ', 'institution', 'state_enterprise', 'private_enterprise', 'school', 'hospital', 'social_organization', 'other')`,
    ),
    check(
      'resident_units_identity_check',
      sql`(${t.newOrgId} is null and ${t.name} is not null and ${t.kind} is not null) or (${t.newOrgId} is not null and ${t.name} is null and ${t.uscc} is null and ${t.kind} is null and ${t.address} is null and ${t.headcount} is null and ${t.partyMembers} is null)`,
    ),
    check('resident_units_counts_check', sql`${t.headcount} >= 0 and ${t.partyMembers} >= 0`),
  ],
);

/** The units with a linked new organisation's identity fields coalesced in (drizzle/0028, hand-written). */
export const residentUnitsV = pgView('resident_units_v', {
  id: bigint('id', { mode: 'number' }).notNull(),
  orgId: bigint('org_id', { mode: 'number' }).notNull(),
  newOrgId: bigint('new_org_id', { mode: 'number' }),
  name: text('name').notNull(),
  uscc: text('uscc'),
  kind: text('kind').notNull(),
  address: text('address'),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  headcount: integer('headcount'),
  partyMembers: integer('party_members'),
  partyOrgId: bigint('party_org_id', { mode: 'number' }),
  relation: text('relation').notNull(),
  liaisonAccountId: bigint('liaison_account_id', { mode: 'number' }),
  endedOn: date('ended_on', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
}).existing();

/**
 * Collaboration zones (党建协作区, seed 000), held by a street or district (`org_id`, the scope), with a lead
 * organisation; their members are communities and other organisations or resident units.
 */
export const collabZones = pgTable(
  'collab_zones',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    leadOrgId: bigint('lead_org_id', { mode: 'number' }).references(() => organizations.id),
    leadUnitId: bigint('lead_unit_id', { mode: 'number' }).references(() => residentUnits.id),
    note: text('note'),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('collab_zones_name_key').on(t.orgId, t.name),
    check('collab_zones_lead_check', sql`num_nonnulls(${t.leadOrgId}, ${t.leadUnitId}) <= 1`),
  ],
);

/** A zone's member: an organisation (a community, a unit's party organisation) or a resident unit. */
export const collabZoneMembers = pgTable(
  'collab_zone_members',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The zone's holder (scope and audit), equal to `collab_zones.org_id`. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    zoneId: bigint('zone_id', { mode: 'number' })
      .notNull()
      .references(() => collabZones.id, { onDelete: 'cascade' }),
    memberOrgId: bigint('member_org_id', { mode: 'number' }).references(() => organizations.id),
    unitId: bigint('unit_id', { mode: 'number' }).references(() => residentUnits.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('collab_zone_members_org_key').on(t.zoneId, t.memberOrgId),
    uniqueIndex('collab_zone_members_unit_key').on(t.zoneId, t.unitId),
    index('collab_zone_members_member_org_idx').on(t.memberOrgId),
    index('collab_zone_members_unit_idx').on(t.unitId),
    check('collab_zone_members_one_check', sql`num_nonnulls(${t.memberOrgId}, ${t.unitId}) = 1`),
  ],
);

/**
 * Live co-building figures of each organisation's whole subtree: `units`, `kind:<k>`, `relation:<r>`, `linked`
 * (units that are registered new organisations), `parttime` (current committee posts held by a unit's person).
 * Kept by triggers in the same transaction (drizzle/0028); derived data, not audited.
 */
export const unitFigures = pgTable(
  'unit_figures',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.metric] })],
);
