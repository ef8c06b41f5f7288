import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Queryable, queryRows } from '../../src/db/client.js';
import { requestDeadlines } from '../../src/request-oversight/deadlines.js';
import { oversightJob, runOversight } from '../../src/request-oversight/escalation.js';
import { JobRunner } from '../../src/scheduler/runner.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildOrg } from '../helpers/factories.js';
import { registerForTest } from '../helpers/volunteer-sheets.js';
import { asSystem, eventsOf, insertRequest, readRequest } from '../helpers/request-oversight.js';

const api = useApi();
const HOUR = 3_600_000;
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;
let street: string;
let streetB: string;
let community: string;
let communityAccountId: number;

beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
  street = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
  const account = await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' });
  communityAccountId = account.id;
  community = await api.login(account.username);
});

const messagesOf = (accountId: number, kind: string) =>
  queryRows<{ title: string }>(
    api.db,
    sql`select title from notifications where account_id = ${accountId} and kind = ${kind} order by id`,
  );

describe('deadlines per category (city default, district override)', () => {
  it('defaults: 24 h / 7 days, urgent categories 2 h / 24 h', async () => {
    const at = new Date('2026-12-07T00:00:00Z');
    expect(await requestDeadlines(api.db, city.communityA.id, 'sanitation', at)).toEqual({
      respondBy: '2026-12-08T00:00:00.000Z',
      resolveBy: '2026-12-14T00:00:00.000Z',
    });
    expect(await requestDeadlines(api.db, city.communityA.id, 'safety', at)).toEqual({
      respondBy: '2026-12-07T02:00:00.000Z',
      resolveBy: '2026-12-08T00:00:00.000Z',
    });
  });

  it('the city sets a default, a district overrides one field, the community inherits both', async () => {
    const put = (orgId: number, body: object, cookie = admin) =>
      api.send('PATCH', `/api/request-deadlines/${orgId}`, cookie, body);
    expect((await put(city.city.id, { category: 'policy', respondHours: 12, resolveHours: 72 })).statusCode).toBe(200);
    const res = await put(city.district.id, { category: 'policy', respondHours: null, resolveHours: 48 });
    expect(res.statusCode, res.body).toBe(200);
    const at = new Date('2026-12-07T00:00:00Z');
    expect(await requestDeadlines(api.db, city.communityA.id, 'policy', at)).toEqual({
      respondBy: '2026-12-07T12:00:00.000Z',
      resolveBy: '2026-12-09T00:00:00.000Z',
    });
    const read = await api.get(`/api/request-deadlines?orgId=${city.communityA.id}`, community);
    expect(read.statusCode).toBe(200);
    const policy = read.json().categories.find((c: { category: string }) => c.category === 'policy');
    expect(policy).toMatchObject({
      own: null,
      effective: {
        respondHours: 12,
        resolveHours: 48,
        respondSetBy: { orgId: city.city.id },
        resolveSetBy: { orgId: city.district.id },
      },
    });
    expect(read.json().settable).toBe(false);
    // Both fields null: the district's own setting goes, the city's applies again.
    expect(
      (await put(city.district.id, { category: 'policy', respondHours: null, resolveHours: null })).statusCode,
    ).toBe(200);
    expect((await requestDeadlines(api.db, city.communityA.id, 'policy', at)).resolveBy).toBe(
      '2026-12-10T00:00:00.000Z',
    );
  });

  it('refuses a street, respond after resolve, bad values; outside the scope is 404', async () => {
    const put = (orgId: number, body: object, cookie = admin) =>
      api.send('PATCH', `/api/request-deadlines/${orgId}`, cookie, body);
    const notSettable = await put(city.streetA.id, { category: 'repair', respondHours: 1, resolveHours: 2 });
    expect(notSettable.statusCode).toBe(400);
    expect(notSettable.json()).toMatchObject({ field: 'orgId' });
    const backwards = await put(city.district.id, { category: 'repair', respondHours: 200, resolveHours: null });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ field: 'respondHours', message: expect.stringContaining('响应时限') });
    const zero = await put(city.district.id, { category: 'repair', respondHours: 0, resolveHours: null });
    expect(zero.json()).toMatchObject({ field: 'respondHours', message: expect.stringContaining('响应时限（小时）') });
    const category = await put(city.district.id, { category: '其他', respondHours: 1, resolveHours: null });
    expect(category.json()).toMatchObject({ field: 'category', message: expect.stringContaining('诉求类别') });
    // A street's account cannot reach the district above it.
    expect(
      (await put(city.district.id, { category: 'repair', respondHours: 1, resolveHours: null }, street)).statusCode,
    ).toBe(404);
    expect(
      (await api.send('PATCH', `/api/request-deadlines/${city.district.id}`, undefined, { category: 'repair' }))
        .statusCode,
    ).toBe(401);
  });
});

