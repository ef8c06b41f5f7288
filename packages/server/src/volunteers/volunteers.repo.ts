import {
  type ActivityStatus,
  type ActivityType,
  activityLengthHours,
  activityPhase,
  maskPhone,
  type RecordSource,
  type RecordStatus,
  type SignupStatus,
} from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathUnder } from '../http/scope.js';

/** `orgId` lies under `rootPath` (a scope root already checked against the actor): the subtree's ids as an array. */
export const orgUnder = (rootPath: string, orgId: SQL) =>
  sql`${orgId} = any(array(select subpath(so.path, -1)::text::bigint from organizations so
    where ${pathUnder(rootPath, sql`so.path`)}))`;

/** The phone as the actor may see it: whole with member.sensitive, masked otherwise. */
export const phoneFor = (actor: Pick<Actor, 'permissions'> | null, phone: string | null) =>
  phone && !actor?.permissions.includes('member.sensitive') ? maskPhone(phone) : phone;

/** A person of a row holding member_id or resident_id: name and organisation (members' or the resident's community). */
const PERSON = (t: string) =>
  sql.raw(`${t}.member_id::int as member_id, ${t}.resident_id::int as resident_id,
  coalesce(pm.name, pr.name) as name, coalesce(pmo.name, pro.name) as person_org_name`);
const PERSON_JOINS = (t: string) =>
  sql.raw(`left join members pm on pm.id = ${t}.member_id left join organizations pmo on pmo.id = pm.org_id
  left join volunteer_residents pr on pr.id = ${t}.resident_id left join organizations pro on pro.id = pr.org_id`);
type PersonRow = { member_id: number | null; resident_id: number | null; name: string; person_org_name: string };
const person = (r: PersonRow) => ({
  memberId: r.member_id,
  residentId: r.resident_id,
  name: r.name,
  orgName: r.person_org_name,
});

// Activities

export type ActivityRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  team_id: number | null;
  team_name: string | null;
  title: string;
  type: ActivityType;
  description: string | null;
  place: string;
  starts_at: string;
  ends_at: string;
  signup_deadline: string;
  capacity: number | null;
  signed_up: number;
  waiting: number;
  tags: string[];
  cohost_org_id: number | null;
  cohost_org_name: string | null;
  status: ActivityStatus;
  cancel_reason: string | null;
};

const ACTIVITY_COLUMNS = sql`a.id::int as id, a.org_id::int as org_id, o.name as org_name, o.path::text as org_path,
  a.team_id::int as team_id, t.name as team_name, a.title, a.type, a.description, a.place,
  to_json(a.starts_at)#>>'{}' as starts_at, to_json(a.ends_at)#>>'{}' as ends_at,
  to_json(a.signup_deadline)#>>'{}' as signup_deadline, a.capacity, a.signed_up, a.tags,
  (select count(*)::int from volunteer_signups w where w.activity_id = a.id and w.status = 'waiting') as waiting,
  a.cohost_org_id::int as cohost_org_id, co.name as cohost_org_name, a.status, a.cancel_reason`;
const ACTIVITY_FROM = sql`from volunteer_activities a join organizations o on o.id = a.org_id
  left join volunteer_teams t on t.id = a.team_id left join organizations co on co.id = a.cohost_org_id`;

export function toActivity(r: ActivityRow, now: Date) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    teamId: r.team_id,
    teamName: r.team_name,
    title: r.title,
    type: r.type,
    description: r.description,
    place: r.place,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    signupDeadline: r.signup_deadline,
    capacity: r.capacity,
    signedUp: r.signed_up,
    waiting: r.waiting,
    tags: r.tags,
    cohostOrgId: r.cohost_org_id,
    cohostOrgName: r.cohost_org_name,
    status: r.status,
    phase: activityPhase(
      { status: r.status, startsAt: r.starts_at, endsAt: r.ends_at, signupDeadline: r.signup_deadline },
      now,
    ),
    cancelReason: r.cancel_reason,
    lengthHours: activityLengthHours(r.starts_at, r.ends_at),
  };
}

/** Activities matching `where` (which carries the scope), the latest start first. */
export async function selectActivities(db: Queryable, where: SQL, page = 1, pageSize = 1, lock = false) {
  return queryRows<ActivityRow>(
    db,
    sql`select ${ACTIVITY_COLUMNS} ${ACTIVITY_FROM} where ${where}
         order by a.starts_at desc, a.id desc limit ${pageSize} offset ${(page - 1) * pageSize}
         ${lock ? sql`for update of a` : sql``}`,
  );
}

