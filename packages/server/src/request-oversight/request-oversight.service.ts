import {
  COUNTER_LABELS,
  type DeadlineRule,
  deadlineSettingProblems,
  defaultDeadline,
  ESCALATION_LEVEL_LABELS,
  type EscalationLevel,
  isUrgentCategory,
  REQUEST_CATEGORIES,
  type RequestCategory,
  RATE_LABELS,
  RATE_METRICS,
  ratePeriod,
  ratesOf,
  returnDeadline,
} from '@gongjian/shared';
import type { FastifyReply } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import { type SheetColumn, sendXlsx } from '../http/xlsx.js';
import {
  countQueue,
  escalationOrgFor,
  OPEN,
  type RateOrgRow,
  selectQueue,
  selectRates,
} from './request-oversight.repo.js';
import { requestDeadlineSettings } from './request-oversight.tables.js';

/** Only a city or a district sets deadlines (seed 002: 区级统筹); the others inherit. */
const SETTABLE = new Set(['city_committee', 'district_committee']);

type SettingRow = {
  category: string;
  respond_hours: number | null;
  resolve_hours: number | null;
  org_id: number;
  org_name: string;
  own: boolean;
};

/** The deadlines in force at an organisation for every category, each field with who set it, and its own settings. */
async function deadlinesAt(q: Queryable, org: { id: number; name: string; type: string }) {
  const rows = await queryRows<SettingRow>(
    q,
    sql`select s.category, s.respond_hours, s.resolve_hours, o.id::int as org_id, o.name as org_name, (o.id = t.id) as own
          from organizations t
          join organizations o on o.path @> t.path
          join request_deadline_settings s on s.org_id = o.id
         where t.id = ${org.id}
         order by nlevel(o.path), s.category`,
  );
  const categories = REQUEST_CATEGORIES.map((category) => {
    const urgent = isUrgentCategory(category);
    const base = defaultDeadline(urgent);
    const effective = {
      respondHours: base.respondHours,
      resolveHours: base.resolveHours,
      respondSetBy: null as { orgId: number; orgName: string } | null,
      resolveSetBy: null as { orgId: number; orgName: string } | null,
    };
    let own: { respondHours: number | null; resolveHours: number | null } | null = null;
    for (const r of rows.filter((x) => x.category === category)) {
      const by = { orgId: r.org_id, orgName: r.org_name };
      if (r.respond_hours !== null) Object.assign(effective, { respondHours: r.respond_hours, respondSetBy: by });
      if (r.resolve_hours !== null) Object.assign(effective, { resolveHours: r.resolve_hours, resolveSetBy: by });
      if (r.own) own = { respondHours: r.respond_hours, resolveHours: r.resolve_hours };
    }
    return { category, urgent, own, effective };
  });
  return { org: { id: org.id, name: org.name, type: org.type }, settable: SETTABLE.has(org.type), categories };
}

export async function getDeadlines(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const [org] = await queryRows<{ id: number; name: string; type: string }>(
    db,
    sql`select id::int as id, name, type from organizations where id = ${root.id}`,
  );
  if (!org) throw notFound('组织');
  return deadlinesAt(db, org);
}

export async function setDeadline(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  orgId: number,
  body: { category: RequestCategory; respondHours: number | null; resolveHours: number | null },
) {
  return audited(db, ctx, 'request_deadline.update', async (tx) => {
    const org = await requireOrgInScope(tx, actor, orgId);
    if (!SETTABLE.has(org.type)) throw invalid('orgId', '只有市委、县区委可设置诉求办理时限，下级沿用上级设置');
    const where = and(eq(requestDeadlineSettings.orgId, orgId), eq(requestDeadlineSettings.category, body.category));
    if (body.respondHours === null && body.resolveHours === null) {
      await tx.delete(requestDeadlineSettings).where(where);
    } else {
      const values = { respondHours: body.respondHours, resolveHours: body.resolveHours };
      await tx
        .insert(requestDeadlineSettings)
        .values({ orgId, category: body.category, ...values })
        .onConflictDoUpdate({
          target: [requestDeadlineSettings.orgId, requestDeadlineSettings.category],
          set: { ...values, updatedAt: sql`now()` },
        });
    }
    const result = await deadlinesAt(tx, org);
    const entry = result.categories.find((c) => c.category === body.category);
    const rule: DeadlineRule | undefined = entry && entry.effective;
    const [problem] = Object.entries(rule ? deadlineSettingProblems(rule) : {});
    // The rule in force must still make sense with what it inherits (respond within the time to resolve).
    if (problem) throw invalid(problem[0], problem[1]);
    return result;
  });
}

