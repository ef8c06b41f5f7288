import { duesLastDueMonth, duesMonthAdd, duesMonthsBehind, type DuesKind } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';
import type { DuesRosterRow, Payment } from './dues.schema.js';

type Scope = Pick<Actor, 'scopePath'>;

export type PaymentRow = {
  id: number;
  member_id: number;
  member_name: string;
  org_name: string;
  from_month: string;
  to_month: string;
  months: number;
  amount_fen: number;
  method: Payment['method'];
  paid_on: string;
  note: string | null;
};

const PAYMENT_COLUMNS = sql`p.id::int as id, p.member_id::int as member_id, m.name as member_name, o.name as org_name,
  p.from_month, p.to_month, p.months, p.amount_fen::int as amount_fen, p.method, p.paid_on::text as paid_on, p.note`;

export const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.member_name,
  orgName: r.org_name,
  fromMonth: r.from_month,
  toMonth: r.to_month,
  months: r.months,
  amountFen: r.amount_fen,
  method: r.method,
  paidOn: r.paid_on,
  note: r.note,
});

/** A member's payments, newest first (the member is checked in scope by the caller). */
export function memberPayments(db: Queryable, memberId: number) {
  return queryRows<PaymentRow>(
    db,
    sql`select ${PAYMENT_COLUMNS} from dues_payments p join members m on m.id = p.member_id
          join organizations o on o.id = p.org_id
         where p.member_id = ${memberId} order by p.to_month desc, p.id desc`,
  );
}

/** The payments received by a subtree's organisations in a month (by day of payment). */
export function subtreePayments(db: Queryable, rootPath: string, month: string) {
  const first = `${month}-01`;
  return queryRows<PaymentRow>(
    db,
    sql`select ${PAYMENT_COLUMNS} from dues_payments p join organizations o on o.id = p.org_id
          join members m on m.id = p.member_id
         where o.path <@ ${rootPath}::ltree and p.paid_on >= ${first}::date
           and p.paid_on < (${first}::date + interval '1 month')
         order by p.paid_on, p.id limit 5000`,
  );
}

/** A payment in the actor's scope (by the member's organisation now). */
export async function findPayment(db: Queryable, scope: Scope, id: number) {
  const [row] = await queryRows<PaymentRow>(
    db,
    sql`select ${PAYMENT_COLUMNS} from dues_payments p join members m on m.id = p.member_id
          join organizations mo on mo.id = m.org_id join organizations o on o.id = p.org_id
         where p.id = ${id} and ${pathInScope(scope, sql`mo.path`)}`,
  );
  return row;
}

export type BaseRow = {
  year: number;
  kind: DuesKind;
  base_fen: number | null;
  standard_fen: number;
  monthly_fen: number;
};

/** A member's bases, the latest year first. */
export function memberBases(db: Queryable, memberId: number) {
  return queryRows<BaseRow>(
    db,
    sql`select year, kind, base_fen::int as base_fen, standard_fen, monthly_fen from dues_bases
         where member_id = ${memberId} order by year desc`,
  );
}

/** The base that holds in a year: that year's, or else the latest before it. */
export const baseFor = (bases: readonly BaseRow[], year: number) => bases.find((b) => b.year <= year);

export async function paidToOf(db: Queryable, memberId: number, lock = false): Promise<string | null> {
  const [row] = await queryRows<{ paid_to: string }>(
    db,
    sql`select paid_to from dues_accounts where member_id = ${memberId} ${lock ? sql`for update` : sql``}`,
  );
  return row?.paid_to ?? null;
}

type RosterDbRow = {
  member_id: number;
  name: string;
  org_id: number;
  org_name: string;
  status: 'full' | 'probationary';
  kind: DuesKind | null;
  base_fen: number | null;
  standard_fen: number | null;
  monthly_fen: number | null;
  paid_to: string | null;
};

export function toRosterRow(r: RosterDbRow, today: string): DuesRosterRow {
  return {
    memberId: r.member_id,
    name: r.name,
    orgId: r.org_id,
    orgName: r.org_name,
    status: r.status,
    kind: r.kind,
    baseFen: r.base_fen,
    standardFen: r.standard_fen,
    monthlyFen: r.monthly_fen,
    paidTo: r.paid_to,
    monthsBehind: r.paid_to === null ? null : duesMonthsBehind(r.paid_to, today),
  };
}

