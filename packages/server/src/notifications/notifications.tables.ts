import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../db/schema.js';

/**
 * 站内消息: one message addressed to one account. Messages are written in the transaction of the change they
 * tell about (that change carries the audit rows), or by a job; the account reads them, marks them read (an
 * audit event), and they are deleted after 180 days. No row trigger: a message is a copy of a recorded fact,
 * and its expiry would fill the audit trail with deletions of copies.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** What happened, `<module>.<event>` (`transfers.arrived`): the page may group or filter by it. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Where it is acted on: a console path (`/transfers?box=inbox`) or a phone one (`/m/…`). */
    link: text('link'),
    /**
     * Makes a message idempotent: a second one with the same key for the same account is not written (a job run
     * twice, a retried request).
     */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('notifications_account_idx').on(t.accountId, t.createdAt.desc(), t.id.desc()),
    // The header's unread count: an index of the unread messages only.
    index('notifications_unread_idx')
      .on(t.accountId)
      .where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_dedupe_key').on(t.accountId, t.dedupeKey),
    index('notifications_created_idx').on(t.createdAt),
  ],
);

/**
 * The workbench items an account has been told about, and at which stage (`soon`: within the reminder window,
 * `overdue`: past the day): the reminder job tells about each item once per stage (and again if its day moves).
 */
export const dueNotices = pgTable(
  'due_notices',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    stage: text('stage', { enum: ['soon', 'overdue'] }).notNull(),
    dueOn: text('due_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.key, t.stage, t.dueOn] }),
    index('due_notices_created_idx').on(t.createdAt),
  ],
);

/**
 * How an account wants messages delivered beyond the page: at once or in a daily digest (for an email or SMS
 * channel, none of which is configured yet: see notifications.channels.ts). Audited (entity
 * `notification_setting`).
 */
export const notificationSettings = pgTable('notification_settings', {
  accountId: bigint('account_id', { mode: 'number' })
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** The account's organisation: where the audit row is scoped. */
  orgId: bigint('org_id', { mode: 'number' }).notNull(),
  digest: text('digest', { enum: ['immediate', 'daily'] })
    .notNull()
    .default('immediate'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
