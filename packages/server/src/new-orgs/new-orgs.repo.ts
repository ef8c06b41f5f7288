import { type SQL, sql } from 'drizzle-orm';
import { type CoverageStatus, coverageStatus, type NewOrgKind } from '@gongjian/shared';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { orgInScope } from '../http/scope.js';
import type { NewOrg } from './new-orgs.schema.js';

type Scope = Pick<Actor, 'scopePath'>;

type Row = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  name: string;
  uscc: string;
  kind: NewOrgKind;
  industry: string;
  address: string | null;
  grid: string | null;
  employees: number;
  party_members: number;
  own_org_id: number | null;
  own_org_name: string | null;
  joint_branch_id: number | null;
  joint_branch_name: string | null;
  instructor_name: string | null;
  instructor_phone: string | null;
  updated_at: string;
};

export type NewOrgRecord = NewOrg & { orgPath: string };

const toNewOrg = (r: Row): NewOrgRecord => ({
  id: r.id,
  org: { id: r.org_id, name: r.org_name },
  orgPath: r.org_path,
  name: r.name,
  uscc: r.uscc,
  kind: r.kind,
  industry: r.industry,
  address: r.address,
  grid: r.grid,
  employees: r.employees,
  partyMembers: r.party_members,
  ownOrg: r.own_org_id === null ? null : { id: r.own_org_id, name: r.own_org_name ?? '' },
  jointBranch: r.joint_branch_id === null ? null : { id: r.joint_branch_id, name: r.joint_branch_name ?? '' },
  instructorName: r.instructor_name,
  instructorPhone: r.instructor_phone,
  status: coverageStatus({ ownOrgId: r.own_org_id, jointBranchId: r.joint_branch_id, instructor: r.instructor_name }),
  updatedAt: r.updated_at,
});

/** The coverage status in SQL, the same order of precedence as the shared coverageStatus(). */
const STATUS_SQL = sql`case when n.own_org_id is not null then 'own_org' when n.joint_branch_id is not null then 'joint_branch'
  when coalesce(n.instructor_name, '') <> '' then 'instructor' else 'blank' end`;

const FROM = sql`from new_organizations n
  join organizations o on o.id = n.org_id
  left join organizations own on own.id = n.own_org_id
  left join organizations jb on jb.id = n.joint_branch_id`;

const COLUMNS = sql`n.id::int as id, n.org_id::int as org_id, o.name as org_name, o.path::text as org_path, n.name, n.uscc,
  n.kind, n.industry, n.address, n.grid, n.employees, n.party_members, n.own_org_id::int as own_org_id, own.name as own_org_name,
  n.joint_branch_id::int as joint_branch_id, jb.name as joint_branch_name, n.instructor_name, n.instructor_phone,
  to_json(n.updated_at) #>> '{}' as updated_at`;

export type NewOrgFilter = { rootPath: string; status?: CoverageStatus; q?: string };

function where(scope: Scope, f: NewOrgFilter): SQL {
  return sql`o.path <@ ${f.rootPath}::ltree and ${orgInScope(scope, sql`n.org_id`)}
    ${f.status ? sql`and ${STATUS_SQL} = ${f.status}` : sql``}
    ${f.q ? sql`and (n.name ilike ${`%${f.q}%`} or n.uscc ilike ${`%${f.q}%`} or n.industry ilike ${`%${f.q}%`})` : sql``}`;
}

export async function listNewOrgs(
  db: Queryable,
  scope: Scope,
  f: NewOrgFilter,
  page?: { page: number; pageSize: number },
): Promise<{ items: NewOrgRecord[]; total: number }> {
  const rows = await queryRows<Row>(
    db,
    sql`select ${COLUMNS} ${FROM} where ${where(scope, f)} order by o.path, n.id
        ${page ? sql`limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}` : sql``}`,
  );
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${FROM} where ${where(scope, f)}`);
  return { items: rows.map(toNewOrg), total: count?.n ?? 0 };
}

export async function findNewOrg(db: Queryable, scope: Scope, id: number, lock = false) {
  const [row] = await queryRows<Row>(
    db,
    sql`select ${COLUMNS} ${FROM} where n.id = ${id} and ${orgInScope(scope, sql`n.org_id`)}
        ${lock ? sql`for update of n` : sql``}`,
  );
  return row && toNewOrg(row);
}

export async function usccTaken(db: Queryable, uscc: string, exceptId?: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from new_organizations where uscc = ${uscc} ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  return rows.length > 0;
}

/** Coverage status of every new organisation in a subtree, with the child of the root each one lies under. */
export async function coverageRows(db: Queryable, scope: Scope, root: { id: number; path: string }) {
  return queryRows<{ id: number; status: CoverageStatus; child_id: number | null }>(
    db,
    sql`select n.id::int as id, ${STATUS_SQL} as status,
          (select c.id::int from organizations c where c.parent_id = ${root.id} and o.path <@ c.path) as child_id
        from new_organizations n join organizations o on o.id = n.org_id
        where o.path <@ ${root.path}::ltree and ${orgInScope(scope, sql`n.org_id`)}`,
  );
}
