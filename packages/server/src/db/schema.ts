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
  primaryKey,
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
    // Terms coming due in a subtree (org-checks.repo.ts): a range of paths, and what the rule reads of each.
    index('organizations_term_idx')
      .on(t.path, t.termStartedOn, t.type)
      .where(sql`term_started_on is not null`),
  ],
);

/** Party members (DOMAIN §2). The organisation holding the relationship is `org_id`; where they were before is in member_history. */
export const members = pgTable(
  'members',
  {
    id: id(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity'),
    idNumber: text('id_number').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    phone: text('phone'),
    education: text('education'),
    status: text('status').notNull(),
    category: text('category').notNull(),
    managementMode: text('management_mode').notNull().default('direct'),
    joinedOn: date('joined_on', { mode: 'string' }),
    fullMemberOn: date('full_member_on', { mode: 'string' }),
    residence: text('residence'),
    employer: text('employer'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Search keys computed from the name with pinyin-pro (members/pinyin.ts): "zhangsanfeng", "zsf". */
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    /** Pinyin order: syllables separated by spaces, then the name itself to break ties. */
    sortKey: text('sort_key').notNull().default(''),
    /**
     * Set when the member left the platform (the receipt of a letter out came back): the profile and its
     * history stay, but the member is no longer in any active list, count or rule.
     */
    leftOn: date('left_on', { mode: 'string' }),
    leftReason: text('left_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_id_number_key').on(t.idNumber),
    // Carries what lists filter a subtree's members by, organisation by organisation, so that sorting a page's
    // keys and matching a name or pinyin stay index-only scans (INCLUDE written in drizzle/0008).
    index('members_org_idx').on(t.orgId, t.sortKey, t.id),
    index('members_sort_idx').on(t.sortKey, t.id),
    index('members_phone_idx').on(t.phone),
    index('members_tags_gin').using('gin', t.tags),
    // The workbench counts a scope's probationary members coming due from these entries alone: a range of
    // joined_on, the organisation checked against the scope's, the id for the key (members.repo.ts probationDue).
    index('members_probation_idx')
      .on(t.joinedOn, t.orgId, t.id)
      .where(sql`status = 'probationary' and left_on is null`),
  ],
);

/** Where a member's relationship was held, dated; a move closes one row and opens the next, never rewrites. */
export const memberHistory = pgTable(
  'member_history',
  {
    id: id(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** The organisation's name at the time, so history reads right after renames or deletions elsewhere. */
    orgName: text('org_name').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }),
    reason: text('reason').notNull(),
    /** Why the row closed, when it closed other than by a move (the member left the platform). */
    endReason: text('end_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('member_history_member_idx').on(t.memberId, t.fromOn)],
);

/** 组织关系转接: within the platform (to_org_id), out of it (to_org_name only) or into it (from_org_name only). */
export const memberTransfers = pgTable(
  'member_transfers',
  {
    id: id(),
    kind: text('kind').notNull(),
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id),
    memberName: text('member_name').notNull(),
    /** The organisation that owns the record for scope and audit: the sender, or the receiver of an incoming letter. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    fromOrgId: bigint('from_org_id', { mode: 'number' }).references(() => organizations.id),
    fromOrgName: text('from_org_name').notNull(),
    toOrgId: bigint('to_org_id', { mode: 'number' }).references(() => organizations.id),
    toOrgName: text('to_org_name').notNull(),
    letterNo: text('letter_no').notNull(),
    duesPaidTo: text('dues_paid_to').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    returnReason: text('return_reason'),
    decidedOn: date('decided_on', { mode: 'string' }),
    receiptDueOn: date('receipt_due_on', { mode: 'string' }),
    receiptReceivedOn: date('receipt_received_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('member_transfers_org_idx').on(t.orgId, t.createdAt),
    index('member_transfers_from_idx').on(t.fromOrgId, t.createdAt),
    index('member_transfers_to_idx').on(t.toOrgId, t.createdAt),
    index('member_transfers_member_idx').on(t.memberId),
    // The workbench's letters waiting at a receiver and receipts awaited by a sender (transfers.repo.ts): the
    // open letters only, a few hundred among the years of accepted ones.
    index('member_transfers_pending_idx')
      .on(t.toOrgId, t.validUntil, t.id)
      .where(sql`status = 'pending'`),
    index('member_transfers_issued_idx')
      .on(t.fromOrgId, t.receiptDueOn, t.id)
      .where(sql`status = 'issued'`),
  ],
);

/** 流动党员: outflow (our member away) or inflow (someone from elsewhere attending one of our organisations). */
export const floatingMembers = pgTable(
  'floating_members',
  {
    id: id(),
    direction: text('direction').notNull(),
    /** Outflow: the member on our roster. Inflow: set only when the person is on the platform's roster too. */
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id, { onDelete: 'cascade' }),
    /** Outflow: the organisation holding the relationship; inflow: the organisation they attend here. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    /** Outflow: where they went; inflow: where they came from. */
    place: text('place').notNull(),
    /** Outflow: the organisation they attend there; inflow: the one holding their relationship. */
    otherOrgName: text('other_org_name'),
    contact: text('contact'),
    certificateNo: text('certificate_no'),
    fixedPlace: boolean('fixed_place').notNull().default(true),
    since: date('since', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    lastReportedOn: date('last_reported_on', { mode: 'string' }),
    /**
     * Outflow: the member's category before registering set it to 流动党员, restored when the record ends (null when
     * they were already 流动党员: they come back as 居民党员).
     */
    previousCategory: text('previous_category'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('floating_members_org_idx').on(t.orgId, t.direction, t.since),
    index('floating_members_member_idx').on(t.memberId),
    // Members away now (the workbench's six-month and yearly-report reminders, floating.repo.ts): what both
    // conditions read, so that counting them reads index entries only.
    index('floating_members_away_idx')
      .on(t.orgId, t.since, t.id, t.fixedPlace, t.lastReportedOn)
      .where(sql`direction = 'out' and ended_on is null`),
  ],
);

/** 双报到: an in-service member registers with the community where they live, linked to their unit's organisation. */
export const inServiceRegistrations = pgTable(
  'in_service_registrations',
  {
    id: id(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** The community registered with: scope and audit follow it. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** The unit's party organisation (the member's organisation when registering). */
    unitOrgId: bigint('unit_org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    residence: text('residence'),
    wishes: text('wishes'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('in_service_org_idx').on(t.orgId, t.registeredOn),
    index('in_service_unit_idx').on(t.unitOrgId),
    uniqueIndex('in_service_active_key')
      .on(t.memberId)
      .where(sql`ended_on is null`),
  ],
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
    /** The party member this login belongs to, for members acting for themselves (双报到). */
    memberId: bigint('member_id', { mode: 'number' }).references(() => members.id, { onDelete: 'set null' }),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_username_key').on(sql`lower(${t.username})`),
    index('accounts_org_idx').on(t.orgId),
    // One login per member profile.
    uniqueIndex('accounts_member_key').on(t.memberId),
  ],
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
    // The audit page filters by the actor's username (accounts are never renamed; 'cli' and refused logins have no id).
    index('audit_logs_actor_name_idx').on(t.actorName, t.at),
    // The page's action filter (who exported, who revealed, …). An import's hundreds of thousands of rows are
    // left out, so imports pay nothing for it; filtering by member.import itself reads the time index.
    index('audit_logs_action_idx')
      .on(t.action, t.at)
      .where(sql`${t.action} <> 'member.import'`),
    // Scoping by the path's text as a prefix (`^@`, rechecked with `<@`): a btree costs an import a fraction
    // of what a GiST on the ltree did for each of its hundreds of thousands of audit rows.
    index('audit_logs_org_path_idx').on(sql`(${t.orgPath}::text) collate "C"`),
    // Login throttling (auth/login-throttle.ts) counts the last minutes' attempts of one IP and of one username.
    index('audit_logs_login_ip_idx')
      .on(t.ip, t.at)
      .where(sql`${t.action} in ('auth.login', 'auth.login_failed', 'auth.login_refused_locked')`),
    index('audit_logs_login_name_idx')
      .on(sql`lower(${t.actorName})`, t.at)
      .where(sql`${t.action} in ('auth.login', 'auth.login_failed', 'auth.login_refused_locked')`),
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
    /** The resident unit the 兼职委员 comes from (units module; the foreign key is in drizzle/0028). */
    homeUnitId: bigint('home_unit_id', { mode: 'number' }),
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

/**
 * Live figures of each organisation's whole subtree (DOMAIN §9): one counter per (organisation, metric),
 * e.g. `category:retired`, `status:full`, `gender:female`, `new_org:blank`, `new_org_employees`. Kept current
 * in the same transaction by statement-level triggers on members and new_organizations (drizzle/0007), so a
 * district's figures are a primary-key lookup, never a scan of its subtree. Derived data: not audited.
 */
export const orgFigures = pgTable(
  'org_figures',
  {
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.metric] })],
);

/**
 * Scheduled jobs (jobs/runner.ts): one row per job, claimed by one server process at a time (`locked_by` until
 * `locked_until`, a lease a crashed process loses), with its next run and the outcome of its last one.
 */
export const jobs = pgTable('jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true, mode: 'string' }).notNull(),
  lockedBy: text('locked_by'),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true, mode: 'string' }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true, mode: 'string' }),
  lastStatus: text('last_status'),
  lastResult: jsonb('last_result'),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
  failures: integer('failures').notNull().default(0),
});

/** Every run of a job, newest last: when, where, how it ended. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: id(),
    job: text('job').notNull(),
    runner: text('runner').notNull(),
    /** The time the run was due (a fake clock in tests), and the database's own start and end. */
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
    status: text('status').notNull(),
    result: jsonb('result'),
    error: text('error'),
  },
  (t) => [index('job_runs_job_idx').on(t.job, t.id)],
);
