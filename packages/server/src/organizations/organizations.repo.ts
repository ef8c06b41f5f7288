import { type SQL, sql } from 'drizzle-orm';
import {
  chinaToday,
  type OrgManagementMode,
  type OrgSector,
  type OrgType,
  termEndsOn,
  termStatus,
} from '@gongjian/shared';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';
import type { OrgDetail, OrgNode } from './organizations.schema.js';

type Scope = Pick<Actor, 'scopePath'>;

type NodeRow = {
  id: number;
  parent_id: number | null;
  path: string;
  name: string;
  type: OrgType;
  sector: OrgSector;
  code: string | null;
  founded_on: string | null;
  created_at: string;
  updated_at: string;
  child_count: number;
  member_count: number;
};

// Member counts cover the whole subtree of each node (rollups kept by the members_rollup trigger).
const NODE_COLUMNS = sql`o.id::int as id, o.parent_id::int as parent_id, o.path::text as path, o.name, o.type,
  o.sector, o.code, o.founded_on::text as founded_on, to_json(o.created_at) #>> '{}' as created_at, to_json(o.updated_at) #>> '{}' as updated_at,
  (select count(*)::int from organizations c where c.parent_id = o.id) as child_count,
  (o.full_members + o.probationary_members) as member_count`;

/** What a list of organisations shows: NODE_COLUMNS without the path and the timestamps. */
const LIST_NODE_COLUMNS = sql`o.id::int as id, o.parent_id::int as parent_id, o.name, o.type, o.sector, o.code,
  o.founded_on::text as founded_on, (select count(*)::int from organizations c where c.parent_id = o.id) as child_count,
  (o.full_members + o.probationary_members) as member_count`;

function toNode(row: Omit<NodeRow, 'path' | 'created_at' | 'updated_at'>): OrgNode {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    type: row.type,
    sector: row.sector,
    code: row.code,
    foundedOn: row.founded_on,
    childCount: row.child_count,
    memberCount: row.member_count,
  };
}

async function selectNodes(db: Queryable, scope: Scope, where: SQL, lock = false): Promise<NodeRow[]> {
  return queryRows<NodeRow>(
    db,
    sql`select ${NODE_COLUMNS} from organizations o where ${where} and ${pathInScope(scope, sql`o.path`)} order by o.id
        ${lock ? sql`for update of o` : sql``}`,
  );
}

/**
 * The children of an organisation inside the scope, or undefined when it is not (404). One statement when it has
 * children: the parent's scope check is a condition of the children's read (the children of a parent outside the
 * scope may include the actor's own organisation). An empty answer is asked again: no children, or not in scope?
 * (Gating the read by a join with the parent's row instead, for one statement always, cost the database twice
 * the time of this form: bench/RESULTS.md.) Without a parent, the actor's own organisation.
 */
export async function listChildren(
  db: Queryable,
  scope: Scope,
  parentId: number | undefined,
): Promise<OrgNode[] | undefined> {
  if (parentId === undefined)
    return (await selectNodes(db, scope, sql`o.path = ${scope.scopePath}::ltree`)).map(toNode);
  const children = await queryRows<Omit<NodeRow, 'path' | 'created_at' | 'updated_at'>>(
    db,
    sql`select ${LIST_NODE_COLUMNS} from organizations o
         where o.parent_id = ${parentId}
           and exists (select 1 from organizations p where p.id = ${parentId} and ${pathInScope(scope, sql`p.path`)})
         order by o.id`,
  );
  if (children.length > 0) return children.map(toNode);
  return (await findOrg(db, scope, parentId)) ? [] : undefined;
}

export type OrgRecord = OrgNode & { path: string; createdAt: string; updatedAt: string };

/** The organisation a scoped list, export or count starts from, with the size of its subtree (members). */
export type ScopeRoot = { id: number; name: string; path: string; size: number };

/** An organisation as the root of a scoped read, or undefined outside the scope (see requireScopeRoot). */
export async function findScopeRoot(db: Queryable, scope: Scope, id: number): Promise<ScopeRoot | undefined> {
  const [row] = await queryRows<ScopeRoot>(
    db,
    sql`select o.id::int as id, o.name, o.path::text as path, (o.full_members + o.probationary_members)::int as size
          from organizations o where o.id = ${id} and ${pathInScope(scope, sql`o.path`)}`,
  );
  return row;
}

/** One organisation inside the scope, or undefined: callers answer 404 either way. */
export async function findOrg(db: Queryable, scope: Scope, id: number, lock = false): Promise<OrgRecord | undefined> {
  const [row] = await selectNodes(db, scope, sql`o.id = ${id}`, lock);
  return row && { ...toNode(row), path: row.path, createdAt: row.created_at, updatedAt: row.updated_at };
}

type DetailRow = NodeRow & {
  address: string | null;
  unit_name: string | null;
  management_mode: OrgManagementMode;
  term_started_on: string | null;
  full_members: number;
  probationary_members: number;
  direct_full: number;
  direct_probationary: number;
  ancestors: { id: number; name: string }[];
  covered_units: { id: number; name: string }[];
};

/**
 * An organisation's page inside the scope, in one statement: its record, its own members by status, its
 * ancestors inside the scope and the new organisations it covers (as JSON arrays). Undefined outside the scope.
 */
