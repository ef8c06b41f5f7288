import { ESCALATION_LEVEL_LABELS } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import type { Job } from '../scheduler/runner.js';
import { escalationOrgSql, OPEN_SQL } from './request-oversight.repo.js';

/** How many requests a message names; the queue lists them all. */
const NAMED = 5;

const chinaTime = (column: string) => sql.raw(`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`);

type Moved = { id: number; org_id: number; escalation_org_id: number; text: string };

/**
 * Moves up, by one set-based statement, every open request held at `from` whose moment has passed (the community's:
 * resolve_by, or the deadline it was sent back with; the street's: that moment plus the request's span again), and
 * writes each its 'escalated' event (actor null: the job) in the same statement. The row conditions are checked
 * again on the locked row (PostgreSQL re-reads a row another transaction changed before it updates it), so two
 * runners at once, or a run repeated after a restart, move each request once.
 */
export async function moveUp(tx: Queryable, from: 0 | 1, now: Date): Promise<Moved[]> {
  const to = (from + 1) as 1 | 2;
  const iso = now.toISOString();
  const missed = sql`coalesce(r.escalate_at, r.resolve_by)`;
  const what = from === 0 ? '社区超过办结时限未办结' : '街道督办时限内仍未办结';
  return queryRows<Moved>(
    tx,
    sql`with moved as (
          update service_requests r
             set escalation_level = ${to},
                 escalation_org_id = ${escalationOrgSql(sql`r.org_id`, to)},
                 escalated_at = ${iso},
                 escalate_at = ${missed} + greatest(r.resolve_by - r.submitted_at, interval '1 hour'),
                 taken_at = null, taken_by_account_id = null, updated_at = now()
           where r.escalation_level = ${from} and ${missed} < ${iso} and r.status in ${OPEN_SQL}
          returning r.id, r.org_id, r.status, r.escalation_org_id, r.text,
                    r.escalate_at - greatest(r.resolve_by - r.submitted_at, interval '1 hour') as missed_at),
        events as (
          insert into service_request_events (request_id, org_id, at, actor_account_id, kind, note, from_status, to_status)
          select m.id, m.org_id, ${iso}, null, 'escalated',
                 ${what}::text || '（时限 ' || ${chinaTime('m.missed_at')} || '），自动上报' || o.name, m.status, m.status
            from moved m join organizations o on o.id = m.escalation_org_id)
        select id::int as id, org_id::int as org_id, escalation_org_id::int as escalation_org_id, text
          from moved order by id`,
  );
}

const brief = (text: string) => (text.length > 20 ? `${text.slice(0, 20)}…` : text);

/** One message per organisation holding new requests, and one per community whose requests went up. */
export async function tellMoved(tx: Queryable, moved: Moved[], to: 1 | 2, now: Date) {
  const level = ESCALATION_LEVEL_LABELS[to];
  const group = (key: (m: Moved) => number) => {
    const by = new Map<number, Moved[]>();
    for (const m of moved) by.set(key(m), [...(by.get(key(m)) ?? []), m]);
    return by;
  };
  const named = (list: Moved[]) =>
    list
      .slice(0, NAMED)
      .map((m) => `#${m.id} ${brief(m.text)}`)
      .join('；') + (list.length > NAMED ? ` 等${list.length}件` : '');
  for (const [orgId, list] of group((m) => m.escalation_org_id)) {
    await notifyNearestStaff(tx, {
      orgId,
      permission: 'serve.write',
      kind: 'request-oversight.escalated',
      title: `${list.length}件诉求超时未办结，已上报${level}督办`,
      body: named(list),
      link: '/request-oversight/queue',
      dedupeKey: `request-oversight.escalated:${to}:${orgId}:${now.getTime()}`,
    });
  }
  for (const [orgId, list] of group((m) => m.org_id)) {
    await notifyNearestStaff(tx, {
      orgId,
      permission: 'serve.write',
      kind: 'request-oversight.escalated',
      title: `${list.length}件诉求超时未办结，已自动上报${level}`,
      body: named(list),
      link: '/requests',
      dedupeKey: `request-oversight.escalated-community:${to}:${orgId}:${now.getTime()}`,
    });
  }
}

/**
 * Marks the deadlines passed unmet (respond_by without a response, resolve_by unresolved). Time, not a write,
 * makes a request overdue: this update is the write the rates' counters see (their triggers count `openOverdue`
 * and `dueRespond` from these columns). Once set they stay: a request sent back keeps counting as overdue.
 */
