import { buildingRange, chinaToday, gridSizeWarning } from '@gongjian/shared';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { orgInScope, pathInScope } from '../http/scope.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import {
  type GridRow,
  selectBuildings,
  selectFigures,
  selectGrids,
  selectMemberGrids,
  toBuilding,
} from './grids.repo.js';
import type {
  BuildingBulk,
  BuildingInput,
  BuildingPatch,
  GridInput,
  GridMemberInput,
  GridPatch,
} from './grids.schema.js';
import { buildings, gridMembers, grids } from './grids.tables.js';

const COMMUNITY_TYPES = ['community_committee', 'big_community_committee'];

export type Community = { id: number; name: string; path: string };

/**
 * The community a building, grid or care record belongs to: in the actor's scope (404 otherwise, as for one that
 * does not exist) and a community (社区党委/社区大党委: 400 naming `field` otherwise).
 */
export async function requireCommunity(q: Queryable, actor: Actor, orgId: number, field = 'orgId'): Promise<Community> {
  const [org] = await queryRows<Community & { type: string }>(
    q,
    sql`select o.id::int as id, o.name, o.path::text as path, o.type from organizations o
         where o.id = ${orgId} and ${pathInScope(actor, sql`o.path`)}`,
  );
  if (!org) throw notFound('组织');
  if (!COMMUNITY_TYPES.includes(org.type)) throw invalid(field, '应为社区党组织');
  return { id: org.id, name: org.name, path: org.path };
}

const toGrid = (r: GridRow) => {
  const households = r.buildings.reduce((sum, b) => sum + b.households, 0);
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    branchOrgId: r.branch_org_id,
    branchName: r.branch_name,
    note: r.note,
    households,
    warning: gridSizeWarning(households),
    buildings: r.buildings,
    members: r.members,
    updatedAt: r.updated_at,
  };
};

const violated = (error: unknown, constraint: string) =>
  error instanceof Error &&
  'cause' in error &&
  String((error.cause as { constraint?: string })?.constraint) === constraint;
const fkViolation = (error: unknown) =>
  error instanceof Error && 'cause' in error && (error.cause as { code?: string })?.code === '23503';

// Buildings

export async function listBuildings(db: Db, actor: Actor, orgId: number) {
  const community = await requireCommunity(db, actor, orgId);
  const rows = await selectBuildings(db, sql`b.org_id = ${community.id}`);
  return {
    items: rows.map(toBuilding),
    households: rows.reduce((sum, r) => sum + r.households, 0),
    unassigned: rows.filter((r) => r.grid_id === null).length,
  };
}

async function buildingInScope(q: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await selectBuildings(q, sql`b.id = ${id} and ${orgInScope(actor, sql`b.org_id`)}`, lock);
  if (!row) throw notFound('楼栋');
  return row;
}

export async function createBuilding(db: Db, actor: Actor, ctx: AuditContext, input: BuildingInput) {
  const community = await requireCommunity(db, actor, input.orgId);
  try {
    return await audited(db, ctx, 'building.create', async (tx) => {
      const [row] = await tx
        .insert(buildings)
        .values({
          orgId: community.id,
          name: input.name,
          address: input.address ?? null,
          households: input.households,
        })
        .returning({ id: buildings.id });
      return toBuilding(await buildingInScope(tx, actor, (row as { id: number }).id));
    });
  } catch (error) {
    if (violated(error, 'buildings_name_key')) throw conflict(`本社区已有楼栋：${input.name}`);
    throw error;
  }
}

/** 1–12号楼 in one go: the names the community does not have yet are added, the others skipped. */
export async function bulkCreateBuildings(db: Db, actor: Actor, ctx: AuditContext, input: BuildingBulk) {
  const community = await requireCommunity(db, actor, input.orgId);
  const names = buildingRange(input.from, input.to, input.prefix, input.suffix);
  return audited(db, ctx, 'building.bulk_create', async (tx) => {
    const created = await tx
      .insert(buildings)
      .values(names.map((name) => ({ orgId: community.id, name, households: input.households })))
      .onConflictDoNothing()
      .returning({ name: buildings.name });
    const made = new Set(created.map((c) => c.name));
    return { created: names.filter((n) => made.has(n)), skipped: names.filter((n) => !made.has(n)) };
  });
}

