import { type OrgType, zoneCoverage } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { assertUnchangedSince } from '../http/concurrency.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope, pathUnder } from '../http/scope.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import type { CreateZone, UpdateZone, Zone, ZoneCoverageReply } from './units.schema.js';
import { collabZoneMembers, collabZones } from './units.tables.js';

/** Who holds a zone (seed 000: a street or a district organises them). */
const HOLDER_TYPES: readonly OrgType[] = ['street_committee', 'district_committee', 'city_committee'];
export const COMMUNITY_TYPES: readonly OrgType[] = ['community_committee', 'big_community_committee'];
const COMMUNITY_LIST = sql.raw(COMMUNITY_TYPES.map((t) => `'${t}'`).join(', '));

type Ref = { id: number; name: string };
type ZoneRow = {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  lead_org_id: number | null;
  lead_org_name: string | null;
  lead_unit_id: number | null;
  lead_unit_name: string | null;
  note: string | null;
  communities: Ref[];
  organizations: Ref[];
  units: Ref[];
  ended_on: string | null;
  updated_at: string;
};

const ZONE_SELECT = sql`select z.id::int as id, z.org_id::int as org_id, h.name as org_name, z.name,
    z.lead_org_id::int as lead_org_id, lo.name as lead_org_name, z.lead_unit_id::int as lead_unit_id,
    lu.name as lead_unit_name, z.note, z.ended_on::text as ended_on, to_json(z.updated_at) #>> '{}' as updated_at,
    coalesce((select json_agg(json_build_object('id', mo.id, 'name', mo.name) order by mo.path)
                from collab_zone_members m join organizations mo on mo.id = m.member_org_id
               where m.zone_id = z.id and mo.type in (${COMMUNITY_LIST})), '[]') as communities,
    coalesce((select json_agg(json_build_object('id', mo.id, 'name', mo.name) order by mo.path)
                from collab_zone_members m join organizations mo on mo.id = m.member_org_id
               where m.zone_id = z.id and mo.type not in (${COMMUNITY_LIST})), '[]') as organizations,
    coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
                from collab_zone_members m join resident_units_v u on u.id = m.unit_id
               where m.zone_id = z.id), '[]') as units
  from collab_zones z join organizations h on h.id = z.org_id
  left join organizations lo on lo.id = z.lead_org_id
  left join resident_units_v lu on lu.id = z.lead_unit_id`;

const toZone = (r: ZoneRow): Zone => ({
  id: r.id,
  org: { id: r.org_id, name: r.org_name },
  name: r.name,
  lead:
    r.lead_org_id !== null
      ? { kind: 'org', id: r.lead_org_id, name: r.lead_org_name ?? '' }
      : r.lead_unit_id !== null
        ? { kind: 'unit', id: r.lead_unit_id, name: r.lead_unit_name ?? '' }
        : null,
  note: r.note,
  communities: r.communities,
  organizations: r.organizations,
  units: r.units,
  endedOn: r.ended_on,
  updatedAt: r.updated_at,
});

export async function listZones(db: Db, actor: Actor, orgId: number | undefined, ended: 'true' | 'false' | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const rows = await queryRows<ZoneRow>(
    db,
    sql`${ZONE_SELECT} where ${pathUnder(root.path, sql`h.path`)}
        ${ended === 'true' ? sql`and z.ended_on is not null` : ended === 'false' ? sql`and z.ended_on is null` : sql``}
        order by z.ended_on nulls first, h.path, z.name`,
  );
  return { root, items: rows.map(toZone) };
}

async function findZone(q: Queryable, actor: Actor, id: number, lock = false): Promise<ZoneRow | undefined> {
  if (lock) await q.execute(sql`select 1 from collab_zones where id = ${id} for update`);
  const [row] = await queryRows<ZoneRow>(
    q,
    sql`${ZONE_SELECT} where z.id = ${id} and ${pathInScope(actor, sql`h.path`)}`,
  );
  return row;
}

export async function getZone(db: Db, actor: Actor, id: number): Promise<Zone> {
  const row = await findZone(db, actor, id);
  if (!row) throw notFound('协作区');
  return toZone(row);
}

/**
 * The members a zone names, each inside the holder's subtree (and so the actor's scope): communities are
 * community committees, other organisations anything else, units the registry's units not ended.
 */
