import {
  addDays,
  BOOKING_STATUS_LABELS,
  chinaToday,
  freeRanges,
  hourSlots,
  slotProblem,
  weekdayIndex,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited, type AuditContext } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { notifyAccounts } from '../notifications/notifications.service.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import {
  busyOf,
  countBookings,
  figureRows,
  selectBookings,
  selectFacilities,
  toBooking,
  toFacility,
} from './facilities.repo.js';
import type {
  BookingInput,
  BookingListQuery,
  FacilityInput,
  FacilityListQuery,
  FacilityUpdate,
} from './facilities.schema.js';
import { facilities, facilityBookings, facilityCommunities } from './facilities.tables.js';
import { requireAny, unitCondition, unitSideOf } from './unit-side.js';

const FACILITY = '设施';
const BOOKING = '预约';
/** How far ahead a slot may be booked. */
export const BOOKING_HORIZON_DAYS = 60;
const READERS = ['cobuild.read', 'cobuild.unit', 'resident.self'] as const;
const COMMUNITY_TYPES = sql`('community_committee', 'big_community_committee')`;

export async function listFacilities(db: Db, actor: Actor, query: FacilityListQuery) {
  requireAny(actor, READERS);
  const side = await unitSideOf(db, actor);
  const parts = [sql`true`];
  if (query.orgId !== undefined) {
    const root = await requireScopeRoot(db, actor, query.orgId);
    parts.push(sql`(o.path <@ ${root.path}::ltree or exists (select 1 from facility_communities fc
                     join organizations c on c.id = fc.org_id where fc.facility_id = f.id and c.path <@ ${root.path}::ltree))`);
  }
  if (query.unitId !== undefined) parts.push(sql`f.unit_id = ${query.unitId}`);
  if (!query.includeClosed) parts.push(sql`f.closed_on is null`);
  const rows = await selectFacilities(db, actor, side, sql.join(parts, sql` and `));
  return { items: rows.map(toFacility) };
}

async function requireFacility(db: Queryable, actor: Actor, id: number, lock = false) {
  const side = await unitSideOf(db, actor);
  const [row] = await selectFacilities(db, actor, side, sql`f.id = ${id}`, lock);
  if (!row) throw notFound(FACILITY);
  return row;
}

export async function getFacility(db: Db, actor: Actor, id: number) {
  requireAny(actor, READERS);
  return toFacility(await requireFacility(db, actor, id));
}

/** The unit (active) the actor may act for, with its organisation; 404 otherwise. */
async function requireUnitForWrite(tx: Queryable, actor: Actor, unitId: number) {
  const side = await unitSideOf(tx, actor);
  const [unit] = await queryRows<{ id: number; org_id: number; org_type: string; street_path: string; name: string }>(
    tx,
    sql`select u.id::int as id, u.org_id::int as org_id, o.type as org_type, u.name,
               (case when o.type in ${COMMUNITY_TYPES} then subpath(o.path, 0, nlevel(o.path) - 1) else o.path end)::text as street_path
          from resident_units_v u join organizations o on o.id = u.org_id
         where u.id = ${unitId} and u.ended_on is null and ${unitCondition(actor, side, sql`u.id`, sql`o.path`, true)}`,
  );
  if (!unit) throw notFound('驻区单位');
  return unit;
}

/** The communities a facility is offered to: the unit's own (when a community holds it) and those named, of its street. */
async function offeredTo(
  tx: Queryable,
  unit: { org_id: number; org_type: string; street_path: string },
  ids: number[],
) {
  const wanted = [...new Set(ids)];
  const found = await queryRows<{ id: number }>(
    tx,
    sql`select id::int as id from organizations where type in ${COMMUNITY_TYPES}
          and path <@ ${unit.street_path}::ltree and id = any(${`{${wanted.join(',')}}`}::bigint[])`,
  );
  if (found.length < wanted.length) throw notFound('社区（应为本街道的社区）');
  const own = ['community_committee', 'big_community_committee'].includes(unit.org_type) ? [unit.org_id] : [];
  const all = [...new Set([...own, ...wanted])];
  if (all.length === 0) throw invalid('communityIds', '至少应开放给一个社区');
  return all;
}

function facilityValues(input: FacilityUpdate) {
  return {
    name: input.name,
    kind: input.kind,
    capacity: input.capacity,
    address: input.address ?? null,
    openingHours: input.openingHours,
    blackoutDates: [...new Set(input.blackoutDates)].sort(),
    needsApproval: input.needsApproval,
    note: input.note ?? null,
  };
}

async function nameTaken(tx: Queryable, unitId: number, name: string, except = 0) {
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`select id::int as id from facilities where unit_id = ${unitId} and name = ${name} and id <> ${except}`,
  );
  if (row) throw invalid('name', '本单位已有同名设施');
}

