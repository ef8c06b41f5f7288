import {
  chinaToday,
  DUES_KIND_LABELS,
  DUES_PAYMENT_METHOD_LABELS,
  duesKindHasBase,
  duesLastDueMonth,
  duesMonthAdd,
  duesMonthCount,
  duesMonthRange,
  duesMonthsBehind,
  duesStandardFen,
  fenToYuan,
  LAPSED_WARN_MONTHS,
  MEMBER_STATUS_LABELS,
} from '@gongjian/shared';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { streamWorkbook, type SheetColumn } from '../http/xlsx.js';
import { requireMember, requireMemberRecord } from '../members/members.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import {
  baseFor,
  findPayment,
  memberBases,
  memberPayments,
  paidToOf,
  roster,
  subtreePayments,
  toPayment,
  toRosterRow,
  totals,
} from './dues.repo.js';
import type {
  BatchPaymentIn,
  DuesBaseIn,
  DuesRosterQuery,
  DuesRosterRow,
  DuesTotals,
  PaymentIn,
} from './dues.schema.js';
import { duesAccounts, duesBases, duesMonths, duesPayments, lapsedFlags } from './dues.tables.js';

const yuan = (fen: number) => `${fenToYuan(fen)}元`;
const cnMonth = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** Records (or corrects) a member's base for a year and the monthly amount it gives. */
export async function saveBase(db: Db, actor: Actor, ctx: AuditContext, input: DuesBaseIn) {
  const hasBase = duesKindHasBase(input.kind);
  if (hasBase && (input.baseFen === null || input.baseFen === undefined)) {
    throw invalid('baseFen', input.kind === 'employed' ? '在职党员须填写税后月收入' : '离退休党员须填写月养老金');
  }
  const baseFen = hasBase ? (input.baseFen ?? 0) : null;
  const standardFen = duesStandardFen(input.kind, baseFen);
  const monthlyFen = input.monthlyFen ?? standardFen;
  if (monthlyFen < standardFen) throw invalid('monthlyFen', `不能少于按规定应交的${yuan(standardFen)}`);
  return audited(db, ctx, 'dues.base.save', async (tx) => {
    const member = await requireMember(tx, actor, input.memberId, true);
    const values = { kind: input.kind, baseFen, standardFen, monthlyFen, orgId: member.org_id };
    await tx
      .insert(duesBases)
      .values({ memberId: member.id, year: input.year, ...values })
      .onConflictDoUpdate({
        target: [duesBases.memberId, duesBases.year],
        set: { ...values, updatedAt: sql`now()` },
      });
    return { memberId: member.id, year: input.year, kind: input.kind, baseFen, standardFen, monthlyFen };
  });
}

/** One member's payment inside the caller's transaction: the rules, the rows, the kept "paid up to". */
async function pay(
  tx: Queryable,
  actor: Actor,
  memberId: number,
  input: {
    fromMonth?: string;
    toMonth: string;
    amountFen?: number;
    method: PaymentIn['method'];
    paidOn: string;
    note?: string | null;
  },
  today: string,
) {
  const member = await requireMember(tx, actor, memberId, true);
  const paidTo = await paidToOf(tx, member.id, true);
  const next = paidTo === null ? undefined : duesMonthAdd(paidTo, 1);
  const from = paidTo === null ? input.fromMonth : (input.fromMonth ?? next);
  if (!from) throw invalid('fromMonth', `${member.name}尚无缴费记录，请填写起始月份`);
  if (paidTo !== null && input.toMonth <= paidTo) {
    throw conflict(`${member.name}的党费已交至${cnMonth(paidTo)}，${cnMonth(input.toMonth)}已缴纳，不能重复缴纳`);
  }
  if (paidTo !== null && from <= paidTo) {
    throw conflict(`${member.name}的党费已交至${cnMonth(paidTo)}，${cnMonth(from)}已缴纳，不能重复缴纳`);
  }
  if (next !== undefined && from !== next) {
    throw conflict(`${member.name}的党费已交至${cnMonth(paidTo!)}，应从${cnMonth(next)}起连续缴纳`);
  }
  if (input.toMonth < from) throw invalid('toMonth', '不能早于起始月份');
  const months = duesMonthCount(from, input.toMonth);
  if (months > 60) throw invalid('toMonth', '一次最多缴纳60个月');
  if (input.toMonth > duesMonthAdd(today.slice(0, 7), 12)) throw invalid('toMonth', '最多预交12个月');
  const bases = await memberBases(tx, member.id);
  const range = duesMonthRange(from, input.toMonth);
  const perMonth = range.map((m) => baseFor(bases, Number(m.slice(0, 4)))?.monthly_fen);
  const owed = perMonth.every((f) => f !== undefined) ? perMonth.reduce<number>((s, f) => s + (f ?? 0), 0) : null;
  if (input.amountFen === undefined && owed === null) {
    throw invalid('amountFen', `${member.name}未核定党费基数，请填写金额`);
  }
  if (input.amountFen !== undefined && owed !== null && input.amountFen < owed) {
    throw invalid('amountFen', `不能少于应交的${yuan(owed)}（${months}个月）`);
  }
  const amountFen = input.amountFen ?? owed ?? 0;
  if (amountFen <= 0) throw invalid('amountFen', '应大于0');
  const [created] = await tx
    .insert(duesPayments)
    .values({
      memberId: member.id,
      orgId: member.org_id,
      fromMonth: from,
      toMonth: input.toMonth,
      months,
      amountFen,
      method: input.method,
      paidOn: input.paidOn,
      note: input.note ?? null,
    })
    .returning({ id: duesPayments.id });
  const paymentId = (created as { id: number }).id;
  // The key of dues_months refuses a month paid twice, whatever raced the checks above.
  await tx.insert(duesMonths).values(range.map((month) => ({ memberId: member.id, month, paymentId })));
  await tx
    .insert(duesAccounts)
    .values({ memberId: member.id, orgId: member.org_id, paidTo: input.toMonth })
    .onConflictDoUpdate({ target: duesAccounts.memberId, set: { paidTo: input.toMonth, updatedAt: sql`now()` } });
  // Paid again: a dues flag goes at once (the daily job would take it away tomorrow).
  if (duesMonthsBehind(input.toMonth, today) < LAPSED_WARN_MONTHS) {
    await tx.delete(lapsedFlags).where(and(eq(lapsedFlags.memberId, member.id), eq(lapsedFlags.reason, 'dues')));
  }
  return paymentId;
}

