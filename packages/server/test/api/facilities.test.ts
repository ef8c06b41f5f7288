import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity } from '../helpers/factories.js';

const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let community: string;
let liaison: string;
let otherLiaison: string;
let resident: string;
let residentB: string;
let unitId: number;

const ALL_DAY = Array.from({ length: 7 }, () => [{ from: '08:00', to: '22:00' }]);
const day = (n: number) => addDays(chinaToday(), n);

async function buildUnit(orgId: number, liaisonAccountId: number | null) {
  const [row] = await audited(api.db, SYSTEM_AUDIT, 'test.build_unit' as AuditAction, (tx) =>
    queryRows<{ id: number }>(
      tx,
      sql`insert into resident_units (org_id, name, kind, relation, liaison_account_id)
          values (${orgId}, ${`设施测试学校${Date.now() % 100_000}${Math.random()}`}, 'school', 'cooperate', ${liaisonAccountId})
          returning id::int as id`,
    ),
  );
  return (row as { id: number }).id;
}

async function facility(over: Record<string, unknown> = {}, cookie = liaison) {
  const res = await post('/api/facilities', cookie, {
    unitId,
    name: `体育馆${Math.random()}`,
    kind: 'gym',
    capacity: 50,
    openingHours: ALL_DAY,
    blackoutDates: [day(3)],
    needsApproval: false,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; communities: { id: number }[]; mayManage: boolean };
}

const booking = (facilityId: number, over: Record<string, unknown> = {}) => ({
  facilityId,
  date: day(2),
  from: '09:00',
  to: '10:00',
  purpose: '羽毛球活动',
  ...over,
});

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  const liaisonAccount = await buildAccount(api.db, { orgId: city.branchA.id, role: 'unit_liaison' });
  const otherAccount = await buildAccount(api.db, { orgId: city.branchA.id, role: 'unit_liaison' });
  unitId = await buildUnit(city.communityA.id, liaisonAccount.id);
  await buildUnit(city.communityA.id, otherAccount.id);
  liaison = await api.login(liaisonAccount.username);
  otherLiaison = await api.login(otherAccount.username);
  community = await api.login(
    (await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' })).username,
  );
  resident = await api.login((await buildAccount(api.db, { orgId: city.communityA.id, role: 'resident' })).username);
  residentB = await api.login((await buildAccount(api.db, { orgId: city.communityB.id, role: 'resident' })).username);
});

