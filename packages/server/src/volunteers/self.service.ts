import { beforeDeadline, chinaToday, selfReportProblem } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { invalid, notFound } from '../http/errors.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import { releasePlace, requireOpen, takePlace, tooLate } from './activities.service.js';
import { selectActivities, toActivity } from './volunteers.repo.js';
import type { SelfReport } from './volunteers.schema.js';
import { volunteerRecords } from './volunteers.tables.js';

/** Ids as a PostgreSQL array literal (one parameter). */
const idArray = (ids: readonly number[]) => `{${ids.join(',')}}`;

type Me = { id: number; org_id: number; name: string; communities: number[] };

/** The member profile linked to the login (active), with the communities they registered with (双报到). */
export async function me(db: Queryable, actor: Actor): Promise<Me> {
  const [m] = await queryRows<Me>(
    db,
    sql`select m.id::int as id, m.org_id::int as org_id, m.name,
               array(select i.org_id::int from in_service_registrations i
                      where i.member_id = m.id and i.ended_on is null) as communities
          from members m where m.id = ${actor.memberId ?? 0} and m.left_on is null`,
  );
  // A login without a member profile (staff) has no volunteering of its own: nothing to find.
  if (!m) throw notFound('本账号关联的党员档案');
  return m;
}

/**
 * Activities a member may join: published by their organisation or an organisation above it, or by a community
 * they registered with (or above it); an activity of a team only for the team's members.
 */
const openTo = (m: Me) =>
  sql`exists (select 1 from organizations mo where mo.id = any(${idArray([m.org_id, ...m.communities])}::bigint[])
              and o.path @> mo.path)
      and (a.team_id is null or exists (select 1 from volunteer_team_members tm
                                          where tm.team_id = a.team_id and tm.member_id = ${m.id}))`;

export async function myActivities(db: Db, actor: Actor, view: 'open' | 'mine') {
  const m = await me(db, actor);
  const now = new Date();
  const where =
    view === 'open'
      ? sql`a.status = 'published' and a.ends_at > now() and ${openTo(m)}`
      : sql`exists (select 1 from volunteer_signups s where s.activity_id = a.id and s.member_id = ${m.id}
                     and s.status <> 'cancelled')`;
  const rows = await selectActivities(db, where, 1, 100);
  const mine = await queryRows<{ activity_id: number; status: 'signed_up' | 'waiting'; position: number | null }>(
    db,
    sql`select s.activity_id::int as activity_id, s.status,
               case when s.status = 'waiting' then (select count(*)::int from volunteer_signups w
                 where w.activity_id = s.activity_id and w.status = 'waiting' and w.id <= s.id) end as position
          from volunteer_signups s where s.member_id = ${m.id} and s.status <> 'cancelled'
           and s.activity_id = any(${idArray(rows.map((r) => r.id))}::bigint[])`,
  );
  const byActivity = new Map(mine.map((s) => [s.activity_id, s]));
  const items = rows.map((r) => ({
    ...toActivity(r, now),
    mySignup: byActivity.get(r.id)?.status ?? null,
    myPosition: byActivity.get(r.id)?.position ?? null,
  }));
  // Open ones soonest first; mine latest first.
  if (view === 'open') items.reverse();
  return { items };
}

async function myActivity(db: Queryable, m: Me, id: number, lock: boolean) {
  const [row] = await selectActivities(db, sql`a.id = ${id} and a.status <> 'draft' and ${openTo(m)}`, 1, 1, lock);
  if (!row) throw notFound('活动');
  return row;
}

export async function signUpSelf(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'volunteer.signup.self', async (tx) => {
    const m = await me(tx, actor);
    const row = await myActivity(tx, m, id, true);
    requireOpen(row);
    if (!beforeDeadline(row.signup_deadline, new Date())) throw tooLate(row.signup_deadline);
    return takePlace(tx, row, { memberId: m.id }, null);
  });
}

export async function cancelSelf(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'volunteer.signup.cancel', async (tx) => {
    const m = await me(tx, actor);
    const [signup] = await queryRows<{ id: number; activity_id: number }>(
      tx,
      sql`select id::int as id, activity_id::int as activity_id from volunteer_signups
           where activity_id = ${id} and member_id = ${m.id} and status <> 'cancelled'`,
    );
    if (!signup) throw notFound('报名');
    const row = await myActivity(tx, m, id, true);
    requireOpen(row);
    const now = new Date();
    if (!beforeDeadline(row.signup_deadline, now)) throw tooLate(row.signup_deadline);
    const [locked] = await queryRows<{ status: string }>(
      tx,
      sql`select status from volunteer_signups where id = ${signup.id} for update`,
    );
    if (!locked || locked.status === 'cancelled') throw notFound('报名');
    await releasePlace(tx, row, signup.id, locked.status, now);
    return { status: 'cancelled' as const, position: null };
  });
}

/** Service done outside any activity: pending until the member's organisation or their community confirms it. */
export async function reportService(db: Db, actor: Actor, ctx: AuditContext, input: SelfReport) {
  const problem = selfReportProblem(input, chinaToday());
  if (problem) throw invalid(problem.field, problem.problem);
  return audited(db, ctx, 'volunteer.record.report', async (tx) => {
    const m = await me(tx, actor);
    const community = m.communities[0];
    if (input.confirmBy === 'community' && community === undefined) {
      throw invalid('confirmBy', '您尚未到居住地社区报到，请选择所在党组织确认');
    }
    const orgId = input.confirmBy === 'community' ? (community as number) : m.org_id;
    const [created] = await tx
      .insert(volunteerRecords)
      .values({
        orgId,
        memberId: m.id,
        source: 'self',
        servedOn: input.servedOn,
        hours: String(input.hours),
        content: input.content,
        witness: input.witness,
        status: 'pending',
      })
      .returning({ id: volunteerRecords.id });
    await notifyNearestStaff(tx, {
      orgId,
      permission: 'volunteer.write',
      kind: 'volunteers.reported',
      title: `志愿服务待确认：${m.name} ${input.hours}小时`,
      body: input.content,
      link: '/volunteers/confirmations',
    });
    return { id: (created as { id: number }).id, status: 'pending' as const };
  });
}