async function checkMembers(
  q: Queryable,
  holderPath: string,
  input: Pick<UpdateZone, 'communityIds' | 'memberOrgIds' | 'unitIds' | 'leadOrgId' | 'leadUnitId'>,
) {
  const orgIds = [
    ...(input.communityIds ?? []),
    ...(input.memberOrgIds ?? []),
    ...(input.leadOrgId ? [input.leadOrgId] : []),
  ];
  const orgs =
    orgIds.length === 0
      ? []
      : await queryRows<{ id: number; type: OrgType }>(
          q,
          sql`select o.id::int as id, o.type from organizations o
               where o.id in (${sql.join(
                 orgIds.map((id) => sql`${id}`),
                 sql`, `,
               )}) and ${pathUnder(holderPath, sql`o.path`)}`,
        );
  const typeOf = new Map(orgs.map((o) => [o.id, o.type]));
  for (const id of input.communityIds ?? []) {
    const type = typeOf.get(id);
    if (!type) throw notFound('社区');
    if (!COMMUNITY_TYPES.includes(type)) throw invalid('communityIds', '应为社区党委或社区大党委');
  }
  for (const id of input.memberOrgIds ?? []) {
    const type = typeOf.get(id);
    if (!type) throw notFound('成员单位党组织');
    if (COMMUNITY_TYPES.includes(type)) throw invalid('memberOrgIds', '社区请在“成员社区”中选择');
  }
  if (input.leadOrgId && !typeOf.has(input.leadOrgId)) throw notFound('牵头党组织');
  const unitIds = [...(input.unitIds ?? []), ...(input.leadUnitId ? [input.leadUnitId] : [])];
  if (unitIds.length > 0) {
    const units = await queryRows<{ id: number; ended: boolean }>(
      q,
      sql`select u.id::int as id, u.ended_on is not null as ended from resident_units u join organizations o on o.id = u.org_id
           where u.id in (${sql.join(
             unitIds.map((id) => sql`${id}`),
             sql`, `,
           )}) and ${pathUnder(holderPath, sql`o.path`)}`,
    );
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const id of unitIds) {
      const unit = byId.get(id);
      if (!unit) throw notFound('驻区单位');
      if (unit.ended) throw invalid(input.unitIds?.includes(id) ? 'unitIds' : 'leadUnitId', '该驻区单位已退出');
    }
  }
  if (input.leadOrgId && input.leadUnitId) throw invalid('leadUnitId', '牵头单位只能选一个');
}

async function replaceMembers(
  tx: Queryable,
  zone: { id: number; orgId: number },
  input: Pick<UpdateZone, 'communityIds' | 'memberOrgIds' | 'unitIds'>,
) {
  const orgIds =
    input.communityIds !== undefined || input.memberOrgIds !== undefined
      ? [...new Set([...(input.communityIds ?? []), ...(input.memberOrgIds ?? [])])]
      : undefined;
  if (orgIds !== undefined) {
    const kinds = [
      ...(input.communityIds !== undefined ? [sql`mo.type in (${COMMUNITY_LIST})`] : []),
      ...(input.memberOrgIds !== undefined ? [sql`mo.type not in (${COMMUNITY_LIST})`] : []),
    ];
    await tx.execute(
      sql`delete from collab_zone_members m using organizations mo
           where m.zone_id = ${zone.id} and mo.id = m.member_org_id and (${sql.join(kinds, sql` or `)})
             ${
               orgIds.length > 0
                 ? sql`and m.member_org_id not in (${sql.join(
                     orgIds.map((id) => sql`${id}`),
                     sql`, `,
                   )})`
                 : sql``
             }`,
    );
    if (orgIds.length > 0) {
      await tx
        .insert(collabZoneMembers)
        .values(orgIds.map((memberOrgId) => ({ orgId: zone.orgId, zoneId: zone.id, memberOrgId })))
        .onConflictDoNothing();
    }
  }
  if (input.unitIds !== undefined) {
    const unitIds = [...new Set(input.unitIds)];
    await tx.execute(
      sql`delete from collab_zone_members where zone_id = ${zone.id} and unit_id is not null
          ${
            unitIds.length > 0
              ? sql`and unit_id not in (${sql.join(
                  unitIds.map((id) => sql`${id}`),
                  sql`, `,
                )})`
              : sql``
          }`,
    );
    if (unitIds.length > 0) {
      await tx
        .insert(collabZoneMembers)
        .values(unitIds.map((unitId) => ({ orgId: zone.orgId, zoneId: zone.id, unitId })))
        .onConflictDoNothing();
    }
  }
}

export async function createZone(db: Db, actor: Actor, ctx: AuditContext, input: CreateZone): Promise<Zone> {
  return audited(db, ctx, 'collab_zone.create', async (tx) => {
    const holder = await findOrg(tx, actor, input.orgId);
    if (!holder) throw notFound('街道或县区党委');
    if (!HOLDER_TYPES.includes(holder.type)) throw invalid('orgId', '协作区由街道党工委或县区党委组建');
    await checkMembers(tx, holder.path, input);
    const [taken] = await queryRows(
      tx,
      sql`select 1 from collab_zones where org_id = ${holder.id} and name = ${input.name}`,
    );
    if (taken) throw conflict(`已有名为“${input.name}”的协作区`);
    const [row] = await tx
      .insert(collabZones)
      .values({
        orgId: holder.id,
        name: input.name,
        leadOrgId: input.leadOrgId ?? null,
        leadUnitId: input.leadUnitId ?? null,
        note: input.note ?? null,
      })
      .returning({ id: collabZones.id });
    const id = (row as { id: number }).id;
    await replaceMembers(tx, { id, orgId: holder.id }, input);
    return toZone((await findZone(tx, actor, id)) as ZoneRow);
  });
}

