import type { AssigneeType, ContactPref, Rating, RequestCategory, RequestKind, RequestStatus } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';

/** A timestamp as ISO text in UTC (`2026-12-07T03:00:00.000Z`): what the pages parse and compare. */
export const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Community types: a resident's and a request's organisation. */
export const COMMUNITY_TYPE_LIST: readonly string[] = ['community_committee', 'big_community_committee'];
export const COMMUNITY_TYPES = sql.raw(`(${COMMUNITY_TYPE_LIST.map((t) => `'${t}'`).join(', ')})`);

export type RequestRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  kind: RequestKind;
  category: RequestCategory;
  text: string;
  urgent: boolean;
  status: RequestStatus;
  contact_pref: ContactPref;
  resident_id: number;
  resident_name: string;
  resident_phone: string | null;
  resident_address: string | null;
  resident_confirmed: boolean;
  resident_account_id: number | null;
  building_id: number | null;
  building_name: string | null;
  submitted_at: string;
  respond_by: string | null;
  resolve_by: string | null;
  responded_at: string | null;
  resolved_at: string | null;
  assignee_type: AssigneeType | null;
  assignee_member_id: number | null;
  assignee_team_id: number | null;
  assignee_unit_id: number | null;
  assignee_name: string | null;
  claimed_by_member_id: number | null;
  claimed_by_name: string | null;
  rating: Rating | null;
  rating_comment: string | null;
  rated_at: string | null;
  reopened: boolean;
  escalation_level: number;
  decline_reason: string | null;
  merged_into_id: number | null;
  done_note: string | null;
  entered_by_staff: boolean;
};

const COLUMNS = sql`r.id::int as id, r.org_id::int as org_id, o.name as org_name, o.path::text as org_path, r.kind,
  r.category, r.text, r.urgent, r.status, r.contact_pref,
  res.id::int as resident_id, res.name as resident_name, res.phone as resident_phone,
  res.address_detail as resident_address, (res.confirmed_at is not null) as resident_confirmed,
  res.account_id::int as resident_account_id,
  r.building_id::int as building_id, b.name as building_name,
  ${iso(sql`r.submitted_at`)} as submitted_at, ${iso(sql`r.respond_by`)} as respond_by,
  ${iso(sql`r.resolve_by`)} as resolve_by, ${iso(sql`r.responded_at`)} as responded_at,
  ${iso(sql`r.resolved_at`)} as resolved_at,
  r.assignee_type, r.assignee_member_id::int as assignee_member_id, r.assignee_team_id::int as assignee_team_id,
  r.assignee_unit_id::int as assignee_unit_id,
  case r.assignee_type when 'member' then am.name when 'grid' then am.name when 'team' then t.name
    when 'unit' then (select u.name from resident_units_v u where u.id = r.assignee_unit_id) end as assignee_name,
  r.claimed_by_member_id::int as claimed_by_member_id, cm.name as claimed_by_name,
  r.rating, r.rating_comment, ${iso(sql`r.rated_at`)} as rated_at, r.reopened, r.escalation_level::int as escalation_level,
  r.decline_reason, r.merged_into_id::int as merged_into_id, r.done_note,
  (r.entered_by_account_id is not null) as entered_by_staff`;

const FROM = sql`service_requests r
  join organizations o on o.id = r.org_id
  join residents res on res.id = r.resident_id
  left join buildings b on b.id = r.building_id
  left join members am on am.id = r.assignee_member_id
  left join members cm on cm.id = r.claimed_by_member_id
  left join volunteer_teams t on t.id = r.assignee_team_id`;

export async function selectRequests(q: Queryable, where: SQL, tail: SQL = sql``): Promise<RequestRow[]> {
  return queryRows<RequestRow>(q, sql`select ${COLUMNS} from ${FROM} where ${where} ${tail}`);
}

/** A request in the actor's scope (the community's subtree), or undefined: a 404 for the caller. */
export async function findRequest(q: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await selectRequests(
    q,
    sql`r.id = ${id} and ${pathInScope(actor, sql`o.path`)}`,
    lock ? sql`for update of r` : sql``,
  );
  return row;
}

/** A request by id, unscoped: for the resident's and the member's own checks, made by the caller. */
export async function requestById(q: Queryable, id: number, lock = false) {
  const [row] = await selectRequests(q, sql`r.id = ${id}`, lock ? sql`for update of r` : sql``);
  return row;
}