// ---- the street's and the district's queues: take it, or send it back ----

type Held = {
  id: number;
  org_id: number;
  status: string;
  escalation_level: number;
  escalation_org_id: number | null;
  in_hand: boolean;
  taken_at: string | null;
};

/** The request, locked, if it lies in the actor's scope (its community or the organisation holding it). */
async function lockHeld(tx: Queryable, actor: Actor, id: number): Promise<Held> {
  const [row] = await queryRows<Held>(
    tx,
    sql`select r.id::int as id, r.org_id::int as org_id, r.status, r.escalation_level::int as escalation_level,
               r.escalation_org_id::int as escalation_org_id, r.taken_at::text as taken_at,
               coalesce(${pathInScope(actor, sql`eo.path`)}, false) as in_hand
          from service_requests r
          join organizations c on c.id = r.org_id
          left join organizations eo on eo.id = r.escalation_org_id
         where r.id = ${id} and (${pathInScope(actor, sql`c.path`)} or coalesce(${pathInScope(actor, sql`eo.path`)}, false))
           and r.status <> 'merged'
         for update of r`,
  );
  if (!row) throw notFound('诉求');
  if (!(OPEN as readonly string[]).includes(row.status)) throw conflict('诉求已办结或已关闭，不在督办队列中');
  if (row.escalation_level === 0) throw conflict('诉求仍由社区办理，尚未上报街道或区');
  // A community sees its request held above it, but only the level holding it (or one above) acts on it.
  if (!row.in_hand)
    throw conflict(`诉求已上报${ESCALATION_LEVEL_LABELS[row.escalation_level as EscalationLevel]}，由其办理`);
  return row;
}

async function addEvent(tx: Queryable, r: Held, actor: Actor, kind: string, note: string | null, now: Date) {
  await tx.execute(
    sql`insert into service_request_events (request_id, org_id, at, actor_account_id, kind, note, from_status, to_status)
        values (${r.id}, ${r.org_id}, ${now.toISOString()}, ${actor.accountId}, ${kind}, ${note}, ${r.status}, ${r.status})`,
  );
}

type Result = {
  id: number;
  escalation_level: number;
  escalation_org_id: number | null;
  escalate_at: string | null;
  taken_at: string | null;
  returned_at: string | null;
};
const toResult = (r: Result) => ({
  id: r.id,
  escalationLevel: r.escalation_level,
  escalationOrgId: r.escalation_org_id,
  escalateAt: r.escalate_at,
  takenAt: r.taken_at,
  returnedAt: r.returned_at,
});
const RETURNING = sql`returning id::int as id, escalation_level::int as escalation_level,
  escalation_org_id::int as escalation_org_id, escalate_at::text as escalate_at, taken_at::text as taken_at,
  returned_at::text as returned_at`;

/** The level holding the request takes it over (接办): the status and assignee stay in the request. */
export async function takeRequest(db: Db, actor: Actor, ctx: AuditContext, id: number, note: string | undefined) {
  const now = new Date();
  return audited(db, ctx, 'request_oversight.take', async (tx) => {
    const held = await lockHeld(tx, actor, id);
    if (held.taken_at) throw conflict('该诉求已接办');
    const [row] = await queryRows<Result>(
      tx,
      sql`update service_requests set taken_at = ${now.toISOString()}, taken_by_account_id = ${actor.accountId},
                 updated_at = now()
           where id = ${id} ${RETURNING}`,
    );
    const level = ESCALATION_LEVEL_LABELS[held.escalation_level as EscalationLevel];
    await addEvent(tx, held, actor, 'taken', note?.trim() || `${level}接办`, now);
    await notifyNearestStaff(tx, {
      orgId: held.org_id,
      permission: 'serve.write',
      kind: 'request-oversight.taken',
      title: `${level}已接办诉求 #${id}`,
      body: note ?? '',
      link: `/requests/${id}`,
      dedupeKey: `request-oversight.taken:${id}:${now.getTime()}`,
    });
    return toResult(row!);
  });
}

/**
 * Sends the request one level back down with instructions and a new deadline (`days` from now): missing that
 * deadline moves it up again. From the street it returns to the community; from the district, to the street.
 */