export async function createFacility(db: Db, actor: Actor, ctx: AuditContext, input: FacilityInput) {
  return audited(db, ctx, 'facilities.create', async (tx) => {
    const unit = await requireUnitForWrite(tx, actor, input.unitId);
    const communities = await offeredTo(tx, unit, input.communityIds);
    await nameTaken(tx, unit.id, input.name);
    const [created] = await tx
      .insert(facilities)
      .values({ unitId: unit.id, orgId: unit.org_id, ...facilityValues(input) })
      .returning({ id: facilities.id });
    const id = (created as { id: number }).id;
    await tx.insert(facilityCommunities).values(communities.map((orgId) => ({ facilityId: id, orgId })));
    return toFacility(await requireFacility(tx, actor, id));
  });
}

export async function updateFacility(db: Db, actor: Actor, ctx: AuditContext, id: number, input: FacilityUpdate) {
  return audited(db, ctx, 'facilities.update', async (tx) => {
    const current = await requireFacility(tx, actor, id, true);
    if (!current.may_manage) throw notFound(FACILITY);
    const unit = await requireUnitForWrite(tx, actor, current.unit_id);
    const communities = await offeredTo(tx, unit, input.communityIds);
    await nameTaken(tx, unit.id, input.name, id);
    const closedOn =
      input.closed === undefined ? current.closed_on : input.closed ? (current.closed_on ?? chinaToday()) : null;
    await tx
      .update(facilities)
      .set({ ...facilityValues(input), closedOn, updatedAt: sql`now()` })
      .where(eq(facilities.id, id));
    const had = current.communities.map((c) => c.id);
    const gone = had.filter((c) => !communities.includes(c));
    const added = communities.filter((c) => !had.includes(c));
    if (gone.length > 0) {
      await tx.execute(
        sql`delete from facility_communities where facility_id = ${id} and org_id = any(${`{${gone.join(',')}}`}::bigint[])`,
      );
    }
    if (added.length > 0)
      await tx.insert(facilityCommunities).values(added.map((orgId) => ({ facilityId: id, orgId })));
    return toFacility(await requireFacility(tx, actor, id));
  });
}

/** A week (or any range up to 31 days) of one facility's bookings, for the calendar. */
export async function calendar(db: Db, actor: Actor, id: number, from: string, to: string) {
  requireAny(actor, ['cobuild.read', 'cobuild.unit']);
  if (to < from) throw invalid('to', '应不早于开始日期');
  if (addDays(from, 31) < to) throw invalid('to', '最多查询31天');
  const facility = await requireFacility(db, actor, id);
  const side = await unitSideOf(db, actor);
  // Whoever sees the facility sees its slots held (the facility was checked above; phones stay masked).
  const rows = await selectBookings(
    db,
    actor,
    side,
    sql`b.facility_id = ${id} and b.booked_on between ${from} and ${to} and b.status in ('pending', 'approved')`,
    { page: 1, pageSize: 1000, order: sql`b.starts_at, b.id` },
    false,
    sql`true`,
  );
  return { facility: toFacility(facility), bookings: rows.map(toBooking) };
}

/** One day of a facility: its opening ranges, what is held, what is free, the hour-long slots to tap. */
export async function day(db: Db, actor: Actor, id: number, date: string) {
  requireAny(actor, READERS);
  const facility = await requireFacility(db, actor, id);
  const rules = { openingHours: facility.opening_hours, blackoutDates: facility.blackout_dates };
  const busy = await busyOf(db, id, date);
  const free = freeRanges(rules, date, busy);
  return {
    date,
    open: [...(facility.opening_hours[weekdayIndex(date)] ?? [])],
    blackout: facility.blackout_dates.includes(date),
    busy,
    free,
    slots: facility.closed_on ? [] : hourSlots(free),
  };
}

const isExclusion = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23P01';
};

/**
 * Books a slot for a community (staff, `cobuild.write`, a community of their scope) or for a resident themselves
 * (`resident.self`, their own community). The opening hours and blackout dates are checked here; an overlap with a
 * booking holding the slot is refused by the database's exclusion constraint, so two requests racing for one slot
 * give one booking and one 409.
 */
