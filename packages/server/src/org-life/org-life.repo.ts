import type { AbsenceReason, AttendanceStatus, MeetingStatus, MeetingType, OrgType } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';

type Scope = Pick<Actor, 'scopePath'>;

export type MeetingRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_type: OrgType;
  org_path: string;
  type: MeetingType;
  status: MeetingStatus;
  held_on: string;
  start_time: string;
  end_time: string | null;
  place: string | null;
  online: boolean;
  host_member_id: number | null;
  host_name: string | null;
  topic: string;
  minutes: string | null;
  decisions: string | null;
  votes: { subject: string; result: string }[];
  guests: string | null;
  expected_count: number;
  present_count: number;
  voting_expected: number;
  voting_present: number;
  quorate: boolean | null;
  revision: number;
  finalised_at: string | null;
  leave_count: number;
};

const MEETING_COLUMNS = sql`m.id::int as id, m.org_id::int as org_id, o.name as org_name, o.type as org_type,
  o.path::text as org_path, m.type, m.status, m.held_on::text as held_on, m.start_time, m.end_time, m.place, m.online,
  m.host_member_id::int as host_member_id, m.host_name, m.topic, m.minutes, m.decisions, m.votes, m.guests,
  m.expected_count, m.present_count, m.voting_expected, m.voting_present, m.quorate, m.revision,
  m.finalised_at::text as finalised_at,
  (select count(*)::int from meeting_attendance la where la.meeting_id = m.id and la.leave_reason is not null) as leave_count`;

/** One meeting inside the scope (its organisation's path), or undefined: callers answer 404 either way. */
export async function findMeeting(db: Queryable, scope: Scope, id: number, lock = false) {
  const [row] = await queryRows<MeetingRow>(
    db,
    sql`select ${MEETING_COLUMNS} from meetings m join organizations o on o.id = m.org_id
         where m.id = ${id} and ${pathInScope(scope, sql`o.path`)} ${lock ? sql`for update of m` : sql``}`,
  );
  return row;
}

/** A page of a subtree's meetings, newest first, and how many match. */
export async function listMeetings(db: Queryable, rootPath: string, where: SQL, page: number, pageSize: number) {
  const rows = await queryRows<MeetingRow & { total: number }>(
    db,
    sql`select ${MEETING_COLUMNS}, count(*) over ()::int as total
          from meetings m join organizations o on o.id = m.org_id
         where o.path <@ ${rootPath}::ltree and ${where}
         order by m.held_on desc, m.start_time desc, m.id desc
         limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    const [c] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from meetings m join organizations o on o.id = m.org_id
           where o.path <@ ${rootPath}::ltree and ${where}`,
    );
    total = c?.n ?? 0;
  }
  return { rows, total };
}

export type AttendeeRow = {
  id: number;
  member_id: number;
  name: string;
  voting: boolean;
  status: AttendanceStatus | null;
  absence_reason: AbsenceReason | null;
  absence_note: string | null;
  absence_justified: boolean;
  leave_reason: AbsenceReason | null;
  leave_note: string | null;
  leave_at: string | null;
};

export function attendeesOf(db: Queryable, meetingId: number) {
  return queryRows<AttendeeRow>(
    db,
    sql`select a.id::int as id, a.member_id::int as member_id, mb.name, a.voting, a.status, a.absence_reason,
               a.absence_note, a.absence_justified, a.leave_reason, a.leave_note, a.leave_at::text as leave_at
          from meeting_attendance a join members mb on mb.id = a.member_id
         where a.meeting_id = ${meetingId}
         order by mb.sort_key, mb.id`,
  );
}

export type CorrectionRow = {
  id: number;
  revision: number;
  reason: string;
  corrected_by: string | null;
  created_at: string;
  before: { meeting: Record<string, unknown> };
};

export function correctionsOf(db: Queryable, meetingId: number) {
  return queryRows<CorrectionRow>(
    db,
    sql`select c.id::int as id, c.revision, c.reason, ac.display_name as corrected_by, c.created_at::text as created_at,
               c.before
          from meeting_corrections c left join accounts ac on ac.id = c.corrected_by
         where c.meeting_id = ${meetingId} order by c.revision`,
  );
}