export type EventRow = {
  id: number;
  at: string;
  kind: string;
  actor_name: string | null;
  actor_role: string | null;
  note: string | null;
  from_status: string | null;
  to_status: string | null;
};

export async function eventsOf(q: Queryable, requestId: number): Promise<EventRow[]> {
  return queryRows<EventRow>(
    q,
    sql`select e.id::int as id, ${iso(sql`e.at`)} as at, e.kind, a.display_name as actor_name, a.role as actor_role,
               e.note, e.from_status, e.to_status
          from service_request_events e left join accounts a on a.id = e.actor_account_id
         where e.request_id = ${requestId} order by e.at, e.id`,
  );
}

export type PhotoRow = { id: number; file_key: string; content_type: string; size: number };

export async function photosOf(q: Queryable, requestId: number): Promise<PhotoRow[]> {
  return queryRows<PhotoRow>(
    q,
    sql`select id::int as id, file_key, content_type, size from service_request_photos
         where request_id = ${requestId} order by id`,
  );
}

/** The communities a member serves: the one their organisation lies in, and those they registered with (双报到). */
export async function communitiesOfMember(q: Queryable, memberId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    q,
    sql`select c.id::int as id from members m join organizations mo on mo.id = m.org_id
          join organizations c on c.path @> mo.path and c.type in ${COMMUNITY_TYPES}
         where m.id = ${memberId} and m.left_on is null
        union
        select i.org_id::int from in_service_registrations i join members m on m.id = i.member_id
         where i.member_id = ${memberId} and i.ended_on is null and m.left_on is null`,
  );
  return rows.map((r) => r.id);
}

/**
 * How many requests and micro-wishes a member fulfilled (done, dispatched to them or claimed by them) with their
 * done day (China's date) in [from, to]. One range of service_requests_fulfilled_idx. For the volunteers' sheet.
 */
export async function fulfilledByMember(q: Queryable, memberId: number, from: string, to: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from service_requests
         where coalesce(claimed_by_member_id, assignee_member_id) = ${memberId} and done_at is not null
           and done_at >= (${from}::date)::timestamp at time zone 'Asia/Shanghai'
           and done_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`,
  );
  return row?.n ?? 0;
}

export type ResidentRow = {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  name: string;
  phone: string | null;
  building_id: number | null;
  building_name: string | null;
  address_detail: string | null;
  account_id: number | null;
  confirmed_at: string | null;
  created_at: string;
  requests: number;
};

const RESIDENT_COLUMNS = sql`p.id::int as id, p.org_id::int as org_id, o.name as org_name, o.path::text as org_path,
  p.name, p.phone, p.building_id::int as building_id, b.name as building_name, p.address_detail,
  p.account_id::int as account_id, ${iso(sql`p.confirmed_at`)} as confirmed_at, ${iso(sql`p.created_at`)} as created_at,
  (select count(*)::int from service_requests r where r.resident_id = p.id) as requests`;
const RESIDENT_FROM = sql`residents p join organizations o on o.id = p.org_id left join buildings b on b.id = p.building_id`;

export async function selectResidents(q: Queryable, where: SQL, tail: SQL = sql``): Promise<ResidentRow[]> {
  return queryRows<ResidentRow>(q, sql`select ${RESIDENT_COLUMNS} from ${RESIDENT_FROM} where ${where} ${tail}`);
}

export async function findResident(q: Queryable, actor: Actor, id: number, lock = false) {
  const [row] = await selectResidents(
    q,
    sql`p.id = ${id} and ${pathInScope(actor, sql`o.path`)}`,
    lock ? sql`for update of p` : sql``,
  );
  return row;
}

/** The resident profile of a resident's login. */
export async function residentOfAccount(q: Queryable, accountId: number) {
  const [row] = await selectResidents(q, sql`p.account_id = ${accountId}`);
  return row;
}

/** A building of the community, or undefined. */
export async function buildingOf(q: Queryable, orgId: number, buildingId: number) {
  const [row] = await queryRows<{ id: number; name: string }>(
    q,
    sql`select id::int as id, name from buildings where id = ${buildingId} and org_id = ${orgId}`,
  );
  return row;
}

export async function buildingsOf(q: Queryable, orgId: number) {
  return queryRows<{ id: number; name: string }>(
    q,
    sql`select id::int as id, name from buildings where org_id = ${orgId} order by name, id`,
  );
}
