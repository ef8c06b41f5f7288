import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { members, organizations } from '../db/schema.js';

const memberId = () =>
  bigint('member_id', { mode: 'number' })
    .notNull()
    .references(() => members.id, { onDelete: 'cascade' });
const orgId = () =>
  bigint('org_id', { mode: 'number' })
    .notNull()
    .references(() => organizations.id);

/**
 * A member's dues base for a year (核定党费基数), recorded by the branch: the kind (employed, retired, flat), the
 * income or pension in fen, the standard amount the 2008 rules give (`duesStandardFen`) and the monthly amount
 * the member pays (≥ the standard: a member may pay more). Audited (`dues_base`).
 */
export const duesBases = pgTable(
  'dues_bases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: memberId(),
    /** The member's organisation when recorded: where the audit row is scoped. */
    orgId: orgId(),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    baseFen: bigint('base_fen', { mode: 'number' }),
    standardFen: integer('standard_fen').notNull(),
    monthlyFen: integer('monthly_fen').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dues_bases_member_year').on(t.memberId, t.year)],
);

/**
 * A payment recorded by the branch: the consecutive months it covers (`YYYY-MM`), the amount in fen, how (现金/转账)
 * and the day. Each month is also a row of dues_months, whose key refuses a month paid twice. Audited
 * (`dues_payment`); the collected totals (dues_collected) follow by trigger.
 */
export const duesPayments = pgTable(
  'dues_payments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: memberId(),
    /** The organisation that collected it (the member's then): the totals count it there, moves or not. */
    orgId: orgId(),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    months: integer('months').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    method: text('method').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('dues_payments_member_idx').on(t.memberId, t.toMonth),
    index('dues_payments_org_idx').on(t.orgId, t.paidOn),
  ],
);

/** The months paid, one row each: the primary key is the database's refusal of a month paid twice. */
export const duesMonths = pgTable(
  'dues_months',
  {
    memberId: memberId(),
    month: text('month').notNull(),
    paymentId: bigint('payment_id', { mode: 'number' })
      .notNull()
      .references(() => duesPayments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.month] }), index('dues_months_payment_idx').on(t.paymentId)],
);

/**
 * "Paid up to" per member, kept by the payments' service (never scanned from the payments): the latest month
 * paid, the member's organisation and whether the member is active (both kept by a trigger on members). A member
 * with no payment on the platform has no row. Derived data: not audited (the payments are).
 */
export const duesAccounts = pgTable(
  'dues_accounts',
  {
    memberId: bigint('member_id', { mode: 'number' })
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    active: boolean('active').notNull().default(true),
    paidTo: text('paid_to').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    // Who is behind in a subtree: the organisation's active accounts in paid_to order.
    index('dues_accounts_org_idx')
      .on(t.orgId, t.paidTo, t.memberId)
      .where(sql`active`),
  ],
);

/** Collected per organisation and month of payment (counters kept by a trigger on dues_payments). */
export const duesCollected = pgTable(
  'dues_collected',
  {
    orgId: orgId(),
    month: text('month').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    payments: integer('payments').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month] })],
);

/**
 * How many active members of an organisation are paid up to each month (counters kept by a trigger on
 * dues_accounts): who is behind in a subtree is a sum of these, not a scan of its members.
 */
export const duesPaidToCounts = pgTable(
  'dues_paid_to_counts',
  {
    orgId: orgId(),
    paidTo: text('paid_to').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.paidTo] })],
);

/**
 * A member without dues or organisational life for 4 months or more (党章 §9), written by the daily job
 * `dues.lapsed`: stage 4 (told to the branch, early enough to act) or 6 (listed). The row goes when the member
 * pays or attends again. Audited (`lapsed_flag`, the system as actor).
 */
export const lapsedFlags = pgTable(
  'lapsed_flags',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: memberId(),
    orgId: orgId(),
    /** `dues` or `org_life`. */
    reason: text('reason').notNull(),
    stage: integer('stage').notNull(),
    /**
     * Since when: the month paid up to (dues), or the day of the last meeting attended or, without one, the first
     * meeting the member missed (org_life). The months are counted from it when read.
     */
    since: text('since'),
    flaggedOn: date('flagged_on', { mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lapsed_flags_member_reason').on(t.memberId, t.reason),
    index('lapsed_flags_org_idx').on(t.orgId, t.stage, t.id),
  ],
);
