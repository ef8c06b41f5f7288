import {
  addDays,
  addMonths,
  chinaToday,
  TRANSFER_KIND_LABELS,
  TRANSFER_MAX_VALID_MONTHS,
  TRANSFER_STATUS_LABELS,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { paidToOf } from '../dues/dues.repo.js';
import { seedPaidToFromLetter } from '../dues/dues.transfer.js';
import { audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { memberTransfers } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { streamWorkbook } from '../http/xlsx.js';
import { notifyMember, notifyNearestStaff } from '../notifications/notifications.service.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import {
  assertIdNumberFree,
  createMemberIn,
  leaveMember,
  moveMember,
  requireMember,
  rejoinMember,
} from '../members/members.service.js';
import {
  findDestinations,
  findTransfer,
  listTransfers,
  nextLetterNo,
  pendingTransferOf,
  toTransfer,
  type TransferRow,
} from './transfers.repo.js';
import type {
  CreateTransfer,
  IncomingTransfer,
  Transfer,
  TransferExportQuery,
  TransferListQuery,
} from './transfers.schema.js';

const TRANSFER = '转接记录';

async function requireTransfer(db: Queryable, actor: Actor, id: number, lock = false): Promise<TransferRow> {
  const row = await findTransfer(db, actor, id, lock);
  if (!row) throw notFound(TRANSFER);
  return row;
}

async function load(db: Queryable, actor: Actor, id: number): Promise<Transfer> {
  return toTransfer(await requireTransfer(db, actor, id), chinaToday());
}

export const getTransfer = load;
export { requireTransfer };

async function boxFilter(db: Db, actor: Actor, query: TransferExportQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const end = query.box === 'in' ? sql`t.to_org_id` : sql`t.from_org_id`;
  const parts = [sql`exists (select 1 from organizations e where e.id = ${end} and e.path <@ ${root.path}::ltree)`];
  if (query.status) parts.push(sql`t.status = ${query.status}`);
  if (query.receiptOverdue) parts.push(sql`t.status = 'issued' and t.receipt_due_on < ${chinaToday()}::date`);
  return { root, where: sql.join(parts, sql` and `) };
}

export async function listBox(db: Db, actor: Actor, query: TransferListQuery) {
  const { where } = await boxFilter(db, actor, query);
  const { rows, total } = await listTransfers(db, actor, where, query.page, query.pageSize);
  const now = chinaToday();
  return { items: rows.map((r) => toTransfer(r, now)), total, page: query.page, pageSize: query.pageSize };
}

/** The inbox or outbox as .xlsx (ID numbers masked as on screen), audited with its filter and row count. */
export async function exportBox(db: Db, actor: Actor, ctx: AuditContext, query: TransferExportQuery) {
  const { root, where } = await boxFilter(db, actor, query);
  const { total } = await listTransfers(db, actor, where, 1, 1);
  await auditEvent(db, ctx, {
    action: 'member.transfer.export',
    entity: 'member_transfer',
    orgPath: root.path,
    after: { filter: query, rows: total },
  });
  const now = chinaToday();
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await listTransfers(db, actor, where, page, 1000);
      if (rows.length) yield rows.map((r) => toTransfer(r, now));
      if (rows.length < 1000) return;
    }
  }
  const column = (header: string, width: number, value: (t: Transfer) => string | null) => ({
    header,
    width,
    value: (t: Transfer) => value(t) ?? '',
  });
  return streamWorkbook(
    query.box === 'in' ? '收到的转接' : '发出的转接',
    [
      column('介绍信编号', 24, (t) => t.letterNo),
      column('姓名', 10, (t) => t.memberName),
      column('身份证号', 22, (t) => t.memberIdNumber),
      column('类型', 12, (t) => TRANSFER_KIND_LABELS[t.kind]),
      column('状态', 10, (t) => TRANSFER_STATUS_LABELS[t.status] + (t.expired ? '（已过期）' : '')),
      column('转出组织', 24, (t) => t.fromOrgName),
      column('接收组织', 24, (t) => t.toOrgName),
      column('党费交至', 10, (t) => t.duesPaidTo),
      column('开具日期', 12, (t) => t.issuedOn),
      column('有效期至', 12, (t) => t.validUntil),
      column('办结日期', 12, (t) => t.decidedOn),
      column('退回理由', 20, (t) => t.returnReason),
      column('回执应回日期', 12, (t) => t.receiptDueOn),
      column('回执回收日期', 12, (t) => t.receiptReceivedOn),
      column('回执超期', 8, (t) => (t.receiptOverdue ? '是' : '')),
    ],
    pages(),
  );
}

export async function destinations(db: Db, q: string) {
  return { items: await findDestinations(db, q) };
}

