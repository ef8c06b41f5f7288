import {
  activityLengthHours,
  attendanceHoursProblem,
  chinaToday,
  RECORD_SOURCE_LABELS,
  RECORD_STATUS_LABELS,
  sumHours,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery } from '../http/due.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { chineseDate, html, type PrintPage } from '../http/print.js';
import { orgIdInSubtree, orgInScope } from '../http/scope.js';
import type { SheetColumn } from '../http/xlsx.js';
import { notifyMember } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import {
  confirmedHours,
  countRecords,
  orgUnder,
  phoneFor,
  type RecordRow,
  selectRecords,
  selectTeamMembers,
  toRecord,
} from './volunteers.repo.js';
import type { CorrectRecord, RecordQuery } from './volunteers.schema.js';
import { volunteerRecords } from './volunteers.tables.js';

const RECORD = '志愿服务记录';

function whereOf(rootPath: string, query: Omit<RecordQuery, 'page' | 'pageSize'>) {
  const parts = [orgUnder(rootPath, sql`r.org_id`)];
  if (query.status) parts.push(sql`r.status = ${query.status}`);
  if (query.source) parts.push(sql`r.source = ${query.source}`);
  return sql.join(parts, sql` and `);
}

export async function listRecords(db: Db, actor: Actor, query: RecordQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const where = whereOf(root.path, query);
  const rows = await selectRecords(
    db,
    where,
    sql`r.created_at desc, r.id desc`,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return {
    items: rows.map(toRecord),
    total: await countRecords(db, where),
    page: query.page,
    pageSize: query.pageSize,
  };
}

type Rec = ReturnType<typeof toRecord>;
export const RECORD_COLUMNS: SheetColumn<Rec>[] = [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '所在组织', width: 20, value: (r) => r.orgName },
  { header: '服务日期', width: 12, value: (r) => r.servedOn },
  { header: '活动或服务内容', width: 30, value: (r) => r.activityTitle ?? r.content },
  { header: '时长（小时）', width: 10, value: (r) => r.hours },
  { header: '来源', width: 10, value: (r) => RECORD_SOURCE_LABELS[r.source] },
  { header: '证明人', width: 12, value: (r) => r.witness },
  { header: '状态', width: 8, value: (r) => RECORD_STATUS_LABELS[r.status] },
  { header: '记录组织', width: 20, value: (r) => r.recordOrgName },
  { header: '说明', width: 24, value: (r) => r.reason ?? r.decisionNote },
];

export async function recordsForExport(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  query: Omit<RecordQuery, 'page' | 'pageSize'>,
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const rows = (await selectRecords(db, whereOf(root.path, query), sql`r.served_on desc, r.id desc`, 100_000)).map(
    toRecord,
  );
  return { root, rows, ctx };
}

async function recordInScope(tx: Queryable, actor: Actor, id: number): Promise<RecordRow> {
  const [row] = await selectRecords(tx, sql`r.id = ${id} and ${orgInScope(actor, sql`r.org_id`)}`, sql`r.id`, 1);
  if (!row) throw notFound(RECORD);
  await tx.execute(sql`select 1 from volunteer_records where id = ${id} for update`);
  const [again] = await selectRecords(tx, sql`r.id = ${id}`, sql`r.id`, 1);
  return again as RecordRow;
}

