import { chinaToday, type MatchResource, rankMatches } from '@gongjian/shared';
import { eq, type SQL, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows, type Tx } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { liaisonUnitIds } from '../units/units.repo.js';
import {
  candidates,
  NEED_SELECT,
  type NeedRow,
  pageOf,
  PROJECT_SELECT,
  type ProjectRow,
  RESOURCE_SELECT,
  type ResourceRow,
  toNeed,
  toProject,
  toResource,
} from './co-lists.repo.js';
import type {
  CreateNeed,
  CreateProject,
  CreateResource,
  FinishProject,
  ListQuery,
  UnitResource,
  UpdateNeed,
  UpdateResource,
} from './co-lists.schema.js';
import { coNeeds, coProjectResources, coProjects, coResources } from './co-lists.tables.js';

const NEED = '需求';
const RESOURCE = '资源';
const PROJECT = '项目';

const ids = (list: readonly number[]) =>
  list.length
    ? sql`array[${sql.join(
        list.map((i) => sql`${i}`),
        sql`, `,
      )}]::bigint[]`
    : sql`array[]::bigint[]`;

type Filter = Omit<ListQuery, 'page' | 'pageSize'>;
const filterOf = (alias: string, q: Filter) => {
  const parts = [sql`true`];
  if (q.category) parts.push(sql`${sql.raw(alias)}.category = ${q.category}`);
  if (q.status) parts.push(sql`${sql.raw(alias)}.status = ${q.status}`);
  return sql.join(parts, sql` and `);
};

export async function listNeeds(db: Db, actor: Actor, q: Filter, page = 1, pageSize = 10_000) {
  const root = await requireScopeRoot(db, actor, q.orgId);
  const { rows, total } = await pageOf<NeedRow>(
    db,
    NEED_SELECT,
    root.path,
    filterOf('n', q),
    sql`s.created_at desc, s.id desc`,
    page,
    pageSize,
  );
  return { root, items: rows.map(toNeed), total };
}

export async function listResources(db: Db, actor: Actor, q: Filter, page = 1, pageSize = 10_000) {
  const root = await requireScopeRoot(db, actor, q.orgId);
  const where = q.status === 'inactive' ? sql`not r.active` : q.status ? sql`r.active` : sql`true`;
  const { rows, total } = await pageOf<ResourceRow>(
    db,
    RESOURCE_SELECT,
    root.path,
    sql`${filterOf('r', { category: q.category })} and ${where}`,
    sql`s.active desc, s.id desc`,
    page,
    pageSize,
  );
  return { root, items: rows.map(toResource), total };
}

export async function listProjects(db: Db, actor: Actor, q: Filter, page = 1, pageSize = 10_000) {
  const root = await requireScopeRoot(db, actor, q.orgId);
  const { rows, total } = await pageOf<ProjectRow>(
    db,
    PROJECT_SELECT,
    root.path,
    q.status ? sql`p.status = ${q.status}` : sql`true`,
    sql`s.started_on desc, s.id desc`,
    page,
    pageSize,
  );
  return { root, items: rows.map(toProject), total };
}

async function needOf(db: Queryable, where: SQL, lock = false) {
  const [row] = await queryRows<NeedRow>(db, sql`${NEED_SELECT} where ${where} ${lock ? sql`for update of n` : sql``}`);
  return row;
}

async function community(db: Queryable, actor: Actor, orgId: number) {
  const [org] = await queryRows<{ id: number; type: string }>(
    db,
    sql`select o.id::int as id, o.type from organizations o where o.id = ${orgId} and ${pathInScope(actor, sql`o.path`)}`,
  );
  if (!org) throw notFound('组织');
  if (!['community_committee', 'big_community_committee', 'street_committee'].includes(org.type)) {
    throw invalid('orgId', '三张清单按社区（或街道）登记');
  }
  return org;
}

