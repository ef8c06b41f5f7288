import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { JOBS } from '../../src/modules.js';
import type { JobServices } from '../../src/scheduler/runner.js';
import { JobRunner } from '../../src/scheduler/runner.js';
import { volunteerActivities, volunteerRecords } from '../../src/volunteers/volunteers.tables.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildOrg } from '../helpers/factories.js';
import { registerForTest } from '../helpers/volunteer-sheets.js';

// The figures below are of 2026's quarters, seen from 2026-12-07 (Q4 under way, 2025 the last closed year):
// the clock stands there for the whole file, so that the test reads the same in 2027.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-07T04:00:00Z'));
});
afterAll(() => {
  vi.useRealTimers();
});

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;
let unit: { id: number; name: string };
let unitBranch: { id: number; name: string };
let liaison: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
  // A resident unit's party organisation under community A with a branch of its own: its members' unit.
  unit = await buildOrg(api.db, {
    parentId: city.communityA.id,
    type: 'general_branch',
    sector: 'resident_unit',
    name: '测试医院党总支',
  });
  unitBranch = await buildOrg(api.db, {
    parentId: unit.id,
    type: 'branch',
    sector: 'resident_unit',
    name: '测试医院第一党支部',
  });
  const account = await buildAccount(api.db, { orgId: unit.id, role: 'unit_liaison' });
  liaison = await api.login(account.username);
});

const setting = (s: object) => ({
  yearlyTargetHours: null,
  pointsEnabled: null,
  pointsPerHour: null,
  pointsPerActivity: null,
  rankingEnabled: null,
  ...s,
});

let seq = 0;
/** An activity of an organisation on a day, with its confirmed (or other) records for members. */
async function activity(orgId: number, day: string, type = 'clinic') {
  seq += 1;
  const [row] = await audited(api.db, SYSTEM_AUDIT, 'test.activity' as AuditAction, (tx) =>
    tx
      .insert(volunteerActivities)
      .values({
        orgId,
        title: `测试活动${seq}`,
        type,
        place: '社区活动室',
        startsAt: `${day}T01:00:00Z`,
        endsAt: `${day}T04:00:00Z`,
        signupDeadline: `${day}T00:00:00Z`,
        status: 'published',
      })
      .returning({ id: volunteerActivities.id }),
  );
  return (row as { id: number }).id;
}
async function record(p: {
  orgId: number;
  memberId: number;
  day: string;
  hours: number;
  activityId?: number;
  status?: string;
}) {
  const [row] = await audited(api.db, SYSTEM_AUDIT, 'test.record' as AuditAction, (tx) =>
    tx
      .insert(volunteerRecords)
      .values({
        orgId: p.orgId,
        memberId: p.memberId,
        activityId: p.activityId ?? null,
        source: p.activityId ? 'activity' : 'self',
        servedOn: p.day,
        hours: String(p.hours),
        status: p.status ?? 'confirmed',
      })
      .returning({ id: volunteerRecords.id }),
  );
  return (row as { id: number }).id;
}