describe('escalation by the job runner', () => {
  it('moves an unresolved request up once, with two runners at once and after a restart; then to the district', async () => {
    const t0 = new Date();
    const late = await insertRequest(api.db, { orgId: city.communityA.id, ago: 170, now: t0 }); // 2 h past resolve_by
    const onTime = await insertRequest(api.db, { orgId: city.communityA.id, ago: 100, now: t0 });
    const resolved = await insertRequest(api.db, { orgId: city.communityA.id, ago: 170, now: t0, resolvedAfter: 100 });
    let now = t0;
    const clock = { now: () => now };
    const runners = [1, 2].map(() => new JobRunner(api.db, [oversightJob], { dueSources: [] }, clock));
    await runners[0]!.register();
    const outcomes = (await Promise.all(runners.map((r) => r.tick()))).flat();
    expect(outcomes).toHaveLength(1);
    // Not the runner's lease alone: the statement itself moves each request once, whoever runs it.
    const direct = await Promise.all([runOversight(api.db, now), runOversight(api.db, now)]);
    expect(direct.map((d) => d.toStreet)).toEqual([0, 0]);

    const row = await readRequest(api.db, late);
    expect(row).toMatchObject({ escalation_level: 1, escalation_org_id: city.streetA.id, resolve_overdue: true });
    expect((await readRequest(api.db, onTime)).escalation_level).toBe(0);
    expect((await readRequest(api.db, resolved)).escalation_level).toBe(0);
    const events = (await eventsOf(api.db, late)).filter((e) => e.kind === 'escalated');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_account_id: null, note: expect.stringContaining('自动上报甲街道党工委') });
    expect(await messagesOf(city.streetAUser.id, 'request-oversight.escalated')).toEqual([
      { title: expect.stringContaining('已上报街道督办') },
    ]);
    expect(await messagesOf(communityAccountId, 'request-oversight.escalated')).toHaveLength(1);
    // The audit trail has the job's change, by the system.
    const [audit] = await queryRows<{ actor_name: string }>(
      api.db,
      sql`select actor_name from audit_logs where action = 'request_oversight.escalate' and entity = 'service_request'
           and entity_id = ${String(late)}`,
    );
    expect(audit?.actor_name).toBe('system');

    // A restart: a new runner, the job due again, finds nothing more to move.
    now = new Date(t0.getTime() + 10 * 60_000);
    const restarted = new JobRunner(api.db, [oversightJob], { dueSources: [] }, clock);
    const [again] = await restarted.tick();
    expect(again?.result).toMatchObject({ toStreet: 0, toDistrict: 0 });

    // The street's deadline is the missed one plus the same span (7 days): past it, the district.
    expect(Date.parse(row.escalate_at!)).toBe(Date.parse(t0.toISOString()) - 170 * HOUR + 2 * 168 * HOUR);
    now = new Date(Date.parse(row.escalate_at!) + 60_000);
    const both = await Promise.all([runOversight(api.db, now), runOversight(api.db, now)]);
    expect(both.map((b) => b.toDistrict).sort()).toEqual([0, 1]);
    expect(await readRequest(api.db, late)).toMatchObject({ escalation_level: 2, escalation_org_id: city.district.id });
    expect((await eventsOf(api.db, late)).filter((e) => e.kind === 'escalated')).toHaveLength(2);
  });
});