/**
 * A subtree's active members with their dues: the year's base (or the latest before it) and the month paid up to
 * (kept in dues_accounts). `behind`: only those paid up to before last month or with nothing on record, the
 * longest behind first.
 */
export async function roster(
  db: Queryable,
  rootPath: string,
  filter: { year: number; behind: boolean; today: string },
  page: number,
  pageSize: number,
) {
  const due = duesLastDueMonth(filter.today);
  const where: SQL = sql`o.path <@ ${rootPath}::ltree and m.left_on is null
    ${filter.behind ? sql`and (a.paid_to is null or a.paid_to < ${due})` : sql``}`;
  const from = sql`from members m join organizations o on o.id = m.org_id
    left join dues_accounts a on a.member_id = m.id where ${where}`;
  const rows = await queryRows<RosterDbRow>(
    db,
    sql`select m.id::int as member_id, m.name, m.org_id::int as org_id, o.name as org_name, m.status,
               b.kind, b.base_fen::int as base_fen, b.standard_fen, b.monthly_fen, a.paid_to
          from members m join organizations o on o.id = m.org_id
          left join dues_accounts a on a.member_id = m.id
          left join lateral (select kind, base_fen, standard_fen, monthly_fen from dues_bases
                              where member_id = m.id and year <= ${filter.year} order by year desc limit 1) b on true
         where ${where}
         order by ${filter.behind ? sql`a.paid_to nulls last,` : sql``} m.sort_key, m.id
         limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  return { rows, total: counted?.n ?? 0 };
}

/**
 * A subtree's figures from the counters alone: collected per month of a year (dues_collected) and the active
 * members by month paid up to (dues_paid_to_counts), both read for the subtree's organisation ids.
 */
export async function totals(db: Queryable, rootPath: string, year: number, today: string) {
  const due = duesLastDueMonth(today);
  const behind4 = duesMonthAdd(due, -3);
  const ids = sql`array(select subpath(so.path, -1)::text::bigint from organizations so
    where so.path <@ ${rootPath}::ltree)`;
  const months = await queryRows<{ month: string; amount_fen: number; payments: number }>(
    db,
    sql`select month, sum(amount_fen)::bigint::int as amount_fen, sum(payments)::int as payments from dues_collected
         where org_id = any(${ids}) and month between ${`${year}-01`} and ${`${year}-12`}
         group by month order by month`,
  );
  const [counts] = await queryRows<{ all: number; up_to_date: number; behind: number; behind4: number }>(
    db,
    sql`select coalesce(sum(n), 0)::int as all,
               coalesce(sum(n) filter (where paid_to >= ${due}), 0)::int as up_to_date,
               coalesce(sum(n) filter (where paid_to < ${due}), 0)::int as behind,
               coalesce(sum(n) filter (where paid_to < ${behind4}), 0)::int as behind4
          from dues_paid_to_counts where org_id = any(${ids})`,
  );
  return { months, counts: counts ?? { all: 0, up_to_date: 0, behind: 0, behind4: 0 } };
}

export type LapsedDbRow = {
  id: number;
  member_id: number;
  name: string;
  org_id: number;
  org_name: string;
  reason: 'dues' | 'org_life';
  stage: number;
  since: string | null;
  flagged_on: string;
};

const LAPSED_COLUMNS = sql`f.id::int as id, f.member_id::int as member_id, m.name, f.org_id::int as org_id,
  o.name as org_name, f.reason, f.stage, f.since, f.flagged_on::text as flagged_on`;

export async function lapsedList(db: Queryable, rootPath: string, where: SQL, page: number, pageSize: number) {
  const from = sql`from lapsed_flags f join organizations o on o.id = f.org_id join members m on m.id = f.member_id
    where o.path <@ ${rootPath}::ltree and ${where}`;
  const rows = await queryRows<LapsedDbRow>(
    db,
    sql`select ${LAPSED_COLUMNS} ${from} order by f.stage desc, f.since nulls first, f.id
         limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  return { rows, total: counted?.n ?? 0 };
}