describe('facilities', () => {
  it('a liaison offers a facility of its unit to its community; bad hours are a 400 naming the field', async () => {
    const created = await facility();
    expect(created.communities.map((c) => c.id)).toEqual([city.communityA.id]);
    expect(created.mayManage).toBe(true);
    const bad = await post('/api/facilities', liaison, {
      unitId,
      name: '坏时间',
      kind: 'gym',
      capacity: 10,
      openingHours: [[{ from: '10:00', to: '09:00' }], [], [], [], [], [], []],
      needsApproval: false,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('开放时间：周一 10:00-09:00：结束时间应晚于开始时间');
    const notMine = await post('/api/facilities', otherLiaison, {
      unitId,
      name: '别的单位',
      kind: 'gym',
      capacity: 1,
      openingHours: ALL_DAY,
      needsApproval: false,
    });
    expect(notMine.statusCode).toBe(404);
    expect((await get(`/api/facilities/${created.id}`, otherLiaison)).statusCode).toBe(404);
    expect((await get(`/api/facilities/${created.id}`, residentB)).statusCode).toBe(404);
    expect((await get(`/api/facilities/${created.id}`, resident)).statusCode).toBe(200);
    expect((await get('/api/facilities', undefined)).statusCode).toBe(401);
  });

  it('refuses a slot outside the opening hours, on a blackout date, in the past, beyond the capacity', async () => {
    const f = await facility({ openingHours: Array.from({ length: 7 }, () => [{ from: '16:30', to: '21:00' }]) });
    const outside = await post('/api/facility-bookings', community, booking(f.id, { from: '15:00', to: '17:00' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toMatch(/^开始时间：所选时段不在开放时间内（周. 16:30-21:00）$/);
    const blackout = await post(
      '/api/facility-bookings',
      community,
      booking(f.id, { date: day(3), from: '17:00', to: '18:00' }),
    );
    expect(blackout.statusCode).toBe(400);
    expect(blackout.json().message).toBe(`开始时间：${day(3)}为闭馆日，不开放预约`);
    const past = await post(
      '/api/facility-bookings',
      community,
      booking(f.id, { date: day(-1), from: '17:00', to: '18:00' }),
    );
    expect(past.json().message).toBe('日期：不能预约已过去的日期');
    const crowd = await post(
      '/api/facility-bookings',
      community,
      booking(f.id, { from: '17:00', to: '18:00', headcount: 51 }),
    );
    expect(crowd.json().message).toBe('人数：超过设施容量（50人）');
    const reversed = await post('/api/facility-bookings', community, booking(f.id, { from: '18:00', to: '17:00' }));
    expect(reversed.json().message).toBe('开始时间：结束时间应晚于开始时间');
  });

  it('two simultaneous requests for one slot: exactly one wins, the other is a 409 with a message', async () => {
    const f = await facility();
    const [a, b] = await Promise.all([
      post('/api/facility-bookings', community, booking(f.id, { from: '10:00', to: '11:00' })),
      post('/api/facility-bookings', resident, booking(f.id, { from: '10:30', to: '11:30' })),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([201, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json().message).toMatch(/已被预约，请选择其他时段$/);
    const [held] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from facility_bookings where facility_id = ${f.id} and status in ('pending', 'approved')`,
    );
    expect(held?.n).toBe(1);
    // Adjacent slots do not overlap ([) ranges).
    const next = await post('/api/facility-bookings', resident, booking(f.id, { from: '11:30', to: '12:30' }));
    expect(next.statusCode, next.body).toBe(201);
    // Many at once, same slot: still one.
    const many = await Promise.all(
      Array.from({ length: 6 }, () =>
        post('/api/facility-bookings', community, booking(f.id, { from: '14:00', to: '15:00' })),
      ),
    );
    expect(many.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(many.filter((r) => r.statusCode === 409)).toHaveLength(5);
  });

  it('a booking needing approval waits for the unit; refusing or cancelling frees the slot', async () => {
    const f = await facility({ needsApproval: true });
    const res = await post('/api/facility-bookings', resident, booking(f.id));
    expect(res.statusCode, res.body).toBe(201);
    const pending = res.json() as { id: number; status: string; mayDecide: boolean; mayCancel: boolean };
    expect(pending.status).toBe('pending');
    expect(pending.mayCancel).toBe(true);
    // The pending one holds the slot.
    expect((await post('/api/facility-bookings', community, booking(f.id))).statusCode).toBe(409);
    // Only the unit's side decides: the resident cannot, another unit's liaison does not see it.
    expect((await post(`/api/facility-bookings/${pending.id}/decide`, resident, { approve: true })).statusCode).toBe(
      403,
    );
    expect(
      (await post(`/api/facility-bookings/${pending.id}/decide`, otherLiaison, { approve: true })).statusCode,
    ).toBe(404);
    const workbench = await get('/api/workbench', liaison);
    expect(JSON.stringify(workbench.json())).toContain(`facilities.pending:${pending.id}`);
    const approved = await post(`/api/facility-bookings/${pending.id}/decide`, liaison, {
      approve: true,
      note: '请按时入场',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    const again = await post(`/api/facility-bookings/${pending.id}/decide`, liaison, { approve: false });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该预约已预约，不能再审批');
    // Cancelling frees the slot at once.
    const cancelled = await post(`/api/facility-bookings/${pending.id}/cancel`, resident, { reason: '临时有事' });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await post(`/api/facility-bookings/${pending.id}/cancel`, resident, {})).statusCode).toBe(409);
    const rebooked = await post('/api/facility-bookings', community, booking(f.id));
    expect(rebooked.statusCode, rebooked.body).toBe(201);
    const refused = await post(`/api/facility-bookings/${rebooked.json().id}/decide`, liaison, {
      approve: false,
      note: '场地维修',
    });
    expect(refused.json().status).toBe('refused');
    expect((await post('/api/facility-bookings', resident, booking(f.id))).statusCode).toBe(201);
  });

  it('the day shows free slots; the calendar the week; the resident sees only their own bookings', async () => {
    const f = await facility({ openingHours: Array.from({ length: 7 }, () => [{ from: '08:00', to: '12:00' }]) });
    await post('/api/facility-bookings', community, booking(f.id, { from: '09:00', to: '10:00' }));
    const d = await get(`/api/facilities/${f.id}/day?date=${day(2)}`, resident);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().free).toEqual([
      { from: '08:00', to: '09:00' },
      { from: '10:00', to: '12:00' },
    ]);
    expect(d.json().slots).toHaveLength(3);
    const blackout = await get(`/api/facilities/${f.id}/day?date=${day(3)}`, resident);
    expect(blackout.json()).toMatchObject({ blackout: true, free: [], slots: [] });
    const week = await get(`/api/facilities/${f.id}/bookings?from=${day(0)}&to=${day(6)}`, liaison);
    expect(week.json().bookings.map((b: { from: string }) => b.from)).toEqual(['09:00']);
    expect((await get(`/api/facilities/${f.id}/bookings?from=${day(0)}&to=${day(6)}`, resident)).statusCode).toBe(403);
    const mine = await get('/api/facility-bookings?pageSize=200', resident);
    expect(mine.json().items.every((b: { bookerKind: string }) => b.bookerKind === 'resident')).toBe(true);
    expect((await get('/api/facility-bookings?pageSize=200', residentB)).json().total).toBe(0);
  });

  it('a community books only for a community of its scope; a resident for their own', async () => {
    const f = await facility();
    const other = await post('/api/facility-bookings', community, booking(f.id, { orgId: city.communityB.id }));
    expect(other.statusCode).toBe(404);
    const stranger = await post('/api/facility-bookings', residentB, booking(f.id));
    expect(stranger.statusCode).toBe(404);
    const street = await post('/api/facility-bookings', streetA, booking(f.id, { from: '20:00', to: '21:00' }));
    expect(street.statusCode).toBe(400);
    expect(street.json().message).toBe('社区：请选择预约的社区');
  });

  it('closes a facility: no new bookings; edits by the unit only', async () => {
    const f = await facility();
    const body = {
      name: '已关闭的馆',
      kind: 'gym',
      capacity: 10,
      openingHours: ALL_DAY,
      needsApproval: false,
      closed: true,
    };
    expect((await send('PATCH', `/api/facilities/${f.id}`, otherLiaison, body)).statusCode).toBe(404);
    const closed = await send('PATCH', `/api/facilities/${f.id}`, community, body);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedOn).toBe(chinaToday());
    const refused = await post('/api/facility-bookings', resident, booking(f.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('该设施已停止开放');
  });

  it('counts bookings per subtree from the counters and exports them on record', async () => {
    const figures = await get(`/api/facilities/figures?orgId=${city.streetA.id}&year=${day(2).slice(0, 4)}`, streetA);
    expect(figures.statusCode, figures.body).toBe(200);
    const [fresh] = await queryRows<{ approved: number; cancelled: number }>(
      api.db,
      sql`select count(*) filter (where b.status = 'approved')::int as approved, count(*) filter (where b.status = 'cancelled')::int as cancelled
            from facility_bookings b join organizations o on o.id = b.org_id
           where o.path <@ (select path from organizations where id = ${city.streetA.id})
             and left(b.booked_on::text, 4) = ${day(2).slice(0, 4)}`,
    );
    const root = figures.json().rows.find((r: { orgId: number }) => r.orgId === city.streetA.id);
    expect(root).toMatchObject({ approved: fresh?.approved, cancelled: fresh?.cancelled });
    expect(root.approved).toBeGreaterThan(0);
    const file = await get(`/api/facility-bookings/export?orgId=${city.communityA.id}`, community);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const [audit] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'facilities.export'`,
    );
    expect(audit?.n).toBe(1);
  });
});