export async function updateBuilding(db: Db, actor: Actor, ctx: AuditContext, id: number, patch: BuildingPatch) {
  try {
    return await audited(db, ctx, 'building.update', async (tx) => {
      await buildingInScope(tx, actor, id, true);
      await tx
        .update(buildings)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(buildings.id, id));
      return toBuilding(await buildingInScope(tx, actor, id));
    });
  } catch (error) {
    if (violated(error, 'buildings_name_key')) throw conflict(`本社区已有楼栋：${patch.name}`);
    throw error;
  }
}

export async function deleteBuilding(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  try {
    await audited(db, ctx, 'building.delete', async (tx) => {
      await buildingInScope(tx, actor, id, true);
      await tx.delete(buildings).where(eq(buildings.id, id));
    });
  } catch (error) {
    if (fkViolation(error)) throw conflict('该楼栋已有居民登记，不能删除');
    throw error;
  }
}

// Grids

export async function listGrids(db: Db, actor: Actor, orgId: number) {
  const community = await requireCommunity(db, actor, orgId);
  return { items: (await selectGrids(db, sql`g.org_id = ${community.id}`)).map(toGrid) };
}

async function gridInScope(q: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await selectGrids(q, sql`g.id = ${id} and ${orgInScope(actor, sql`g.org_id`)}`, lock);
  if (!row) throw notFound('网格');
  return row;
}

/** The grid branch: an organisation of type grid_branch (or another branch) inside the community. */
async function checkBranch(q: Queryable, actor: Actor, community: Community, branchOrgId: number) {
  const [org] = await queryRows<{ type: string; inside: boolean }>(
    q,
    sql`select o.type, (o.path <@ ${community.path}::ltree and o.id <> ${community.id}) as inside
          from organizations o where o.id = ${branchOrgId} and ${pathInScope(actor, sql`o.path`)}`,
  );
  if (!org) throw notFound('网格党支部');
  if (!org.inside) throw invalid('branchOrgId', '应为本社区下的党组织');
}

/**
 * Puts exactly `buildingIds` in the grid: each must be the community's and in no other grid (409 naming it —
 * a building is in at most one grid). The buildings are locked, so two grids claiming one building at once
 * give one 409.
 */
async function assignBuildings(q: Queryable, actor: Actor, gridId: number, orgId: number, buildingIds: number[]) {
  const ids = [...new Set(buildingIds)];
  if (ids.length > 0) {
    const rows = await selectBuildings(q, sql`b.id in ${ids} and ${orgInScope(actor, sql`b.org_id`)}`, true);
    if (rows.length < ids.length) throw notFound('楼栋');
    const other = rows.find((r) => r.org_id !== orgId);
    if (other) throw invalid('buildingIds', `${other.name}不属于本社区`);
    const taken = rows.find((r) => r.grid_id !== null && r.grid_id !== gridId);
    if (taken) throw conflict(`${taken.name}已划入网格「${taken.grid_name}」，一栋楼只能属于一个网格`);
  }
  await q
    .update(buildings)
    .set({ gridId: null, updatedAt: sql`now()` })
    .where(and(eq(buildings.gridId, gridId), ids.length > 0 ? sql`${buildings.id} not in ${ids}` : undefined));
  if (ids.length > 0)
    await q
      .update(buildings)
      .set({ gridId, updatedAt: sql`now()` })
      .where(and(inArray(buildings.id, ids), sql`${buildings.gridId} is distinct from ${gridId}`));
}

export async function createGrid(db: Db, actor: Actor, ctx: AuditContext, input: GridInput) {
  const community = await requireCommunity(db, actor, input.orgId);
  if (input.branchOrgId) await checkBranch(db, actor, community, input.branchOrgId);
  try {
    return await audited(db, ctx, 'grid.create', async (tx) => {
      const [row] = await tx
        .insert(grids)
        .values({
          orgId: community.id,
          name: input.name,
          branchOrgId: input.branchOrgId ?? null,
          note: input.note ?? null,
        })
        .returning({ id: grids.id });
      const id = (row as { id: number }).id;
      await assignBuildings(tx, actor, id, community.id, input.buildingIds);
      return toGrid(await gridInScope(tx, actor, id));
    });
  } catch (error) {
    if (violated(error, 'grids_name_key')) throw conflict(`本社区已有网格：${input.name}`);
    throw error;
  }
}