export async function book(db: Db, actor: Actor, ctx: AuditContext, input: BookingInput) {
  const staff = actor.permissions.includes('cobuild.write');
  const resident = actor.permissions.includes('resident.self');
  if (!staff && !resident) requireAny(actor, ['cobuild.write', 'resident.self']);
  const asCommunity = staff && (input.orgId !== undefined || !resident);
  return audited(db, ctx, 'facilities.book', async (tx) => {
    let orgId = actor.orgId;
    if (asCommunity) {
      const [community] = await queryRows<{ id: number }>(
        tx,
        sql`select id::int as id from organizations where id = ${input.orgId ?? actor.orgId}
              and ${pathInScope(actor, sql`path`)} and type in ${COMMUNITY_TYPES}`,
      );
      if (!community) {
        if (input.orgId === undefined) throw invalid('orgId', '请选择预约的社区');
        throw notFound('社区');
      }
      orgId = community.id;
    }
    const facility = await requireFacility(tx, actor, input.facilityId, true);
    if (!facility.communities.some((c) => c.id === orgId)) throw notFound(FACILITY);
    if (facility.closed_on) throw conflict('该设施已停止开放');
    const today = chinaToday();
    if (input.date < today) throw invalid('date', '不能预约已过去的日期');
    if (input.date > addDays(today, BOOKING_HORIZON_DAYS))
      throw invalid('date', `最多可预约${BOOKING_HORIZON_DAYS}天内的时段`);
    const problem = slotProblem(
      { openingHours: facility.opening_hours, blackoutDates: facility.blackout_dates },
      input.date,
      input.from,
      input.to,
    );
    if (problem) throw invalid('from', problem);
    const startsAt = `${input.date}T${input.from}:00+08:00`;
    if (Date.parse(startsAt) <= Date.now()) throw invalid('from', '不能预约已开始的时段');
    if (input.headcount && input.headcount > facility.capacity) {
      throw invalid('headcount', `超过设施容量（${facility.capacity}人）`);
    }
    const status = facility.needs_approval ? 'pending' : 'approved';
    let id: number;
    try {
      const [created] = await tx
        .insert(facilityBookings)
        .values({
          facilityId: facility.id,
          unitId: facility.unit_id,
          orgId,
          bookedOn: input.date,
          startsAt,
          endsAt: `${input.date}T${input.to}:00+08:00`,
          purpose: input.purpose,
          headcount: input.headcount ?? null,
          bookerKind: asCommunity ? 'community' : 'resident',
          accountId: actor.accountId,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
          status,
        })
        .returning({ id: facilityBookings.id });
      id = (created as { id: number }).id;
    } catch (error) {
      if (isExclusion(error)) throw conflict(`${input.date} ${input.from}-${input.to} 已被预约，请选择其他时段`);
      throw error;
    }
    if (status === 'pending') {
      const liaisons = await queryRows<{ id: number }>(
        tx,
        sql`select liaison_account_id::int as id from resident_units
             where id = ${facility.unit_id} and liaison_account_id is not null`,
      );
      await notifyAccounts(
        tx,
        liaisons.map((l) => l.id),
        {
          kind: 'facilities.pending',
          title: `设施预约待审批：${facility.name}`,
          body: `${input.date} ${input.from}-${input.to}，${input.purpose}`,
          link: '/facilities/unit',
        },
      );
    }
    return requireBooking(tx, actor, id);
  });
}

async function requireBooking(db: Queryable, actor: Actor, id: number, lock = false) {
  const side = await unitSideOf(db, actor);
  const [row] = await selectBookings(db, actor, side, sql`b.id = ${id}`, { page: 1, pageSize: 1 }, lock);
  if (!row) throw notFound(BOOKING);
  return toBooking(row);
}

export async function getBooking(db: Db, actor: Actor, id: number) {
  requireAny(actor, READERS);
  return requireBooking(db, actor, id);
}

async function bookingFilter(db: Db, actor: Actor, query: Omit<BookingListQuery, 'page' | 'pageSize'>) {
  const parts = [sql`true`];
  let orgPath = actor.scopePath;
  if (query.orgId !== undefined) {
    const root = await requireScopeRoot(db, actor, query.orgId);
    orgPath = root.path;
    parts.push(sql`(c.path <@ ${root.path}::ltree or o.path <@ ${root.path}::ltree)`);
  }
  if (query.facilityId !== undefined) parts.push(sql`b.facility_id = ${query.facilityId}`);
  if (query.status) parts.push(sql`b.status = ${query.status}`);
  if (query.from) parts.push(sql`b.booked_on >= ${query.from}`);
  if (query.to) parts.push(sql`b.booked_on <= ${query.to}`);
  return { where: sql.join(parts, sql` and `), orgPath };
}