function checkPaidOn(paidOn: string, today: string) {
  if (paidOn > today) throw invalid('paidOn', '不能晚于今天');
}

async function loadPayment(db: Queryable, actor: Actor, id: number) {
  const row = await findPayment(db, actor, id);
  if (!row) throw notFound('缴费记录');
  return toPayment(row);
}

export async function recordPayment(db: Db, actor: Actor, ctx: AuditContext, input: PaymentIn) {
  const today = chinaToday();
  checkPaidOn(input.paidOn, today);
  return audited(db, ctx, 'dues.payment.record', async (tx) => {
    const id = await pay(tx, actor, input.memberId, input, today);
    return loadPayment(tx, actor, id);
  });
}

/** Several members at once (a branch's collection day), each from the month after the one paid up to. */
export async function recordBatch(db: Db, actor: Actor, ctx: AuditContext, input: BatchPaymentIn) {
  const today = chinaToday();
  checkPaidOn(input.paidOn, today);
  const ids = [...new Set(input.memberIds)].sort((a, b) => a - b);
  return audited(db, ctx, 'dues.payment.batch', async (tx) => {
    const created: number[] = [];
    for (const memberId of ids) {
      const paidTo = await paidToOf(tx, memberId);
      created.push(
        await pay(tx, actor, memberId, { ...input, fromMonth: paidTo === null ? input.fromMonth : undefined }, today),
      );
    }
    const items = [];
    for (const id of created) items.push(await loadPayment(tx, actor, id));
    return { items };
  });
}

/** Takes back a member's latest payment (entered by mistake); the months it covered are open again. */
export async function deletePayment(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  await audited(db, ctx, 'dues.payment.delete', async (tx) => {
    const payment = await loadPayment(tx, actor, id);
    const member = await requireMemberRecord(tx, actor, payment.memberId, true);
    const paidTo = await paidToOf(tx, member.id, true);
    if (paidTo !== payment.toMonth) throw conflict('只能撤销该党员最近的一笔缴费');
    await tx.delete(duesPayments).where(eq(duesPayments.id, id));
    const [previous] = await queryRows<{ to_month: string }>(
      tx,
      sql`select to_month from dues_payments where member_id = ${member.id} order by to_month desc limit 1`,
    );
    // Before its first payment here, a member received by transfer was paid up to the letter's 党费交至.
    const before = duesMonthAdd(payment.fromMonth, -1);
    const [seeded] = previous
      ? []
      : await queryRows<{ n: number }>(
          tx,
          sql`select 1 as n from member_transfers
               where member_id = ${member.id} and status = 'accepted' and dues_paid_to = ${before} limit 1`,
        );
    if (previous || seeded) {
      await tx
        .update(duesAccounts)
        .set({ paidTo: previous?.to_month ?? before, updatedAt: sql`now()` })
        .where(eq(duesAccounts.memberId, member.id));
    } else {
      await tx.delete(duesAccounts).where(eq(duesAccounts.memberId, member.id));
    }
  });
}

export async function listPayments(db: Db, actor: Actor, query: { memberId?: number; orgId?: number; month?: string }) {
  if (query.memberId !== undefined) {
    const member = await requireMemberRecord(db, actor, query.memberId);
    return { items: (await memberPayments(db, member.id)).map(toPayment) };
  }
  const root = await requireScopeRoot(db, actor, query.orgId);
  const month = query.month ?? chinaToday().slice(0, 7);
  return { items: (await subtreePayments(db, root.path, month)).map(toPayment) };
}

