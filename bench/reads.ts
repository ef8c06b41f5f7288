// The read endpoints the benchmark measures, most with a reference: hand-written SQL that answers the same
// request from its inputs alone (the ids and text in the URL, and the actor's scope path), and the mapping of its
// rows to the response body the app must return. The workbench has none (below, workbenchCase). Used twice:
//   - by packages/server/test/api/reads.test.ts on the demo city: the app's body equals the reference's, and the
//     app sends exactly one SQL statement for each of these requests (issue 15, part 4);
//   - by `npm run bench` on bench data: the same comparison before any timing, then the reference and the app's
//     own statement (captured here) are driven by pgbench side by side.
import {
  probationEndsOn,
  chinaToday,
  maskIdNumber,
  maskPhone,
  type MemberCategory,
  type OrgType,
  termEndsOn,
  termStatus,
} from '@gongjian/shared';
import pg from 'pg';
import { toOrgFigures } from '../packages/server/src/figures/figures.service.js';
import { BENCH_DISTRICT_USER, BENCH_STREET_USER } from './data.js';

/** The organisations and the member the requests name, found on the loaded data by findTargets(). */
export type Targets = {
  /** The actor's scope: the root of the tree (the bench user and the city's administrator sit there). */
  scopePath: string;
  community: { id: number; size: number };
  street: { id: number };
  district: { id: number };
  member: { id: number; name: string; idNumber: string; initials: string };
};

export type ReadCase = {
  name: string;
  /** The request, after /api. */
  path: string;
  /** The account that asks (logged in with BENCH_PASSWORD); without one, the administrator at the root (BENCH_USER). */
  user?: string;
  /** The floor's request for the same read, when it is not `path` (the floor has no session: it names the account). */
  floorPath?: string;
} & (
  | {
      /** The reference: one statement, its values written in (pgbench runs the text as it is). */
      reference: string;
      /** The response body the reference's rows make. */
      toBody(rows: Record<string, unknown>[]): unknown;
    }
  | {
      /**
       * No reference: a read that no one hand-written statement answers sensibly. Its answer is checked equal to
       * the floor's (the same service function over the bare database) instead, and its SQL columns show only the
       * app's statements.
       */
      reference?: undefined;
    }
);

type Query = <T>(text: string) => Promise<T[]>;

/** The first community, street and district (by id) and the first member of that street. */
export async function findTargets(query: Query): Promise<Targets> {
  const one = async <T>(text: string) => {
    const [row] = await query<T>(text);
    if (!row) throw new Error(`no target: ${text}`);
    return row;
  };
  const root = await one<{ path: string }>(
    `select path::text as path from organizations where parent_id is null order by id limit 1`,
  );
  const community = await one<{ id: number; size: number }>(
    `select id::int, (full_members + probationary_members)::int as size from organizations
      where type = 'community_committee' order by id limit 1`,
  );
  const street = await one<{ id: number }>(
    `select id::int from organizations where type = 'street_committee' order by id limit 1`,
  );
  const district = await one<{ id: number }>(
    `select id::int from organizations where type = 'district_committee' order by id limit 1`,
  );
  const member = await one<{ id: number; name: string; idNumber: string; initials: string }>(
    `select m.id::int, m.name, m.id_number as "idNumber", m.name_initials as initials
       from members m join organizations o on o.id = m.org_id
      where o.path <@ (select path from organizations where id = ${street.id}) and m.left_on is null
      order by m.id limit 1`,
  );
  return { scopePath: root.path, community, street, district, member };
}

