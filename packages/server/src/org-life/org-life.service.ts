import {
  ABSENCE_REASON_LABELS,
  absenceJustified,
  chinaToday,
  isQuorate,
  MEETING_ORG_TYPES,
  MEETING_TYPE_LABELS,
  meetingHasBegun,
  meetingVotes,
  type MeetingType,
  type OrgType,
  quorumNeeded,
  STANDING_ORG_TYPES,
} from '@gongjian/shared';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows, type Tx } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { attachmentKeys, attachmentsOf, removeFiles } from './org-life.attachments.js';
import {
  attendeesOf,
  correctionsOf,
  expectedMembers,
  findMeeting,
  listMeetings,
  type MeetingRow,
  memberInScope,
  memberMeetings,
  type MyMeetingRow,
  orgForMeeting,
} from './org-life.repo.js';
import type {
  AttendanceIn,
  CorrectMeeting,
  CreateMeeting,
  Meeting,
  MeetingListQuery,
  MeetingSummary,
  MyMeeting,
  UpdateMeeting,
} from './org-life.schema.js';
import { meetingAttendance, meetingCorrections, meetings } from './org-life.tables.js';

const MEETING = '会议记录';

export function toSummary(r: MeetingRow): MeetingSummary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    type: r.type,
    status: r.status,
    heldOn: r.held_on,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    online: r.online,
    hostName: r.host_name,
    topic: r.topic,
    expectedCount: r.expected_count,
    presentCount: r.present_count,
    leaveCount: r.leave_count,
    quorate: r.quorate,
    revision: r.revision,
  };
}

export async function getMeeting(db: Queryable, actor: Actor, id: number): Promise<Meeting> {
  const row = await findMeeting(db, actor, id);
  if (!row) throw notFound(MEETING);
  const [attendees, corrections, attachments] = await Promise.all([
    attendeesOf(db, id),
    correctionsOf(db, id),
    attachmentsOf(db, id),
  ]);
  return {
    ...toSummary(row),
    hostMemberId: row.host_member_id,
    minutes: row.minutes,
    decisions: row.decisions,
    votes: row.votes,
    guests: row.guests,
    votingExpected: row.voting_expected,
    votingPresent: row.voting_present,
    quorumNeeded: row.type === 'general_assembly' ? quorumNeeded(row.voting_expected) : null,
    finalisedAt: row.finalised_at,
    attendees: attendees.map((a) => ({
      memberId: a.member_id,
      name: a.name,
      voting: a.voting,
      status: a.status,
      absenceReason: a.absence_reason,
      absenceNote: a.absence_note,
      absenceJustified: a.status === 'absent' && absenceJustified(a.absence_reason, a.absence_justified),
      leaveReason: a.leave_reason,
      leaveNote: a.leave_note,
      leaveAt: a.leave_at,
    })),
    corrections: corrections.map((c) => ({
      id: c.id,
      revision: c.revision,
      reason: c.reason,
      correctedBy: c.corrected_by,
      createdAt: c.created_at,
      before: {
        topic: String(c.before.meeting.topic ?? ''),
        heldOn: String(c.before.meeting.held_on ?? ''),
        presentCount: Number(c.before.meeting.present_count ?? 0),
      },
    })),
    attachments,
  };
}

export async function meetingFilter(db: Queryable, actor: Actor, query: Omit<MeetingListQuery, 'page' | 'pageSize'>) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const parts = [sql`true`];
  if (query.type) parts.push(sql`m.type = ${query.type}`);
  if (query.status) parts.push(sql`m.status = ${query.status}`);
  if (query.from) parts.push(sql`m.held_on >= ${query.from}::date`);
  if (query.to) parts.push(sql`m.held_on <= ${query.to}::date`);
  return { root, where: sql.join(parts, sql` and `) };
}