export async function loadDetail(db: Queryable, scope: Scope, id: number): Promise<OrgDetail | undefined> {
  const [row] = await queryRows<DetailRow>(
    db,
    sql`select ${NODE_COLUMNS}, o.address, o.unit_name, o.management_mode, o.term_started_on::text as term_started_on,
          o.full_members, o.probationary_members,
          (select count(*)::int from members m where m.org_id = o.id and m.status = 'full' and m.left_on is null) as direct_full,
          (select count(*)::int from members m where m.org_id = o.id and m.status = 'probationary' and m.left_on is null) as direct_probationary,
          (select coalesce(json_agg(json_build_object('id', a.id::int, 'name', a.name) order by nlevel(a.path)), '[]'::json)
             from organizations a where a.path @> o.path and a.id <> o.id and ${pathInScope(scope, sql`a.path`)}) as ancestors,
          (select coalesce(json_agg(json_build_object('id', n.id::int, 'name', n.name) order by n.id), '[]'::json)
             from new_organizations n where n.joint_branch_id = o.id or n.own_org_id = o.id) as covered_units
        from organizations o where o.id = ${id} and ${pathInScope(scope, sql`o.path`)}`,
  );
  if (!row) return undefined;
  const endsOn = row.term_started_on ? termEndsOn(row.type, row.term_started_on) : null;
  return {
    ...toNode(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ancestors: row.ancestors,
    address: row.address,
    unitName: row.unit_name,
    managementMode: row.management_mode,
    termStartedOn: row.term_started_on,
    termEndsOn: endsOn,
    termStatus: endsOn ? termStatus(endsOn, chinaToday()) : null,
    fullMembers: row.full_members,
    probationaryMembers: row.probationary_members,
    directFullMembers: row.direct_full,
    directProbationaryMembers: row.direct_probationary,
    coveredUnits: row.covered_units,
  };
}

type Dependents = {
  children: number;
  /** Members on the roster here now. */
  members: number;
  /** Members whose records name it: who left from here, or moved on (their organisation history). */
  recorded: number;
  /** Floating-member, 双报到 and transfer records that name it. */
  records: number;
  accounts: number;
  newOrgs: number;
};

/**
 * What keeps an organisation from being deleted. The history count reads `member_history` without an index on
 * its organisation (a scan at a million members, ~0.1 s): deleting is rare, and that index would cost every import.
 */
export async function countDependents(db: Queryable, id: number): Promise<Dependents> {
  const [counts] = await queryRows<Dependents>(
    db,
    sql`select
      (select count(*)::int from organizations where parent_id = ${id}) as children,
      (select count(*)::int from members where org_id = ${id} and left_on is null) as members,
      (select count(*)::int from (
         select member_id from member_history where org_id = ${id}
         union select id from members where org_id = ${id} and left_on is not null) r) as recorded,
      (select count(*)::int from floating_members where org_id = ${id})
        + (select count(*)::int from in_service_registrations where org_id = ${id} or unit_org_id = ${id})
        + (select count(*)::int from member_transfers where org_id = ${id} or from_org_id = ${id} or to_org_id = ${id})
        as records,
      (select count(*)::int from accounts where org_id = ${id}) as accounts,
      (select count(*)::int from new_organizations where org_id = ${id}) as "newOrgs"`,
  );
  return counts as Dependents;
}

/** A deleted organisation leaves its team history (kept in the audit log) and no longer covers any unit. */
export async function detachOrg(db: Queryable, id: number) {
  await db.execute(sql`delete from team_posts where org_id = ${id}`);
  await db.execute(sql`update new_organizations set own_org_id = null, updated_at = now() where own_org_id = ${id}`);
  await db.execute(
    sql`update new_organizations set joint_branch_id = null, updated_at = now() where joint_branch_id = ${id}`,
  );
}

/** Re-roots a subtree under a new parent; every descendant's path changes in the same statement. */
export async function moveSubtree(
  db: Queryable,
  org: { id: number; path: string },
  newParent: { id: number; path: string },
) {
  // The subtree's members leave the old ancestors' rollups and join the new ones'.
  await db.execute(sql`with moved as (select full_members f, probationary_members p from organizations where id = ${org.id})
    update organizations a set full_members = a.full_members - m.f, probationary_members = a.probationary_members - m.p
      from moved m where a.path @> ${org.path}::ltree and a.id <> ${org.id}`);
  await db.execute(sql`with moved as (select full_members f, probationary_members p from organizations where id = ${org.id})
    update organizations a set full_members = a.full_members + m.f, probationary_members = a.probationary_members + m.p
      from moved m where a.path @> ${newParent.path}::ltree`);
  // The same for the figures: the moved organisation's own row holds its whole subtree's.
  const shiftFigures = (ancestors: SQL, sign: 1 | -1) =>
    db.execute(sql`insert into org_figures (org_id, metric, n)
      select a.id, f.metric, ${sign} * f.n from org_figures f
       cross join unnest(string_to_array(${ancestors}::text, '.')::bigint[]) as a(id)
       where f.org_id = ${org.id} and f.n <> 0
       order by 1, 2
      on conflict (org_id, metric) do update set n = org_figures.n + excluded.n`);
  await shiftFigures(sql`subpath(${org.path}::ltree, 0, nlevel(${org.path}::ltree) - 1)`, -1);
  await shiftFigures(sql`${newParent.path}::ltree`, 1);
  // And organisational life's counters (org-life, drizzle/0026).
  await db.execute(sql`select org_life_counts_move(${org.id}, ${org.path}::ltree, ${newParent.path}::ltree)`);
  await db.execute(sql`update organizations set parent_id = ${newParent.id}, updated_at = now() where id = ${org.id}`);
  await db.execute(sql`update organizations
       set path = ${newParent.path}::ltree || subpath(path, nlevel(${org.path}::ltree) - 1)
     where path <@ ${org.path}::ltree`);
}

export async function childTypes(db: Queryable, id: number): Promise<OrgType[]> {
  const rows = await queryRows<{ type: OrgType }>(
    db,
    sql`select distinct type from organizations where parent_id = ${id}`,
  );
  return rows.map((r) => r.type);
}