export async function createNeed(db: Db, actor: Actor, ctx: AuditContext, input: CreateNeed) {
  return audited(db, ctx, 'co_need.create', async (tx) => {
    const org = await community(tx, actor, input.orgId);
    if (input.requestId) {
      // A need made from a resident's request: the request must be the community's own.
      const [request] = await queryRows<{ org_id: number }>(
        tx,
        sql`select r.org_id::int as org_id from service_requests r join organizations o on o.id = r.org_id
             where r.id = ${input.requestId} and ${pathInScope(actor, sql`o.path`)}`,
      );
      if (!request) throw notFound('居民诉求');
      if (request.org_id !== org.id) throw invalid('requestId', '该诉求不属于所选社区');
    }
    const [row] = await tx
      .insert(coNeeds)
      .values({
        orgId: org.id,
        requestId: input.requestId ?? null,
        title: input.title,
        category: input.category,
        description: input.description ?? null,
        place: input.place ?? null,
        neededBy: input.neededBy ?? null,
        createdBy: actor.accountId,
      })
      .returning({ id: coNeeds.id });
    return toNeed((await needOf(tx, sql`n.id = ${(row as { id: number }).id}`)) as NeedRow);
  });
}

export async function updateNeed(db: Db, actor: Actor, ctx: AuditContext, id: number, input: UpdateNeed) {
  return audited(db, ctx, 'co_need.update', async (tx) => {
    const need = await needOf(tx, sql`n.id = ${id} and ${pathInScope(actor, sql`o.path`)}`, true);
    if (!need) throw notFound(NEED);
    if (need.status === 'met' || need.status === 'closed') throw conflict('需求已满足或已关闭，不能修改');
    await tx
      .update(coNeeds)
      .set({
        title: input.title,
        category: input.category,
        description: input.description ?? null,
        place: input.place ?? null,
        neededBy: input.neededBy ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(coNeeds.id, id));
    return toNeed((await needOf(tx, sql`n.id = ${id}`)) as NeedRow);
  });
}

export async function closeNeed(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'co_need.close', async (tx) => {
    const need = await needOf(tx, sql`n.id = ${id} and ${pathInScope(actor, sql`o.path`)}`, true);
    if (!need) throw notFound(NEED);
    if (need.status !== 'open' && need.status !== 'claimed') throw conflict('只有待认领或已认领的需求可以关闭');
    await tx
      .update(coNeeds)
      .set({ status: 'closed', updatedAt: sql`now()` })
      .where(eq(coNeeds.id, id));
    return toNeed((await needOf(tx, sql`n.id = ${id}`)) as NeedRow);
  });
}

async function resourceOf(db: Queryable, id: number) {
  const [row] = await queryRows<ResourceRow>(db, sql`${RESOURCE_SELECT} where r.id = ${id}`);
  return toResource(row as ResourceRow);
}

function checkDates(input: { availableFrom?: string | null; availableTo?: string | null }) {
  if (input.availableFrom && input.availableTo && input.availableTo < input.availableFrom) {
    throw invalid('availableTo', '不能早于开始日期');
  }
}

async function unitInScope(db: Queryable, actor: Actor, unitId: number) {
  const [u] = await queryRows<{ id: number }>(
    db,
    sql`select u.id::int as id from resident_units_v u join organizations o on o.id = u.org_id
         where u.id = ${unitId} and ${pathInScope(actor, sql`o.path`)}`,
  );
  return u;
}

export async function createResource(db: Db, actor: Actor, ctx: AuditContext, input: CreateResource) {
  checkDates(input);
  if (input.provider === 'unit' && !input.unitId) throw invalid('unitId', '请选择提供资源的驻区单位');
  if (input.provider === 'member' && !input.memberId) throw invalid('memberId', '请选择提供资源的党员');
  return audited(db, ctx, 'co_resource.create', async (tx) => {
    const org = await community(tx, actor, input.orgId);
    if (input.provider === 'unit' && !(await unitInScope(tx, actor, input.unitId as number))) {
      throw notFound('驻区单位');
    }
    if (input.provider === 'member') {
      const [m] = await queryRows<{ id: number }>(
        tx,
        sql`select m.id::int as id from members m join organizations o on o.id = m.org_id
             where m.id = ${input.memberId as number} and ${pathInScope(actor, sql`o.path`)}`,
      );
      if (!m) throw notFound('党员');
    }
    const [row] = await tx
      .insert(coResources)
      .values({
        orgId: org.id,
        provider: input.provider,
        unitId: input.provider === 'unit' ? (input.unitId ?? null) : null,
        memberId: input.provider === 'member' ? (input.memberId ?? null) : null,
        ...resourceFields(input),
        createdBy: actor.accountId,
      })
      .returning({ id: coResources.id });
    return resourceOf(tx, (row as { id: number }).id);
  });
}