export async function markOverdue(tx: Queryable, now: Date) {
  const iso = now.toISOString();
  const [respond] = await queryRows<{ n: number }>(
    tx,
    sql`with m as (update service_requests set respond_overdue = true
                    where responded_at is null and not respond_overdue and status <> 'merged' and respond_by < ${iso}
                   returning 1)
        select count(*)::int as n from m`,
  );
  const [resolve] = await queryRows<{ n: number }>(
    tx,
    sql`with m as (update service_requests set resolve_overdue = true
                    where not resolve_overdue and status in ${OPEN_SQL} and resolve_by < ${iso}
                   returning 1)
        select count(*)::int as n from m`,
  );
  return { respondOverdue: respond?.n ?? 0, resolveOverdue: resolve?.n ?? 0 };
}

type Reminded = { id: number; org_id: number; bits: number; text: string };

/**
 * 事前提醒: tells the community once when a request enters the last quarter of its time to respond (bit 1) and of
 * its time to resolve (bit 2). `reminded` keeps what was told, in the same transaction as the message.
 */
async function remind(tx: Queryable, now: Date): Promise<Reminded[]> {
  const iso = now.toISOString();
  const rows = await queryRows<Reminded>(
    tx,
    sql`with due as (
          select r.id,
                 (case when r.responded_at is null and r.reminded & 1 = 0
                        and r.respond_by - (r.respond_by - r.submitted_at) / 4 <= ${iso} then 1 else 0 end)
               | (case when r.reminded & 2 = 0
                        and r.resolve_by - (r.resolve_by - r.submitted_at) / 4 <= ${iso} then 2 else 0 end) as bits
            from service_requests r
           where r.status in ${OPEN_SQL} and r.escalation_level = 0 and r.reminded <> 3)
        update service_requests r set reminded = r.reminded | d.bits
          from due d
         where r.id = d.id and d.bits <> 0 and (r.reminded & d.bits) <> d.bits and r.status in ${OPEN_SQL}
        returning r.id::int as id, r.org_id::int as org_id, d.bits::int as bits, r.text`,
  );
  const byOrg = new Map<number, Reminded[]>();
  for (const r of rows) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r]);
  for (const [orgId, list] of byOrg) {
    const respond = list.filter((r) => r.bits & 1).length;
    const resolve = list.filter((r) => r.bits & 2).length;
    const parts = [respond > 0 && `${respond}件临近响应时限`, resolve > 0 && `${resolve}件临近办结时限`];
    await notifyNearestStaff(tx, {
      orgId,
      permission: 'serve.write',
      kind: 'request-oversight.due',
      title: `诉求事前提醒：${parts.filter(Boolean).join('，')}`,
      body:
        list
          .slice(0, NAMED)
          .map((r) => `#${r.id} ${brief(r.text)}`)
          .join('；') + (list.length > NAMED ? ` 等${list.length}件` : ''),
      link: '/requests',
      dedupeKey: `request-oversight.due:${orgId}:${now.getTime()}`,
    });
  }
  return rows;
}

/**
 * The oversight job's one run: deadlines passed are marked, requests move up a level (community → street, then
 * street → district), and the communities are told of deadlines coming. Each step its own transaction through
 * audited() as the system: a run cut short leaves whole steps, and the next run does the rest.
 */
export async function runOversight(db: Db, now: Date) {
  const overdue = await audited(db, SYSTEM_AUDIT, 'request_oversight.overdue', (tx) => markOverdue(tx, now));
  const toStreet = await audited(db, SYSTEM_AUDIT, 'request_oversight.escalate', async (tx) => {
    const moved = await moveUp(tx, 0, now);
    await tellMoved(tx, moved, 1, now);
    return moved.length;
  });
  const toDistrict = await audited(db, SYSTEM_AUDIT, 'request_oversight.escalate', async (tx) => {
    const moved = await moveUp(tx, 1, now);
    await tellMoved(tx, moved, 2, now);
    return moved.length;
  });
  const reminded = await audited(
    db,
    SYSTEM_AUDIT,
    'request_oversight.remind',
    async (tx) => (await remind(tx, now)).length,
  );
  return { ...overdue, toStreet, toDistrict, reminded };
}

/** Every 5 minutes: an urgent request has 2 hours to be answered, so a daily job would tell too late. */
export const oversightJob: Job = {
  name: 'request-oversight.escalate',
  label: '诉求超时未办结自动上报街道、区（三级联动），标记超时，临期提醒社区',
  schedule: { everyMinutes: 5 },
  run: ({ db, now }) => runOversight(db, now),
};
