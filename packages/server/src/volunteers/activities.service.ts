import {
  ACTIVITY_TYPE_LABELS,
  activityLengthHours,
  activityTimesProblem,
  attendanceHoursProblem,
  beforeDeadline,
  chinaDateTime,
  chinaToday,
  hasPlace,
} from '@gongjian/shared';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows, type Tx } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { AppError, conflict, invalid, notFound } from '../http/errors.js';
import { orgInScope } from '../http/scope.js';
import { streamWorkbook } from '../http/xlsx.js';
import { notifyMember } from '../notifications/notifications.service.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import { volunteerActivities, volunteerRecords, volunteerSignups } from './volunteers.tables.js';
import {
  type ActivityRow,
  activityPage,
  selectActivities,
  selectRecords,
  selectSignups,
  toActivity,
  toRecord,
  toSignup,
} from './volunteers.repo.js';
import type { ActivityInput, ActivityPatch, ActivityQuery, AddSignup, Attendance } from './volunteers.schema.js';

const ACTIVITY = '活动';

/** An activity of the actor's subtree (locked for a change), or a 404. */
export async function activityInScope(db: Queryable, actor: Actor, id: number, lock = false): Promise<ActivityRow> {
  const [row] = await selectActivities(db, sql`a.id = ${id} and ${orgInScope(actor, sql`a.org_id`)}`, 1, 1, lock);
  if (!row) throw notFound(ACTIVITY);
  return row;
}