describe('local rules', () => {
  it('are inherited field by field, set by the city or a district only, and audited', async () => {
    const read = async (orgId: number) => (await api.get(`/api/volunteer-rules?orgId=${orgId}`, admin)).json();
    const district = await read(city.district.id);
    expect(district.effective).toMatchObject({ yearlyTargetHours: null, pointsEnabled: false, rankingEnabled: false });
    expect(district.settable).toBe(true);

    let res = await api.send(
      'PATCH',
      `/api/volunteer-rules/${city.city.id}`,
      admin,
      setting({ yearlyTargetHours: 40, pointsEnabled: true }),
    );
    expect(res.statusCode, res.body).toBe(200);
    let street = await read(city.streetA.id);
    expect(street.settable).toBe(false);
    expect(street.effective.yearlyTargetHours).toBe(40);
    expect(street.effective.setBy.yearlyTargetHours.orgName).toBe('测试市委');

    res = await api.send(
      'PATCH',
      `/api/volunteer-rules/${city.district.id}`,
      admin,
      setting({ yearlyTargetHours: 50, pointsEnabled: false }),
    );
    expect(res.statusCode, res.body).toBe(200);
    street = await read(city.streetA.id);
    expect(street.effective).toMatchObject({ yearlyTargetHours: 50, pointsEnabled: false });
    expect(street.effective.setBy.yearlyTargetHours.orgName).toBe('测试区委');

    const [row] = await queryRows<{ action: string; entity: string }>(
      api.db,
      sql`select action, entity from audit_logs where entity = 'volunteer_rule_setting' order by id desc limit 1`,
    );
    expect(row).toEqual({ action: 'volunteer_rules.update', entity: 'volunteer_rule_setting' });

    // Everything null again: the district inherits the city's 40 h.
    res = await api.send('PATCH', `/api/volunteer-rules/${city.district.id}`, admin, setting({}));
    expect(res.json().effective.yearlyTargetHours).toBe(40);
    res = await api.send(
      'PATCH',
      `/api/volunteer-rules/${city.district.id}`,
      admin,
      setting({ yearlyTargetHours: 50 }),
    );
    expect(res.statusCode).toBe(200);
  });

  it('refuses bad input with the field named in Chinese, a street, another scope and the liaison', async () => {
    let res = await api.send(
      'PATCH',
      `/api/volunteer-rules/${city.district.id}`,
      admin,
      setting({ yearlyTargetHours: 0 }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('年度服务时长目标');
    res = await api.send('PATCH', `/api/volunteer-rules/${city.district.id}`, admin, setting({ pointsPerHour: -1 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('每小时积分');
    res = await api.send('PATCH', `/api/volunteer-rules/${city.streetA.id}`, admin, setting({ yearlyTargetHours: 10 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('只有市委、县区委');
    const streetA = await api.login(city.streetAUser.username);
    res = await api.send(
      'PATCH',
      `/api/volunteer-rules/${city.district.id}`,
      streetA,
      setting({ yearlyTargetHours: 10 }),
    );
    expect(res.statusCode).toBe(404);
    res = await api.send(
      'PATCH',
      `/api/volunteer-rules/${city.district.id}`,
      liaison,
      setting({ yearlyTargetHours: 10 }),
    );
    expect(res.statusCode).toBe(403);
    expect((await api.get('/api/volunteer-rules')).statusCode).toBe(401);
  });
});

describe('the quarterly residence-performance sheet', () => {
  let member: { memberId: number };
  let other: { memberId: number };

  beforeAll(async () => {
    member = await registerForTest(api.db, {
      memberOrgId: unitBranch.id,
      communityId: city.communityA.id,
      registeredOn: '2026-05-10',
    });
    other = await registerForTest(api.db, {
      memberOrgId: city.branchA.id,
      communityId: city.communityA.id,
      registeredOn: '2026-08-01',
    });
    const a1 = await activity(city.communityA.id, '2026-07-05');
    const a2 = await activity(city.communityA.id, '2026-09-20');
    const a3 = await activity(city.communityA.id, '2026-04-12');
    const a4 = await activity(city.communityA.id, '2026-10-03');
    await record({
      orgId: city.communityA.id,
      memberId: member.memberId,
      day: '2026-07-05',
      hours: 2.5,
      activityId: a1,
    });
    await record({
      orgId: city.communityA.id,
      memberId: member.memberId,
      day: '2026-09-20',
      hours: 2.5,
      activityId: a2,
    });
    await record({ orgId: city.communityA.id, memberId: member.memberId, day: '2026-04-12', hours: 3, activityId: a3 });
    await record({ orgId: city.communityA.id, memberId: member.memberId, day: '2026-10-03', hours: 3, activityId: a4 });
    await record({ orgId: city.branchA.id, memberId: member.memberId, day: '2026-08-15', hours: 1.5 });
    await record({ orgId: city.branchA.id, memberId: member.memberId, day: '2026-08-16', hours: 4, status: 'pending' });
    await record({
      orgId: city.branchA.id,
      memberId: member.memberId,
      day: '2026-08-17',
      hours: 5,
      status: 'superseded',
    });
    await record({ orgId: city.branchA.id, memberId: member.memberId, day: '2025-12-30', hours: 6 });
    await record({ orgId: city.communityA.id, memberId: other.memberId, day: '2026-09-01', hours: 2, activityId: a2 });
  });

  const sheetOf = async (cookie: string, memberId: number, quarter = 3) => {
    const res = await api.get(`/api/residence-sheets?year=2026&quarter=${quarter}&pageSize=200`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { memberId: number }[]).find((s) => s.memberId === memberId) as Record<string, unknown>;
  };

  it('counts the confirmed records of the quarter and the year, against the local target, per unit', async () => {
    const res = await api.post('/api/residence-sheets/generate', admin, { year: 2026, quarter: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sheets: 2, keptSent: 0, asOf: '2026-09-30' });
    // By hand: Q3 = 2.5 + 2.5 (two activities) + 1.5 (self-reported, confirmed); the year adds April's 3 h
    // (an activity); pending, superseded, last year's and October's records do not count.
    expect(await sheetOf(admin, member.memberId)).toMatchObject({
      registeredOn: '2026-05-10',
      asOf: '2026-09-30',
      quarterActivities: 2,
      quarterHours: 6.5,
      yearActivities: 3,
      yearHours: 9.5,
      requestsFulfilled: 0,
      targetHours: 50,
      unitOrgId: unit.id,
      unitOrgName: '测试医院党总支',
      memberOrgName: '测试医院第一党支部',
      communityName: '甲社区党委',
      sentOn: null,
    });
    // A regional branch is its own member's unit.
    expect(await sheetOf(admin, other.memberId)).toMatchObject({
      unitOrgId: city.branchA.id,
      quarterHours: 2,
      yearHours: 2,
    });
    // Q2: registered on 05-10, April's activity counts (served before the registration, still the member's service).
    await api.post('/api/residence-sheets/generate', admin, { year: 2026, quarter: 2 });
    expect(await sheetOf(admin, member.memberId, 2)).toMatchObject({ quarterHours: 3, yearHours: 3 });
    expect(await sheetOf(admin, other.memberId, 2)).toBeUndefined();
    const [event] = await queryRows<{ after: { sheets: number } }>(
      api.db,
      sql`select after from audit_logs where action = 'residence_sheet.generate' order by id desc limit 1`,
    );
    expect(event?.after.sheets).toBe(1);
  });

  it('shows the unit liaison its members only; another member is a 404', async () => {
    const list = (await api.get('/api/residence-sheets?year=2026&quarter=3', liaison)).json();
    expect(list.items.map((s: { memberId: number }) => s.memberId)).toEqual([member.memberId]);
    const otherSheet = await sheetOf(admin, other.memberId);
    expect((await api.get(`/api/residence-sheets/${otherSheet.id as number}`, liaison)).statusCode).toBe(404);
    expect((await api.get(`/api/residence-sheets/${otherSheet.id as number}/print`, liaison)).statusCode).toBe(404);
    const mine = list.items[0];
    expect((await api.get(`/api/residence-sheets/${mine.id}`, liaison)).json().quarterHours).toBe(6.5);
    const page = await api.get(`/api/residence-sheets/${mine.id}/print`, liaison);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('在职党员社区表现反馈表');
    expect(page.body).toContain('6.5 小时');
    expect(page.body).toContain('50 小时，已完成 19%');
    // The liaison may not make or send sheets.
    expect((await api.post('/api/residence-sheets/generate', liaison, { year: 2026, quarter: 3 })).statusCode).toBe(
      403,
    );
  });

  it('exports the sheets as .xlsx with the figures, on record', async () => {
    const res = await api.get(`/api/residence-sheets/export?year=2026&quarter=3&unitOrgId=${unit.id}`, liaison);
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(2);
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(values).toContain('测试医院党总支');
    expect(values).toContain(6.5);
    expect(values).toContain(9.5);
    const [event] = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs order by id desc limit 1`,
    );
    expect(event?.action).toBe('residence_sheet.export');
  });

  it('is marked sent by the community (audited), then stays as sent; twice is a 409', async () => {
    const body = { year: 2026, quarter: 3, communityId: city.communityA.id, unitOrgId: unit.id };
    let res = await api.post('/api/residence-sheets/sent', admin, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ units: 1, sheets: 1 });
    const [row] = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where entity = 'residence_sheet_send' order by id desc limit 1`,
    );
    expect(row?.action).toBe('residence_sheet.send');
    res = await api.post('/api/residence-sheets/sent', admin, body);
    expect(res.statusCode).toBe(409);
    // A late record and a refresh: the sent sheet keeps what was sent, the other one is refreshed.
    await record({ orgId: city.communityA.id, memberId: member.memberId, day: '2026-09-28', hours: 1 });
    await record({ orgId: city.communityA.id, memberId: other.memberId, day: '2026-09-28', hours: 1 });
    res = await api.post('/api/residence-sheets/generate', admin, { year: 2026, quarter: 3 });
    expect(res.json()).toMatchObject({ sheets: 1, keptSent: 1 });
    expect(await sheetOf(admin, member.memberId)).toMatchObject({ quarterHours: 6.5, sentOn: expect.any(String) });
    expect(await sheetOf(admin, other.memberId)).toMatchObject({ quarterHours: 3 });
    // The quarter under way cannot be sent.
    await api.post('/api/residence-sheets/generate', admin, { year: 2026, quarter: 4 });
    res = await api.post('/api/residence-sheets/sent', admin, {
      year: 2026,
      quarter: 4,
      communityId: city.communityA.id,
    });
    expect(res.statusCode).toBe(409);
    res = await api.post('/api/residence-sheets/generate', admin, { year: 2027, quarter: 2 });
    expect(res.statusCode).toBe(400);
    res = await api.post('/api/residence-sheets/generate', admin, { year: 2026, quarter: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('季度');
  });

  it('is made by the job once a quarter has ended, once (a fake clock)', async () => {
    const job = JOBS.find((j) => j.name === 'volunteer-sheets.quarterly');
    expect(job).toBeDefined();
    let now = new Date('2026-12-31T12:00:00Z');
    const runner = new JobRunner(api.db, [job!], {} as JobServices, { now: () => now });
    await runner.register();
    // 2027-01-01 01:31 in Beijing: Q4 2026 has ended.
    now = new Date('2026-12-31T17:31:00Z');
    const [first] = await runner.tick();
    expect(first?.status, first?.error ?? '').toBe('ok');
    expect(first?.result).toMatchObject({ quarter: '2026年第4季度', asOf: '2026-12-31' });
    const made = (first?.result as { sheets: number }).sheets;
    expect(made).toBeGreaterThanOrEqual(2);
    const q4 = await sheetOf(admin, member.memberId, 4);
    expect(q4).toMatchObject({ asOf: '2026-12-31', quarterHours: 3, yearHours: 13.5 });
    // The next day: nothing new to make.
    now = new Date('2027-01-01T17:31:00Z');
    const [second] = await runner.tick();
    expect(second?.result).toMatchObject({ sheets: 0 });
    expect(await sheetOf(admin, member.memberId, 4)).toEqual(q4);
  });
});

describe('ranking', () => {
  it('is off by default (409); on, it ranks a closed period by confirmed hours and points', async () => {
    let res = await api.get(`/api/volunteer-ranking?orgId=${city.district.id}`, admin);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('未启用');
    await api.send(
      'PATCH',
      `/api/volunteer-rules/${city.district.id}`,
      admin,
      setting({
        yearlyTargetHours: 50,
        rankingEnabled: true,
        pointsEnabled: true,
        pointsPerHour: 2,
        pointsPerActivity: { clinic: 10 },
      }),
    );
    res = await api.get(`/api/volunteer-ranking?orgId=${city.district.id}&period=year`, admin);
    expect(res.statusCode, res.body).toBe(200);
    // Only 2025 is a closed year (today is 2026-12-…): the member's 6 h of 2025-12-30, self-reported, 2 points an hour.
    const body = res.json();
    expect(body.period).toMatchObject({ year: 2025, quarter: null });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ rank: 1, hours: 6, points: 12, activities: 0 });
    res = await api.get(`/api/volunteer-ranking?orgId=${city.district.id}&period=quarter`, admin);
    expect(res.json().period).toMatchObject({ year: 2026, quarter: 3 });
    const items = res.json().items as { memberName: string; hours: number; points: number }[];
    // Q3: the member 2.5 + 2.5 + 1.5 + 1 = 7.5 h, points 10 + 10 + 3 + 2 = 25; the other 2 + 1 = 3 h, 10 + 2.
    expect(items.map((i) => [i.hours, i.points])).toEqual([
      [7.5, 25],
      [3, 12],
    ]);
  });
});
