import { carriedForward, chinaToday, meetingHasBegun, taskDueProblem, taskState } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows, type Tx } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { liaisonUnitIds } from '../units/units.repo.js';
import {
  findMeeting,
  findTask,
  findUnitTask,
  idArray,
  invitableUnits,
  listMeetings,
  type MeetingRow,
  orgInScopeRow,
  outcomesOf,
  TASK_COLUMNS,
  TASK_FROM,
  tasksBefore,
  type TaskRow,
  unitsInScope,
  unitsOf,
} from './joint-meetings.repo.js';
import type {
  Attendance,
  CreateJointMeeting,
  CreateOutcome,
  JointMeeting,
  JointMeetingListQuery,
  JointMeetingSummary,
  Progress,
  Task,
  TaskListQuery,
  UpdateJointMeeting,
} from './joint-meetings.schema.js';
import { jointMeetings, jointMeetingOutcomes, jointMeetingUnits, jointTaskProgress } from './joint-meetings.tables.js';

const MEETING = '联席会议';
const TASK = '任务';

/** The organisations that hold joint meetings: a community committee (大党委), a street, or above for a zone. */
const HOLDERS = [
  'community_committee',
  'big_community_committee',
  'street_committee',
  'district_committee',
  'city_committee',
];

export function toSummary(r: MeetingRow): JointMeetingSummary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    title: r.title,
    status: r.status,
    heldOn: r.held_on,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    invited: r.invited,
    present: r.present,
    tasks: r.tasks,
    openTasks: r.open_tasks,
  };
}

export function toTask(r: TaskRow, today = chinaToday()): Task {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    orgName: r.org_name,
    heldOn: r.held_on,
    text: r.text,
    ownerUnitId: r.owner_unit_id,
    ownerOrgId: r.owner_org_id,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    doneOn: r.done_on,
    state: taskState({ dueOn: r.due_on, doneOn: r.done_on }, today),
    lastNote: r.last_note,
  };
}

/** A meeting with its units, outcomes and the open tasks of earlier meetings that open its agenda. */
export async function getMeeting(db: Queryable, actor: Actor, id: number): Promise<JointMeeting> {
  const row = await findMeeting(db, actor, id);
  if (!row) throw notFound(MEETING);
  const today = chinaToday();
  const [units, outcomes, before] = await Promise.all([
    unitsOf(db, id),
    outcomesOf(db, id),
    tasksBefore(db, { orgId: row.org_id, zoneId: row.zone_id, heldOn: row.held_on }),
  ]);
  const carried = carriedForward(
    before.map((t) => ({ ...toTask(t, today), heldOn: t.held_on, dueOn: t.due_on, doneOn: t.done_on })),
    row.held_on,
  );
  return {
    ...toSummary(row),
    hostName: row.host_name,
    agenda: row.agenda,
    hostAttendees: row.host_attendees,
    minutes: row.minutes,
    begun: meetingHasBegun(row.held_on, row.start_time),
    units: units.map((u) => ({ unitId: u.unit_id, name: u.name, present: u.present, attendees: u.attendees })),
    outcomes: outcomes.map((o) => ({
      id: o.id,
      kind: o.kind,
      text: o.text,
      ownerUnitId: o.owner_unit_id,
      ownerOrgId: o.owner_org_id,
      ownerName: o.owner_name,
      dueOn: o.due_on,
      doneOn: o.done_on,
      state: o.kind === 'task' && o.due_on ? taskState({ dueOn: o.due_on, doneOn: o.done_on }, today) : null,
      progress: o.progress,
    })),
    carried,
  };
}