/** A value written into SQL: a quoted literal of unknown type, as a bound parameter would arrive. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** A statement with its `$n` parameters written in (for pgbench, which sends text). */
export function inline(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

const COUNT_CAP = 2000;
const PAGE_SIZE = 20;

const SUMMARY = `m.id::int as id, m.name, m.gender, m.id_number, m.phone, m.status, m.category, m.management_mode,
  m.org_id::int as org_id, o.name as org_name, m.joined_on::text as joined_on, m.tags`;

type SummaryRow = {
  id: number;
  name: string;
  gender: string;
  id_number: string;
  phone: string | null;
  status: string;
  category: MemberCategory;
  management_mode: string;
  org_id: number;
  org_name: string;
  joined_on: string | null;
  tags: string[];
};

const summary = (r: SummaryRow) => ({
  id: r.id,
  name: r.name,
  gender: r.gender,
  idNumber: maskIdNumber(r.id_number),
  phone: r.phone === null ? null : maskPhone(r.phone),
  status: r.status,
  category: r.category,
  managementMode: r.management_mode,
  orgId: r.org_id,
  orgName: r.org_name,
  joinedOn: r.joined_on,
  tags: r.tags,
});

function memberPage(rows: Record<string, unknown>[], page: number, capped: boolean) {
  const n = Number(rows[0]?.total ?? 0);
  return {
    items: (rows as SummaryRow[]).map(summary),
    total: capped ? Math.min(n, COUNT_CAP) : n,
    totalCapped: capped && n > COUNT_CAP,
    page,
    pageSize: PAGE_SIZE,
  };
}

/** The subtree of an organisation named in the request, inside the actor's scope. */
const subtreeOf = (orgId: number, scopePath: string) =>
  `(select path from organizations where id = ${orgId} and path <@ ${literal(scopePath)}::ltree)`;

/**
 * A search in a subtree: each organisation's members read through the organisation's own index entries (the
 * columns the index carries, so an index-only scan), the text applied to those rows (never a probe of the
 * city-wide name index per organisation), counted in the same pass; only the page's 20 rows read whole.
 */
function search(scopePath: string, orgId: number, condition: string): string {
  return `with sub as materialized (select id from organizations where path <@ ${subtreeOf(orgId, scopePath)}),
    hits as (select k.id, k.sort_key, count(*) over () as total
               from sub cross join lateral (
                 select m.id, m.sort_key, m.name, m.name_initials, m.name_pinyin from members m
                  where m.org_id = sub.id and m.left_on is null offset 0) k
              where ${condition.replace(/\bm\./g, 'k.')}
              order by k.sort_key, k.id limit ${PAGE_SIZE})
    select ${SUMMARY}, hits.total from hits join members m on m.id = hits.id join organizations o on o.id = m.org_id
     order by hits.sort_key, hits.id`;
}

/**
 * The workbench (工作台) of an account: every due source it may read, each counted and its first items listed. No
 * reference: a hand-written statement for the whole of it would be a union of the six sources' reads, each with
 * its titles, dates and links built in SQL — the app's code again, not an independent answer. The floor runs the
 * same readWorkbench for an actor of that account (bench/floor.ts).
 */
const workbenchCase = (name: string, user: string): ReadCase => ({
  name,
  path: '/workbench',
  user,
  floorPath: `/workbench?user=${encodeURIComponent(user)}`,
});

export function readCases(t: Targets): ReadCase[] {
  const s = t.scopePath;
  const deepPage = Math.max(1, Math.ceil(t.community.size / PAGE_SIZE));
  const communityPage = (page: number, last: boolean): ReadCase => ({
    name: last ? `member list, community, page ${page} (last)` : 'member list, community, page 1',
    path: `/members?orgId=${t.community.id}&page=${page}`,
    // The rollup counter is the total; the page's keys are cut from the subtree's (an index-only read of each
    // organisation's entries), and only its 20 rows are read whole.
    reference: `with root as (select path, (full_members + probationary_members)::int as total from organizations
                               where id = ${t.community.id} and path <@ ${literal(s)}::ltree),
      sub as materialized (select id from organizations where path <@ (select path from root)),
      keys as (select k.id, k.sort_key from sub cross join lateral (
                 select m.id, m.sort_key from members m where m.org_id = sub.id and m.left_on is null offset 0) k
               order by k.sort_key, k.id limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE})
      select ${SUMMARY}, (select total from root) as total
        from keys join members m on m.id = keys.id join organizations o on o.id = m.org_id
       order by keys.sort_key, keys.id`,
    toBody: (rows) => memberPage(rows, page, false),
  });
  const like = (text: string) => literal(`%${text.replace(/[\\%_]/g, '\\$&')}%`);
  const prefix = literal(`${t.member.initials}%`);
  return [
    communityPage(1, false),
    communityPage(deepPage, true),
    {
      name: 'search in street: name',
      path: `/members?orgId=${t.street.id}&q=${encodeURIComponent(t.member.name)}`,
      reference: search(s, t.street.id, `m.name like ${like(t.member.name)}`),
      toBody: (rows) => memberPage(rows, 1, true),
    },
    {
      name: 'search in street: pinyin initials',
      path: `/members?orgId=${t.street.id}&q=${t.member.initials}`,
      reference: search(s, t.street.id, `(m.name_initials like ${prefix} or m.name_pinyin like ${prefix})`),
      toBody: (rows) => memberPage(rows, 1, true),
    },
    {
      name: 'search in street: exact ID number',
      path: `/members?orgId=${t.street.id}&q=${t.member.idNumber}`,
      reference: `select ${SUMMARY}, count(*) over () as total
          from members m join organizations o on o.id = m.org_id
         where m.id_number = ${literal(t.member.idNumber)} and m.left_on is null
           and o.path <@ ${subtreeOf(t.street.id, s)}
         order by m.sort_key, m.id limit ${PAGE_SIZE}`,
      toBody: (rows) => memberPage(rows, 1, true),
    },
    {
      name: 'member detail',
      path: `/members/${t.member.id}`,
      reference: `select ${SUMMARY}, m.ethnicity, m.birth_date::text as birth_date, m.education,
          m.full_member_on::text as full_member_on, m.residence, m.employer, m.left_on::text as left_on, m.left_reason,
          to_json(m.created_at) #>> '{}' as created_at, to_json(m.updated_at) #>> '{}' as updated_at,
          (select coalesce(json_agg(json_build_object('orgId', h.org_id, 'orgName', h.org_name, 'fromOn', h.from_on,
                    'toOn', h.to_on, 'reason', h.reason, 'endReason', h.end_reason) order by h.from_on, h.id), '[]')
             from member_history h where h.member_id = m.id) as history
        from members m join organizations o on o.id = m.org_id
       where m.id = ${t.member.id} and o.path <@ ${literal(s)}::ltree`,
      toBody: ([r]) => {
        const row = r as SummaryRow & Record<string, string | null> & { history: unknown[] };
        return {
          ...summary(row),
          ethnicity: row.ethnicity,
          birthDate: row.birth_date,
          education: row.education,
          fullMemberOn: row.full_member_on,
          probationEndsOn: row.status === 'probationary' && row.joined_on ? probationEndsOn(row.joined_on) : null,
          residence: row.residence,
          employer: row.employer,
          history: row.history,
          leftOn: row.left_on,
          leftReason: row.left_reason,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        };
      },
    },
    {
      name: 'organisation children with counts (district)',
      path: `/organizations?parentId=${t.district.id}`,
      reference: `select ${NODE}
          from organizations o
         where o.parent_id = ${t.district.id}
           and exists (select 1 from organizations p where p.id = ${t.district.id} and p.path <@ ${literal(s)}::ltree)
         order by o.id`,
      toBody: (rows) => ({ items: (rows as NodeRow[]).map(node) }),
    },
    {
      name: 'district figures (by category, coverage)',
      path: `/organizations/${t.district.id}/figures`,
      reference: `select o.id::int as id, o.name, o.type, o.full_members, o.probationary_members, f.metric, f.n::int as n
          from organizations o left join org_figures f on f.org_id = o.id
         where (o.id = ${t.district.id} or o.parent_id = ${t.district.id}) and o.path <@ ${literal(s)}::ltree
         order by o.id <> ${t.district.id}, o.name, o.id`,
      toBody: (rows) => {
        const orgs = new Map<number, { org: { id: number; name: string; type: OrgType }; n: Map<string, number> }>();
        type Row = { id: number; name: string; type: OrgType; metric: string | null; n: number };
        for (const r of rows as (Row & { full_members: number; probationary_members: number })[]) {
          let entry = orgs.get(r.id);
          if (!entry) {
            const n = new Map([
              ['status:full', r.full_members],
              ['status:probationary', r.probationary_members],
            ]);
            orgs.set(r.id, (entry = { org: { id: r.id, name: r.name, type: r.type }, n }));
          }
          if (r.metric !== null) entry.n.set(r.metric, r.n);
        }
        const [root, ...children] = [...orgs.values()].map((o) => toOrgFigures(o.org, o.n));
        return { ...root, children };
      },
    },
    {
      name: 'organisation detail (district)',
      path: `/organizations/${t.district.id}`,
      reference: `select ${NODE}, to_json(o.created_at) #>> '{}' as created_at, to_json(o.updated_at) #>> '{}' as updated_at,
          o.address, o.unit_name, o.management_mode, o.term_started_on::text as term_started_on,
          o.full_members, o.probationary_members,
          (select count(*) filter (where m.status = 'full')::int from members m where m.org_id = o.id and m.left_on is null) as direct_full,
          (select count(*) filter (where m.status = 'probationary')::int from members m where m.org_id = o.id and m.left_on is null) as direct_probationary,
          (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) order by nlevel(a.path)), '[]')
             from organizations a where a.path @> o.path and a.id <> o.id and a.path <@ ${literal(s)}::ltree) as ancestors,
          (select coalesce(json_agg(json_build_object('id', n.id, 'name', n.name) order by n.id), '[]')
             from new_organizations n where n.joint_branch_id = o.id or n.own_org_id = o.id) as covered_units
        from organizations o where o.id = ${t.district.id} and o.path <@ ${literal(s)}::ltree`,
      toBody: ([r]) => {
        const row = r as NodeRow & Record<string, unknown>;
        const startedOn = row.term_started_on as string | null;
        const endsOn = startedOn ? termEndsOn(row.type, startedOn) : null;
        return {
          ...node(row),
          ancestors: row.ancestors,
          address: row.address,
          unitName: row.unit_name,
          managementMode: row.management_mode,
          termStartedOn: startedOn,
          termEndsOn: endsOn,
          termStatus: endsOn ? termStatus(endsOn, chinaToday()) : null,
          fullMembers: row.full_members,
          probationaryMembers: row.probationary_members,
          directFullMembers: row.direct_full,
          directProbationaryMembers: row.direct_probationary,
          coveredUnits: row.covered_units,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        };
      },
    },
    workbenchCase('workbench, street', BENCH_STREET_USER),
    workbenchCase('workbench, district', BENCH_DISTRICT_USER),
  ];
}

const NODE = `o.id::int as id, o.parent_id::int as parent_id, o.name, o.type, o.sector, o.code,
  o.founded_on::text as founded_on,
  (select count(*)::int from organizations c where c.parent_id = o.id) as child_count,
  (o.full_members + o.probationary_members)::int as member_count`;

type NodeRow = {
  id: number;
  parent_id: number | null;
  name: string;
  type: OrgType;
  sector: string;
  code: string | null;
  founded_on: string | null;
  child_count: number;
  member_count: number;
};

const node = (r: NodeRow) => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  type: r.type,
  sector: r.sector,
  code: r.code,
  foundedOn: r.founded_on,
  childCount: r.child_count,
  memberCount: r.member_count,
});

/**
 * Records the statements the process sends to PostgreSQL through `pg` while `during` runs (every client: pools
 * use pg.Client underneath). The app under test runs in this process (app.inject, or buildApp in the bench).
 */
export async function recordStatements(during: () => Promise<void>): Promise<{ text: string; params: unknown[] }[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: { text: string; params: unknown[] }[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') seen.push({ text: first, params: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      seen.push({ text: q.text, params: q.values ?? (Array.isArray(second) ? second : []) });
    }
    return original.apply(this, args);
  };
  try {
    await during();
  } finally {
    proto.query = original;
  }
  return seen;
}
