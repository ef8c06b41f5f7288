import type { AuditAction } from '../modules.js';
import { addMonths, chinaToday, FLOATING_TRANSFER_MONTHS, maskPhone, type MemberCategory } from '@gongjian/shared';
import { and, eq, sql } from 'drizzle-orm';
import { audited, auditEvent } from '../db/audited.js';
import type { Db, Queryable } from '../db/client.js';
import { floatingMembers, members } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { streamWorkbook } from '../http/xlsx.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import { requireMember } from '../members/members.service.js';
import {
  findFloating,
  listFloating,
  listUnregistered,
  openOutflowOf,
  reportDueCondition,
  toFloating,
} from './floating.repo.js';
import type { CreateFloating, Floating, FloatingListQuery, UnregisteredQuery } from './floating.schema.js';

const FLOATING = '流动党员记录';
const FLOATING_CATEGORY: MemberCategory = 'floating';
/** A member registered away while already 流动党员 comes back as 居民党员 (the record has nothing before). */
const RETURNED_CATEGORY: MemberCategory = 'resident';

/** The category is part of the profile: its version moves, so a form opened before is refused, not overwriting. */
async function setCategory(tx: Queryable, memberId: number, category: MemberCategory) {
  await tx
    .update(members)
    .set({ category, updatedAt: sql`now()` })
    .where(eq(members.id, memberId));
}

async function load(db: Queryable, actor: Actor, id: number) {
  const row = await findFloating(db, actor, id);
  if (!row) throw notFound(FLOATING);
  return toFloating(row, chinaToday());
}

async function filterOf(db: Db, actor: Actor, query: Omit<FloatingListQuery, 'page' | 'pageSize'>) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const now = chinaToday();
  const parts = [sql`f.direction = ${query.direction}`];
  if (!query.includeEnded) parts.push(sql`f.ended_on is null`);
  if (query.due === 'transfer') {
    parts.push(
      sql`f.direction = 'out' and f.fixed_place and f.ended_on is null and f.since <= ${addMonths(now, -FLOATING_TRANSFER_MONTHS)}::date`,
    );
  }
  if (query.due === 'unreported') parts.push(sql`f.ended_on is null and ${reportDueCondition(now)}`);
  return { root, where: sql.join(parts, sql` and `) };
}

/**
 * 流向未登记: active members of the scope whose category is 流动党员 with no open outflow record — the roster says
 * they are away, the register does not say where.
 */