function filterOf(query: Omit<ActivityQuery, 'page' | 'pageSize'>) {
  const parts = [sql`true`];
  if (query.from) parts.push(sql`a.starts_at >= (${query.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.to) parts.push(sql`a.starts_at < (${query.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.type) parts.push(sql`a.type = ${query.type}`);
  if (query.q) parts.push(sql`strpos(a.title, ${query.q}) > 0`);
  return sql.join(parts, sql` and `);
}

export async function listActivities(db: Db, actor: Actor, query: ActivityQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const { rows, total } = await activityPage(db, root.path, filterOf(query), query.page, query.pageSize);
  const now = new Date();
  return { items: rows.map((r) => toActivity(r, now)), total, page: query.page, pageSize: query.pageSize };
}

export async function exportActivities(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  query: Omit<ActivityQuery, 'page' | 'pageSize'>,
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const filter = filterOf(query);
  const first = await activityPage(db, root.path, filter, 1, 1000);
  await auditEvent(db, ctx, {
    action: 'volunteer.activity.export',
    entity: 'volunteer_activity',
    orgPath: root.path,
    after: { filter: query, rows: first.total },
  });
  const now = new Date();
  async function* pages() {
    let rows = first.rows;
    for (let page = 2; rows.length; page++) {
      yield rows.map((r) => toActivity(r, now));
      if (rows.length < 1000) return;
      rows = (await activityPage(db, root.path, filter, page, 1000)).rows;
    }
  }
  type A = ReturnType<typeof toActivity>;
  return streamWorkbook<A>(
    '志愿服务活动',
    [
      { header: '活动名称', width: 24, value: (a) => a.title },
      { header: '类型', width: 10, value: (a) => ACTIVITY_TYPE_LABELS[a.type] },
      { header: '组织', width: 20, value: (a) => a.orgName },
      { header: '服务队', width: 14, value: (a) => a.teamName },
      { header: '开始时间', width: 17, value: (a) => chinaDateTime(a.startsAt) },
      { header: '结束时间', width: 17, value: (a) => chinaDateTime(a.endsAt) },
      { header: '地点', width: 20, value: (a) => a.place },
      { header: '名额', width: 8, value: (a) => a.capacity ?? '不限' },
      { header: '已报名', width: 8, value: (a) => a.signedUp },
      { header: '候补', width: 8, value: (a) => a.waiting },
      {
        header: '状态',
        width: 10,
        value: (a) => ({ draft: '草稿', published: '已发布', cancelled: '已取消', confirmed: '时长已确认' })[a.status],
      },
    ],
    pages(),
  );
}

export async function activityDetail(db: Db, actor: Actor, id: number) {
  const row = await activityInScope(db, actor, id);
  const signups = await selectSignups(db, sql`s.activity_id = ${id}`);
  const records = await selectRecords(db, sql`r.activity_id = ${id}`, sql`r.id`);
  return {
    ...toActivity(row, new Date()),
    signups: signups.map(toSignup),
    records: records.map(toRecord),
  };
}

/** The team (of the activity's organisation) and the co-hosting organisation must exist; the times must hold. */
async function checkActivity(
  tx: Queryable,
  actor: Actor,
  orgId: number,
  a: { teamId?: number | null; cohostOrgId?: number | null; startsAt: string; endsAt: string; signupDeadline: string },
) {
  const times = activityTimesProblem(a);
  if (times) throw invalid(times.field, times.problem);
  if (a.teamId) {
    const [team] = await queryRows<{ id: number }>(
      tx,
      sql`select id from volunteer_teams where id = ${a.teamId} and org_id = ${orgId} and dissolved_on is null`,
    );
    if (!team) throw notFound('服务队');
  }
  if (a.cohostOrgId) {
    const cohost = await requireOrgInScope(tx, actor, a.cohostOrgId);
    if (cohost.sector !== 'resident_unit') throw invalid('cohostOrgId', '应为驻区单位的党组织');
  }
}

export async function createActivity(db: Db, actor: Actor, ctx: AuditContext, input: ActivityInput) {
  await requireOrgInScope(db, actor, input.orgId);
  return audited(db, ctx, 'volunteer.activity.create', async (tx) => {
    await checkActivity(tx, actor, input.orgId, input);
    const { publish, ...values } = input;
    const [created] = await tx
      .insert(volunteerActivities)
      .values({
        ...values,
        teamId: values.teamId ?? null,
        cohostOrgId: values.cohostOrgId ?? null,
        description: values.description ?? null,
        capacity: values.capacity ?? null,
        status: publish ? 'published' : 'draft',
        publishedAt: publish ? sql`now()` : null,
      })
      .returning({ id: volunteerActivities.id });
    return toActivity(await activityInScope(tx, actor, (created as { id: number }).id), new Date());
  });
}

function requireEditable(row: ActivityRow) {
  if (row.status === 'cancelled') throw conflict('活动已取消，不能修改');
  if (row.status === 'confirmed') throw conflict('活动时长已确认，不能修改');
}

export async function updateActivity(db: Db, actor: Actor, ctx: AuditContext, id: number, patch: ActivityPatch) {
  return audited(db, ctx, 'volunteer.activity.update', async (tx) => {
    const row = await activityInScope(tx, actor, id, true);
    requireEditable(row);
    const merged = {
      teamId: patch.teamId === undefined ? row.team_id : patch.teamId,
      cohostOrgId: patch.cohostOrgId === undefined ? row.cohost_org_id : patch.cohostOrgId,
      startsAt: patch.startsAt ?? row.starts_at,
      endsAt: patch.endsAt ?? row.ends_at,
      signupDeadline: patch.signupDeadline ?? row.signup_deadline,
    };
    await checkActivity(tx, actor, row.org_id, {
      ...merged,
      teamId: patch.teamId === undefined ? null : patch.teamId,
      cohostOrgId: patch.cohostOrgId === undefined ? null : patch.cohostOrgId,
    });
    const capacity = patch.capacity === undefined ? row.capacity : patch.capacity;
    if (capacity !== null && capacity < row.signed_up) {
      throw invalid('capacity', `已有${row.signed_up}人报名，名额不能少于${row.signed_up}`);
    }
    await tx
      .update(volunteerActivities)
      .set({
        ...patch,
        ...merged,
        capacity,
        updatedAt: sql`now()`,
      })
      .where(eq(volunteerActivities.id, id));
    // More places: the waiting list moves up.
    if (row.status === 'published') await promoteWaiting(tx, { ...row, capacity }, row.signed_up);
    return toActivity(await activityInScope(tx, actor, id), new Date());
  });
}

export async function publishActivity(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'volunteer.activity.publish', async (tx) => {
    const row = await activityInScope(tx, actor, id, true);
    if (row.status !== 'draft') throw conflict('只有草稿可以发布');
    await tx
      .update(volunteerActivities)
      .set({ status: 'published', publishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(volunteerActivities.id, id));
    return toActivity(await activityInScope(tx, actor, id), new Date());
  });
}

/** Cancelling tells everyone signed up or waiting, in the same transaction. */
export async function cancelActivity(db: Db, actor: Actor, ctx: AuditContext, id: number, reason: string) {
  return audited(db, ctx, 'volunteer.activity.cancel', async (tx) => {
    const row = await activityInScope(tx, actor, id, true);
    requireEditable(row);
    await tx
      .update(volunteerActivities)
      .set({ status: 'cancelled', cancelReason: reason, updatedAt: sql`now()` })
      .where(eq(volunteerActivities.id, id));
    const people = await queryRows<{ member_id: number }>(
      tx,
      sql`select member_id::int as member_id from volunteer_signups
           where activity_id = ${id} and member_id is not null and status in ('signed_up', 'waiting')`,
    );
    for (const p of people) {
      await notifyMember(tx, p.member_id, {
        kind: 'volunteers.cancelled',
        title: `活动已取消：${row.title}`,
        body: `原定${chinaDateTime(row.starts_at)}，取消原因：${reason}`,
        link: '/m/volunteers',
      });
    }
    return toActivity(await activityInScope(tx, actor, id), new Date());
  });
}

// Sign-ups

export type Person = { memberId: number; residentId?: undefined } | { residentId: number; memberId?: undefined };
const personCondition = (p: Person, t = 's') =>
  p.memberId !== undefined
    ? sql`${sql.raw(t)}.member_id = ${p.memberId}`
    : sql`${sql.raw(t)}.resident_id = ${p.residentId}`;

/**
 * Takes a place on a locked activity, or a place on its waiting list when it is full. The counter and its check
 * constraint keep the capacity even if a caller forgot the lock.
 */
export async function takePlace(tx: Tx, row: ActivityRow, who: Person, addedBy: number | null) {
  const [open] = await queryRows<{ status: string }>(
    tx,
    sql`select status from volunteer_signups s where s.activity_id = ${row.id} and ${personCondition(who)}
         and s.status <> 'cancelled'`,
  );
  if (open) throw conflict(open.status === 'waiting' ? '已在候补名单中' : '已报名该活动');
  const place = hasPlace(row.capacity, row.signed_up);
  const [created] = await tx
    .insert(volunteerSignups)
    .values({
      activityId: row.id,
      orgId: row.org_id,
      memberId: who.memberId ?? null,
      residentId: who.residentId ?? null,
      status: place ? 'signed_up' : 'waiting',
      addedBy,
    })
    .returning({ id: volunteerSignups.id });
  if (place) {
    await tx
      .update(volunteerActivities)
      .set({ signedUp: sql`${volunteerActivities.signedUp} + 1` })
      .where(eq(volunteerActivities.id, row.id));
    return { status: 'signed_up' as const, position: null };
  }
  const [pos] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from volunteer_signups
         where activity_id = ${row.id} and status = 'waiting' and id <= ${(created as { id: number }).id}`,
  );
  return { status: 'waiting' as const, position: pos?.n ?? 1 };
}

/** Moves the first of the waiting list up while places are free (`signedUp`: places taken now); tells them. */
async function promoteWaiting(tx: Tx, row: Pick<ActivityRow, 'id' | 'title' | 'capacity'>, signedUp: number) {
  let taken = signedUp;
  while (hasPlace(row.capacity, taken)) {
    const [next] = await queryRows<{ id: number; member_id: number | null }>(
      tx,
      sql`select id::int as id, member_id::int as member_id from volunteer_signups
           where activity_id = ${row.id} and status = 'waiting' order by id limit 1 for update`,
    );
    if (!next) return;
    await tx
      .update(volunteerSignups)
      .set({ status: 'signed_up', promotedAt: sql`now()` })
      .where(eq(volunteerSignups.id, next.id));
    await tx
      .update(volunteerActivities)
      .set({ signedUp: sql`${volunteerActivities.signedUp} + 1` })
      .where(eq(volunteerActivities.id, row.id));
    taken++;
    if (next.member_id !== null) {
      await notifyMember(tx, next.member_id, {
        kind: 'volunteers.promoted',
        title: `候补成功：${row.title}`,
        body: '有人取消报名，您已由候补转为正式报名。',
        link: '/m/volunteers',
      });
    }
  }
}

/**
 * Gives up a sign-up (the member themselves, or the organiser). A place freed before the deadline goes to the
 * first of the waiting list.
 */
export async function releasePlace(tx: Tx, row: ActivityRow, signupId: number, status: string, now: Date) {
  await tx
    .update(volunteerSignups)
    .set({ status: 'cancelled', cancelledAt: sql`now()` })
    .where(eq(volunteerSignups.id, signupId));
  if (status !== 'signed_up') return;
  await tx
    .update(volunteerActivities)
    .set({ signedUp: sql`${volunteerActivities.signedUp} - 1` })
    .where(eq(volunteerActivities.id, row.id));
  if (row.status === 'published' && beforeDeadline(row.signup_deadline, now)) {
    await promoteWaiting(tx, row, row.signed_up - 1);
  }
}

export function requireOpen(row: ActivityRow) {
  if (row.status === 'draft') throw notFound(ACTIVITY);
  if (row.status === 'cancelled') throw conflict('活动已取消');
  if (row.status === 'confirmed') throw conflict('活动时长已确认，报名已结束');
}

/**
 * A person the organiser may name: an active member of the actor's subtree or registered (双报到) with one of its
 * communities, or a resident volunteer registered in it. Anyone else is a 404.
 */
export async function personInScope(tx: Queryable, actor: Actor, who: { memberId?: number; residentId?: number }) {
  if ((who.memberId === undefined) === (who.residentId === undefined)) {
    throw invalid('memberId', '请指定一名党员或居民志愿者');
  }
  if (who.memberId !== undefined) {
    const [m] = await queryRows<{ id: number; name: string }>(
      tx,
      sql`select m.id::int as id, m.name from members m where m.id = ${who.memberId} and m.left_on is null
            and (${orgInScope(actor, sql`m.org_id`)} or exists (select 1 from in_service_registrations i
                  where i.member_id = m.id and i.ended_on is null and ${orgInScope(actor, sql`i.org_id`)}))`,
    );
    if (!m) throw notFound('党员');
    return { who: { memberId: m.id } as Person, name: m.name };
  }
  const [r] = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select v.id::int as id, v.name from volunteer_residents v
         where v.id = ${who.residentId} and v.ended_on is null and ${orgInScope(actor, sql`v.org_id`)}`,
  );
  if (!r) throw notFound('居民志愿者');
  return { who: { residentId: r.id } as Person, name: r.name };
}

/** The organiser adds someone: no deadline (they come to the desk), but never past the capacity. */
export async function addSignup(db: Db, actor: Actor, ctx: AuditContext, id: number, input: AddSignup) {
  return audited(db, ctx, 'volunteer.signup.add', async (tx) => {
    const row = await activityInScope(tx, actor, id, true);
    requireOpen(row);
    const { who } = await personInScope(tx, actor, input);
    const taken = await takePlace(tx, row, who, actor.accountId);
    if (who.memberId !== undefined) {
      await notifyMember(tx, who.memberId, {
        kind: 'volunteers.added',
        title: taken.status === 'signed_up' ? `您已被报名：${row.title}` : `您已进入候补：${row.title}`,
        body: `${chinaDateTime(row.starts_at)}，${row.place}`,
        link: '/m/volunteers',
      });
    }
    return taken;
  });
}

export async function removeSignup(db: Db, actor: Actor, ctx: AuditContext, signupId: number) {
  return audited(db, ctx, 'volunteer.signup.remove', async (tx) => {
    const [s] = await queryRows<{ activity_id: number; status: string }>(
      tx,
      sql`select activity_id::int as activity_id, status from volunteer_signups s
           where s.id = ${signupId} and ${orgInScope(actor, sql`s.org_id`)}`,
    );
    if (!s) throw notFound('报名');
    const row = await activityInScope(tx, actor, s.activity_id, true);
    if (row.status === 'confirmed') throw conflict('活动时长已确认，不能再改报名');
    const [locked] = await queryRows<{ status: string }>(
      tx,
      sql`select status from volunteer_signups where id = ${signupId} for update`,
    );
    if (locked?.status === 'cancelled') throw conflict('该报名已取消');
    await releasePlace(tx, row, signupId, locked?.status ?? 'cancelled', new Date());
    return { ok: true };
  });
}

// Attendance and hours

/**
 * After the activity: who came and their hours, confirmed at once (records `confirmed`, the activity
 * `confirmed`). Hours over the activity's length need a reason. Everyone named must be on its list.
 */
export async function confirmAttendance(db: Db, actor: Actor, ctx: AuditContext, id: number, input: Attendance) {
  return audited(db, ctx, 'volunteer.activity.confirm', async (tx) => {
    const row = await activityInScope(tx, actor, id, true);
    if (row.status === 'draft') throw conflict('活动尚未发布');
    if (row.status === 'cancelled') throw conflict('活动已取消');
    if (row.status === 'confirmed') throw conflict('时长已确认；如需修改，请对单条记录进行更正');
    if (Date.now() < Date.parse(row.ends_at)) throw conflict('活动结束后才能确认时长');
    const length = activityLengthHours(row.starts_at, row.ends_at);
    const listed = await queryRows<{ member_id: number | null; resident_id: number | null; name: string }>(
      tx,
      sql`select s.member_id::int as member_id, s.resident_id::int as resident_id, coalesce(m.name, r.name) as name
            from volunteer_signups s left join members m on m.id = s.member_id
            left join volunteer_residents r on r.id = s.resident_id
           where s.activity_id = ${id} and s.status in ('signed_up', 'waiting')`,
    );
    const key = (m: number | null | undefined, r: number | null | undefined) => (m ? `m${m}` : `r${r}`);
    const names = new Map(listed.map((p) => [key(p.member_id, p.resident_id), p.name]));
    const seen = new Set<string>();
    for (const [i, e] of input.entries.entries()) {
      if ((e.memberId === undefined) === (e.residentId === undefined)) {
        throw invalid(`entries.${i}.memberId`, '请指定一名党员或居民志愿者');
      }
      const k = key(e.memberId, e.residentId);
      const name = names.get(k);
      if (!name) throw invalid(`entries.${i}.memberId`, '不在本活动的报名名单中');
      if (seen.has(k)) throw invalid(`entries.${i}.memberId`, `${name}重复`);
      seen.add(k);
      const problem = attendanceHoursProblem(e.hours, length, e.reason);
      if (problem) throw invalid(`entries.${i}.hours`, `${name}：${problem}`);
    }
    const servedOn = chinaToday(new Date(row.starts_at));
    if (input.entries.length) {
      await tx.insert(volunteerRecords).values(
        input.entries.map((e) => ({
          orgId: row.org_id,
          memberId: e.memberId ?? null,
          residentId: e.residentId ?? null,
          activityId: id,
          source: 'activity',
          servedOn,
          hours: String(e.hours),
          reason: e.reason?.trim() || null,
          status: 'confirmed',
          decidedAt: sql`now()`,
          decidedBy: actor.accountId,
        })),
      );
    }
    await tx
      .update(volunteerActivities)
      .set({ status: 'confirmed', confirmedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(volunteerActivities.id, id), eq(volunteerActivities.status, 'published')));
    for (const e of input.entries) {
      if (e.memberId !== undefined) {
        await notifyMember(tx, e.memberId, {
          kind: 'volunteers.hours',
          title: `志愿服务时长已确认：${row.title}`,
          body: `${e.hours}小时`,
          link: '/m/volunteers/hours',
        });
      }
    }
    return { ...toActivity(await activityInScope(tx, actor, id), new Date()), confirmed: input.entries.length };
  });
}

export const tooLate = (deadline: string) =>
  new AppError('VALIDATION', `报名截止时间（${chinaDateTime(deadline)}）已过，不能再报名或取消`);