export async function list(db: Db, actor: Actor, query: MeetingListQuery) {
  const { root, where } = await meetingFilter(db, actor, query);
  const { rows, total } = await listMeetings(db, root.path, where, query.page, query.pageSize);
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

type OrgOfMeeting = NonNullable<Awaited<ReturnType<typeof orgForMeeting>>>;

async function requireMeetingOrg(db: Queryable, actor: Actor, orgId: number): Promise<OrgOfMeeting> {
  const org = await orgForMeeting(db, actor, orgId);
  if (!org) throw notFound('组织');
  if (!MEETING_ORG_TYPES.includes(org.type)) {
    throw invalid('orgId', '应为党支部、党总支、党委或党小组（上级党委的会议不在此登记）');
  }
  return org;
}

/** Which organisations hold which meetings: a group holds its 党小组会; a 党小组会 is held by a group or a branch. */
function checkTypeFitsOrg(type: MeetingType, orgType: OrgType) {
  if (orgType === 'group' && type !== 'party_group' && type !== 'other') {
    throw invalid('type', '党小组只召开党小组会');
  }
  if (type === 'party_group' && orgType !== 'group' && !STANDING_ORG_TYPES.includes(orgType)) {
    throw invalid('type', '党小组会由党小组或党支部召开');
  }
}

/** Checks of the fields alone, before any read. */
function checkFields(type: MeetingType, input: UpdateMeeting) {
  if (input.endTime && input.endTime <= input.startTime) throw invalid('endTime', '应晚于开始时间');
  if (input.votes.length > 0 && !meetingVotes(type)) throw invalid('votes', '只有党员大会进行表决');
  if (!input.online && !input.place) throw invalid('place', '线下会议须填写地点');
  const seen = new Set<number>();
  input.attendance.forEach((a, i) => {
    if (seen.has(a.memberId)) throw invalid(`attendance.${i}.memberId`, '重复登记');
    seen.add(a.memberId);
    if (a.status === 'absent' && !a.absenceReason) {
      throw invalid(`attendance.${i}.absenceReason`, `第${i + 1}项缺席，须注明缺席原因（病假、事假、公假或其他）`);
    }
  });
}

const textArray = (values: readonly (string | null)[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/**
 * Brings the attendance rows in line with the meeting: for a draft, the expected list recomputed (rows added for new
 * members, dropped for those no longer expected); then the marks given, each for an expected attendee only (a
 * member of another organisation is refused), none before the meeting has begun. Recounts the meeting.
 */
async function applyAttendance(
  tx: Tx,
  actor: Actor,
  meeting: { id: number; type: MeetingType; heldOn: string; startTime: string; draft: boolean },
  org: OrgOfMeeting,
  marks: readonly AttendanceIn[],
) {
  if (meeting.draft) {
    const expected = await expectedMembers(
      tx,
      { id: org.id, path: org.path, type: org.type, parentPath: org.parent_path },
      meeting.type,
    );
    const ids = expected.map((e) => e.member_id);
    await tx.execute(
      sql`delete from meeting_attendance where meeting_id = ${meeting.id}
           ${
             ids.length
               ? sql`and member_id <> all(${sql`array[${sql.join(
                   ids.map((i) => sql`${i}`),
                   sql`, `,
                 )}]::bigint[]`})`
               : sql``
           }`,
    );
    if (expected.length) {
      await tx
        .insert(meetingAttendance)
        .values(
          expected.map((e) => ({
            meetingId: meeting.id,
            memberId: e.member_id,
            orgId: org.id,
            heldOn: meeting.heldOn,
            voting: e.voting,
          })),
        )
        .onConflictDoNothing();
    }
  }
  await tx.execute(
    sql`update meeting_attendance set held_on = ${meeting.heldOn}::date, updated_at = now()
         where meeting_id = ${meeting.id} and held_on <> ${meeting.heldOn}::date`,
  );
  if (marks.length) {
    const rows = await queryRows<{ member_id: number }>(
      tx,
      sql`select member_id::int as member_id from meeting_attendance where meeting_id = ${meeting.id}`,
    );
    const known = new Set(rows.map((r) => r.member_id));
    for (const [i, a] of marks.entries()) {
      if (known.has(a.memberId)) continue;
      // A member the account may not see is not found, as everywhere; one it may see is not expected here.
      if (!(await memberInScope(tx, actor, a.memberId))) throw notFound('党员');
      throw invalid(`attendance.${i}.memberId`, '不是本次会议的应到人员（其他组织的党员不能登记）');
    }
    if (marks.some((a) => a.status !== null) && !meetingHasBegun(meeting.heldOn, meeting.startTime)) {
      throw invalid('heldOn', '会议尚未召开，不能登记出席情况');
    }
    // 其他 is 正当 only when the branch ticks it; 病假/事假/公假 are by their kind (the flag stays false).
    const judged = (m: AttendanceIn) =>
      m.status === 'absent' && m.absenceReason === 'other' && m.absenceJustified === true ? 'true' : 'false';
    await tx.execute(
      sql`update meeting_attendance a
             set status = v.status, absence_reason = v.reason, absence_note = v.note,
                 absence_justified = v.justified::boolean, updated_at = now()
            from unnest(${textArray(marks.map((m) => String(m.memberId)))},
                        ${textArray(marks.map((m) => m.status))},
                        ${textArray(marks.map((m) => (m.status === 'absent' ? (m.absenceReason ?? null) : null)))},
                        ${textArray(marks.map((m) => (m.status === 'absent' ? (m.absenceNote ?? null) : null)))},
                        ${textArray(marks.map(judged))})
                 as v(member_id, status, reason, note, justified)
           where a.meeting_id = ${meeting.id} and a.member_id = v.member_id::bigint
             and (a.status, a.absence_reason, a.absence_note, a.absence_justified)
                 is distinct from (v.status, v.reason, v.note, v.justified::boolean)`,
    );
  }
  const [c] = await queryRows<{ e: number; p: number; ve: number; vp: number; unmarked: number }>(
    tx,
    sql`select count(*)::int as e, count(*) filter (where status = 'present')::int as p,
               count(*) filter (where voting)::int as ve, count(*) filter (where voting and status = 'present')::int as vp,
               count(*) filter (where status is null)::int as unmarked
          from meeting_attendance where meeting_id = ${meeting.id}`,
  );
  const counts = c as NonNullable<typeof c>;
  await tx
    .update(meetings)
    .set({
      expectedCount: counts.e,
      presentCount: counts.p,
      votingExpected: counts.ve,
      votingPresent: counts.vp,
      quorate: meeting.type === 'general_assembly' ? isQuorate(counts.ve, counts.vp) : null,
    })
    .where(eq(meetings.id, meeting.id));
  return counts;
}

/** A host named by id must be a member the meeting expects (or of its organisation); their name is kept beside. */
async function hostNameOf(tx: Tx, actor: Actor, input: UpdateMeeting) {
  if (!input.hostMemberId) return input.hostName ?? null;
  const member = await memberInScope(tx, actor, input.hostMemberId);
  if (!member) throw notFound('主持人');
  return member.name;
}

function fieldValues(input: UpdateMeeting, hostName: string | null) {
  return {
    heldOn: input.heldOn,
    startTime: input.startTime,
    endTime: input.endTime ?? null,
    place: input.place ?? null,
    online: input.online,
    hostMemberId: input.hostMemberId ?? null,
    hostName,
    topic: input.topic,
    minutes: input.minutes ?? null,
    decisions: input.decisions ?? null,
    votes: input.votes,
    guests: input.guests ?? null,
  };
}

/** A meeting planned (a future date) or recorded after it was held: a draft until finalised. */
export async function createMeeting(db: Db, actor: Actor, ctx: AuditContext, input: CreateMeeting) {
  checkFields(input.type, input);
  return audited(db, ctx, 'meeting.create', async (tx) => {
    const org = await requireMeetingOrg(tx, actor, input.orgId);
    checkTypeFitsOrg(input.type, org.type);
    const hostName = await hostNameOf(tx, actor, input);
    const [row] = await tx
      .insert(meetings)
      .values({ orgId: org.id, type: input.type, ...fieldValues(input, hostName), createdBy: actor.accountId })
      .returning({ id: meetings.id });
    const id = (row as { id: number }).id;
    await applyAttendance(tx, actor, { id, ...input, draft: true }, org, input.attendance);
    return getMeeting(tx, actor, id);
  });
}

async function lockMeeting(tx: Tx, actor: Actor, id: number) {
  const row = await findMeeting(tx, actor, id, true);
  if (!row) throw notFound(MEETING);
  const org = (await orgForMeeting(tx, actor, row.org_id)) as OrgOfMeeting;
  return { row, org };
}

/** Edits a draft; a finalised record changes only by a correction. */
export async function updateMeeting(db: Db, actor: Actor, ctx: AuditContext, id: number, input: UpdateMeeting) {
  return audited(db, ctx, 'meeting.update', async (tx) => {
    const { row, org } = await lockMeeting(tx, actor, id);
    if (row.status !== 'draft') throw conflict('会议记录已定稿，只能更正（更正保留原记录）');
    checkFields(row.type, input);
    const hostName = await hostNameOf(tx, actor, input);
    await tx
      .update(meetings)
      .set({ ...fieldValues(input, hostName), updatedAt: sql`now()` })
      .where(eq(meetings.id, id));
    await applyAttendance(tx, actor, { id, type: row.type, ...input, draft: true }, org, input.attendance);
    return getMeeting(tx, actor, id);
  });
}

function quorumConflict(row: { voting_expected: number }, counts: { ve: number; vp: number }) {
  return conflict(
    `到会正式党员${counts.vp}人，未超过应到会有表决权党员${counts.ve || row.voting_expected}人的半数，会议不能进行表决`,
  );
}

/** The secretary finalises a held meeting: every expected attendee marked, a vote only at a quorate 党员大会. */
export async function finaliseMeeting(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return audited(db, ctx, 'meeting.finalise', async (tx) => {
    const { row, org } = await lockMeeting(tx, actor, id);
    if (row.status !== 'draft') throw conflict('会议记录已定稿');
    if (!meetingHasBegun(row.held_on, row.start_time)) throw invalid('heldOn', '会议尚未召开，不能定稿');
    const counts = await applyAttendance(
      tx,
      actor,
      { id, type: row.type, heldOn: row.held_on, startTime: row.start_time, draft: false },
      org,
      [],
    );
    if (counts.e === 0) throw invalid('attendance', '没有应到人员，无法定稿');
    if (counts.unmarked > 0) throw invalid('attendance', `尚有${counts.unmarked}名应到人员未登记出席或缺席`);
    if (row.votes.length > 0 && !isQuorate(counts.ve, counts.vp)) throw quorumConflict(row, counts);
    await tx
      .update(meetings)
      .set({ status: 'final', finalisedAt: sql`now()`, finalisedBy: actor.accountId, updatedAt: sql`now()` })
      .where(eq(meetings.id, id));
    await tx.update(meetingAttendance).set({ final: true }).where(eq(meetingAttendance.meetingId, id));
    return getMeeting(tx, actor, id);
  });
}

/**
 * Corrects a finalised record: what it was (the meeting and its attendance) is kept in meeting_corrections with the
 * reason, then the change is made; the counters follow (trigger). The expected list stays the one finalised.
 */
export async function correctMeeting(db: Db, actor: Actor, ctx: AuditContext, id: number, input: CorrectMeeting) {
  return audited(db, ctx, 'meeting.correct', async (tx) => {
    const { row, org } = await lockMeeting(tx, actor, id);
    if (row.status !== 'final') throw conflict('草稿可直接修改，无需更正');
    checkFields(row.type, input);
    if (!meetingHasBegun(input.heldOn, input.startTime)) throw invalid('heldOn', '会议尚未召开，不能记为已召开');
    input.attendance.forEach((a, i) => {
      if (a.status === null) throw invalid(`attendance.${i}.status`, '已定稿的记录须登记出席或缺席');
    });
    const [snapshot] = await queryRows<{ before: object }>(
      tx,
      sql`select jsonb_build_object('meeting', to_jsonb(m),
                   'attendance', coalesce((select jsonb_agg(to_jsonb(a) order by a.member_id) from meeting_attendance a
                                            where a.meeting_id = m.id), '[]'::jsonb)) as before
            from meetings m where m.id = ${id}`,
    );
    await tx.insert(meetingCorrections).values({
      meetingId: id,
      orgId: row.org_id,
      revision: row.revision + 1,
      reason: input.reason,
      before: (snapshot as { before: object }).before,
      correctedBy: actor.accountId,
    });
    const hostName = await hostNameOf(tx, actor, input);
    await tx
      .update(meetings)
      .set({ ...fieldValues(input, hostName), revision: row.revision + 1, updatedAt: sql`now()` })
      .where(eq(meetings.id, id));
    const counts = await applyAttendance(
      tx,
      actor,
      { id, type: row.type, ...input, draft: false },
      org,
      input.attendance,
    );
    if (input.votes.length > 0 && !isQuorate(counts.ve, counts.vp)) throw quorumConflict(row, counts);
    return getMeeting(tx, actor, id);
  });
}

/** A draft may be deleted (a meeting that did not take place); a finalised record may not. */
export async function deleteMeeting(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  const keys = await audited(db, ctx, 'meeting.delete', async (tx) => {
    const { row } = await lockMeeting(tx, actor, id);
    if (row.status !== 'draft') throw conflict('已定稿的会议记录不能删除，只能更正');
    const files = await attachmentKeys(tx, id);
    await tx.delete(meetings).where(eq(meetings.id, id));
    return files;
  });
  // Its attachments' rows went with it (cascade, audited); their files once that is committed.
  await removeFiles(keys);
}

/** Who a new meeting of `type` expects, for the form before it is saved. */
export async function expectedFor(db: Db, actor: Actor, orgId: number, type: MeetingType) {
  const org = await requireMeetingOrg(db, actor, orgId);
  checkTypeFitsOrg(type, org.type);
  const rows = await expectedMembers(
    db,
    { id: org.id, path: org.path, type: org.type, parentPath: org.parent_path },
    type,
  );
  return { items: rows.map((r) => ({ memberId: r.member_id, name: r.name, voting: r.voting })) };
}

function toMine(r: MyMeetingRow): MyMeeting {
  return {
    id: r.id,
    orgName: r.org_name,
    type: r.type,
    status: r.status,
    heldOn: r.held_on,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    online: r.online,
    topic: r.topic,
    attendance: r.attendance,
    absenceReason: r.absence_reason,
    leaveReason: r.leave_reason,
    leaveNote: r.leave_note,
  };
}

/** The member's own meetings (the phone's 我的组织生活), read through the account's link to its member. */
export async function myMeetings(
  db: Db,
  actor: Actor,
  query: { when: 'upcoming' | 'past'; page: number; pageSize: number },
) {
  if (actor.memberId === null) throw notFound('党员档案');
  const rows = await memberMeetings(db, actor.memberId, query.when, chinaToday(), query.page, query.pageSize);
  return { items: rows.map(toMine), total: rows[0]?.total ?? 0 };
}

/** A member's meetings on the console's member page. */
export async function meetingsOfMember(
  db: Db,
  actor: Actor,
  memberId: number,
  query: { page: number; pageSize: number },
) {
  const member = await memberInScope(db, actor, memberId);
  if (!member) throw notFound('党员');
  const rows = await memberMeetings(db, member.id, 'past', chinaToday(), query.page, query.pageSize);
  return { items: rows.map(toMine), total: rows[0]?.total ?? 0 };
}

/**
 * A member says before a meeting that they cannot come (or takes it back): their own expected row of a meeting not
 * yet begun. The branch is told in the same transaction; the secretary sees it on the meeting.
 */
export async function setLeave(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  meetingId: number,
  leave: { reason: string; note?: string | null } | null,
) {
  const memberId = actor.memberId;
  if (memberId === null) throw notFound(MEETING);
  return audited(db, ctx, leave ? 'meeting.leave' : 'meeting.leave_cancel', async (tx) => {
    const [row] = await queryRows<{
      org_id: number;
      type: MeetingType;
      held_on: string;
      start_time: string;
      status: string;
      name: string;
    }>(
      tx,
      sql`select m.org_id::int as org_id, m.type, m.held_on::text as held_on, m.start_time, m.status, mb.name
            from meeting_attendance a join meetings m on m.id = a.meeting_id join members mb on mb.id = a.member_id
           where a.meeting_id = ${meetingId} and a.member_id = ${memberId} for update of a`,
    );
    if (!row) throw notFound(MEETING);
    if (row.status !== 'draft' || meetingHasBegun(row.held_on, row.start_time)) {
      throw conflict('会议已经开始，不能再请假；请直接联系支部书记');
    }
    await tx
      .update(meetingAttendance)
      .set({
        leaveReason: leave?.reason ?? null,
        leaveNote: leave?.note ?? null,
        leaveAt: leave ? sql`now()` : null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.memberId, memberId)));
    const label = MEETING_TYPE_LABELS[row.type];
    await notifyNearestStaff(tx, {
      orgId: row.org_id,
      permission: 'orglife.write',
      kind: 'org-life.leave',
      title: leave
        ? `${row.name}请假：${row.held_on} ${label}（${ABSENCE_REASON_LABELS[leave.reason as keyof typeof ABSENCE_REASON_LABELS]}）`
        : `${row.name}取消请假：${row.held_on} ${label}`,
      body: leave?.note ?? '',
      link: `/org-life/meetings/${meetingId}`,
    });
    const [mine] = await queryRows<MyMeetingRow>(
      tx,
      sql`select m.id::int as id, o.name as org_name, m.type, m.status, m.held_on::text as held_on, m.start_time,
                 m.end_time, m.place, m.online, m.topic, a.status as attendance, a.absence_reason, a.leave_reason,
                 a.leave_note, 1 as total
            from meeting_attendance a join meetings m on m.id = a.meeting_id join organizations o on o.id = m.org_id
           where a.meeting_id = ${meetingId} and a.member_id = ${memberId}`,
    );
    return toMine(mine as MyMeetingRow);
  });
}
