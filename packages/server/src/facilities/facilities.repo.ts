import { maskPhone, type BookingStatus, type FacilityKind, type OpeningHours } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';
import { unitCondition, type UnitSide } from './unit-side.js';

/** A facility the actor may see: staff of the unit's organisation or of a community it is offered to, its liaison, a resident of such a community. */
export function facilityVisible(actor: Actor, side: UnitSide): SQL {
  const parts: SQL[] = [unitCondition(actor, side, sql`f.unit_id`, sql`o.path`)];
  if (side.staffRead) {
    parts.push(sql`exists (select 1 from facility_communities fc join organizations c on c.id = fc.org_id
                            where fc.facility_id = f.id and ${pathInScope(actor, sql`c.path`)})`);
  }
  if (actor.permissions.includes('resident.self')) {
    parts.push(
      sql`exists (select 1 from facility_communities fc where fc.facility_id = f.id and fc.org_id = ${actor.orgId})`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

export type FacilityRow = {
  id: number;
  unit_id: number;
  unit_name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  name: string;
  kind: FacilityKind;
  capacity: number;
  address: string | null;
  opening_hours: OpeningHours;
  blackout_dates: string[];
  needs_approval: boolean;
  note: string | null;
  closed_on: string | null;
  communities: { id: number; name: string }[];
  may_manage: boolean;
};

const FACILITY_COLUMNS = (manage: SQL) => sql`f.id::int as id, f.unit_id::int as unit_id, u.name as unit_name,
  f.org_id::int as org_id, o.name as org_name, o.path::text as org_path, f.name, f.kind, f.capacity, f.address,
  f.opening_hours, f.blackout_dates::text[] as blackout_dates, f.needs_approval, f.note, f.closed_on::text as closed_on,
  coalesce((select json_agg(json_build_object('id', c.id::int, 'name', c.name) order by c.id)
              from facility_communities fc join organizations c on c.id = fc.org_id where fc.facility_id = f.id), '[]') as communities,
  ${manage} as may_manage`;
const FACILITY_FROM = sql`from facilities f join organizations o on o.id = f.org_id join resident_units_v u on u.id = f.unit_id`;

export async function selectFacilities(db: Queryable, actor: Actor, side: UnitSide, where: SQL, lock = false) {
  return queryRows<FacilityRow>(
    db,
    sql`select ${FACILITY_COLUMNS(unitCondition(actor, side, sql`f.unit_id`, sql`o.path`, true))} ${FACILITY_FROM}
         where ${facilityVisible(actor, side)} and ${where}
         order by f.closed_on nulls first, o.path, f.name, f.id ${lock ? sql`for share of f` : sql``}`,
  );
}

export function toFacility(r: FacilityRow) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    kind: r.kind,
    capacity: r.capacity,
    address: r.address,
    openingHours: r.opening_hours.map((d) => [...d]),
    blackoutDates: r.blackout_dates,
    needsApproval: r.needs_approval,
    note: r.note,
    closedOn: r.closed_on,
    communities: r.communities,
    mayManage: r.may_manage,
  };
}

/** A booking the actor may see: the booking community's staff, the unit's side, the booker themselves. */
export function bookingVisible(actor: Actor, side: UnitSide): SQL {
  const parts: SQL[] = [
    unitCondition(actor, side, sql`b.unit_id`, sql`o.path`),
    sql`b.account_id = ${actor.accountId}`,
  ];
  if (side.staffRead) parts.push(pathInScope(actor, sql`c.path`));
  return sql`(${sql.join(parts, sql` or `)})`;
}

export type BookingRow = {
  id: number;
  facility_id: number;
  facility_name: string;
  unit_id: number;
  unit_name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  unit_org_path: string;
  date: string;
  from: string;
  to: string;
  purpose: string;
  headcount: number | null;
  booker_kind: 'community' | 'resident';
  booker_name: string;
  account_id: number;
  contact_name: string | null;
  contact_phone: string | null;
  status: BookingStatus;
  decided_at: string | null;
  decision_note: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_at: string;
  may_decide: boolean;
  may_cancel: boolean;
};

/** China's wall-clock time of a timestamp on the booked day; an end at midnight reads 24:00. */
const clock = (at: SQL) =>
  sql`case when (${at} at time zone 'Asia/Shanghai')::date > b.booked_on then '24:00'
           else to_char(${at} at time zone 'Asia/Shanghai', 'HH24:MI') end`;

const BOOKING_FROM = sql`from facility_bookings b join facilities f on f.id = b.facility_id
  join organizations c on c.id = b.org_id join organizations o on o.id = f.org_id
  join resident_units_v u on u.id = b.unit_id join accounts a on a.id = b.account_id`;

function bookingColumns(actor: Actor, side: UnitSide) {
  const unitWrite = unitCondition(actor, side, sql`b.unit_id`, sql`o.path`, true);
  const bookerSide = side.staffWrite
    ? sql`(b.account_id = ${actor.accountId} or ${pathInScope(actor, sql`c.path`)})`
    : sql`b.account_id = ${actor.accountId}`;
  return sql`b.id::int as id, b.facility_id::int as facility_id, f.name as facility_name, b.unit_id::int as unit_id,
    u.name as unit_name, b.org_id::int as org_id, c.name as org_name, c.path::text as org_path, o.path::text as unit_org_path,
    b.booked_on::text as date, ${clock(sql`b.starts_at`)} as "from", ${clock(sql`b.ends_at`)} as "to",
    b.purpose, b.headcount, b.booker_kind, a.display_name as booker_name, b.account_id::int as account_id,
    b.contact_name, b.contact_phone, b.status, b.decided_at::text as decided_at, b.decision_note,
    b.cancelled_at::text as cancelled_at, b.cancel_reason, b.created_at::text as created_at,
    (b.status = 'pending' and ${unitWrite}) as may_decide,
    (b.status in ('pending', 'approved') and b.ends_at > now() and (${unitWrite} or ${bookerSide})) as may_cancel`;
}

export async function selectBookings(
  db: Queryable,
  actor: Actor,
  side: UnitSide,
  where: SQL,
  page: { page: number; pageSize: number; order?: SQL } = { page: 1, pageSize: 1 },
  lock = false,
  /** Instead of the booking's own visibility (a facility's calendar: whoever sees the facility sees its slots). */
  visibleAs?: SQL,
) {
  const visible = sql`${visibleAs ?? bookingVisible(actor, side)} and ${where}`;
  const rows = await queryRows<BookingRow>(
    db,
    sql`select ${bookingColumns(actor, side)} ${BOOKING_FROM} where ${visible}
         order by ${page.order ?? sql`b.starts_at desc, b.id desc`}
         limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize} ${lock ? sql`for update of b` : sql``}`,
  );
  return rows;
}

export async function countBookings(db: Queryable, actor: Actor, side: UnitSide, where: SQL) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n ${BOOKING_FROM} where ${bookingVisible(actor, side)} and ${where}`,
  );
  return row?.n ?? 0;
}

export function toBooking(r: BookingRow) {
  return {
    id: r.id,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    orgId: r.org_id,
    orgName: r.org_name,
    date: r.date,
    from: r.from,
    to: r.to,
    purpose: r.purpose,
    headcount: r.headcount,
    bookerKind: r.booker_kind,
    bookerName: r.booker_name,
    contactName: r.contact_name,
    contactPhone: r.contact_phone ? maskPhone(r.contact_phone) : null,
    status: r.status,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    createdAt: r.created_at,
    mayDecide: r.may_decide,
    mayCancel: r.may_cancel,
  };
}

/** The slots held (pending or approved) on one facility's day, whoever booked them: what a free-slot view subtracts. */
export async function busyOf(db: Queryable, facilityId: number, date: string) {
  return queryRows<{ from: string; to: string }>(
    db,
    sql`select ${clock(sql`b.starts_at`)} as "from", ${clock(sql`b.ends_at`)} as "to" from facility_bookings b
         where b.facility_id = ${facilityId} and b.booked_on = ${date} and b.status in ('pending', 'approved')
         order by b.starts_at`,
  );
}

/** Counters of the root and its children for a year (facility_figures, by key). */
export async function figureRows(db: Queryable, rootId: number, year: string) {
  return queryRows<{ org_id: number; org_name: string; metric: string; n: number }>(
    db,
    sql`with orgs as (select id, name, path from organizations where id = ${rootId}
                      union all select ch.id, ch.name, ch.path from organizations ch where ch.parent_id = ${rootId})
        select orgs.id::int as org_id, orgs.name as org_name, ff.metric, coalesce(ff.n, 0)::int as n
          from orgs left join facility_figures ff on ff.org_id = orgs.id and ff.period = ${year}
         order by orgs.path`,
  );
}