/** The branch or community confirms (or does not confirm) a self-reported service. */
export async function decideRecord(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  decision: { confirm: true } | { confirm: false; note: string },
) {
  return audited(db, ctx, decision.confirm ? 'volunteer.record.confirm' : 'volunteer.record.reject', async (tx) => {
    const row = await recordInScope(tx, actor, id);
    if (row.status !== 'pending') throw conflict(`该记录${RECORD_STATUS_LABELS[row.status]}，不能再确认`);
    await tx
      .update(volunteerRecords)
      .set({
        status: decision.confirm ? 'confirmed' : 'rejected',
        decidedAt: sql`now()`,
        decidedBy: actor.accountId,
        decisionNote: decision.confirm ? null : decision.note,
        updatedAt: sql`now()`,
      })
      .where(eq(volunteerRecords.id, id));
    if (row.member_id !== null) {
      await notifyMember(tx, row.member_id, {
        kind: decision.confirm ? 'volunteers.confirmed' : 'volunteers.rejected',
        title: decision.confirm
          ? `志愿服务已确认：${row.hours}小时`
          : `志愿服务未确认：${decision.confirm ? '' : decision.note}`,
        body: row.content ?? '',
        link: '/m/volunteers/hours',
      });
    }
    const [after] = await selectRecords(tx, sql`r.id = ${id}`, sql`r.id`, 1);
    return toRecord(after as RecordRow);
  });
}

/**
 * A confirmed record is never overwritten: the correction is a new confirmed record naming it, and the original
 * stays, marked superseded (both rows in the audit trail).
 */
export async function correctRecord(db: Db, actor: Actor, ctx: AuditContext, id: number, input: CorrectRecord) {
  return audited(db, ctx, 'volunteer.record.correct', async (tx) => {
    const row = await recordInScope(tx, actor, id);
    if (row.status !== 'confirmed') throw conflict('只能更正已确认的记录');
    if (row.activity_id !== null) {
      const [a] = await queryRows<{ starts_at: string; ends_at: string }>(
        tx,
        sql`select to_json(starts_at)#>>'{}' as starts_at, to_json(ends_at)#>>'{}' as ends_at
              from volunteer_activities where id = ${row.activity_id}`,
      );
      const problem =
        a && attendanceHoursProblem(input.hours, activityLengthHours(a.starts_at, a.ends_at), input.reason);
      if (problem) throw invalid('hours', problem);
    } else if (input.hours > 24) {
      throw invalid('hours', '一次最多24小时');
    }
    if (input.hours === row.hours) throw invalid('hours', '与原记录相同');
    await tx
      .update(volunteerRecords)
      .set({ status: 'superseded', updatedAt: sql`now()` })
      .where(eq(volunteerRecords.id, id));
    const [created] = await tx
      .insert(volunteerRecords)
      .values({
        orgId: row.org_id,
        memberId: row.member_id,
        residentId: row.resident_id,
        activityId: row.activity_id,
        source: row.source,
        servedOn: row.served_on,
        hours: String(input.hours),
        content: row.content,
        witness: row.witness,
        reason: input.reason,
        status: 'confirmed',
        correctsId: id,
        decidedAt: sql`now()`,
        decidedBy: actor.accountId,
      })
      .returning({ id: volunteerRecords.id });
    const [after] = await selectRecords(tx, sql`r.id = ${(created as { id: number }).id}`, sql`r.id`, 1);
    return toRecord(after as RecordRow);
  });
}

/** Self-reported service waiting for confirmation, for the workbench: from volunteer_records_pending_idx. */
export async function pendingDue(db: Queryable, actor: Actor, today: string, query: DueQuery) {
  return countDue<{ id: number; name: string; org_name: string; hours: number; created_on: string }>(
    db,
    'volunteers.pending',
    query,
    {
      keys: sql`select r.id, r.created_at,
                       ((r.created_at at time zone 'Asia/Shanghai')::date + 7) < ${today}::date as overdue
                  from volunteer_records r where r.status = 'pending' and ${orgIdInSubtree(actor, sql`r.org_id`)}`,
      order: sql`created_at, id`,
      items: (shown) => sql`select d.id::int as id, coalesce(m.name, '') as name, o.name as org_name,
                                   r.hours::float8 as hours, (d.created_at at time zone 'Asia/Shanghai')::date::text as created_on
                              from ${shown} d join volunteer_records r on r.id = d.id
                              join organizations o on o.id = r.org_id left join members m on m.id = r.member_id
                             order by d.created_at, d.id`,
    },
  );
}

// Files and the certificate

/**
 * A member the actor may read: of its subtree, or registered (双报到) with one of its communities. Their file
 * shows all their records, whoever recorded them.
 */
