import {
  addMonths,
  chinaToday,
  duesLastDueMonth,
  duesMonthAdd,
  duesMonthsBehind,
  LAPSED_LIST_MONTHS,
  LAPSED_REASON_LABELS,
  LAPSED_WARN_MONTHS,
  lapsedMonthsSince,
  lapsedStage,
  type LapsedReason,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent, SYSTEM_AUDIT } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery, type DueSource } from '../http/due.js';
import { orgIdInSubtree } from '../http/scope.js';
import { streamWorkbook } from '../http/xlsx.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import type { Job } from '../scheduler/runner.js';
import { type LapsedDbRow, lapsedList } from './dues.repo.js';
import type { LapsedQuery, LapsedRow } from './dues.schema.js';
import { lapsedFlags } from './dues.tables.js';

/** How many months the flag's member has gone without, counted from `since` on `today`. */
export function lapsedMonths(reason: LapsedReason, since: string | null, today: string): number {
  if (since === null) return 0;
  return reason === 'dues' ? duesMonthsBehind(since, today) : lapsedMonthsSince(since, today);
}

export const toLapsed = (r: LapsedDbRow, today: string): LapsedRow => ({
  id: r.id,
  memberId: r.member_id,
  name: r.name,
  orgName: r.org_name,
  reason: r.reason,
  stage: r.stage,
  since: r.since,
  months: lapsedMonths(r.reason, r.since, today),
  flaggedOn: r.flagged_on,
});

type Candidate = { member_id: number; org_id: number; name: string; reason: LapsedReason; since: string };

/**
 * An attendance row that keeps the member's organisational life going (党章 §9 counts only absence 无正当理由):
 * present, or absent for 病假/事假/公假 (reasons the branch grants by their kind), or for 其他 the branch judged 正当
 * (`absence_justified`, the secretary's tick) — shared `absenceJustified`. A member absent with good reason from every
 * meeting of a month is not without organisational life that month.
 */
const KEPT = sql.raw(`(status = 'present' or (status = 'absent' and (absence_reason in ('sick', 'personal', 'official')
  or (absence_reason = 'other' and absence_justified))))`);

/**
 * Who has gone four months or more without (党章 §9): dues — active members paid up to four months or more before
 * last month (dues_accounts_org_idx); organisational life — active members whose last finalised meeting attended or
 * missed with good reason (KEPT; never so: the first they were expected at) lies four months or more back, and who
 * have missed a finalised meeting without good reason since (a branch that held none is behind itself, not its
 * members). A member the platform has no dues or meeting record of is not judged.
 */
async function candidates(db: Queryable, today: string): Promise<Candidate[]> {
  const duesBefore = duesMonthAdd(duesLastDueMonth(today), -(LAPSED_WARN_MONTHS - 1));
  const lifeBy = addMonths(today, -LAPSED_WARN_MONTHS);
  return queryRows<Candidate>(
    db,
    sql`select a.member_id::int as member_id, m.org_id::int as org_id, m.name, 'dues' as reason, a.paid_to as since
          from dues_accounts a join members m on m.id = a.member_id
         where a.active and a.paid_to < ${duesBefore} and m.left_on is null
        union all
        select l.member_id::int, m.org_id::int, m.name, 'org_life', l.since::text
          from (select member_id,
                       coalesce(max(held_on) filter (where ${KEPT}), min(held_on)) as since,
                       max(held_on) filter (where ${KEPT}) as last_kept,
                       max(held_on) as last_expected
                  from meeting_attendance where final and held_on <= ${today}::date group by member_id) l
          join members m on m.id = l.member_id
         where m.left_on is null and l.since <= ${lifeBy}::date
           and (l.last_kept is null or l.last_expected > l.last_kept)`,
  );
}

/**
 * The daily job: writes the flags (stage 4 and 6), tells the member's branch once for each new stage
 * (notifyNearestStaff, in the same transaction), and takes away the flags of members who paid or attended again.
 * Idempotent: a second run the same day changes nothing and tells nobody again.
 */