/**
 * Issues a letter. To an organisation on the platform it waits for the receiver to accept; to one outside
 * it is printed and the sender stays responsible until the receipt comes back (within a month).
 */
export async function createTransfer(db: Db, actor: Actor, ctx: AuditContext, input: CreateTransfer) {
  if ((input.toOrgId === undefined) === (input.toOrgName === undefined)) {
    throw invalid('toOrgId', '请选择平台内的接收组织，或填写平台外接收组织的名称（二选一）');
  }
  return audited(db, ctx, 'member.transfer.issue', async (tx) => {
    const member = await requireMember(tx, actor, input.memberId, true);
    if (await pendingTransferOf(tx, member.id)) throw conflict(`${member.name}已有未办结的组织关系转接`);
    let toOrgName = input.toOrgName ?? '';
    if (input.toOrgId !== undefined) {
      // Any organisation on the platform may receive; the sender learns only its name.
      const [to] = await queryRows<{ id: number; name: string }>(
        tx,
        sql`select id::int as id, name from organizations where id = ${input.toOrgId}`,
      );
      if (!to) throw invalid('toOrgId', '接收组织不存在');
      if (to.id === member.org_id) throw invalid('toOrgId', '接收组织与党员现所在组织相同');
      toOrgName = to.name;
    }
    // 党费交至 comes from the dues records; typed only for a member the platform has none of.
    const duesPaidTo = (await paidToOf(tx, member.id)) ?? input.duesPaidTo;
    if (!duesPaidTo) throw invalid('duesPaidTo', `${member.name}尚无党费缴纳记录，请填写党费交至月份`);
    const issuedOn = chinaToday();
    const validUntil = addDays(issuedOn, input.validDays);
    if (validUntil > addMonths(issuedOn, TRANSFER_MAX_VALID_MONTHS)) throw invalid('validDays', '有效期最长3个月');
    const [created] = await tx
      .insert(memberTransfers)
      .values({
        kind: input.toOrgId !== undefined ? 'internal' : 'outgoing',
        memberId: member.id,
        memberName: member.name,
        orgId: member.org_id,
        fromOrgId: member.org_id,
        fromOrgName: member.org_name,
        toOrgId: input.toOrgId ?? null,
        toOrgName,
        letterNo: await nextLetterNo(tx, issuedOn.slice(0, 4)),
        duesPaidTo,
        issuedOn,
        validUntil,
        status: input.toOrgId !== undefined ? 'pending' : 'issued',
        receiptDueOn: input.toOrgId !== undefined ? null : addMonths(issuedOn, 1),
      })
      .returning({ id: memberTransfers.id });
    if (input.toOrgId !== undefined) {
      await notifyNearestStaff(tx, {
        orgId: input.toOrgId,
        permission: 'member.write',
        kind: 'transfers.arrived',
        title: `收到组织关系介绍信：${member.name}`,
        body: `${member.org_name}开具，有效期至${validUntil}，请及时接收或退回。`,
        link: '/transfers',
      });
    }
    return load(tx, actor, (created as { id: number }).id);
  });
}

/** Tells the sending organisation (and, when accepted, the member) how the receiver decided. */
async function tellDecision(tx: Queryable, row: TransferRow, decision: 'accepted' | 'returned', reason?: string) {
  const accepted = decision === 'accepted';
  if (row.from_org_id === null) return;
  await notifyNearestStaff(tx, {
    orgId: row.from_org_id,
    permission: 'member.write',
    kind: `transfers.${decision}`,
    title: `${row.to_org_name}已${accepted ? '接收' : '退回'}${row.member_name}的组织关系介绍信`,
    body: accepted ? `介绍信${row.letter_no}已办结。` : `退回理由：${reason ?? ''}`,
    link: '/transfers',
  });
  if (accepted && row.member_id !== null) {
    await notifyMember(tx, row.member_id, {
      kind: 'transfers.accepted',
      title: `你的组织关系已转入${row.to_org_name}`,
      link: '/m/',
    });
  }
}

async function requireDecidable(tx: Queryable, actor: Actor, id: number): Promise<TransferRow> {
  const row = await requireTransfer(tx, actor, id, true);
  if (!row.receiver_sees || row.kind !== 'internal') throw notFound(TRANSFER);
  if (row.status !== 'pending') throw conflict('该转接已办结');
  return row;
}

