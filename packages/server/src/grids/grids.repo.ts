import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import { pathUnder } from '../http/scope.js';

/**
 * The members currently responsible (党员责任区) for the grid a building is in: a request from that building is
 * offered to them first. Empty when the building is in no grid or its grid has nobody responsible. The caller has
 * checked the building against its own scope.
 */
export async function gridMembersOfBuilding(
  q: Queryable,
  buildingId: number,
): Promise<{ member_id: number; name: string }[]> {
  return queryRows<{ member_id: number; name: string }>(
    q,
    sql`select gm.member_id::int as member_id, m.name
      from buildings b
      join grid_members gm on gm.grid_id = b.grid_id and gm.ended_on is null
      join members m on m.id = gm.member_id and m.left_on is null
      where b.id = ${buildingId}
      order by gm.started_on, gm.id`,
  );
}

export type BuildingRow = {
  id: number;
  org_id: number;
  name: string;
  address: string | null;
  households: number;
  grid_id: number | null;
  grid_name: string | null;
};

/** Buildings matching `where` (on `b`), by name as people sort them (2号楼 before 10号楼). */
export async function selectBuildings(q: Queryable, where: SQL, lock = false): Promise<BuildingRow[]> {
  return queryRows<BuildingRow>(
    q,
    sql`select b.id::int as id, b.org_id::int as org_id, b.name, b.address, b.households, b.grid_id::int as grid_id,
          g.name as grid_name
        from buildings b left join grids g on g.id = b.grid_id
        where ${where}
        order by length(b.name), b.name, b.id
        ${lock ? sql`for update of b` : sql``}`,
  );
}

export const toBuilding = (r: BuildingRow) => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  address: r.address,
  households: r.households,
  gridId: r.grid_id,
  gridName: r.grid_name,
});

export type GridRow = {
  id: number;
  org_id: number;
  name: string;
  branch_org_id: number | null;
  branch_name: string | null;
  note: string | null;
  updated_at: string;
  buildings: { id: number; name: string; households: number }[];
  members: {
    id: number;
    memberId: number;
    name: string;
    orgName: string;
    startedOn: string;
    endedOn: string | null;
  }[];
};

/** Grids matching `where` (on `g`) with their buildings and members (current first, then history), one statement. */
export async function selectGrids(q: Queryable, where: SQL, lock = false): Promise<GridRow[]> {
  return queryRows<GridRow>(
    q,
    sql`select g.id::int as id, g.org_id::int as org_id, g.name, g.branch_org_id::int as branch_org_id,
          bo.name as branch_name, g.note, g.updated_at::text as updated_at,
          coalesce((select json_agg(json_build_object('id', b.id, 'name', b.name, 'households', b.households)
                      order by length(b.name), b.name, b.id)
                    from buildings b where b.grid_id = g.id), '[]') as buildings,
          coalesce((select json_agg(json_build_object('id', gm.id, 'memberId', gm.member_id, 'name', m.name,
                      'orgName', mo.name, 'startedOn', gm.started_on, 'endedOn', gm.ended_on)
                      order by gm.ended_on desc nulls first, gm.started_on, gm.id)
                    from grid_members gm join members m on m.id = gm.member_id
                    join organizations mo on mo.id = m.org_id
                    where gm.grid_id = g.id), '[]') as members
        from grids g left join organizations bo on bo.id = g.branch_org_id
        where ${where}
        order by g.id
        ${lock ? sql`for update of g` : sql``}`,
  );
}

export type FigureRow = {
  org_id: number;
  org_name: string;
  grids: number;
  buildings: number;
  households: number;
  households_covered: number;
  members: number;
};

/**
 * Grids, buildings, households (all and in a grid) and responsible members of each community under `rootPath`
 * that has any, from the three tables' org indexes: a community holds tens of buildings and a handful of grids.
 */
export async function selectFigures(q: Queryable, rootPath: string): Promise<FigureRow[]> {
  return queryRows<FigureRow>(
    q,
    sql`with c as (
          select o.id, o.name, o.path from organizations o
           where ${pathUnder(rootPath, sql`o.path`)}
             and o.type in ('community_committee', 'big_community_committee'))
        select c.id::int as org_id, c.name as org_name,
               (select count(*) from grids g where g.org_id = c.id)::int as grids,
               bs.buildings, bs.households, bs.households_covered,
               (select count(*) from grid_members gm where gm.org_id = c.id and gm.ended_on is null)::int as members
          from c
          cross join lateral (
            select count(*)::int as buildings, coalesce(sum(b.households), 0)::int as households,
                   coalesce(sum(b.households) filter (where b.grid_id is not null), 0)::int as households_covered
              from buildings b where b.org_id = c.id) bs
         where bs.buildings > 0 or exists (select 1 from grids g where g.org_id = c.id)
         order by c.path
         limit 2000`,
  );
}

export type MyGridRow = {
  grid_id: number;
  grid_name: string;
  org_name: string;
  buildings: string[];
  households: number;
  started_on: string;
};

/** The grids a member is currently responsible for (the phone's line on the home and profile). */
export async function selectMemberGrids(q: Queryable, memberId: number): Promise<MyGridRow[]> {
  return queryRows<MyGridRow>(
    q,
    sql`select g.id::int as grid_id, g.name as grid_name, o.name as org_name, gm.started_on::text as started_on,
          coalesce((select array_agg(b.name order by length(b.name), b.name) from buildings b where b.grid_id = g.id),
                   '{}') as buildings,
          coalesce((select sum(b.households) from buildings b where b.grid_id = g.id), 0)::int as households
        from grid_members gm join grids g on g.id = gm.grid_id join organizations o on o.id = g.org_id
        where gm.member_id = ${memberId} and gm.ended_on is null
        order by gm.started_on, g.id`,
  );
}