export async function runLapsed(db: Db, now: Date) {
  const today = chinaToday(now);
  return audited(db, SYSTEM_AUDIT, 'lapsed.flag', async (tx) => {
    const found = await candidates(tx, today);
    const existing = await queryRows<{
      id: number;
      member_id: number;
      reason: LapsedReason;
      stage: number;
      since: string | null;
    }>(tx, sql`select id::int as id, member_id::int as member_id, reason, stage, since from lapsed_flags for update`);
    const byKey = new Map(existing.map((f) => [`${f.member_id}:${f.reason}`, f]));
    const seen = new Set<string>();
    let flagged = 0;
    let raised = 0;
    let told = 0;
    for (const c of found) {
      const stage = lapsedStage(lapsedMonths(c.reason, c.since, today));
      if (stage === null) continue;
      const key = `${c.member_id}:${c.reason}`;
      seen.add(key);
      const old = byKey.get(key);
      if (old && old.stage === stage && old.since === c.since) continue;
      if (old) {
        await tx
          .update(lapsedFlags)
          .set({ stage, since: c.since, orgId: c.org_id, flaggedOn: today, updatedAt: sql`now()` })
          .where(eq(lapsedFlags.id, old.id));
        raised++;
      } else {
        await tx.insert(lapsedFlags).values({
          memberId: c.member_id,
          orgId: c.org_id,
          reason: c.reason,
          stage,
          since: c.since,
          flaggedOn: today,
        });
        flagged++;
      }
      if (old?.stage === stage) continue;
      told += await notifyNearestStaff(tx, {
        orgId: c.org_id,
        permission: 'orglife.write',
        kind: 'dues.lapsed',
        title:
          stage === LAPSED_LIST_MONTHS
            ? `${c.name}已${LAPSED_REASON_LABELS[c.reason]}满${LAPSED_LIST_MONTHS}个月`
            : `${c.name}已${LAPSED_REASON_LABELS[c.reason]}${LAPSED_WARN_MONTHS}个月，请及时联系`,
        body:
          stage === LAPSED_LIST_MONTHS
            ? '党章第九条：党员没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。请支部核实处理。'
            : '距连续六个月还有两个月，请支部及早谈心谈话，督促其参加组织生活、交纳党费。',
        link: '/dues/lapsed',
        dedupeKey: `dues.lapsed:${c.member_id}:${c.reason}:${stage}:${c.since}`,
      });
    }
    const gone = existing.filter((f) => !seen.has(`${f.member_id}:${f.reason}`));
    for (const f of gone) await tx.delete(lapsedFlags).where(eq(lapsedFlags.id, f.id));
    return { flagged, raised, cleared: gone.length, told };
  });
}

export const lapsedJob: Job = {
  name: 'dues.lapsed',
  label: '连续4个月、6个月未交党费或未参加组织生活的党员提醒',
  schedule: { dailyAt: '06:20' },
  run: ({ db, now }) => runLapsed(db, now),
};

function filterOf(query: Pick<LapsedQuery, 'reason' | 'stage'>) {
  const parts = [sql`true`];
  if (query.reason) parts.push(sql`f.reason = ${query.reason}`);
  if (query.stage) parts.push(sql`f.stage >= ${query.stage}`);
  return sql.join(parts, sql` and `);
}

export async function listLapsed(db: Db, actor: Actor, query: LapsedQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const { rows, total } = await lapsedList(db, root.path, filterOf(query), query.page, query.pageSize);
  return { items: rows.map((r) => toLapsed(r, today)), total, page: query.page, pageSize: query.pageSize };
}

export async function exportLapsed(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  query: Omit<LapsedQuery, 'page' | 'pageSize'>,
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const where = filterOf(query);
  const { total } = await lapsedList(db, root.path, where, 1, 1);
  await auditEvent(db, ctx, {
    action: 'lapsed.export',
    entity: 'lapsed_flag',
    orgPath: root.path,
    after: { filter: query, rows: total },
  });
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await lapsedList(db, root.path, where, page, 1000);
      if (rows.length) yield rows.map((r) => toLapsed(r, today));
      if (rows.length < 1000) return;
    }
  }
  return streamWorkbook(
    '组织关系预警',
    [
      { header: '姓名', width: 10, value: (r: LapsedRow) => r.name },
      { header: '所在组织', width: 24, value: (r: LapsedRow) => r.orgName },
      { header: '情形', width: 18, value: (r: LapsedRow) => LAPSED_REASON_LABELS[r.reason] },
      { header: '月数', width: 8, value: (r: LapsedRow) => r.months },
      { header: '自', width: 12, value: (r: LapsedRow) => r.since },
      { header: '阶段', width: 10, value: (r: LapsedRow) => (r.stage >= LAPSED_LIST_MONTHS ? '满6个月' : '满4个月') },
      { header: '标记日期', width: 12, value: (r: LapsedRow) => r.flaggedOn },
    ],
    pages(),
  );
}

type DueRow = { id: number; name: string; org_name: string; reason: LapsedReason; stage: number; since: string | null };

/** The branch's workbench: members flagged, the six-month ones first (overdue). */
export const lapsedDue: DueSource = {
  name: 'dues.lapsed',
  label: '连续未交党费或未参加组织生活',
  permission: ['orglife.read'],
  async read(db, actor, today, query: DueQuery) {
    const { rows, ...counts } = await countDue<DueRow>(db, 'dues.lapsed', query, {
      keys: sql`select f.id, f.stage, (f.stage >= ${LAPSED_LIST_MONTHS}) as overdue from lapsed_flags f
                 where ${orgIdInSubtree(actor, sql`f.org_id`)}`,
      order: sql`stage desc, id`,
      items: (shown) => sql`select d.id::int as id, m.name, o.name as org_name, f.reason, f.stage, f.since
                              from ${shown} d join lapsed_flags f on f.id = d.id join members m on m.id = f.member_id
                              join organizations o on o.id = f.org_id order by d.stage desc, d.id`,
    });
    const items = rows.map((r) => {
      const months = lapsedMonths(r.reason, r.since, today);
      return {
        key: `dues.lapsed:${r.id}`,
        title: `${r.name}已${LAPSED_REASON_LABELS[r.reason]}${months}个月`,
        orgName: r.org_name,
        dueOn:
          r.stage >= LAPSED_LIST_MONTHS
            ? today
            : addMonths(today, LAPSED_LIST_MONTHS - Math.min(months, LAPSED_LIST_MONTHS)),
        overdue: r.stage >= LAPSED_LIST_MONTHS,
        link: '/dues/lapsed',
      };
    });
    return { ...counts, items };
  },
};
