import { eq, sql } from 'drizzle-orm';
import { audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { teamPosts } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { orgInScope } from '../http/scope.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { currentSecretary, findTeamPost, listTeamPosts } from './teams.repo.js';
import type { CreateTeamPost, Team, TeamPost } from './teams.schema.js';

async function requireOrgId(db: Queryable, actor: Actor, orgId: number) {
  const org = await findOrg(db, actor, orgId);
  if (!org) throw notFound('组织');
  return org;
}

export async function getTeam(db: Db, actor: Actor, orgId: number): Promise<Team> {
  await requireOrgId(db, actor, orgId);
  const posts = await listTeamPosts(db, actor, orgId);
  const current = posts.filter((p) => p.endedOn === null);
  return {
    current,
    history: posts.filter((p) => p.endedOn !== null),
    partTimeCount: current.filter((p) => p.position === 'part_time_member').length,
    oneShoulder: current.some((p) => p.oneShoulder),
  };
}

export async function addTeamPost(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  orgId: number,
  input: CreateTeamPost,
): Promise<TeamPost> {
  if (input.position === 'part_time_member' && !input.homeUnit) {
    throw invalid('homeUnit', '兼职委员须填写所在驻区单位');
  }
  return audited(db, ctx, 'team_post.create', async (tx) => {
    const org = await requireOrgId(tx, actor, orgId);
    if (org.type === 'group') throw invalid('position', '党小组不设班子职务');
    if (input.memberId) {
      const found = await queryRows(
        tx,
        sql`select 1 from members m where m.id = ${input.memberId} and m.left_on is null
             and ${orgInScope(actor, sql`m.org_id`)}`,
      );
      if (found.length === 0) throw notFound('党员');
    }
    if (input.position === 'secretary' && (await currentSecretary(tx, org.id))) {
      throw conflict('该组织已有在任书记，请先办理原书记离任');
    }
    const [row] = await tx
      .insert(teamPosts)
      .values({
        orgId: org.id,
        memberId: input.memberId ?? null,
        personName: input.personName,
        position: input.position,
        homeUnit: input.homeUnit ?? null,
        residentsPost: input.residentsPost ?? null,
        startedOn: input.startedOn,
      })
      .returning({ id: teamPosts.id });
    return (await findTeamPost(tx, actor, (row as { id: number }).id)) as TeamPost;
  });
}

export async function endTeamPost(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  endedOn: string,
): Promise<TeamPost> {
  return audited(db, ctx, 'team_post.end', async (tx) => {
    const post = await findTeamPost(tx, actor, id, true);
    if (!post) throw notFound('班子职务');
    if (post.endedOn) throw conflict('该职务已离任');
    if (endedOn < post.startedOn) throw invalid('endedOn', '不能早于任职日期');
    await tx
      .update(teamPosts)
      .set({ endedOn, updatedAt: sql`now()` })
      .where(eq(teamPosts.id, id));
    return (await findTeamPost(tx, actor, id)) as TeamPost;
  });
}
