import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** PostgreSQL `ltree`: the organisation path, one label per ancestor id, e.g. `1.4.17`. */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    parentId: bigint('parent_id', { mode: 'number' }),
    // Set by the organizations_set_path trigger from the parent's path and the new id.
    path: ltree('path')
      .notNull()
      .default(sql`''`),
    name: text('name').notNull(),
    type: text('type').notNull(),
    sector: text('sector').notNull().default('regional'),
    code: text('code'),
    foundedOn: date('founded_on', { mode: 'string' }),
    address: text('address'),
    /** The unit (驻区单位 or new organisation) the party organisation belongs to, if any. */
    unitName: text('unit_name'),
    managementMode: text('management_mode').notNull().default('direct'),
    /** Start of the current committee's term; its end follows from the type (shared termYears). */
    termStartedOn: date('term_started_on', { mode: 'string' }),
    /** Members of the whole subtree, kept current by the members_rollup trigger (drizzle/0002). */
    fullMembers: integer('full_members').notNull().default(0),
    probationaryMembers: integer('probationary_members').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('organizations_path_key').on(t.path),
    index('organizations_path_gist').using('gist', t.path),
    index('organizations_parent_idx').on(t.parentId, t.name),
    uniqueIndex('organizations_code_key').on(t.code),
  ],
);

/** The members issue extends this table; the foundation needs it for counts, deletion rules and the demo city. */
export const members = pgTable(
  'members',
  {
    id: id(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    idNumber: text('id_number').notNull(),
    phone: text('phone'),
    status: text('status').notNull(),
    category: text('category').notNull(),
    joinedOn: date('joined_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('members_id_number_key').on(t.idNumber), index('members_org_idx').on(t.orgId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    role: text('role').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('accounts_username_key').on(sql`lower(${t.username})`), index('accounts_org_idx').on(t.orgId)],
);

/** Server-side sessions: the cookie carries a random token, the table keeps only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** Written only by the audit triggers and auditEvent(); triggers refuse UPDATE and DELETE. */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorId: bigint('actor_id', { mode: 'number' }),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    orgPath: ltree('org_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_logs_at_idx').on(t.at),
    index('audit_logs_entity_idx').on(t.entity, t.entityId, t.at),
    index('audit_logs_actor_idx').on(t.actorId, t.at),
    index('audit_logs_org_path_gist').using('gist', t.orgPath),
  ],
);

/** Leadership posts (班子): a row per person per post; ending a post keeps it as history. */
export const teamPosts = pgTable(
  'team_posts',
  {
    id: id(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id, { onDelete: 'set null' }),
    personName: text('person_name').notNull(),
    position: text('position').notNull(),
    /** For 兼职委员: the resident unit the person comes from. */
    homeUnit: text('home_unit'),
    /** Cross-appointment (交叉任职): the person's post in the residents' committee, if any. */
    residentsPost: text('residents_post'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('team_posts_org_idx').on(t.orgId, t.endedOn)],
);

/** Registry of new economic and social organisations (两新组织), held by the community or street that manages them. */
export const newOrganizations = pgTable(
  'new_organizations',
  {
    id: id(),
    /** The community (or street) the organisation is located in and managed by: its scope. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    kind: text('kind').notNull(),
    industry: text('industry').notNull(),
    address: text('address'),
    grid: text('grid'),
    employees: integer('employees').notNull().default(0),
    partyMembers: integer('party_members').notNull().default(0),
    ownOrgId: bigint('own_org_id', { mode: 'number' }).references(() => organizations.id),
    jointBranchId: bigint('joint_branch_id', { mode: 'number' }).references(() => organizations.id),
    instructorName: text('instructor_name'),
    instructorPhone: text('instructor_phone'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('new_organizations_uscc_key').on(t.uscc),
    index('new_organizations_org_idx').on(t.orgId),
    index('new_organizations_joint_idx').on(t.jointBranchId),
  ],
);