async function memberInScope(db: Queryable, actor: Actor, memberId: number) {
  const [m] = await queryRows<{ id: number; name: string; phone: string | null; tags: string[]; org_name: string }>(
    db,
    sql`select m.id::int as id, m.name, m.phone, m.tags, o.name as org_name
          from members m join organizations o on o.id = m.org_id
         where m.id = ${memberId}
           and (${orgInScope(actor, sql`m.org_id`)} or exists (select 1 from in_service_registrations i
                 where i.member_id = m.id and i.ended_on is null and ${orgInScope(actor, sql`i.org_id`)}))`,
  );
  if (!m) throw notFound('党员');
  return m;
}

async function residentInScope(db: Queryable, actor: Actor | null, residentId: number) {
  const [r] = await queryRows<{ id: number; name: string; phone: string | null; tags: string[]; org_name: string }>(
    db,
    sql`select v.id::int as id, v.name, v.phone, v.tags, o.name as org_name
          from volunteer_residents v join organizations o on o.id = v.org_id
         where v.id = ${residentId} ${actor ? sql`and ${orgInScope(actor, sql`v.org_id`)}` : sql``}`,
  );
  if (!r) throw notFound('居民志愿者');
  return r;
}

export async function memberFile(db: Queryable, actor: Actor, memberId: number, self = false) {
  const m = self
    ? (
        await queryRows<{ id: number; name: string; phone: string | null; tags: string[]; org_name: string }>(
          db,
          sql`select m.id::int as id, m.name, m.phone, m.tags, o.name as org_name
                from members m join organizations o on o.id = m.org_id where m.id = ${memberId}`,
        )
      )[0]
    : await memberInScope(db, actor, memberId);
  if (!m) throw notFound('党员');
  const year = chinaToday().slice(0, 4);
  const hours = await confirmedHours(db, { memberId }, year);
  const teams = await queryRows<{ id: number; name: string; leader: boolean; area: string | null }>(
    db,
    sql`select t.id::int as id, t.name, tm.leader, coalesce(tm.area, t.area) as area
          from volunteer_team_members tm join volunteer_teams t on t.id = tm.team_id
         where tm.member_id = ${memberId} and t.dissolved_on is null order by t.name`,
  );
  const records = await selectRecords(db, sql`r.member_id = ${memberId}`, sql`r.served_on desc, r.id desc`, 500);
  // 服务群众: what the member finished, read on the requests module's table (raw SQL: no import of that module).
  const [requests] = await queryRows<{ year: number; total: number }>(
    db,
    sql`select count(*) filter (where q.done_at >= (${`${year}-01-01`}::date)::timestamp at time zone 'Asia/Shanghai')::int as year,
               count(*)::int as total
          from service_requests q
         where coalesce(q.claimed_by_member_id, q.assignee_member_id) = ${memberId} and q.done_at is not null
           and q.status in ('done', 'closed')`,
  );
  return {
    memberId,
    residentId: null,
    name: m.name,
    orgName: m.org_name,
    phone: phoneFor(self ? null : actor, m.phone),
    tags: m.tags,
    hoursThisYear: hours.year,
    hoursTotal: hours.total,
    activitiesThisYear: hours.activities_year,
    requestsThisYear: requests?.year ?? 0,
    requestsTotal: requests?.total ?? 0,
    teams,
    records: records.map(toRecord),
  };
}

