import { bigint, date, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, organizations } from '../db/schema.js';

/**
 * An item of the workbench put aside by one account until a day, with the reason (audited: entity
 * `due_snooze`, scoped by the account's organisation). The item comes back on that day if it is still due.
 */
export const dueSnoozes = pgTable(
  'due_snoozes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The account's organisation: where the audit row is scoped. */
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The item's key (`members.probation:42`). */
    key: text('key').notNull(),
    until: date('until', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('due_snoozes_account_key').on(t.accountId, t.key)],
);