describe("the street's queue: take it or send it back", () => {
  it('lists only what is held by the subtree; takes once; community and other street refused', async () => {
    const id = await insertRequest(api.db, {
      orgId: city.communityA.id,
      ago: 200,
      escalationLevel: 1,
      escalationOrgId: city.streetA.id,
    });
    const outside = await insertRequest(api.db, {
      orgId: city.communityB.id,
      ago: 200,
      escalationLevel: 1,
      escalationOrgId: city.streetB.id,
    });
    const list = await api.get('/api/request-oversight/queue?pageSize=200', street);
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((i: { id: number }) => i.id);
    expect(ids).toContain(id);
    expect(ids).not.toContain(outside);
    // The community holds nothing above it.
    expect((await api.get('/api/request-oversight/queue', community)).json().items).toEqual([]);

    expect((await api.post(`/api/request-oversight/requests/${outside}/take`, street, {})).statusCode).toBe(404);
    const byCommunity = await api.post(`/api/request-oversight/requests/${id}/take`, community, {});
    expect(byCommunity.statusCode).toBe(409);
    expect(byCommunity.json().message).toContain('已上报街道');
    const taken = await api.post(`/api/request-oversight/requests/${id}/take`, street, { note: '街道牵头协调物业' });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ id, escalationLevel: 1, takenAt: expect.any(String) });
    const twice = await api.post(`/api/request-oversight/requests/${id}/take`, street, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('该诉求已接办');
    const [event] = (await eventsOf(api.db, id)).filter((e) => e.kind === 'taken');
    expect(event).toMatchObject({ note: '街道牵头协调物业', actor_account_id: city.streetAUser.id });
    // Status stays with the request.
    expect((await readRequest(api.db, id)).status).toBe('accepted');
    // Street B's own account takes its own.
    expect((await api.post(`/api/request-oversight/requests/${outside}/take`, streetB, {})).statusCode).toBe(200);
  });

  it('sends it back with instructions and a new deadline; the community sees it; missing it moves it up again', async () => {
    const id = await insertRequest(api.db, {
      orgId: city.communityA.id,
      ago: 200,
      escalationLevel: 1,
      escalationOrgId: city.streetA.id,
    });
    const empty = await api.post(`/api/request-oversight/requests/${id}/return`, street, { instructions: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ field: 'instructions', message: expect.stringContaining('办理意见') });
    const tooLong = await api.post(`/api/request-oversight/requests/${id}/return`, street, {
      instructions: '意'.repeat(501),
    });
    expect(tooLong.json()).toMatchObject({ field: 'instructions' });
    const days = await api.post(`/api/request-oversight/requests/${id}/return`, street, {
      instructions: '核实',
      days: 31,
    });
    expect(days.json()).toMatchObject({ field: 'days' });

    const before = Date.now();
    const res = await api.post(`/api/request-oversight/requests/${id}/return`, street, {
      instructions: '请社区联系物业，三天内修好并回访居民',
      days: 3,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ escalationLevel: 0, escalationOrgId: null, returnedAt: expect.any(String) });
    const due = Date.parse(res.json().escalateAt);
    expect(due).toBeGreaterThanOrEqual(before + 3 * 24 * HOUR - 1000);
    const [event] = (await eventsOf(api.db, id)).filter((e) => e.kind === 'returned');
    expect(event?.note).toContain('请社区联系物业');
    expect(await messagesOf(communityAccountId, 'request-oversight.returned')).not.toEqual([]);
    const returned = await api.get('/api/request-oversight/queue?view=returned', community);
    expect(returned.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, returnNote: '请社区联系物业，三天内修好并回访居民' })]),
    );
    // Back at the community: nothing to send back any more.
    const again = await api.post(`/api/request-oversight/requests/${id}/return`, street, { instructions: '再退' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('尚未上报');
    // Still overdue for the rates, and up again once the new deadline passes.
    expect((await readRequest(api.db, id)).escalation_level).toBe(0);
    await runOversight(api.db, new Date(due - 60_000));
    expect((await readRequest(api.db, id)).escalation_level).toBe(0);
    await runOversight(api.db, new Date(due + 60_000));
    expect(await readRequest(api.db, id)).toMatchObject({ escalation_level: 1, escalation_org_id: city.streetA.id });
  });

  it('the district sends one back to the street', async () => {
    const id = await insertRequest(api.db, {
      orgId: city.communityA.id,
      ago: 400,
      escalationLevel: 2,
      escalationOrgId: city.district.id,
    });
    // The street cannot act on what the district holds.
    expect((await api.post(`/api/request-oversight/requests/${id}/take`, street, {})).statusCode).toBe(409);
    const res = await api.post(`/api/request-oversight/requests/${id}/return`, admin, { instructions: '街道督促办理' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ escalationLevel: 1, escalationOrgId: city.streetA.id });
  });
});