/** Bookings the actor sees: a community's, the unit's side's, or a resident's own. */
export async function listBookings(db: Db, actor: Actor, query: BookingListQuery) {
  requireAny(actor, READERS);
  const side = await unitSideOf(db, actor);
  const { where } = await bookingFilter(db, actor, query);
  const rows = await selectBookings(db, actor, side, where, { page: query.page, pageSize: query.pageSize });
  return {
    items: rows.map(toBooking),
    total: await countBookings(db, actor, side, where),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The unit approves or refuses a pending booking; the booker is told. */
export async function decide(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  body: { approve: boolean; note?: string | null },
) {
  requireAny(actor, ['cobuild.write', 'cobuild.unit']);
  return audited(db, ctx, 'facilities.decide', async (tx) => {
    const booking = await requireBooking(tx, actor, id, true);
    if (booking.status !== 'pending') throw conflict(`该预约${BOOKING_STATUS_LABELS[booking.status]}，不能再审批`);
    if (!booking.mayDecide) throw notFound(BOOKING);
    const status = body.approve ? 'approved' : 'refused';
    await tx
      .update(facilityBookings)
      .set({
        status,
        decidedAt: sql`now()`,
        decidedBy: actor.accountId,
        decisionNote: body.note ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(facilityBookings.id, id));
    const [row] = await queryRows<{ account_id: number }>(
      tx,
      sql`select account_id::int as account_id from facility_bookings where id = ${id}`,
    );
    await notifyAccounts(tx, row ? [row.account_id] : [], {
      kind: 'facilities.decided',
      title: `设施预约${body.approve ? '已通过' : '未通过'}：${booking.facilityName}`,
      body: `${booking.date} ${booking.from}-${booking.to}${body.note ? `，${body.note}` : ''}`,
      link: '/facilities',
    });
    return requireBooking(tx, actor, id);
  });
}

/** The booker's side or the unit's cancels a booking holding a slot; the slot is free at once (status leaves the constraint's predicate). */
export async function cancel(db: Db, actor: Actor, ctx: AuditContext, id: number, reason: string | null | undefined) {
  requireAny(actor, READERS);
  return audited(db, ctx, 'facilities.cancel', async (tx) => {
    const booking = await requireBooking(tx, actor, id, true);
    if (booking.status !== 'pending' && booking.status !== 'approved') {
      throw conflict(`该预约${BOOKING_STATUS_LABELS[booking.status]}，不能取消`);
    }
    if (!booking.mayCancel) throw conflict('该预约已结束或无权取消');
    await tx
      .update(facilityBookings)
      .set({
        status: 'cancelled',
        cancelledAt: sql`now()`,
        cancelledBy: actor.accountId,
        cancelReason: reason ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(facilityBookings.id, id));
    return requireBooking(tx, actor, id);
  });
}

type Booking = Awaited<ReturnType<typeof requireBooking>>;

/** Bookings as .xlsx (up to 10,000; phones masked), on record with the filter and the count. */
export async function bookingsForExport(db: Db, actor: Actor, query: Omit<BookingListQuery, 'page' | 'pageSize'>) {
  requireAny(actor, ['cobuild.read', 'cobuild.unit']);
  const side = await unitSideOf(db, actor);
  const { where, orgPath } = await bookingFilter(db, actor, query);
  const total = await countBookings(db, actor, side, where);
  if (total > 10_000) throw invalid('from', `共${total}条，超过10000条，请缩小日期范围`);
  const rows = await selectBookings(db, actor, side, where, { page: 1, pageSize: 10_000 });
  return { rows: rows.map(toBooking), orgPath };
}

export const BOOKING_COLUMNS = [
  { header: '设施', width: 20, value: (r: Booking) => r.facilityName },
  { header: '驻区单位', width: 22, value: (r: Booking) => r.unitName },
  { header: '日期', width: 12, value: (r: Booking) => r.date },
  { header: '时段', width: 12, value: (r: Booking) => `${r.from}-${r.to}` },
  { header: '预约社区', width: 20, value: (r: Booking) => r.orgName },
  { header: '预约人', width: 12, value: (r: Booking) => r.bookerName },
  { header: '用途', width: 24, value: (r: Booking) => r.purpose },
  { header: '人数', width: 8, value: (r: Booking) => r.headcount },
  { header: '联系电话', width: 14, value: (r: Booking) => r.contactPhone },
  { header: '状态', width: 10, value: (r: Booking) => BOOKING_STATUS_LABELS[r.status] },
];

/** Bookings per status for the root and its children in a year, from facility_figures. */
export async function figures(db: Db, actor: Actor, query: { orgId?: number; year?: string }) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const year = query.year ?? chinaToday().slice(0, 4);
  const rows = await figureRows(db, root.id, year);
  const byOrg = new Map<
    number,
    { orgId: number; orgName: string; approved: number; pending: number; refused: number; cancelled: number }
  >();
  for (const r of rows) {
    const entry = byOrg.get(r.org_id) ?? {
      orgId: r.org_id,
      orgName: r.org_name,
      approved: 0,
      pending: 0,
      refused: 0,
      cancelled: 0,
    };
    if (r.metric === 'approved' || r.metric === 'pending' || r.metric === 'refused' || r.metric === 'cancelled')
      entry[r.metric] = r.n;
    byOrg.set(r.org_id, entry);
  }
  return { year, rows: [...byOrg.values()] };
}