/**
 * A subtree's activities, a page of them, with the total: one statement. The page's keys come from
 * `volunteer_activities_org_idx` for the subtree's organisations (ids from the path's btree), sorted, then only
 * those rows are read whole.
 */
export async function activityPage(db: Queryable, rootPath: string, filter: SQL, page: number, pageSize: number) {
  const rows = await queryRows<ActivityRow & { total: number }>(
    db,
    sql`with keys as (select a.id, a.starts_at from volunteer_activities a
                       where ${orgUnder(rootPath, sql`a.org_id`)} and ${filter}),
             shown as (select id from keys order by starts_at desc, id desc limit ${pageSize} offset ${(page - 1) * pageSize})
        select ${ACTIVITY_COLUMNS}, (select count(*)::int from keys) as total
          ${ACTIVITY_FROM} join shown s on s.id = a.id
         order by a.starts_at desc, a.id desc`,
  );
  if (rows.length === 0 && page > 1) {
    const [c] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from volunteer_activities a where ${orgUnder(rootPath, sql`a.org_id`)} and ${filter}`,
    );
    return { rows, total: c?.n ?? 0 };
  }
  return { rows, total: rows[0]?.total ?? 0 };
}

// Sign-ups

export type SignupRow = PersonRow & {
  id: number;
  activity_id: number;
  status: SignupStatus;
  added_by: number | null;
  created_at: string;
};
export async function selectSignups(db: Queryable, where: SQL) {
  return queryRows<SignupRow>(
    db,
    sql`select s.id::int as id, s.activity_id::int as activity_id, ${PERSON('s')}, s.status, s.added_by::int as added_by,
               to_json(s.created_at)#>>'{}' as created_at
          from volunteer_signups s ${PERSON_JOINS('s')}
         where ${where} order by case s.status when 'signed_up' then 0 when 'waiting' then 1 else 2 end, s.id`,
  );
}
export const toSignup = (r: SignupRow) => ({
  id: r.id,
  ...person(r),
  status: r.status,
  addedByOrganiser: r.added_by !== null,
  createdAt: r.created_at,
});

// Records

export type RecordRow = PersonRow & {
  id: number;
  org_id: number;
  record_org_name: string;
  activity_id: number | null;
  activity_title: string | null;
  source: RecordSource;
  served_on: string;
  hours: number;
  content: string | null;
  witness: string | null;
  reason: string | null;
  status: RecordStatus;
  corrects_id: number | null;
  decision_note: string | null;
  created_at: string;
};
const RECORD_COLUMNS = sql`r.id::int as id, r.org_id::int as org_id, ro.name as record_org_name,
  r.activity_id::int as activity_id, ra.title as activity_title, r.source, r.served_on::text as served_on,
  r.hours::float8 as hours, r.content, r.witness, r.reason, r.status, r.corrects_id::int as corrects_id,
  r.decision_note, to_json(r.created_at)#>>'{}' as created_at, ${PERSON('r')}`;
const RECORD_FROM = sql`from volunteer_records r join organizations ro on ro.id = r.org_id
  left join volunteer_activities ra on ra.id = r.activity_id ${PERSON_JOINS('r')}`;

export const toRecord = (r: RecordRow) => ({
  id: r.id,
  ...person(r),
  recordOrgId: r.org_id,
  recordOrgName: r.record_org_name,
  activityId: r.activity_id,
  activityTitle: r.activity_title,
  source: r.source,
  servedOn: r.served_on,
  hours: r.hours,
  content: r.content,
  witness: r.witness,
  reason: r.reason,
  status: r.status,
  correctsId: r.corrects_id,
  decisionNote: r.decision_note,
  createdAt: r.created_at,
});

export async function selectRecords(db: Queryable, where: SQL, order: SQL, limit = 10_000, offset = 0) {
  return queryRows<RecordRow>(
    db,
    sql`select ${RECORD_COLUMNS} ${RECORD_FROM} where ${where} order by ${order} limit ${limit} offset ${offset}`,
  );
}
export async function countRecords(db: Queryable, where: SQL) {
  const [c] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from volunteer_records r where ${where}`,
  );
  return c?.n ?? 0;
}

/**
 * Confirmed hours of a person from a day on (all of them without one): one range of the partial index
 * `volunteer_records_member_confirmed_idx` (or the residents').
 */
export async function confirmedHours(
  db: Queryable,
  who: { memberId: number } | { residentId: number },
  year: string,
): Promise<{ year: number; total: number; activities_year: number }> {
  const column = 'memberId' in who ? sql`r.member_id = ${who.memberId}` : sql`r.resident_id = ${who.residentId}`;
  const [row] = await queryRows<{ year: number; total: number; activities_year: number }>(
    db,
    sql`select coalesce(sum(r.hours) filter (where r.served_on >= ${`${year}-01-01`}::date), 0)::float8 as year,
               coalesce(sum(r.hours), 0)::float8 as total,
               count(distinct r.activity_id) filter (where r.served_on >= ${`${year}-01-01`}::date)::int as activities_year
          from volunteer_records r where ${column} and r.status = 'confirmed'`,
  );
  return row ?? { year: 0, total: 0, activities_year: 0 };
}

// Teams

export type TeamRow = {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  area: string | null;
  description: string | null;
  dissolved_on: string | null;
  leader_name: string | null;
  size: number;
};
export async function selectTeams(db: Queryable, where: SQL, lock = false) {
  return queryRows<TeamRow>(
    db,
    sql`select t.id::int as id, t.org_id::int as org_id, o.name as org_name, t.name, t.area, t.description,
               t.dissolved_on::text as dissolved_on,
               (select coalesce(m.name, r.name) from volunteer_team_members tm left join members m on m.id = tm.member_id
                  left join volunteer_residents r on r.id = tm.resident_id where tm.team_id = t.id and tm.leader) as leader_name,
               (select count(*)::int from volunteer_team_members tm where tm.team_id = t.id) as size
          from volunteer_teams t join organizations o on o.id = t.org_id
         where ${where} order by o.path, t.name ${lock ? sql`for update of t` : sql``}`,
  );
}
export const toTeam = (r: TeamRow) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  name: r.name,
  area: r.area,
  description: r.description,
  dissolvedOn: r.dissolved_on,
  leaderName: r.leader_name,
  size: r.size,
});
export async function selectTeamMembers(db: Queryable, where: SQL) {
  const rows = await queryRows<PersonRow & { id: number; leader: boolean; area: string | null }>(
    db,
    sql`select tm.id::int as id, ${PERSON('tm')}, tm.leader, tm.area
          from volunteer_team_members tm ${PERSON_JOINS('tm')} where ${where}
         order by tm.leader desc, coalesce(pm.sort_key, pr.name), tm.id`,
  );
  return rows.map((r) => ({ id: r.id, ...person(r), leader: r.leader, area: r.area }));
}

// Residents

export type ResidentRow = {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  phone: string | null;
  address: string | null;
  tags: string[];
  ended_on: string | null;
  hours_year: number;
  hours_total: number;
};
export async function selectResidents(db: Queryable, where: SQL, year: string, limit = 1, offset = 0, lock = false) {
  return queryRows<ResidentRow>(
    db,
    sql`select v.id::int as id, v.org_id::int as org_id, o.name as org_name, v.name, v.phone, v.address, v.tags,
               v.ended_on::text as ended_on, h.year as hours_year, h.total as hours_total
          from volunteer_residents v join organizations o on o.id = v.org_id
          cross join lateral (
            select coalesce(sum(r.hours) filter (where r.served_on >= ${`${year}-01-01`}::date), 0)::float8 as year,
                   coalesce(sum(r.hours), 0)::float8 as total
              from volunteer_records r where r.resident_id = v.id and r.status = 'confirmed') h
         where ${where} order by v.name, v.id limit ${limit} offset ${offset} ${lock ? sql`for update of v` : sql``}`,
  );
}
export async function countResidents(db: Queryable, where: SQL) {
  const [c] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from volunteer_residents v where ${where}`,
  );
  return c?.n ?? 0;
}
export const toResident = (actor: Actor | null, r: ResidentRow) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  name: r.name,
  phone: phoneFor(actor, r.phone),
  address: r.address,
  tags: r.tags,
  endedOn: r.ended_on,
  hoursThisYear: r.hours_year,
  hoursTotal: r.hours_total,
});
