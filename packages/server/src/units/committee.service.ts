import { committeeComposition, isPartTimePost, type OrgType, type TeamPosition } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import { teamPosts } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueSource } from '../http/due.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { orgIdInSubtree, orgInScope } from '../http/scope.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { findUnit } from './units.repo.js';
import type { AppointPartTime, Committee, CommitteePost } from './units.schema.js';

const COMMITTEE_TYPES: readonly OrgType[] = ['community_committee', 'big_community_committee'];

type PostRow = {
  id: number;
  person_name: string;
  member_id: number | null;
  position: TeamPosition;
  home_unit: string | null;
  unit_id: number | null;
  unit_name: string | null;
  started_on: string;
  ended_on: string | null;
};

const toPost = (r: PostRow): CommitteePost => ({
  id: r.id,
  personName: r.person_name,
  memberId: r.member_id,
  position: r.position,
  homeUnit: r.home_unit,
  unit: r.unit_id === null ? null : { id: r.unit_id, name: r.unit_name ?? '' },
  partTime: isPartTimePost({ position: r.position, homeUnitId: r.unit_id }),
  startedOn: r.started_on,
  endedOn: r.ended_on,
});

async function requireCommittee(q: Queryable, actor: Actor, orgId: number) {
  const org = await findOrg(q, actor, orgId);
  if (!org) throw notFound('社区党组织');
  if (!COMMITTEE_TYPES.includes(org.type)) throw invalid('orgId', '应为社区党委或社区大党委');
  return org;
}

/**
 * A unit left the committee: a post of its person ended and none of its people holds a current post there. The
 * committee page and the workbench read the same condition.
 */
const LEFT_UNITS = (orgCondition: ReturnType<typeof sql>) => sql`
  select t.home_unit_id as id, t.org_id, max(t.ended_on) as left_on,
         (array_agg(t.person_name order by t.ended_on desc, t.id desc))[1] as person_name
    from team_posts t join resident_units u on u.id = t.home_unit_id and u.ended_on is null
   where t.home_unit_id is not null and t.ended_on is not null and ${orgCondition}
     and not exists (select 1 from team_posts c
                      where c.home_unit_id = t.home_unit_id and c.org_id = t.org_id and c.ended_on is null)
   group by t.home_unit_id, t.org_id`;

export async function getCommittee(db: Db, actor: Actor, orgId: number): Promise<Committee> {
  const org = await requireCommittee(db, actor, orgId);
  const rows = await queryRows<PostRow>(
    db,
    sql`select t.id::int as id, t.person_name, t.member_id::int as member_id, t.position, t.home_unit,
               u.id::int as unit_id, u.name as unit_name, t.started_on::text as started_on, t.ended_on::text as ended_on
          from team_posts t left join resident_units_v u on u.id = t.home_unit_id
         where t.org_id = ${org.id}
         order by t.ended_on desc nulls first, (t.home_unit_id is not null or t.position = 'part_time_member'), t.started_on, t.id`,
  );
  const flagged = await queryRows<{ id: number; name: string; left_on: string; person_name: string }>(
    db,
    sql`select l.id::int as id, u.name, l.left_on::text as left_on, l.person_name
          from (${LEFT_UNITS(sql`t.org_id = ${org.id}`)}) l join resident_units_v u on u.id = l.id
         order by l.left_on desc, l.id`,
  );
  const current = rows.filter((r) => r.ended_on === null);
  return {
    org: { id: org.id, name: org.name, type: org.type },
    composition: committeeComposition(
      current.map((r) => ({
        personName: r.person_name,
        memberId: r.member_id,
        position: r.position,
        homeUnitId: r.unit_id,
      })),
    ),
    current: current.map(toPost),
    history: rows.filter((r) => r.ended_on !== null).map(toPost),
    flagged: flagged.map((f) => ({ id: f.id, name: f.name, leftOn: f.left_on, personName: f.person_name })),
  };
}

async function requireActiveUnit(q: Queryable, actor: Actor, unitId: number) {
  const unit = await findUnit(q, actor, unitId);
  if (!unit) throw notFound('驻区单位');
  if (unit.ended_on) throw conflict(`${unit.name}已于${unit.ended_on}退出`);
  return unit;
}