/** A member's dues card: paid up to, the monthly amount, the payments. */
export async function memberDues(db: Queryable, actor: Actor, memberId: number) {
  const member = await requireMemberRecord(db, actor, memberId);
  return memberDuesOf(db, member);
}

async function memberDuesOf(db: Queryable, member: { id: number; name: string; org_name: string }) {
  const today = chinaToday();
  const [paidTo, bases, payments] = [
    await paidToOf(db, member.id),
    await memberBases(db, member.id),
    await memberPayments(db, member.id),
  ];
  const base = baseFor(bases, Number(today.slice(0, 4)));
  return {
    memberId: member.id,
    name: member.name,
    orgName: member.org_name,
    paidTo,
    monthsBehind: paidTo === null ? null : duesMonthsBehind(paidTo, today),
    monthlyFen: base?.monthly_fen ?? null,
    kind: base?.kind ?? null,
    payments: payments.map(toPayment),
  };
}

/** 我的党费: the member's own card, through the account's link to its member. */
export async function myDues(db: Queryable, actor: Actor) {
  if (actor.memberId === null) throw notFound('党员档案');
  const [member] = await queryRows<{ id: number; name: string; org_name: string }>(
    db,
    sql`select m.id::int as id, m.name, o.name as org_name from members m join organizations o on o.id = m.org_id
         where m.id = ${actor.memberId}`,
  );
  if (!member) throw notFound('党员档案');
  return memberDuesOf(db, member);
}

export async function listRoster(db: Db, actor: Actor, query: DuesRosterQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const year = query.year ?? Number(today.slice(0, 4));
  const { rows, total } = await roster(
    db,
    root.path,
    { year, behind: query.behind, today },
    query.page,
    query.pageSize,
  );
  return {
    items: rows.map((r) => toRosterRow(r, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    year,
    dueMonth: duesLastDueMonth(today),
  };
}

const ROSTER_COLUMNS: SheetColumn<DuesRosterRow>[] = [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '所在组织', width: 24, value: (r) => r.orgName },
  { header: '党员类型', width: 10, value: (r) => MEMBER_STATUS_LABELS[r.status] },
  { header: '缴费类别', width: 18, value: (r) => (r.kind ? DUES_KIND_LABELS[r.kind] : '未核定') },
  { header: '基数（元）', width: 12, value: (r) => (r.baseFen === null ? '' : fenToYuan(r.baseFen)) },
  { header: '月缴（元）', width: 10, value: (r) => (r.monthlyFen === null ? '' : fenToYuan(r.monthlyFen)) },
  { header: '交至', width: 10, value: (r) => r.paidTo ?? '无记录' },
  { header: '欠缴月数', width: 10, value: (r) => r.monthsBehind ?? '' },
];

export async function exportRoster(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  query: Omit<DuesRosterQuery, 'page' | 'pageSize'>,
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const year = query.year ?? Number(today.slice(0, 4));
  const { total } = await roster(db, root.path, { year, behind: query.behind, today }, 1, 1);
  await auditEvent(db, ctx, {
    action: 'dues.export',
    entity: 'dues_payment',
    orgPath: root.path,
    after: { filter: { ...query, list: query.behind ? 'behind' : 'roster' }, rows: total },
  });
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await roster(db, root.path, { year, behind: query.behind, today }, page, 1000);
      if (rows.length) yield rows.map((r) => toRosterRow(r, today));
      if (rows.length < 1000) return;
    }
  }
  return streamWorkbook(query.behind ? '欠缴党费' : '党费', ROSTER_COLUMNS, pages());
}

export async function readTotals(db: Db, actor: Actor, query: { orgId?: number; year?: number }): Promise<DuesTotals> {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const year = query.year ?? Number(today.slice(0, 4));
  const { months, counts } = await totals(db, root.path, year, today);
  return {
    orgId: root.id,
    orgName: root.name,
    year,
    months: months.map((m) => ({ month: m.month, amountFen: m.amount_fen, payments: m.payments })),
    yearFen: months.reduce((s, m) => s + m.amount_fen, 0),
    yearPayments: months.reduce((s, m) => s + m.payments, 0),
    members: root.size,
    upToDate: counts.up_to_date,
    behind: counts.behind,
    behind4: counts.behind4,
    noRecord: Math.max(0, root.size - counts.all),
  };
}

type TotalsRow = { month: string; amountFen: number; payments: number };
export const TOTALS_COLUMNS: SheetColumn<TotalsRow>[] = [
  { header: '月份', width: 10, value: (r) => r.month },
  { header: '收缴金额（元）', width: 16, value: (r) => fenToYuan(r.amountFen) },
  { header: '笔数', width: 8, value: (r) => r.payments },
];

export const PAYMENT_METHOD_TEXT = DUES_PAYMENT_METHOD_LABELS;