export type ExpectedRow = { member_id: number; name: string; voting: boolean };

/**
 * Who is expected at a meeting of `type` held by the organisation at `path`: a 支委会 its current committee (the
 * posts of the teams module held by members); a 党小组会 the group's members, or its branch's when members are kept
 * on the branch (as the roster does); any other the active members of the organisation's subtree.
 */
export async function expectedMembers(
  db: Queryable,
  org: { id: number; path: string; type: OrgType; parentPath: string | null },
  type: MeetingType,
): Promise<ExpectedRow[]> {
  if (type === 'committee') {
    return queryRows<ExpectedRow>(
      db,
      sql`select m.id::int as member_id, m.name, m.status = 'full' as voting from members m
           where m.id in (select tp.member_id from team_posts tp where tp.org_id = ${org.id} and tp.ended_on is null)
             and m.left_on is null
           order by m.sort_key, m.id`,
    );
  }
  const subtree = (path: string) =>
    queryRows<ExpectedRow>(
      db,
      sql`select m.id::int as member_id, m.name, m.status = 'full' as voting
            from members m join organizations o on o.id = m.org_id
           where o.path <@ ${path}::ltree and m.left_on is null
           order by m.sort_key, m.id`,
    );
  const own = await subtree(org.path);
  if (own.length === 0 && org.type === 'group' && org.parentPath) return subtree(org.parentPath);
  return own;
}

export type MyMeetingRow = {
  id: number;
  org_name: string;
  type: MeetingType;
  status: MeetingStatus;
  held_on: string;
  start_time: string;
  end_time: string | null;
  place: string | null;
  online: boolean;
  topic: string;
  attendance: AttendanceStatus | null;
  absence_reason: AbsenceReason | null;
  leave_reason: AbsenceReason | null;
  leave_note: string | null;
  total: number;
};

/**
 * A member's meetings from their attendance rows (meeting_attendance_member_idx): upcoming — planned, not yet
 * finalised, today or later, soonest first — or past — finalised, newest first.
 */
export function memberMeetings(
  db: Queryable,
  memberId: number,
  when: 'upcoming' | 'past',
  today: string,
  page: number,
  pageSize: number,
) {
  const where = when === 'upcoming' ? sql`a.held_on >= ${today}::date and not a.final` : sql`a.final`;
  const order =
    when === 'upcoming' ? sql`m.held_on, m.start_time, m.id` : sql`m.held_on desc, m.start_time desc, m.id desc`;
  return queryRows<MyMeetingRow>(
    db,
    sql`select m.id::int as id, o.name as org_name, m.type, m.status, m.held_on::text as held_on, m.start_time,
               m.end_time, m.place, m.online, m.topic, a.status as attendance, a.absence_reason, a.leave_reason,
               a.leave_note, count(*) over ()::int as total
          from meeting_attendance a join meetings m on m.id = a.meeting_id join organizations o on o.id = m.org_id
         where a.member_id = ${memberId} and ${where}
         order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
}

/** A member inside the scope (active or not), for the console's member page. */
export async function memberInScope(db: Queryable, scope: Scope, memberId: number) {
  const [row] = await queryRows<{ id: number; name: string }>(
    db,
    sql`select m.id::int as id, m.name from members m join organizations o on o.id = m.org_id
         where m.id = ${memberId} and ${pathInScope(scope, sql`o.path`)}`,
  );
  return row;
}

/** An organisation's path, type and its parent's path (a group's meetings may expect its branch's members). */
export async function orgForMeeting(db: Queryable, scope: Scope, orgId: number) {
  const [row] = await queryRows<{ id: number; name: string; path: string; type: OrgType; parent_path: string | null }>(
    db,
    sql`select o.id::int as id, o.name, o.path::text as path, o.type, p.path::text as parent_path
          from organizations o left join organizations p on p.id = o.parent_id
         where o.id = ${orgId} and ${pathInScope(scope, sql`o.path`)}`,
  );
  return row;
}
