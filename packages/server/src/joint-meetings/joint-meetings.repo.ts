import type { JointMeetingStatus, OutcomeKind } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';

type Scope = Pick<Actor, 'scopePath'>;

export type MeetingRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  zone_id: number | null;
  zone_name: string | null;
  title: string;
  status: JointMeetingStatus;
  held_on: string;
  start_time: string;
  end_time: string | null;
  place: string;
  host_name: string | null;
  agenda: string[];
  host_attendees: string | null;
  minutes: string | null;
  invited: number;
  present: number;
  tasks: number;
  open_tasks: number;
};

const MEETING_COLUMNS = sql`m.id::int as id, m.org_id::int as org_id, o.name as org_name, o.path::text as org_path,
  m.zone_id::int as zone_id,
  (select z.name from collab_zones z where z.id = m.zone_id) as zone_name, m.title, m.status, m.held_on::text as held_on, m.start_time, m.end_time, m.place,
  m.host_name, m.agenda, m.host_attendees, m.minutes,
  (select count(*)::int from joint_meeting_units u where u.meeting_id = m.id) as invited,
  (select count(*)::int from joint_meeting_units u where u.meeting_id = m.id and u.present) as present,
  (select count(*)::int from joint_meeting_outcomes t where t.meeting_id = m.id and t.kind = 'task') as tasks,
  (select count(*)::int from joint_meeting_outcomes t
    where t.meeting_id = m.id and t.kind = 'task' and t.done_on is null) as open_tasks`;

/** One meeting inside the scope, or undefined (404 either way). */
export async function findMeeting(db: Queryable, scope: Scope, id: number, lock = false) {
  const [row] = await queryRows<MeetingRow>(
    db,
    sql`select ${MEETING_COLUMNS} from joint_meetings m join organizations o on o.id = m.org_id
         where m.id = ${id} and ${pathInScope(scope, sql`o.path`)} ${lock ? sql`for update of m` : sql``}`,
  );
  return row;
}