/** The receiver accepts: the member moves, the history closes at the sender and opens here. */
export async function acceptTransfer(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'member.transfer.accept', async (tx) => {
    const row = await requireDecidable(tx, actor, id);
    const on = chinaToday();
    if (row.valid_until < on) throw conflict(`介绍信已于${row.valid_until}过期，不能接收，请退回后由原组织重新开具`);
    const to = await requireOrgInScope(tx, actor, row.to_org_id as number);
    await moveMember(tx, row.member_id as number, to, on, `组织关系转入（${row.letter_no}）`);
    // The letter's 党费交至 (from the dues records, or typed for a member with none): dues here start after it.
    await seedPaidToFromLetter(tx, ctx, {
      memberId: row.member_id as number,
      orgId: to.id,
      orgPath: to.path,
      paidTo: row.dues_paid_to,
      letterNo: row.letter_no,
    });
    await tx
      .update(memberTransfers)
      .set({ status: 'accepted', decidedOn: on, updatedAt: sql`now()` })
      .where(eq(memberTransfers.id, id));
    await tellDecision(tx, row, 'accepted');
    return load(tx, actor, id);
  });
}

export async function returnTransfer(db: Db, actor: Actor, ctx: AuditContext, id: number, reason: string) {
  return audited(db, ctx, 'member.transfer.return', async (tx) => {
    const row = await requireDecidable(tx, actor, id);
    await tx
      .update(memberTransfers)
      .set({ status: 'returned', returnReason: reason, decidedOn: chinaToday(), updatedAt: sql`now()` })
      .where(eq(memberTransfers.id, id));
    await tellDecision(tx, row, 'returned', reason);
    return load(tx, actor, id);
  });
}

/**
 * The receipt of a letter out of the platform came back: the member has left. The profile is kept, marked
 * as left (out of every active list and count), its open history row closed with the letter as the reason.
 */
export async function recordReceipt(db: Db, actor: Actor, ctx: AuditContext, id: number, receivedOn: string) {
  return audited(db, ctx, 'member.transfer.receipt', async (tx) => {
    const row = await requireTransfer(tx, actor, id, true);
    if (!row.sender_sees || row.kind !== 'outgoing') throw notFound(TRANSFER);
    if (row.status !== 'issued') throw conflict('回执已登记');
    if (receivedOn < row.issued_on || receivedOn > chinaToday()) {
      throw invalid('receivedOn', `应在${row.issued_on}与今天之间`);
    }
    await tx
      .update(memberTransfers)
      .set({ status: 'completed', receiptReceivedOn: receivedOn, updatedAt: sql`now()` })
      .where(eq(memberTransfers.id, id));
    if (row.member_id !== null) {
      await leaveMember(tx, row.member_id, receivedOn, `组织关系转出平台（${row.letter_no}，转至${row.to_org_name}）`);
    }
    return load(tx, actor, id);
  });
}

/** A letter from outside the platform: register it and place the member in one of the actor's organisations. */
export async function registerIncoming(db: Db, actor: Actor, ctx: AuditContext, input: IncomingTransfer) {
  if (input.validUntil < input.issuedOn) throw invalid('validUntil', '不能早于开具日期');
  if (input.validUntil > addMonths(input.issuedOn, TRANSFER_MAX_VALID_MONTHS)) {
    throw invalid('validUntil', '介绍信有效期最长3个月');
  }
  if (input.issuedOn > chinaToday()) throw invalid('issuedOn', '不能晚于今天');
  return audited(db, ctx, 'member.transfer.incoming', async (tx) => {
    const org = await requireOrgInScope(tx, actor, input.member.orgId);
    const reason = `组织关系转入（${input.letterNo}，自${input.fromOrgName}）`;
    // One who left the platform earlier comes back to the same record, with a new history row.
    const [returning] = await queryRows<{ id: number }>(
      tx,
      sql`select id::int as id from members where id_number = ${input.member.idNumber} and left_on is not null
           for update`,
    );
    let memberId: number;
    if (returning) {
      await rejoinMember(tx, returning.id, input.member, org, reason);
      memberId = returning.id;
    } else {
      await assertIdNumberFree(tx, actor, input.member.idNumber);
      memberId = await createMemberIn(tx, input.member, org, reason);
    }
    const [created] = await tx
      .insert(memberTransfers)
      .values({
        kind: 'incoming',
        memberId,
        memberName: input.member.name,
        orgId: org.id,
        fromOrgId: null,
        fromOrgName: input.fromOrgName,
        toOrgId: org.id,
        toOrgName: org.name,
        letterNo: input.letterNo,
        duesPaidTo: input.duesPaidTo,
        issuedOn: input.issuedOn,
        validUntil: input.validUntil,
        status: 'accepted',
        decidedOn: chinaToday(),
      })
      .returning({ id: memberTransfers.id });
    await seedPaidToFromLetter(tx, ctx, {
      memberId,
      orgId: org.id,
      orgPath: org.path,
      paidTo: input.duesPaidTo,
      letterNo: input.letterNo,
    });
    return load(tx, actor, (created as { id: number }).id);
  });
}