export async function returnRequest(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  body: { instructions: string; days: number },
) {
  const now = new Date();
  return audited(db, ctx, 'request_oversight.return', async (tx) => {
    const held = await lockHeld(tx, actor, id);
    const level = (held.escalation_level - 1) as EscalationLevel;
    const holder = level === 0 ? null : await escalationOrgFor(tx, held.org_id, 1);
    const [row] = await queryRows<Result>(
      tx,
      sql`update service_requests set escalation_level = ${level}, escalation_org_id = ${holder},
                 escalate_at = ${returnDeadline(now, body.days)}, returned_at = ${now.toISOString()},
                 return_note = ${body.instructions}, taken_at = null, taken_by_account_id = null, updated_at = now()
           where id = ${id} ${RETURNING}`,
    );
    const from = ESCALATION_LEVEL_LABELS[held.escalation_level as EscalationLevel];
    await addEvent(
      tx,
      held,
      actor,
      'returned',
      `${from}退回${ESCALATION_LEVEL_LABELS[level]}办理：${body.instructions}（${body.days}天内办结）`,
      now,
    );
    await notifyNearestStaff(tx, {
      orgId: holder ?? held.org_id,
      permission: 'serve.write',
      kind: 'request-oversight.returned',
      title: `${from}退回诉求 #${id}，请在${body.days}天内办结`,
      body: body.instructions,
      link: level === 0 ? `/request-oversight/returned` : `/request-oversight/queue`,
      dedupeKey: `request-oversight.returned:${id}:${now.getTime()}`,
    });
    return toResult(row!);
  });
}

// ---- queues and rates ----

export async function queue(
  db: Db,
  actor: Actor,
  query: { orgId?: number; view: 'escalated' | 'returned'; level?: 1 | 2; page: number; pageSize: number },
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const rows = await selectQueue(db, root.path, query);
  const total = rows[0]?.total ?? (query.page > 1 ? await countQueue(db, root.path, query.view, query.level) : 0);
  return {
    items: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      kind: r.kind,
      category: r.category,
      text: r.text,
      urgent: r.urgent,
      status: r.status,
      submittedAt: r.submitted_at,
      respondBy: r.respond_by,
      resolveBy: r.resolve_by,
      escalationLevel: r.escalation_level,
      escalationOrgId: r.escalation_org_id,
      escalationOrgName: r.escalation_org_name,
      escalatedAt: r.escalated_at,
      escalateAt: r.escalate_at,
      takenAt: r.taken_at,
      takenByName: r.taken_by_name,
      returnedAt: r.returned_at,
      returnNote: r.return_note,
      reason: r.reason,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function rates(db: Db, actor: Actor, query: { orgId?: number; period: string }) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const period = ratePeriod(query.period);
  if (!period) throw invalid('period', '应为 2026-12、2026-Q4 或 2026 这样的周期');
  const rows = await selectRates(db, root.id, period.months);
  const toRow = (r: RateOrgRow) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    orgType: r.org_type,
    counters: r.counters,
    rates: ratesOf(r.counters),
  });
  const [own, ...children] = rows;
  if (!own) throw notFound('组织');
  return { period: { key: period.key, label: period.label }, org: toRow(own), children: children.map(toRow), root };
}

export async function exportRates(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  reply: FastifyReply,
  query: { orgId?: number; period: string },
) {
  const { period, org, children, root } = await rates(db, actor, query);
  const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);
  type Row = (typeof children)[number];
  const columns: SheetColumn<Row>[] = [
    { header: '组织', width: 28, value: (r) => r.orgName },
    ...RATE_METRICS.map((m) => ({ header: COUNTER_LABELS[m], width: 12, value: (r: Row) => r.counters[m] })),
    ...(Object.keys(RATE_LABELS) as (keyof typeof RATE_LABELS)[]).map((k) => ({
      header: `${RATE_LABELS[k]}（%）`,
      width: 12,
      value: (r: Row) => pct(r.rates[k]),
    })),
  ];
  return sendXlsx(reply, db, ctx, {
    name: `诉求办理“三率”-${org.orgName}-${period.label}`,
    sheet: period.label,
    columns,
    rows: [org, ...children],
    action: 'request_rates.export',
    entity: 'request_rate_figures',
    orgPath: root.path,
    filter: { orgId: root.id, period: period.key },
  });
}