const resourceFields = (input: UnitResource) => ({
  title: input.title,
  category: input.category,
  description: input.description ?? null,
  place: input.place ?? null,
  availability: input.availability ?? null,
  availableFrom: input.availableFrom ?? null,
  availableTo: input.availableTo ?? null,
});

export async function updateResource(db: Db, actor: Actor, ctx: AuditContext, id: number, input: UpdateResource) {
  checkDates(input);
  return audited(db, ctx, 'co_resource.update', async (tx) => {
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`select r.id::int as id from co_resources r join organizations o on o.id = r.org_id
           where r.id = ${id} and ${pathInScope(actor, sql`o.path`)} for update of r`,
    );
    if (!row) throw notFound(RESOURCE);
    await tx
      .update(coResources)
      .set({ ...resourceFields(input), active: input.active, updatedAt: sql`now()` })
      .where(eq(coResources.id, id));
    return resourceOf(tx, id);
  });
}

/** Open needs with the resources that could serve them, best first (SQL filters, matchScore ranks). */
export async function matches(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const today = chinaToday();
  const found = await candidates(db, root.path, actor.scopePath, today);
  const needIds = found.map((f) => f.need_id);
  const resourceIds = [...new Set(found.flatMap((f) => f.resource_ids))];
  if (needIds.length === 0) return { items: [] };
  const [needs, resources] = await Promise.all([
    queryRows<NeedRow>(db, sql`${NEED_SELECT} where n.id = any(${ids(needIds)})`),
    resourceIds.length
      ? queryRows<ResourceRow>(db, sql`${RESOURCE_SELECT} where r.id = any(${ids(resourceIds)})`)
      : Promise.resolve([] as ResourceRow[]),
  ]);
  const needById = new Map(needs.map((n) => [n.id, n]));
  const resById = new Map(resources.map((r) => [r.id, r]));
  const items = found.flatMap((f) => {
    const need = needById.get(f.need_id);
    if (!need) return [];
    const list = f.resource_ids
      .map((id) => resById.get(id))
      .filter((r): r is ResourceRow => r !== undefined)
      .map((r) => ({
        row: r,
        category: r.category,
        orgPath: r.org_path,
        place: r.place,
        availableFrom: r.available_from,
        availableTo: r.available_to,
        committed: r.committed,
      })) satisfies (MatchResource & { row: ResourceRow })[];
    const ranked = rankMatches(
      { category: need.category, orgPath: need.org_path, place: need.place, neededOn: need.needed_by ?? today },
      list,
    ).slice(0, 5);
    if (ranked.length === 0) return [];
    return [
      {
        need: toNeed(need),
        resources: ranked.map((m) => ({ ...toResource(m.resource.row), score: m.score, reasons: m.reasons })),
      },
    ];
  });
  return { items };
}

async function projectOf(db: Queryable, id: number) {
  const [row] = await queryRows<ProjectRow>(db, sql`${PROJECT_SELECT} where p.id = ${id}`);
  return toProject(row as ProjectRow);
}

