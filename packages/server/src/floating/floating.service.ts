import { eq, sql } from 'drizzle-orm';
import { audited } from '../audit/audited.js';
import type { Db, Queryable } from '../db/client.js';
import { floatingMembers } from '../db/schema.js';
import type { Actor, AuditContext } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { subtreeRoot } from '../members/members.repo.js';
import { requireMember, requireOrgInScope, today } from '../members/members.service.js';
import { findFloating, listFloating, openOutflowOf, toFloating } from './floating.repo.js';
import type { CreateFloating, FloatingListQuery } from './floating.schema.js';

const FLOATING = '流动党员记录';

async function load(db: Queryable, actor: Actor, id: number) {
  const row = await findFloating(db, actor, id);
  if (!row) throw notFound(FLOATING);
  return toFloating(row, today());
}

export async function list(db: Db, actor: Actor, query: FloatingListQuery) {
  const root = await subtreeRoot(db, actor, query.orgId);
  if (!root) throw notFound('组织');
  const parts = [sql`f.direction = ${query.direction}`];
  if (!query.includeEnded) parts.push(sql`f.ended_on is null`);
  if (query.due === 'transfer') {
    parts.push(
      sql`f.direction = 'out' and f.fixed_place and f.ended_on is null and f.since <= current_date - interval '6 months'`,
    );
  }
  if (query.due === 'unreported') {
    parts.push(
      sql`f.ended_on is null and (f.last_reported_on is null or f.last_reported_on < date_trunc('year', current_date))`,
    );
  }
  const { rows, total } = await listFloating(db, root.path, sql.join(parts, sql` and `), query.page, query.pageSize);
  const now = today();
  return { items: rows.map((r) => toFloating(r, now)), total, page: query.page, pageSize: query.pageSize };
}

export async function create(db: Db, actor: Actor, ctx: AuditContext, input: CreateFloating) {
  if (input.since > today()) throw invalid('since', '不能晚于今天');
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
      values = { ...common, direction: 'out', memberId: member.id, orgId: member.org_id, name: member.name };
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
  action: string,
  apply: (row: NonNullable<Awaited<ReturnType<typeof findFloating>>>) => Record<string, unknown>,
) {
  return audited(db, ctx, action, async (tx) => {
    const row = await findFloating(tx, actor, id, true);
    if (!row) throw notFound(FLOATING);
    await tx
      .update(floatingMembers)
      .set({ ...apply(row), updatedAt: sql`now()` })
      .where(eq(floatingMembers.id, id));
    return load(tx, actor, id);
  });
}

/** The yearly report-in (流动党员每年向原组织报告). */
export async function reportIn(db: Db, actor: Actor, ctx: AuditContext, id: number, reportedOn: string) {
  return change(db, actor, ctx, id, 'floating_member.report', (row) => {
    if (reportedOn > today() || reportedOn < row.since) throw invalid('reportedOn', `应在${row.since}与今天之间`);
    return { lastReportedOn: reportedOn };
  });
}

export async function end(db: Db, actor: Actor, ctx: AuditContext, id: number, endedOn: string) {
  return change(db, actor, ctx, id, 'floating_member.end', (row) => {
    if (row.ended_on) throw conflict('该记录已结束');
    if (endedOn > today() || endedOn < row.since) throw invalid('endedOn', `应在${row.since}与今天之间`);
    return { endedOn };
  });
}