describe('rates from counters', () => {
  const snapshot = (q: Queryable) =>
    queryRows<{ org_id: number; month: string; metric: string; n: number }>(
      q,
      sql`select org_id::int, month, metric, n from request_rate_figures where n <> 0 order by 1, 2, 3`,
    );
  async function expectKeptEqualsRebuild() {
    const kept = await snapshot(api.db);
    let rebuilt: typeof kept = [];
    await api.db
      .transaction(async (tx) => {
        await tx.execute(sql`select request_rate_figures_rebuild()`);
        rebuilt = await snapshot(tx);
        tx.rollback();
      })
      .catch(() => undefined);
    expect(kept).toEqual(rebuilt);
  }

  it('kept counters equal a rebuild; the rates equal a hand count', async () => {
    const street = await buildOrg(api.db, { parentId: city.district.id, type: 'street_committee', name: '丙街道' });
    const c1 = await buildOrg(api.db, { parentId: street.id, type: 'community_committee', name: '丙一社区' });
    const c2 = await buildOrg(api.db, { parentId: street.id, type: 'community_committee', name: '丙二社区' });
    // A fixed day in the middle of a month (noon in Beijing) and the job run at that time by a fake clock.
    const now = new Date('2026-11-15T04:00:00Z');
    const r = (orgId: number, spec: Omit<Parameters<typeof insertRequest>[1], 'orgId' | 'now'>) =>
      insertRequest(api.db, { orgId, now, ...spec });
    // c1: responded in time and resolved in time, satisfied; responded late (30 h of 24) and resolved late, unsatisfied;
    // responded, open past its 4 h to resolve; submitted 7 h ago with 30 h to respond (not due yet).
    await r(c1.id, { ago: 10, respondedAfter: 2, resolvedAfter: 5, rating: 'satisfied' });
    await r(c1.id, { ago: 40, respondedAfter: 30, resolvedAfter: 35, resolveHours: 34, rating: 'unsatisfied' });
    const overdue = await r(c1.id, { ago: 8, respondedAfter: 1, resolveHours: 4 });
    await r(c1.id, { ago: 7, status: 'submitted', respondHours: 30 });
    // c2: resolved in time, basically satisfied; a duplicate merged into it (never counted); one declined (responded,
    // never resolved).
    const kept = await r(c2.id, { ago: 6, respondedAfter: 1, resolvedAfter: 2, rating: 'basically' });
    await r(c2.id, { ago: 5, status: 'merged', mergedIntoId: kept });
    await r(c2.id, { ago: 4, status: 'declined', respondedAfter: 1 });
    // Time, not a write, makes the open one overdue: the job's run is the write the counters see.
    await expectKeptEqualsRebuild();
    await runOversight(api.db, now);
    expect((await readRequest(api.db, overdue)).resolve_overdue).toBe(true);
    await expectKeptEqualsRebuild();

    const period = '2026-11';
    const res = await api.get(`/api/request-oversight/rates?orgId=${street.id}&period=${period}`, admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const c1Counters = body.children.find((c: { orgId: number }) => c.orgId === c1.id).counters;
    expect(c1Counters).toEqual({
      total: 4,
      dueRespond: 3,
      respondedInTime: 2,
      resolved: 2,
      resolvedInTime: 1,
      openOverdue: 1,
      rated: 2,
      satisfied: 1,
    });
    const c2Counters = body.children.find((c: { orgId: number }) => c.orgId === c2.id).counters;
    expect(c2Counters).toEqual({
      total: 2,
      dueRespond: 2,
      respondedInTime: 2,
      resolved: 1,
      resolvedInTime: 1,
      openOverdue: 0,
      rated: 1,
      satisfied: 1,
    });
    expect(body.org.counters.total).toBe(6);
    expect(body.org.rates).toEqual({
      responseRate: 4 / 5,
      resolutionRate: 3 / 6,
      satisfactionRate: 2 / 3,
      onTimeRate: 2 / 4,
    });

    // A write moves the counters in the same transaction: the overdue one is resolved (late).
    await asSystem(api.db, (tx) =>
      tx.execute(
        sql`update service_requests set status = 'done', resolved_at = now(), done_at = now() where id = ${overdue}`,
      ),
    );
    await expectKeptEqualsRebuild();
    const after = (await api.get(`/api/request-oversight/rates?orgId=${c1.id}&period=${period}`, admin)).json();
    expect(after.org.counters).toMatchObject({ resolved: 3, resolvedInTime: 1, openOverdue: 0 });

    // A quarter and a year are the sums of their months; a bad period is a 400 naming the field.
    const quarter = '2026-Q4';
    expect(
      (await api.get(`/api/request-oversight/rates?orgId=${c1.id}&period=${quarter}`, admin)).json().org.counters,
    ).toEqual(after.org.counters);
    const bad = await api.get(`/api/request-oversight/rates?orgId=${c1.id}&period=2026-13`, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'period', message: expect.stringContaining('统计周期') });
    const xlsx = await api.get(`/api/request-oversight/rates/export?orgId=${street.id}&period=${period}`, admin);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('reminders before the deadline (事前提醒)', () => {
  it('the workbench lists requests in the last quarter of their time; the job tells the community once', async () => {
    const org = await buildOrg(api.db, { parentId: city.streetA.id, type: 'community_committee', name: '提醒社区' });
    const account = await buildAccount(api.db, { orgId: org.id, role: 'community_committee' });
    const cookie = await api.login(account.username);
    // Submitted 20 h ago, not responded: 4 h of its 24 h left (< a quarter).
    const soon = await insertRequest(api.db, { orgId: org.id, ago: 20, status: 'submitted' });
    // Submitted 10 h ago: not yet.
    const later = await insertRequest(api.db, { orgId: org.id, ago: 10, status: 'submitted' });
    const bench = await api.get('/api/workbench', cookie);
    expect(bench.statusCode).toBe(200);
    const source = bench.json().sources.find((s: { name: string }) => s.name === 'request-oversight.due');
    expect(source).toMatchObject({ total: 1 });
    expect(source.items.map((i: { key: string }) => i.key)).toEqual([`request-oversight.due:${soon}`]);

    await runOversight(api.db, new Date());
    await runOversight(api.db, new Date());
    expect(await messagesOf(account.id, 'request-oversight.due')).toEqual([
      { title: expect.stringContaining('1件临近响应时限') },
    ]);
    expect((await readRequest(api.db, soon)).reminded).toBe(1);
    expect((await readRequest(api.db, later)).reminded).toBe(0);
  });

  it("the street's workbench counts its escalated queue", async () => {
    const bench = await api.get('/api/workbench', street);
    const source = bench.json().sources.find((s: { name: string }) => s.name === 'request-oversight.escalated');
    expect(source.total).toBeGreaterThan(0);
  });
});

describe("members' fulfilled requests", () => {
  it('count on the in-service quarterly sheet and the volunteer file: done in the quarter, dispatched to or claimed by the member', async () => {
    const { memberId } = await registerForTest(api.db, {
      memberOrgId: city.branchA.id,
      communityId: city.communityA.id,
      registeredOn: '2026-09-01',
    });
    const base = new Date('2026-10-20T04:00:00Z');
    const r = (spec: Omit<Parameters<typeof insertRequest>[1], 'orgId' | 'now'>) =>
      insertRequest(api.db, { orgId: city.communityA.id, now: base, assigneeMemberId: memberId, ...spec });
    await r({ ago: 48, resolvedAfter: 24 }); // done on 10-19: counts
    await r({ ago: 24 * 40, resolvedAfter: 24 }); // done in September: the quarter before
    await r({ ago: 10, status: 'in_progress' }); // not done
    const made = await api.post('/api/residence-sheets/generate', admin, { year: 2026, quarter: 4 });
    expect(made.statusCode, made.body).toBe(200);
    const res = await api.get('/api/residence-sheets?year=2026&quarter=4&pageSize=200', admin);
    const sheet = (res.json().items as { memberId: number; requestsFulfilled: number }[]).find(
      (s) => s.memberId === memberId,
    );
    expect(sheet?.requestsFulfilled).toBe(1);
    // The member's volunteer file: both done this year.
    const file = await api.get(`/api/volunteers/members/${memberId}/file`, admin);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.json()).toMatchObject({ requestsThisYear: 2, requestsTotal: 2 });
  });
});