export async function listMeetings(db: Queryable, rootPath: string, where: SQL, page: number, pageSize: number) {
  const rows = await queryRows<MeetingRow & { total: number }>(
    db,
    sql`select ${MEETING_COLUMNS}, count(*) over ()::int as total
          from joint_meetings m join organizations o on o.id = m.org_id
         where o.path <@ ${rootPath}::ltree and ${where}
         order by m.held_on desc, m.start_time desc, m.id desc
         limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export type UnitRow = { unit_id: number; name: string; present: boolean | null; attendees: string | null };

export function unitsOf(db: Queryable, meetingId: number) {
  return queryRows<UnitRow>(
    db,
    sql`select ju.unit_id::int as unit_id, u.name, ju.present, ju.attendees
          from joint_meeting_units ju join resident_units_v u on u.id = ju.unit_id
         where ju.meeting_id = ${meetingId} order by u.name, u.id`,
  );
}

export type OutcomeRow = {
  id: number;
  kind: OutcomeKind;
  text: string;
  owner_unit_id: number | null;
  owner_org_id: number | null;
  owner_name: string | null;
  due_on: string | null;
  done_on: string | null;
  progress: { id: number; note: string; done: boolean; reportedOn: string; byName: string }[];
};

const OWNER_NAME = sql`coalesce((select u.name from resident_units_v u where u.id = t.owner_unit_id),
  (select oo.name from organizations oo where oo.id = t.owner_org_id))`;

export function outcomesOf(db: Queryable, meetingId: number) {
  return queryRows<OutcomeRow>(
    db,
    sql`select t.id::int as id, t.kind, t.text, t.owner_unit_id::int as owner_unit_id,
               t.owner_org_id::int as owner_org_id, ${OWNER_NAME} as owner_name,
               t.due_on::text as due_on, t.done_on::text as done_on,
               coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'note', p.note, 'done', p.done,
                                 'reportedOn', p.reported_on::text, 'byName', p.by_name) order by p.id)
                           from joint_task_progress p where p.outcome_id = t.id), '[]'::jsonb) as progress
          from joint_meeting_outcomes t where t.meeting_id = ${meetingId} order by t.id`,
  );
}

export type TaskRow = {
  id: number;
  meeting_id: number;
  meeting_title: string;
  org_name: string;
  org_id: number;
  org_path: string;
  held_on: string;
  text: string;
  owner_unit_id: number | null;
  owner_org_id: number | null;
  owner_name: string;
  due_on: string;
  done_on: string | null;
  last_note: string | null;
};

export const TASK_COLUMNS = sql`t.id::int as id, t.meeting_id::int as meeting_id, m.title as meeting_title,
  o.name as org_name, o.id::int as org_id, o.path::text as org_path, t.held_on::text as held_on, t.text,
  t.owner_unit_id::int as owner_unit_id, t.owner_org_id::int as owner_org_id, coalesce(${OWNER_NAME}, '') as owner_name,
  t.due_on::text as due_on, t.done_on::text as done_on,
  (select p.note from joint_task_progress p where p.outcome_id = t.id order by p.id desc limit 1) as last_note`;

export const TASK_FROM = sql`joint_meeting_outcomes t join joint_meetings m on m.id = t.meeting_id
  join organizations o on o.id = t.org_id`;

/**
 * The tasks of the organisation's earlier meetings (the same zone, or none) that were still open on `heldOn`: the
 * next meeting's agenda opens with them (carriedForward in shared decides and orders).
 */
export function tasksBefore(db: Queryable, meeting: { orgId: number; zoneId: number | null; heldOn: string }) {
  return queryRows<TaskRow>(
    db,
    sql`select ${TASK_COLUMNS} from ${TASK_FROM}
         where t.org_id = ${meeting.orgId} and t.kind = 'task' and t.held_on < ${meeting.heldOn}::date
           and (t.done_on is null or t.done_on >= ${meeting.heldOn}::date)
           and m.zone_id is not distinct from ${meeting.zoneId}::bigint
         order by t.due_on, t.id`,
  );
}

/** A task inside the scope (its organisation's path), locked when asked. */
export async function findTask(db: Queryable, scope: Scope, id: number, lock = false) {
  const [row] = await queryRows<TaskRow>(
    db,
    sql`select ${TASK_COLUMNS} from ${TASK_FROM}
         where t.id = ${id} and t.kind = 'task' and ${pathInScope(scope, sql`o.path`)}
         ${lock ? sql`for update of t` : sql``}`,
  );
  return row;
}

/** A task owned by one of `unitIds` (the liaison's units), locked when asked. */
export async function findUnitTask(db: Queryable, unitIds: readonly number[], id: number, lock = false) {
  if (unitIds.length === 0) return undefined;
  const [row] = await queryRows<TaskRow>(
    db,
    sql`select ${TASK_COLUMNS} from ${TASK_FROM}
         where t.id = ${id} and t.kind = 'task' and t.owner_unit_id = any(${idArray(unitIds)})
         ${lock ? sql`for update of t` : sql``}`,
  );
  return row;
}

export const idArray = (ids: readonly number[]) =>
  ids.length
    ? sql`array[${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )}]::bigint[]`
    : sql`array[]::bigint[]`;

/** Resident units inside the scope (by the organisation that holds them), of those asked. */
export function unitsInScope(db: Queryable, scope: Scope, ids: readonly number[]) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select u.id::int as id, u.name from resident_units_v u join organizations o on o.id = u.org_id
         where u.id = any(${idArray(ids)}) and ${pathInScope(scope, sql`o.path`)}`,
  );
}

/** An organisation inside the scope. */
export async function orgInScopeRow(db: Queryable, scope: Scope, id: number) {
  const [row] = await queryRows<{ id: number; name: string; path: string; type: string }>(
    db,
    sql`select o.id::int as id, o.name, o.path::text as path, o.type from organizations o
         where o.id = ${id} and ${pathInScope(scope, sql`o.path`)}`,
  );
  return row;
}

/** The units a meeting of the organisation may invite: those registered in its subtree, not ended. */
export function invitableUnits(db: Queryable, org: { path: string }) {
  return queryRows<{ unit_id: number; name: string; org_name: string }>(
    db,
    sql`select u.id::int as unit_id, u.name, o.name as org_name
          from resident_units_v u join organizations o on o.id = u.org_id
         where o.path <@ ${org.path}::ltree and u.ended_on is null
         order by u.name, u.id limit 500`,
  );
}