export async function updateGrid(db: Db, actor: Actor, ctx: AuditContext, id: number, patch: GridPatch) {
  try {
    return await audited(db, ctx, 'grid.update', async (tx) => {
      const grid = await gridInScope(tx, actor, id, true);
      if (patch.branchOrgId) {
        const community = await requireCommunity(tx, actor, grid.org_id);
        await checkBranch(tx, actor, community, patch.branchOrgId);
      }
      const { buildingIds, ...fields } = patch;
      if (Object.keys(fields).length > 0)
        await tx
          .update(grids)
          .set({ ...fields, updatedAt: sql`now()` })
          .where(eq(grids.id, id));
      if (buildingIds) await assignBuildings(tx, actor, id, grid.org_id, buildingIds);
      return toGrid(await gridInScope(tx, actor, id));
    });
  } catch (error) {
    if (violated(error, 'grids_name_key')) throw conflict(`本社区已有网格：${patch.name}`);
    throw error;
  }
}

export async function deleteGrid(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  await audited(db, ctx, 'grid.delete', async (tx) => {
    const grid = await gridInScope(tx, actor, id, true);
    if (grid.members.some((m) => m.endedOn === null)) throw conflict('网格还有在岗责任党员，请先结束其责任');
    await tx
      .update(buildings)
      .set({ gridId: null, updatedAt: sql`now()` })
      .where(eq(buildings.gridId, id));
    await tx.delete(grids).where(eq(grids.id, id));
  });
}

// Responsible members (党员责任区)

export async function addGridMember(db: Db, actor: Actor, ctx: AuditContext, id: number, input: GridMemberInput) {
  const today = chinaToday();
  const startedOn = input.startedOn ?? today;
  if (startedOn > today) throw invalid('startedOn', '不能晚于今天');
  return audited(db, ctx, 'grid_member.add', async (tx) => {
    const grid = await gridInScope(tx, actor, id, true);
    const [member] = await queryRows<{ name: string; inside: boolean }>(
      tx,
      sql`select m.name, (mo.path <@ (select path from organizations where id = ${grid.org_id})) as inside
            from members m join organizations mo on mo.id = m.org_id
           where m.id = ${input.memberId} and m.left_on is null and ${pathInScope(actor, sql`mo.path`)}`,
    );
    if (!member) throw notFound('党员');
    if (!member.inside) throw invalid('memberId', '应为本社区（含所属支部）的党员');
    if (grid.members.some((m) => m.memberId === input.memberId && m.endedOn === null))
      throw conflict(`${member.name}已是本网格的责任党员`);
    await tx.insert(gridMembers).values({ gridId: id, orgId: grid.org_id, memberId: input.memberId, startedOn });
    return toGrid(await gridInScope(tx, actor, id));
  });
}

export async function endGridMember(db: Db, actor: Actor, ctx: AuditContext, id: number, endedOn?: string) {
  const today = chinaToday();
  const on = endedOn ?? today;
  if (on > today) throw invalid('endedOn', '不能晚于今天');
  return audited(db, ctx, 'grid_member.end', async (tx) => {
    const [row] = await queryRows<{ grid_id: number; started_on: string; ended_on: string | null }>(
      tx,
      sql`select gm.grid_id::int as grid_id, gm.started_on::text as started_on, gm.ended_on::text as ended_on
            from grid_members gm where gm.id = ${id} and ${orgInScope(actor, sql`gm.org_id`)} for update`,
    );
    if (!row) throw notFound('责任党员');
    if (row.ended_on) throw conflict('该责任党员已结束责任');
    if (on < row.started_on) throw invalid('endedOn', '不能早于开始日期');
    await tx
      .update(gridMembers)
      .set({ endedOn: on, updatedAt: sql`now()` })
      .where(and(eq(gridMembers.id, id), isNull(gridMembers.endedOn)));
    return toGrid(await gridInScope(tx, actor, row.grid_id));
  });
}

// Figures and a member's own grids

export async function gridFigures(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const rows = await selectFigures(db, root.path);
  const items = rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    grids: r.grids,
    buildings: r.buildings,
    households: r.households,
    householdsCovered: r.households_covered,
    members: r.members,
  }));
  const sum = (k: 'grids' | 'buildings' | 'households' | 'householdsCovered' | 'members') =>
    items.reduce((s, i) => s + i[k], 0);
  return {
    root: { id: root.id, name: root.name },
    total: {
      grids: sum('grids'),
      buildings: sum('buildings'),
      households: sum('households'),
      householdsCovered: sum('householdsCovered'),
      members: sum('members'),
    },
    items,
  };
}

export async function myGrids(db: Db, actor: Actor) {
  if (actor.memberId === null) return { items: [] };
  const rows = await selectMemberGrids(db, actor.memberId);
  return {
    items: rows.map((r) => ({
      gridId: r.grid_id,
      gridName: r.grid_name,
      orgName: r.org_name,
      buildings: r.buildings,
      households: r.households,
      startedOn: r.started_on,
    })),
  };
}