export async function residentFile(db: Queryable, actor: Actor, residentId: number) {
  const r = await residentInScope(db, actor, residentId);
  const hours = await confirmedHours(db, { residentId }, chinaToday().slice(0, 4));
  const teams = (await selectTeamMembers(db, sql`tm.resident_id = ${residentId}`)).length
    ? await queryRows<{ id: number; name: string; leader: boolean; area: string | null }>(
        db,
        sql`select t.id::int as id, t.name, tm.leader, coalesce(tm.area, t.area) as area
              from volunteer_team_members tm join volunteer_teams t on t.id = tm.team_id
             where tm.resident_id = ${residentId} and t.dissolved_on is null order by t.name`,
      )
    : [];
  const records = await selectRecords(db, sql`r.resident_id = ${residentId}`, sql`r.served_on desc, r.id desc`, 500);
  return {
    memberId: null,
    residentId,
    name: r.name,
    orgName: r.org_name,
    phone: phoneFor(actor, r.phone),
    tags: r.tags,
    hoursThisYear: hours.year,
    hoursTotal: hours.total,
    activitiesThisYear: hours.activities_year,
    requestsThisYear: 0,
    requestsTotal: 0,
    teams,
    records: records.map(toRecord),
  };
}

/** Scope of the certificate: the actor reads the member (staff), or is the member (self). */
export async function certificateFor(
  db: Queryable,
  actor: Actor,
  ctx: AuditContext,
  memberId: number,
  period: { from: string; to: string },
  self: boolean,
): Promise<PrintPage> {
  if (period.to < period.from) throw invalid('to', '不能早于开始日期');
  const m = self ? null : await memberInScope(db, actor, memberId);
  const [person] = await queryRows<{ name: string; org_name: string; org_path: string }>(
    db,
    sql`select m.name, o.name as org_name, o.path::text as org_path
          from members m join organizations o on o.id = m.org_id where m.id = ${memberId}`,
  );
  if (!person || (!self && !m)) throw notFound('党员');
  const rows = await selectRecords(
    db,
    sql`r.member_id = ${memberId} and r.status = 'confirmed' and r.served_on between ${period.from}::date and ${period.to}::date`,
    sql`r.served_on, r.id`,
  );
  await auditEvent(db, ctx, {
    action: 'volunteer.certificate',
    entity: 'member',
    entityId: String(memberId),
    orgPath: person.org_path,
    after: { from: period.from, to: period.to, records: rows.length },
  });
  const total = sumHours(rows.map((r) => r.hours));
  const issuers = [...new Set(rows.map((r) => r.record_org_name))];
  const body = html`
    <h1 class="doc-title">志愿服务记录证明</h1>
    <p>
      兹证明<span class="blank">${person.name}</span
      >（所在党组织：${person.org_name}）于${chineseDate(period.from)}至${chineseDate(period.to)}期间，参加志愿服务${rows.length}次，累计志愿服务时长<strong>${total}</strong>小时。具体记录如下：
    </p>
    <table class="records">
      <thead>
        <tr>
          <th>序号</th>
          <th>日期</th>
          <th>活动或服务内容</th>
          <th>时长（小时）</th>
          <th>记录组织</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r, i) =>
            html`<tr class="keep">
              <td>${i + 1}</td>
              <td>${r.served_on}</td>
              <td>${r.activity_title ?? r.content ?? ''}</td>
              <td>${r.hours}</td>
              <td>${r.record_org_name}</td>
            </tr>`,
        )}
        <tr>
          <td colspan="3">合计</td>
          <td>${total}</td>
          <td></td>
        </tr>
      </tbody>
    </table>
    <p>以上记录由记录组织确认，真实有效（依据《志愿服务记录与证明出具办法》，谁记录谁证明）。</p>
    <div class="sign keep">
      <p>出具组织：${issuers.length ? issuers.join('、') : person.org_name}（盖章）</p>
      <p>${chineseDate(chinaToday())}</p>
    </div>
    <style>
      table.records {
        width: 100%;
        border-collapse: collapse;
        margin: 12px 0;
        font-size: 11pt;
      }
      table.records th,
      table.records td {
        border: 1px solid #000;
        padding: 4px 6px;
        text-align: left;
      }
    </style>
  `;
  return {
    title: `志愿服务记录证明-${person.name}`,
    orgName: issuers.length === 1 ? (issuers[0] as string) : person.org_name,
    printedOn: chinaToday(),
    note: '请用A4纸打印，由出具组织盖章。',
    body,
  };
}
