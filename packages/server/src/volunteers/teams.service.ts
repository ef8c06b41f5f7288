import { chinaToday } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, notFound } from '../http/errors.js';
import { orgInScope } from '../http/scope.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import { personInScope } from './activities.service.js';
import {
  countResidents,
  orgUnder,
  selectResidents,
  selectTeamMembers,
  selectTeams,
  toResident,
  toTeam,
} from './volunteers.repo.js';
import type {
  ResidentInput,
  ResidentPatch,
  ResidentQuery,
  TeamInput,
  TeamMemberInput,
  TeamMemberPatch,
  TeamPatch,
  TeamQuery,
} from './volunteers.schema.js';
import { volunteerResidents, volunteerTeamMembers, volunteerTeams } from './volunteers.tables.js';

// Teams

export async function listTeams(db: Db, actor: Actor, query: TeamQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const rows = await selectTeams(
    db,
    sql`${orgUnder(root.path, sql`t.org_id`)} ${query.includeDissolved ? sql`` : sql`and t.dissolved_on is null`}`,
  );
  return { root, items: rows.map(toTeam) };
}

async function teamInScope(db: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await selectTeams(db, sql`t.id = ${id} and ${orgInScope(actor, sql`t.org_id`)}`, lock);
  if (!row) throw notFound('服务队');
  return row;
}

export async function teamDetail(db: Queryable, actor: Actor, id: number) {
  const team = await teamInScope(db, actor, id);
  return { ...toTeam(team), members: await selectTeamMembers(db, sql`tm.team_id = ${id}`) };
}

const sameName = (error: unknown) =>
  error instanceof Error &&
  'cause' in error &&
  String((error.cause as { constraint?: string })?.constraint) === 'volunteer_teams_name_key';

export async function createTeam(db: Db, actor: Actor, ctx: AuditContext, input: TeamInput) {
  await requireOrgInScope(db, actor, input.orgId);
  try {
    return await audited(db, ctx, 'volunteer.team.create', async (tx) => {
      const [created] = await tx
        .insert(volunteerTeams)
        .values({
          orgId: input.orgId,
          name: input.name,
          area: input.area ?? null,
          description: input.description ?? null,
        })
        .returning({ id: volunteerTeams.id });
      return teamDetail(tx, actor, (created as { id: number }).id);
    });
  } catch (error) {
    if (sameName(error)) throw conflict(`已有同名服务队：${input.name}`);
    throw error;
  }
}

export async function updateTeam(db: Db, actor: Actor, ctx: AuditContext, id: number, patch: TeamPatch) {
  try {
    return await audited(db, ctx, 'volunteer.team.update', async (tx) => {
      const team = await teamInScope(tx, actor, id, true);
      if (team.dissolved_on) throw conflict('服务队已撤销');
      const { dissolved, ...fields } = patch;
      await tx
        .update(volunteerTeams)
        .set({ ...fields, ...(dissolved ? { dissolvedOn: chinaToday() } : {}), updatedAt: sql`now()` })
        .where(eq(volunteerTeams.id, id));
      return teamDetail(tx, actor, id);
    });
  } catch (error) {
    if (sameName(error)) throw conflict(`已有同名服务队：${patch.name}`);
    throw error;
  }
}

export async function addTeamMember(db: Db, actor: Actor, ctx: AuditContext, id: number, input: TeamMemberInput) {
  return audited(db, ctx, 'volunteer.team.member_add', async (tx) => {
    const team = await teamInScope(tx, actor, id, true);
    if (team.dissolved_on) throw conflict('服务队已撤销');
    const { who, name } = await personInScope(tx, actor, input);
    const [exists] = await queryRows<{ id: number }>(
      tx,
      sql`select id from volunteer_team_members where team_id = ${id} and ${
        who.memberId !== undefined ? sql`member_id = ${who.memberId}` : sql`resident_id = ${who.residentId}`
      }`,
    );
    if (exists) throw conflict(`${name}已在本队`);
    if (input.leader) {
      await tx.update(volunteerTeamMembers).set({ leader: false }).where(eq(volunteerTeamMembers.teamId, id));
    }
    await tx.insert(volunteerTeamMembers).values({
      teamId: id,
      orgId: team.org_id,
      memberId: who.memberId ?? null,
      residentId: who.residentId ?? null,
      leader: input.leader,
      area: input.area ?? null,
    });
    return teamDetail(tx, actor, id);
  });
}