/** The community confirms a match: a project for the need with the resources, which are then committed. */
export async function createProject(db: Db, actor: Actor, ctx: AuditContext, input: CreateProject) {
  if (new Set(input.resourceIds).size !== input.resourceIds.length) throw invalid('resourceIds', '资源重复');
  return audited(db, ctx, 'co_project.create', async (tx) => {
    const need = await needOf(tx, sql`n.id = ${input.needId} and ${pathInScope(actor, sql`o.path`)}`, true);
    if (!need) throw notFound(NEED);
    const resources = await queryRows<{ id: number; category: string; committed: boolean; title: string }>(
      tx,
      sql`select r.id::int as id, r.category, r.title, exists (select 1 from co_project_resources pr
                 join co_projects p on p.id = pr.project_id where pr.resource_id = r.id and p.status = 'open') as committed
            from co_resources r join organizations o on o.id = r.org_id
           where r.id = any(${ids(input.resourceIds)}) and ${pathInScope(actor, sql`o.path`)}
           order by r.id for update of r`,
    );
    if (resources.length !== input.resourceIds.length) throw notFound(RESOURCE);
    if (input.leadUnitId && !(await unitInScope(tx, actor, input.leadUnitId))) throw notFound('驻区单位');
    if (need.status !== 'open' && need.status !== 'claimed') {
      throw conflict(`需求${need.status === 'matched' ? '已立项' : need.status === 'met' ? '已满足' : '已关闭'}`);
    }
    const busy = resources.find((r) => r.committed);
    if (busy) throw conflict(`资源“${busy.title}”已用于实施中的项目`);
    const [row] = await tx
      .insert(coProjects)
      .values({
        orgId: need.org_id,
        needId: need.id,
        title: input.title,
        leadName: input.leadName,
        leadUnitId: input.leadUnitId ?? need.claimed_unit_id ?? null,
        startedOn: input.startedOn,
        createdBy: actor.accountId,
      })
      .returning({ id: coProjects.id });
    const projectId = (row as { id: number }).id;
    await tx
      .insert(coProjectResources)
      .values(input.resourceIds.map((resourceId) => ({ projectId, resourceId, orgId: need.org_id })));
    await tx
      .update(coNeeds)
      .set({ status: 'matched', updatedAt: sql`now()` })
      .where(eq(coNeeds.id, need.id));
    return projectOf(tx, projectId);
  });
}

/** A project ends: done (its need is met, counted for the lead unit) or cancelled (the need is open again). */
export async function finishProject(db: Db, actor: Actor, ctx: AuditContext, id: number, input: FinishProject) {
  return audited(db, ctx, 'co_project.finish', async (tx) => {
    const [p] = await queryRows<{ id: number; need_id: number; status: string; started_on: string }>(
      tx,
      sql`select p.id::int as id, p.need_id::int as need_id, p.status, p.started_on::text as started_on
            from co_projects p join organizations o on o.id = p.org_id
           where p.id = ${id} and ${pathInScope(actor, sql`o.path`)} for update of p`,
    );
    if (!p) throw notFound(PROJECT);
    if (p.status !== 'open') throw conflict('项目已结束');
    if (input.endedOn < p.started_on) throw invalid('endedOn', `不能早于开始日期（${p.started_on}）`);
    if (input.endedOn > chinaToday()) throw invalid('endedOn', '不能晚于今天');
    await tx
      .update(coProjects)
      .set({ status: input.status, endedOn: input.endedOn, result: input.result, updatedAt: sql`now()` })
      .where(eq(coProjects.id, id));
    await tx
      .update(coNeeds)
      .set(
        input.status === 'done'
          ? { status: 'met', metOn: input.endedOn, updatedAt: sql`now()` }
          : { status: sql`case when claimed_unit_id is null then 'open' else 'claimed' end`, updatedAt: sql`now()` },
      )
      .where(eq(coNeeds.id, p.need_id));
    return projectOf(tx, id);
  });
}

/** Results per resident unit of a subtree (cobuild_unit_counts, kept by triggers). */
export async function unitResults(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const rows = await queryRows<{ unit_id: number; name: string; org_name: string; c: Record<string, number> | null }>(
    db,
    sql`select u.id::int as unit_id, u.name, o.name as org_name,
               (select jsonb_object_agg(c.metric, c.n) from cobuild_unit_counts c where c.unit_id = u.id) as c
          from resident_units_v u join organizations o on o.id = u.org_id
         where o.path <@ ${root.path}::ltree order by u.name, u.id limit 1000`,
  );
  return {
    items: rows.map((r) => ({
      unitId: r.unit_id,
      name: r.name,
      orgName: r.org_name,
      tasks: r.c?.tasks ?? 0,
      tasksDone: r.c?.tasks_done ?? 0,
      tasksOnTime: r.c?.tasks_on_time ?? 0,
      needsMet: r.c?.needs_met ?? 0,
      projects: r.c?.projects ?? 0,
      projectsDone: r.c?.projects_done ?? 0,
    })),
  };
}

