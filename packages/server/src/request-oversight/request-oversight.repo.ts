import {
  OPEN_REQUEST_STATUSES,
  RATE_METRICS,
  type RateCounters,
  EMPTY_COUNTERS,
  type RateMetric,
} from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import { pathUnder } from '../http/scope.js';

/** Statuses a request is still being worked in: the partial indexes of this module's migration name them too. */
export const OPEN = OPEN_REQUEST_STATUSES;
export const OPEN_SQL = sql.raw(`(${OPEN.map((s) => `'${s}'`).join(', ')})`);

/**
 * The organisation that holds a community's request at a level: the nearest street (1) or district (2) above the
 * community, or, where the tree has none of that type, its parent (1) or the root (2).
 */
export function escalationOrgSql(communityId: SQL, level: 1 | 2): SQL {
  const type = level === 1 ? 'street_committee' : 'district_committee';
  const fallback =
    level === 1
      ? sql`(select c.parent_id from organizations c where c.id = ${communityId})`
      : sql`(select subpath(c.path, 0, 1)::text::bigint from organizations c where c.id = ${communityId})`;
  return sql`coalesce((select o.id from organizations c join organizations o on o.path @> c.path
                         where c.id = ${communityId} and o.type = ${type} order by nlevel(o.path) desc limit 1),
                      ${fallback})`;
}

export async function escalationOrgFor(q: Queryable, communityId: number, level: 1 | 2): Promise<number | null> {
  const [row] = await queryRows<{ id: number | null }>(
    q,
    sql`select (${escalationOrgSql(sql`${communityId}`, level)})::int as id`,
  );
  return row?.id ?? null;
}

/** The subtree's organisation ids as an array (the path's btree alone): `= any(…)` against an index led by an org id. */
const subtreeIds = (rootPath: string) =>
  sql`array(select subpath(so.path, -1)::text::bigint from organizations so where ${pathUnder(rootPath, sql`so.path`)})`;

export type QueueRow = {
  id: number;
  org_id: number;
  org_name: string;
  kind: string;
  category: string;
  text: string;
  urgent: boolean;
  status: string;
  submitted_at: string;
  respond_by: string | null;
  resolve_by: string | null;
  escalation_level: number;
  escalation_org_id: number | null;
  escalation_org_name: string | null;
  escalated_at: string | null;
  escalate_at: string | null;
  taken_at: string | null;
  taken_by_name: string | null;
  returned_at: string | null;
  return_note: string | null;
  reason: string | null;
  total: number;
};

/**
 * A queue page in one statement. `escalated`: the open requests held by a street or district of the subtree (by
 * the moment they move up next); `returned`: the subtree's requests sent back down with instructions and still
 * open at the community (newest first).
 */
export async function selectQueue(
  q: Queryable,
  rootPath: string,
  query: { view: 'escalated' | 'returned'; level?: 1 | 2; page: number; pageSize: number },
): Promise<QueueRow[]> {
  const keys =
    query.view === 'escalated'
      ? sql`select r.id, r.escalate_at as k1 from service_requests r
             where r.escalation_org_id = any(${subtreeIds(rootPath)}) and r.escalation_level > 0
               and r.status in ${OPEN_SQL} ${query.level ? sql`and r.escalation_level = ${query.level}` : sql``}`
      : sql`select r.id, r.returned_at as k1 from service_requests r
             where r.org_id = any(${subtreeIds(rootPath)}) and r.returned_at is not null and r.escalation_level = 0
               and r.status in ${OPEN_SQL}`;
  const order = query.view === 'escalated' ? sql`k.k1, k.id` : sql`k.k1 desc, k.id desc`;
  return queryRows<QueueRow>(
    q,
    sql`with keys as materialized (${keys}),
             page as (select k.id, count(*) over ()::int as total from keys k order by ${order}
                       limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize})
        select r.id::int as id, r.org_id::int as org_id, c.name as org_name, r.kind, r.category, r.text, r.urgent,
               r.status, r.submitted_at::text as submitted_at, r.respond_by::text as respond_by,
               r.resolve_by::text as resolve_by, r.escalation_level::int as escalation_level,
               r.escalation_org_id::int as escalation_org_id, eo.name as escalation_org_name,
               r.escalated_at::text as escalated_at, r.escalate_at::text as escalate_at, r.taken_at::text as taken_at,
               a.display_name as taken_by_name, r.returned_at::text as returned_at, r.return_note,
               (select e.note from service_request_events e where e.request_id = r.id and e.kind = 'escalated'
                 order by e.at desc, e.id desc limit 1) as reason,
               p.total
          from page p join service_requests r on r.id = p.id
          join organizations c on c.id = r.org_id
          left join organizations eo on eo.id = r.escalation_org_id
          left join accounts a on a.id = r.taken_by_account_id
         order by ${query.view === 'escalated' ? sql`r.escalate_at, r.id` : sql`r.returned_at desc, r.id desc`}`,
  );
}

/** Counts when the page is past the end (the window's total is on the rows). */
export async function countQueue(q: Queryable, rootPath: string, view: 'escalated' | 'returned', level?: 1 | 2) {
  const [row] = await queryRows<{ n: number }>(
    q,
    view === 'escalated'
      ? sql`select count(*)::int as n from service_requests r
             where r.escalation_org_id = any(${subtreeIds(rootPath)}) and r.escalation_level > 0
               and r.status in ${OPEN_SQL} ${level ? sql`and r.escalation_level = ${level}` : sql``}`
      : sql`select count(*)::int as n from service_requests r
             where r.org_id = any(${subtreeIds(rootPath)}) and r.returned_at is not null and r.escalation_level = 0
               and r.status in ${OPEN_SQL}`,
  );
  return row?.n ?? 0;
}

// ---- rates ----

export type RateOrgRow = {
  org_id: number;
  org_name: string;
  org_type: string;
  is_root: boolean;
  counters: RateCounters;
};

/** Levels a rates table lists below its root (a branch holds no requests of its own). */
const RATE_CHILD_TYPES = [
  'district_committee',
  'street_committee',
  'community_committee',
  'big_community_committee',
] as const;

/**
 * The root's and its children's counters over the months of a period: primary-key reads of request_rate_figures
 * (each organisation's row holds its whole subtree), never the requests. One statement.
 */
export async function selectRates(q: Queryable, rootId: number, months: readonly string[]): Promise<RateOrgRow[]> {
  const rows = await queryRows<{
    org_id: number;
    org_name: string;
    org_type: string;
    is_root: boolean;
    m: Record<string, number> | null;
  }>(
    q,
    sql`select o.id::int as org_id, o.name as org_name, o.type as org_type, (o.id = ${rootId}) as is_root,
               (select jsonb_object_agg(x.metric, x.n) from (
                  select f.metric, sum(f.n)::int as n from request_rate_figures f
                   where f.org_id = o.id and f.month in (${sql.join(
                     months.map((m) => sql`${m}`),
                     sql`, `,
                   )})
                   group by f.metric) x) as m
          from organizations o
         where o.id = ${rootId}
            or (o.parent_id = ${rootId} and o.type in (${sql.join(
              RATE_CHILD_TYPES.map((t) => sql`${t}`),
              sql`, `,
            )}))
         order by (o.id = ${rootId}) desc, o.name, o.id`,
  );
  return rows.map((r) => {
    const counters = { ...EMPTY_COUNTERS };
    for (const metric of RATE_METRICS) counters[metric as RateMetric] = r.m?.[metric] ?? 0;
    return { org_id: r.org_id, org_name: r.org_name, org_type: r.org_type, is_root: r.is_root, counters };
  });
}