export async function unregistered(db: Db, actor: Actor, query: UnregisteredQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const { rows, total } = await listUnregistered(db, root.path, query.page, query.pageSize);
  return {
    items: rows.map((r) => ({
      memberId: r.id,
      name: r.name,
      phone: r.phone ? maskPhone(r.phone) : null,
      orgId: r.org_id,
      orgName: r.org_name,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function list(db: Db, actor: Actor, query: FloatingListQuery) {
  const { root, where } = await filterOf(db, actor, query);
  const { rows, total } = await listFloating(db, root.path, where, query.page, query.pageSize);
  const now = chinaToday();
  return { items: rows.map((r) => toFloating(r, now)), total, page: query.page, pageSize: query.pageSize };
}

const DIRECTION_LABEL = { out: '流出', in: '流入' } as const;

/** The filtered list as .xlsx (ID numbers and phones masked as on screen), audited with filter and count. */
export async function exportFloating(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  query: Omit<FloatingListQuery, 'page' | 'pageSize'>,
) {
  const { root, where } = await filterOf(db, actor, query);
  const { total } = await listFloating(db, root.path, where, 1, 1);
  await auditEvent(db, ctx, {
    action: 'floating_member.export',
    entity: 'floating_member',
    orgPath: root.path,
    after: { filter: query, rows: total },
  });
  const now = chinaToday();
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await listFloating(db, root.path, where, page, 1000);
      if (rows.length) yield rows.map((r) => toFloating(r, now));
      if (rows.length < 1000) return;
    }
  }
  const column = (header: string, width: number, value: (f: Floating) => string | null) => ({
    header,
    width,
    value: (f: Floating) => value(f) ?? '',
  });
  return streamWorkbook(
    `${DIRECTION_LABEL[query.direction]}党员`,
    [
      column('姓名', 10, (f) => f.name),
      column('身份证号', 22, (f) => f.idNumber),
      column('联系电话', 14, (f) => f.phone),
      column('所在组织', 24, (f) => f.orgName),
      column(query.direction === 'out' ? '流向地' : '流出地', 24, (f) => f.place),
      column(query.direction === 'out' ? '流入地党组织' : '组织关系所在', 24, (f) => f.otherOrgName),
      column('外出（流入）时间', 14, (f) => f.since),
      column('联系方式', 16, (f) => f.contact),
      column('活动证编号', 14, (f) => f.certificateNo),
      column('最近报告', 12, (f) => f.lastReportedOn),
      column('应转接组织关系', 10, (f) => (f.shouldTransfer ? '是' : '')),
      column('结束日期', 12, (f) => f.endedOn),
    ],
    pages(),
  );
}

export async function create(db: Db, actor: Actor, ctx: AuditContext, input: CreateFloating) {
  if (input.since > chinaToday()) throw invalid('since', '不能晚于今天');
  return audited(db, ctx, `floating_member.${input.direction === 'out' ? 'outflow' : 'inflow'}`, async (tx) => {
    const common = {
      place: input.place,
      otherOrgName: input.otherOrgName ?? null,
      contact: input.contact ?? null,
      certificateNo: input.certificateNo ?? null,
      fixedPlace: input.fixedPlace,
      since: input.since,
    };
    let values;
    if (input.direction === 'out') {
      const member = await requireMember(tx, actor, input.memberId, true);
      if (await openOutflowOf(tx, member.id)) throw conflict(`${member.name}已登记为流出党员`);
      // One fact entered once: the outflow makes the member 流动党员, and the record keeps what they were before.
      const previousCategory = member.category === FLOATING_CATEGORY ? null : member.category;
      if (previousCategory) await setCategory(tx, member.id, FLOATING_CATEGORY);
      values = {
        ...common,
        direction: 'out',
        memberId: member.id,
        orgId: member.org_id,
        name: member.name,
        previousCategory,
      };
    } else {
      const org = await requireOrgInScope(tx, actor, input.orgId);
      values = {
        ...common,
        direction: 'in',
        memberId: null,
        orgId: org.id,
        name: input.name,
        idNumber: input.idNumber ?? null,
        phone: input.phone ?? null,
      };
    }
    const [created] = await tx.insert(floatingMembers).values(values).returning({ id: floatingMembers.id });
    return load(tx, actor, (created as { id: number }).id);
  });
}

async function change(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  action: AuditAction,
  apply: (
    tx: Queryable,
    row: NonNullable<Awaited<ReturnType<typeof findFloating>>>,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>,
) {
  return audited(db, ctx, action, async (tx) => {
    const row = await findFloating(tx, actor, id, true);
    if (!row) throw notFound(FLOATING);
    await tx
      .update(floatingMembers)
      .set({ ...(await apply(tx, row)), updatedAt: sql`now()` })
      .where(eq(floatingMembers.id, id));
    return load(tx, actor, id);
  });
}

/** The yearly report-in (流动党员每年向原组织报告). */
export async function reportIn(db: Db, actor: Actor, ctx: AuditContext, id: number, reportedOn: string) {
  return change(db, actor, ctx, id, 'floating_member.report', (_tx, row) => {
    if (reportedOn > chinaToday() || reportedOn < row.since) throw invalid('reportedOn', `应在${row.since}与今天之间`);
    return { lastReportedOn: reportedOn };
  });
}

export async function end(db: Db, actor: Actor, ctx: AuditContext, id: number, endedOn: string) {
  return change(db, actor, ctx, id, 'floating_member.end', async (tx, row) => {
    if (row.ended_on) throw conflict('该记录已结束');
    if (endedOn > chinaToday() || endedOn < row.since) throw invalid('endedOn', `应在${row.since}与今天之间`);
    // Back from away: the category before the outflow again, unless someone has given them another since.
    if (row.direction === 'out' && row.member_id !== null) {
      await tx
        .update(members)
        .set({ category: (row.previous_category as MemberCategory | null) ?? RETURNED_CATEGORY, updatedAt: sql`now()` })
        .where(and(eq(members.id, row.member_id), eq(members.category, FLOATING_CATEGORY)));
    }
    return { endedOn };
  });
}