export async function updateZone(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: UpdateZone,
): Promise<Zone> {
  return audited(db, ctx, 'collab_zone.update', async (tx) => {
    const current = await findZone(tx, actor, id, true);
    if (!current) throw notFound('协作区');
    await assertUnchangedSince(tx, current.updated_at, input.updatedAt, current.name);
    if (current.ended_on) throw conflict(`${current.name}已于${current.ended_on}撤销，不能修改`);
    const [holder] = await queryRows<{ path: string }>(
      tx,
      sql`select path::text as path from organizations where id = ${current.org_id}`,
    );
    await checkMembers(tx, (holder as { path: string }).path, input);
    if (input.name !== undefined && input.name !== current.name) {
      const [taken] = await queryRows(
        tx,
        sql`select 1 from collab_zones where org_id = ${current.org_id} and name = ${input.name} and id <> ${id}`,
      );
      if (taken) throw conflict(`已有名为“${input.name}”的协作区`);
    }
    const leadChanged = input.leadOrgId !== undefined || input.leadUnitId !== undefined;
    await tx
      .update(collabZones)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(leadChanged && { leadOrgId: input.leadOrgId ?? null, leadUnitId: input.leadUnitId ?? null }),
        ...(input.note !== undefined && { note: input.note ?? null }),
        updatedAt: sql`now()`,
      })
      .where(eq(collabZones.id, id));
    await replaceMembers(tx, { id, orgId: current.org_id }, input);
    return toZone((await findZone(tx, actor, id)) as ZoneRow);
  });
}

export async function endZone(db: Db, actor: Actor, ctx: AuditContext, id: number, endedOn: string): Promise<Zone> {
  return audited(db, ctx, 'collab_zone.end', async (tx) => {
    const current = await findZone(tx, actor, id, true);
    if (!current) throw notFound('协作区');
    if (current.ended_on) throw conflict(`${current.name}已于${current.ended_on}撤销`);
    await tx
      .update(collabZones)
      .set({ endedOn, updatedAt: sql`now()` })
      .where(eq(collabZones.id, id));
    return toZone((await findZone(tx, actor, id)) as ZoneRow);
  });
}

type CoverageRow = {
  total_row: boolean;
  child_id: number | null;
  child_name: string | null;
  zones: number;
  communities: number;
  covered: number;
  organizations: number;
};

/**
 * Coverage in one statement (seed 000: zones, the share of communities in any zone, the organisations taking
 * part): the subtree's communities from the path's btree range, those named by a zone not ended, the zones held
 * in the subtree, and the distinct organisations and units taking part located in it — in all and per child of
 * the root (its streets, its communities).
 */
export async function coverage(db: Queryable, actor: Actor, orgId: number | undefined): Promise<ZoneCoverageReply> {
  const root = await requireScopeRoot(db, actor, orgId);
  const depth = root.path.split('.').length;
  const rows = await queryRows<CoverageRow>(
    db,
    sql`with sub as (
          select o.id, o.type, o.path, case when nlevel(o.path) > ${depth}
                   then subpath(o.path, ${depth}, 1)::text::bigint end as child
            from organizations o where ${pathUnder(root.path, sql`o.path`)}),
        live as (
          select m.member_org_id, m.unit_id from collab_zone_members m
            join collab_zones z on z.id = m.zone_id and z.ended_on is null),
        facts as (
          select s.child, 'community' as what, s.id as key, exists (select 1 from live l where l.member_org_id = s.id) as in_zone
            from sub s where s.type in (${COMMUNITY_LIST})
          union all
          select s.child, 'org', s.id, true from sub s where s.id in (select member_org_id from live)
          union all
          select s.child, 'unit', u.id, true from resident_units u join sub s on s.id = u.org_id
           where u.id in (select unit_id from live)
          union all
          select s.child, 'zone', z.id, true from collab_zones z join sub s on s.id = z.org_id where z.ended_on is null)
        select grouping(f.child) = 1 as total_row, f.child::int as child_id, c.name as child_name,
               count(*) filter (where what = 'zone')::int as zones,
               count(*) filter (where what = 'community')::int as communities,
               count(*) filter (where what = 'community' and in_zone)::int as covered,
               count(*) filter (where what in ('org', 'unit'))::int as organizations
          from facts f left join organizations c on c.id = f.child
         group by grouping sets ((f.child, c.name), ())
         order by f.child nulls first`,
  );
  const counts = (r: CoverageRow | undefined) =>
    zoneCoverage({
      zones: r?.zones ?? 0,
      communities: r?.communities ?? 0,
      coveredCommunities: r?.covered ?? 0,
      organizations: r?.organizations ?? 0,
    });
  const total = rows.find((r) => r.total_row);
  return {
    org: { id: root.id, name: root.name },
    ...counts(total),
    byChild: rows
      .filter((r) => !r.total_row && r.child_id !== null && r.communities > 0)
      .map((r) => ({ org: { id: r.child_id as number, name: r.child_name ?? '' }, ...counts(r) })),
  };
}