async function entryInScope(tx: Queryable, actor: Actor, entryId: number) {
  const [entry] = await queryRows<{ id: number; team_id: number }>(
    tx,
    sql`select id::int as id, team_id::int as team_id from volunteer_team_members tm
         where tm.id = ${entryId} and ${orgInScope(actor, sql`tm.org_id`)} for update`,
  );
  if (!entry) throw notFound('服务队成员');
  return entry;
}

export async function updateTeamMember(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  entryId: number,
  patch: TeamMemberPatch,
) {
  return audited(db, ctx, 'volunteer.team.member_update', async (tx) => {
    const entry = await entryInScope(tx, actor, entryId);
    if (patch.leader) {
      await tx
        .update(volunteerTeamMembers)
        .set({ leader: false })
        .where(eq(volunteerTeamMembers.teamId, entry.team_id));
    }
    await tx
      .update(volunteerTeamMembers)
      .set({
        ...(patch.leader === undefined ? {} : { leader: patch.leader }),
        ...(patch.area === undefined ? {} : { area: patch.area }),
      })
      .where(eq(volunteerTeamMembers.id, entryId));
    return teamDetail(tx, actor, entry.team_id);
  });
}

export async function removeTeamMember(db: Db, actor: Actor, ctx: AuditContext, entryId: number) {
  return audited(db, ctx, 'volunteer.team.member_remove', async (tx) => {
    const entry = await entryInScope(tx, actor, entryId);
    await tx.delete(volunteerTeamMembers).where(eq(volunteerTeamMembers.id, entryId));
    return teamDetail(tx, actor, entry.team_id);
  });
}

// Resident volunteers

function residentWhere(rootPath: string, query: Omit<ResidentQuery, 'page' | 'pageSize'>) {
  const parts = [orgUnder(rootPath, sql`v.org_id`)];
  if (!query.includeEnded) parts.push(sql`v.ended_on is null`);
  if (query.q) parts.push(sql`(strpos(v.name, ${query.q}) > 0 or ${query.q} = any(v.tags))`);
  return sql.join(parts, sql` and `);
}

export async function listResidents(db: Db, actor: Actor, query: ResidentQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const where = residentWhere(root.path, query);
  const rows = await selectResidents(
    db,
    where,
    chinaToday().slice(0, 4),
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return {
    items: rows.map((r) => toResident(actor, r)),
    total: await countResidents(db, where),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function residentsForExport(db: Db, actor: Actor, query: Omit<ResidentQuery, 'page' | 'pageSize'>) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const rows = await selectResidents(db, residentWhere(root.path, query), chinaToday().slice(0, 4), 100_000);
  return { root, rows: rows.map((r) => toResident(actor, r)) };
}

async function residentInScope(tx: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await selectResidents(
    tx,
    sql`v.id = ${id} and ${orgInScope(actor, sql`v.org_id`)}`,
    chinaToday().slice(0, 4),
    1,
    0,
    lock,
  );
  if (!row) throw notFound('居民志愿者');
  return row;
}

export async function createResident(db: Db, actor: Actor, ctx: AuditContext, input: ResidentInput) {
  await requireOrgInScope(db, actor, input.orgId);
  return audited(db, ctx, 'volunteer.resident.create', async (tx) => {
    const [created] = await tx
      .insert(volunteerResidents)
      .values({
        orgId: input.orgId,
        name: input.name,
        phone: input.phone ?? null,
        address: input.address ?? null,
        tags: input.tags,
      })
      .returning({ id: volunteerResidents.id });
    return toResident(actor, await residentInScope(tx, actor, (created as { id: number }).id));
  });
}

export async function updateResident(db: Db, actor: Actor, ctx: AuditContext, id: number, patch: ResidentPatch) {
  return audited(db, ctx, 'volunteer.resident.update', async (tx) => {
    const row = await residentInScope(tx, actor, id, true);
    if (row.ended_on && patch.ended !== false) throw conflict('该居民志愿者已退出');
    const { ended, ...fields } = patch;
    await tx
      .update(volunteerResidents)
      .set({
        ...fields,
        ...(ended === undefined ? {} : { endedOn: ended ? (row.ended_on ?? chinaToday()) : null }),
        updatedAt: sql`now()`,
      })
      .where(eq(volunteerResidents.id, id));
    return toResident(actor, await residentInScope(tx, actor, id));
  });
}