export async function list(db: Db, actor: Actor, query: JointMeetingListQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const where = query.status ? sql`m.status = ${query.status}` : sql`true`;
  const { rows, total } = await listMeetings(db, root.path, where, query.page, query.pageSize);
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

async function requireHolder(db: Queryable, actor: Actor, orgId: number) {
  const org = await orgInScopeRow(db, actor, orgId);
  if (!org) throw notFound('组织');
  if (!HOLDERS.includes(org.type)) throw invalid('orgId', '联席会议由社区大党委（社区党委）或街道党工委召开');
  return org;
}

function checkFields(input: UpdateJointMeeting) {
  if (input.endTime && input.endTime <= input.startTime) throw invalid('endTime', '应晚于开始时间');
  const seen = new Set<number>();
  input.unitIds.forEach((id, i) => {
    if (seen.has(id)) throw invalid(`unitIds.${i}`, '重复邀请');
    seen.add(id);
  });
}

/** Invites exactly `unitIds` (each in scope: 404 otherwise), keeping the attendance of those already invited. */
async function setUnits(tx: Tx, actor: Actor, meeting: { id: number; orgId: number }, unitIds: readonly number[]) {
  const found = await unitsInScope(tx, actor, unitIds);
  if (found.length !== unitIds.length) throw notFound('驻区单位');
  await tx.execute(
    sql`delete from joint_meeting_units where meeting_id = ${meeting.id} and unit_id <> all(${idArray(unitIds)})`,
  );
  if (unitIds.length) {
    await tx
      .insert(jointMeetingUnits)
      .values(unitIds.map((unitId) => ({ meetingId: meeting.id, orgId: meeting.orgId, unitId })))
      .onConflictDoNothing();
  }
}

function fieldValues(input: UpdateJointMeeting) {
  return {
    title: input.title,
    heldOn: input.heldOn,
    startTime: input.startTime,
    endTime: input.endTime ?? null,
    place: input.place,
    hostName: input.hostName ?? null,
    agenda: input.agenda,
    hostAttendees: input.hostAttendees ?? null,
    minutes: input.minutes ?? null,
  };
}

/** Plans a meeting (or records one held): its agenda opens with the tasks still open from earlier meetings. */
export async function createMeeting(db: Db, actor: Actor, ctx: AuditContext, input: CreateJointMeeting) {
  checkFields(input);
  return audited(db, ctx, 'joint_meeting.create', async (tx) => {
    const org = await requireHolder(tx, actor, input.orgId);
    if (input.zoneId) {
      // A collaboration zone's meeting is held by the organisation the zone belongs to.
      const [zone] = await queryRows<{ org_id: number }>(
        tx,
        sql`select z.org_id::int as org_id from collab_zones z join organizations o on o.id = z.org_id
             where z.id = ${input.zoneId} and o.path <@ ${actor.scopePath}::ltree`,
      );
      if (!zone) throw notFound('协作区');
      if (zone.org_id !== org.id) throw invalid('zoneId', '协作区的联席会议由协作区所属组织召开');
    }
    const [row] = await tx
      .insert(jointMeetings)
      .values({ orgId: org.id, zoneId: input.zoneId ?? null, ...fieldValues(input), createdBy: actor.accountId })
      .returning({ id: jointMeetings.id });
    const id = (row as { id: number }).id;
    await setUnits(tx, actor, { id, orgId: org.id }, input.unitIds);
    return getMeeting(tx, actor, id);
  });
}

async function lockMeeting(tx: Tx, actor: Actor, id: number) {
  const row = await findMeeting(tx, actor, id, true);
  if (!row) throw notFound(MEETING);
  return row;
}

export async function updateMeeting(db: Db, actor: Actor, ctx: AuditContext, id: number, input: UpdateJointMeeting) {
  checkFields(input);
  return audited(db, ctx, 'joint_meeting.update', async (tx) => {
    const row = await lockMeeting(tx, actor, id);
    if (input.heldOn !== row.held_on) {
      const [first] = await queryRows<{ held_on: string }>(
        tx,
        sql`select min(due_on)::text as held_on from joint_meeting_outcomes where meeting_id = ${id} and kind = 'task'`,
      );
      if (first?.held_on && first.held_on < input.heldOn) {
        throw invalid('heldOn', `本次会议的任务完成期限最早为${first.held_on}，会议日期不能晚于它`);
      }
      if (row.tasks > 0 || row.status === 'held') {
        await tx.execute(
          sql`update joint_meeting_outcomes set held_on = ${input.heldOn}::date, updated_at = now()
               where meeting_id = ${id}`,
        );
      }
    }
    await tx
      .update(jointMeetings)
      .set({ ...fieldValues(input), updatedAt: sql`now()` })
      .where(eq(jointMeetings.id, id));
    await setUnits(tx, actor, { id, orgId: row.org_id }, input.unitIds);
    return getMeeting(tx, actor, id);
  });
}

function requireBegun(row: MeetingRow, what: string) {
  if (!meetingHasBegun(row.held_on, row.start_time)) throw invalid('heldOn', `会议尚未开始，不能${what}`);
}

/** Ticks one invited unit present or absent, with who came for it: one request per tick, during the meeting. */
export async function markAttendance(db: Db, actor: Actor, ctx: AuditContext, id: number, input: Attendance) {
  return audited(db, ctx, 'joint_meeting.attendance', async (tx) => {
    const row = await lockMeeting(tx, actor, id);
    const [unit] = await unitsInScope(tx, actor, [input.unitId]);
    if (!unit) throw notFound('驻区单位');
    requireBegun(row, '登记出席');
    const updated = await tx
      .update(jointMeetingUnits)
      .set({ present: input.present, attendees: input.attendees ?? null, updatedAt: sql`now()` })
      .where(sql`meeting_id = ${id} and unit_id = ${input.unitId}`)
      .returning({ id: jointMeetingUnits.id });
    if (updated.length === 0) throw invalid('unitId', '该单位不在本次会议的邀请名单中');
    return getMeeting(tx, actor, id);
  });
}

/** The meeting took place: it counts as held (figures); outcomes and minutes may still be completed. */
export async function markHeld(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'joint_meeting.held', async (tx) => {
    const row = await lockMeeting(tx, actor, id);
    if (row.status === 'held') throw conflict('会议已记为召开');
    requireBegun(row, '记为已召开');
    await tx
      .update(jointMeetings)
      .set({ status: 'held', heldAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(jointMeetings.id, id));
    return getMeeting(tx, actor, id);
  });
}

/** Deletes a planned meeting that has no outcomes (a meeting called off). */
export async function deleteMeeting(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  await audited(db, ctx, 'joint_meeting.delete', async (tx) => {
    const row = await lockMeeting(tx, actor, id);
    if (row.status === 'held') throw conflict('已召开的会议不能删除');
    const [o] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from joint_meeting_outcomes where meeting_id = ${id}`,
    );
    if ((o?.n ?? 0) > 0) throw conflict('会议已有议定事项，不能删除');
    await tx.delete(jointMeetings).where(eq(jointMeetings.id, id));
  });
}

/** An outcome typed as it is agreed: information, a decision, or a task (owner, due date not before the meeting). */
export async function addOutcome(db: Db, actor: Actor, ctx: AuditContext, id: number, input: CreateOutcome) {
  const task = input.kind === 'task';
  if (task) {
    if (!input.dueOn) throw invalid('dueOn', '任务须有完成期限');
    if (!input.ownerUnitId && !input.ownerOrgId) throw invalid('ownerUnitId', '任务须指定责任单位或组织');
    if (input.ownerUnitId && input.ownerOrgId) throw invalid('ownerOrgId', '责任单位与责任组织只能选一个');
  } else if (input.ownerUnitId || input.ownerOrgId || input.dueOn) {
    throw invalid('kind', '只有任务有责任单位和完成期限');
  }
  return audited(db, ctx, 'joint_meeting.outcome', async (tx) => {
    const row = await lockMeeting(tx, actor, id);
    if (task) {
      if (input.ownerUnitId && (await unitsInScope(tx, actor, [input.ownerUnitId])).length === 0) {
        throw notFound('驻区单位');
      }
      if (input.ownerOrgId && !(await orgInScopeRow(tx, actor, input.ownerOrgId))) throw notFound('组织');
      const problem = taskDueProblem(row.held_on, input.dueOn as string);
      if (problem) throw invalid('dueOn', problem);
    }
    requireBegun(row, '登记议定事项');
    await tx.insert(jointMeetingOutcomes).values({
      meetingId: id,
      orgId: row.org_id,
      kind: input.kind,
      text: input.text,
      ownerUnitId: task ? (input.ownerUnitId ?? null) : null,
      ownerOrgId: task ? (input.ownerOrgId ?? null) : null,
      heldOn: row.held_on,
      dueOn: task ? (input.dueOn ?? null) : null,
      createdBy: actor.accountId,
    });
    return getMeeting(tx, actor, id);
  });
}

/** Takes back an outcome typed by mistake (not a task with progress on record). */
export async function deleteOutcome(db: Db, actor: Actor, ctx: AuditContext, outcomeId: number) {
  return audited(db, ctx, 'joint_meeting.outcome_delete', async (tx) => {
    const [o] = await queryRows<{ meeting_id: number; progress: number }>(
      tx,
      sql`select t.meeting_id::int as meeting_id,
                 (select count(*)::int from joint_task_progress p where p.outcome_id = t.id) as progress
            from joint_meeting_outcomes t join organizations o on o.id = t.org_id
           where t.id = ${outcomeId} and o.path <@ ${actor.scopePath}::ltree for update of t`,
    );
    if (!o) throw notFound('议定事项');
    if (o.progress > 0) throw conflict('该任务已有进展记录，不能删除');
    await tx.delete(jointMeetingOutcomes).where(eq(jointMeetingOutcomes.id, outcomeId));
    return getMeeting(tx, actor, o.meeting_id);
  });
}

function taskWhere(query: Omit<TaskListQuery, 'page' | 'pageSize'>, today: string) {
  switch (query.state) {
    case 'open':
      return sql`t.done_on is null`;
    case 'overdue':
      return sql`t.done_on is null and t.due_on < ${today}::date`;
    case 'done':
      return sql`t.done_on is not null`;
    case undefined:
      return sql`true`;
  }
}

/** The tasks of a subtree's joint meetings: open first by due date, then done. */
export async function listTasks(
  db: Db,
  actor: Actor,
  query: Omit<TaskListQuery, 'page' | 'pageSize'>,
  page = 1,
  pageSize = 10_000,
) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const rows = await queryRows<TaskRow & { total: number }>(
    db,
    sql`select ${TASK_COLUMNS}, count(*) over ()::int as total from ${TASK_FROM}
         where o.path <@ ${root.path}::ltree and t.kind = 'task' and ${taskWhere(query, today)}
         order by t.done_on is not null, t.due_on, t.id
         limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return { root, items: rows.map((r) => toTask(r, today)), total: rows[0]?.total ?? 0 };
}

/** The tasks owned by the liaison's units (cobuild.unit): nobody else's. */
export async function unitTasks(db: Db, actor: Actor) {
  const units = await liaisonUnitIds(db, actor.accountId);
  if (units.length === 0) return { items: [], total: 0 };
  const rows = await queryRows<TaskRow>(
    db,
    sql`select ${TASK_COLUMNS} from ${TASK_FROM}
         where t.kind = 'task' and t.owner_unit_id = any(${idArray(units)})
         order by t.done_on is not null, t.due_on, t.id limit 500`,
  );
  const today = chinaToday();
  return { items: rows.map((r) => toTask(r, today)), total: rows.length };
}

async function writeProgress(tx: Tx, actor: Actor, task: TaskRow, input: Progress, unitId: number | null) {
  if (task.done_on !== null) throw conflict(`任务已于${task.done_on}完成`);
  const today = chinaToday();
  await tx.insert(jointTaskProgress).values({
    outcomeId: task.id,
    orgId: task.org_id,
    note: input.note,
    done: input.done,
    reportedOn: today,
    unitId,
    byAccountId: actor.accountId,
    byName: actor.displayName,
  });
  if (input.done) {
    await tx
      .update(jointMeetingOutcomes)
      .set({ doneOn: today, updatedAt: sql`now()` })
      .where(eq(jointMeetingOutcomes.id, task.id));
  }
  const [after] = await queryRows<TaskRow>(tx, sql`select ${TASK_COLUMNS} from ${TASK_FROM} where t.id = ${task.id}`);
  return toTask(after as TaskRow, today);
}

/** Community staff record progress on a task of their subtree, or its completion. */
export async function addProgress(db: Db, actor: Actor, ctx: AuditContext, id: number, input: Progress) {
  return audited(db, ctx, input.done ? 'joint_task.done' : 'joint_task.progress', async (tx) => {
    const task = await findTask(tx, actor, id, true);
    if (!task) throw notFound(TASK);
    return writeProgress(tx, actor, task, input, null);
  });
}

/** The owner unit's liaison reports progress or completion: its own unit's tasks only (404 for any other). */
export async function addUnitProgress(db: Db, actor: Actor, ctx: AuditContext, id: number, input: Progress) {
  return audited(db, ctx, input.done ? 'joint_task.done' : 'joint_task.progress', async (tx) => {
    const units = await liaisonUnitIds(tx, actor.accountId);
    const task = await findUnitTask(tx, units, id, true);
    if (!task) throw notFound(TASK);
    return writeProgress(tx, actor, task, input, task.owner_unit_id);
  });
}

export async function invitable(db: Db, actor: Actor, orgId: number) {
  const org = await orgInScopeRow(db, actor, orgId);
  if (!org) throw notFound('组织');
  const rows = await invitableUnits(db, org);
  return { items: rows.map((r) => ({ unitId: r.unit_id, name: r.name, orgName: r.org_name })) };
}