// The liaison's side (cobuild.unit): its own unit's resources and claims, nothing else.

/** The communities the liaison's units belong to (their org), with the units. */
async function liaisonUnits(db: Queryable, actor: Actor) {
  const units = await liaisonUnitIds(db, actor.accountId);
  if (units.length === 0) return [];
  return queryRows<{ id: number; org_id: number; org_path: string }>(
    db,
    sql`select u.id::int as id, u.org_id::int as org_id, o.path::text as org_path
          from resident_units_v u join organizations o on o.id = u.org_id
         where u.id = any(${ids(units)}) and u.ended_on is null order by u.id`,
  );
}

/** Open needs where the liaison's units are (to claim), and those its units claimed. */
export async function unitNeeds(db: Db, actor: Actor) {
  const units = await liaisonUnits(db, actor);
  if (units.length === 0) return { items: [], total: 0 };
  const rows = await queryRows<NeedRow>(
    db,
    sql`${NEED_SELECT}
         where (n.status = 'open' and (${sql.join(
           units.map((u) => sql`o.path <@ ${u.org_path}::ltree`),
           sql` or `,
         )})) or n.claimed_unit_id = any(${ids(units.map((u) => u.id))})
         order by n.status = 'open' desc, n.created_at desc, n.id desc limit 200`,
  );
  return { items: rows.map(toNeed), total: rows.length };
}

export async function claimNeed(db: Db, actor: Actor, ctx: AuditContext, id: number, note: string | null) {
  return audited(db, ctx, 'co_need.claim', async (tx) => {
    const units = await liaisonUnits(tx, actor);
    const need = await needOf(tx, sql`n.id = ${id}`, true);
    const unit = need && units.find((u) => need.org_path === u.org_path || need.org_path.startsWith(`${u.org_path}.`));
    if (!need || !unit) throw notFound(NEED);
    if (need.status !== 'open')
      throw conflict(
        need.claimed_unit_id ? `需求已由${need.claimed_unit_name ?? '其他单位'}认领` : '需求不是待认领状态',
      );
    await tx
      .update(coNeeds)
      .set({ status: 'claimed', claimedUnitId: unit.id, claimedAt: sql`now()`, claimNote: note, updatedAt: sql`now()` })
      .where(eq(coNeeds.id, id));
    return toNeed((await needOf(tx, sql`n.id = ${id}`)) as NeedRow);
  });
}

export async function unitResources(db: Db, actor: Actor) {
  const units = await liaisonUnitIds(db, actor.accountId);
  if (units.length === 0) return { items: [], total: 0 };
  const rows = await queryRows<ResourceRow>(
    db,
    sql`${RESOURCE_SELECT} where r.unit_id = any(${ids(units)}) order by r.active desc, r.id desc limit 500`,
  );
  return { items: rows.map(toResource), total: rows.length };
}

/** The liaison offers a resource of its unit (its first unit still registered), in the unit's community. */
export async function addUnitResource(db: Db, actor: Actor, ctx: AuditContext, input: UnitResource) {
  checkDates(input);
  return audited(db, ctx, 'co_resource.create', async (tx: Tx) => {
    const [unit] = await liaisonUnits(tx, actor);
    if (!unit) throw notFound('驻区单位');
    const [row] = await tx
      .insert(coResources)
      .values({
        orgId: unit.org_id,
        provider: 'unit',
        unitId: unit.id,
        ...resourceFields(input),
        createdBy: actor.accountId,
      })
      .returning({ id: coResources.id });
    return resourceOf(tx, (row as { id: number }).id);
  });
}