/** Appoints a 兼职委员 from a unit of the registry: a post of the teams module's table naming the unit. */
export async function appointPartTime(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  orgId: number,
  input: AppointPartTime,
): Promise<CommitteePost> {
  return audited(db, ctx, 'committee.appoint', async (tx) => {
    const org = await requireCommittee(tx, actor, orgId);
    const unit = await requireActiveUnit(tx, actor, input.unitId);
    if (input.memberId) {
      const found = await queryRows(
        tx,
        sql`select 1 from members m where m.id = ${input.memberId} and m.left_on is null
             and ${orgInScope(actor, sql`m.org_id`)}`,
      );
      if (found.length === 0) throw notFound('党员');
    }
    const [row] = await tx
      .insert(teamPosts)
      .values({
        orgId: org.id,
        memberId: input.memberId ?? null,
        personName: input.personName,
        position: 'part_time_member',
        homeUnit: unit.name,
        homeUnitId: unit.id,
        startedOn: input.startedOn,
      })
      .returning({ id: teamPosts.id });
    return readPost(tx, actor, (row as { id: number }).id) as Promise<CommitteePost>;
  });
}

async function readPost(q: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await queryRows<PostRow & { org_type: OrgType }>(
    q,
    sql`select t.id::int as id, t.person_name, t.member_id::int as member_id, t.position, t.home_unit,
               u.id::int as unit_id, u.name as unit_name, t.started_on::text as started_on,
               t.ended_on::text as ended_on, o.type as org_type
          from team_posts t join organizations o on o.id = t.org_id
          left join resident_units_v u on u.id = t.home_unit_id
         where t.id = ${id} and ${orgInScope(actor, sql`t.org_id`)}
         ${lock ? sql`for update of t` : sql``}`,
  );
  return row && { ...toPost(row), orgType: row.org_type };
}

/** Names (or clears) the unit a committee member comes from; the teams module's text follows the unit's name. */
export async function setHomeUnit(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  postId: number,
  unitId: number | null,
): Promise<CommitteePost> {
  return audited(db, ctx, 'committee.set_home_unit', async (tx) => {
    const post = await readPost(tx, actor, postId, true);
    if (!post) throw notFound('班子职务');
    if (!COMMITTEE_TYPES.includes(post.orgType)) throw invalid('unitId', '只有社区党委的委员可以关联驻区单位');
    if (post.endedOn) throw conflict('该职务已离任，不能修改');
    const unit = unitId === null ? null : await requireActiveUnit(tx, actor, unitId);
    await tx
      .update(teamPosts)
      .set({ homeUnitId: unit?.id ?? null, ...(unit && { homeUnit: unit.name }), updatedAt: sql`now()` })
      .where(eq(teamPosts.id, postId));
    const { orgType: _t, ...updated } = (await readPost(tx, actor, postId)) as CommitteePost & { orgType: OrgType };
    return updated;
  });
}

type LeftRow = { id: number; name: string; org_id: number; org_name: string; left_on: string; person_name: string };

/** The workbench: units of the scope's committees that have nobody on the committee since their member left. */
export const unitLeftDue: DueSource = {
  name: 'units.committee_left',
  label: '驻区单位兼职委员离任后未补',
  permission: ['cobuild.read'],
  async read(db, actor, _today, query) {
    const { rows, ...counts } = await countDue<LeftRow>(db, 'units.committee_left', query, {
      keys: sql`select l.id, false as overdue, l.left_on, l.org_id, l.person_name
                  from (${LEFT_UNITS(orgIdInSubtree(actor, sql`t.org_id`))}) l`,
      order: sql`left_on, id`,
      items: (shown) => sql`select d.id::int as id, u.name, d.org_id::int as org_id, o.name as org_name,
                                   d.left_on::text as left_on, d.person_name
                              from ${shown} d join resident_units_v u on u.id = d.id
                              join organizations o on o.id = d.org_id order by d.left_on, d.id`,
    });
    return {
      ...counts,
      items: rows.map((r) => ({
        key: `units.committee_left:${r.id}`,
        title: `${r.name}的兼职委员${r.person_name}已离任，该单位目前无人在社区党委任职`,
        orgName: r.org_name,
        dueOn: r.left_on,
        overdue: false,
        link: `/units/committee?orgId=${r.org_id}`,
      })),
    };
  },
};
