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
