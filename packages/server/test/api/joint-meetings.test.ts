import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildUnit, buildZone, meetingBody } from '../helpers/co-building.js';
import { buildAccount, buildCity } from '../helpers/factories.js';

const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let community: string;
let unitA: { id: number; name: string };
let unitA2: { id: number; name: string };
let liaison: { cookie: string; username: string };
const today = () => chinaToday();

type Meeting = {
  id: number;
  zoneId: number | null;
  status: string;
  units: { unitId: number; present: boolean | null; attendees: string | null }[];
  outcomes: { id: number; kind: string; state: string | null; dueOn: string | null }[];
  carried: { id: number; overdue: boolean; text: string }[];
};

async function meeting(daysAgo = 1, over: object = {}): Promise<Meeting> {
  const res = await post(
    '/api/joint-meetings',
    community,
    meetingBody(city.communityA.id, [unitA.id, unitA2.id], daysAgo, over),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function task(meetingId: number, over: object = {}) {
  const res = await post(`/api/joint-meetings/${meetingId}/outcomes`, community, {
    kind: 'task',
    text: '测试任务',
    ownerUnitId: unitA.id,
    dueOn: addDays(today(), 10),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const m = res.json() as Meeting;
  return (m.outcomes.at(-1) as { id: number }).id;
}

async function counts(orgId: number) {
  const res = await get(`/api/joint-meetings/figures?orgId=${orgId}`, streetA);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  const c = await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' });
  community = await api.login(c.username);
  const l = await buildAccount(api.db, { orgId: city.communityA.id, role: 'unit_liaison' });
  unitA = await buildUnit(api.db, city.communityA.id, l.id);
  unitA2 = await buildUnit(api.db, city.communityA.id);
  liaison = { cookie: await api.login(l.username), username: l.username };
});

describe('joint meetings', () => {
  it('asks for a session and the permission', async () => {
    expect((await get('/api/joint-meetings')).statusCode).toBe(401);
    expect((await get('/api/joint-meetings', liaison.cookie)).statusCode).toBe(403);
    expect((await post('/api/joint-meetings', liaison.cookie, meetingBody(city.communityA.id, []))).statusCode).toBe(
      403,
    );
  });

  it('refuses bad input naming the field', async () => {
    const bad = async (over: object, field: string, message: RegExp) => {
      const res = await post('/api/joint-meetings', community, meetingBody(city.communityA.id, [unitA.id], 1, over));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().field).toBe(field);
      expect(res.json().message).toMatch(message);
    };
    await bad({ title: ' ' }, 'title', /会议名称：不能为空/);
    await bad({ startTime: '25:00' }, 'startTime', /开始时间/);
    await bad({ startTime: '10:00', endTime: '09:00' }, 'endTime', /结束时间：应晚于开始时间/);
    await bad({ orgId: city.branchA.id }, 'orgId', /召开组织：联席会议由社区大党委/);
    await bad({ unitIds: [unitA.id, unitA.id] }, 'unitIds.1', /重复邀请/);
  });

  it('records a meeting as it is held: attendance ticks, typed outcomes, a task not due before the meeting', async () => {
    const m = await meeting(0);
    expect(m.units.map((u) => u.present)).toEqual([null, null]);
    const tick = await post(`/api/joint-meetings/${m.id}/attendance`, community, {
      unitId: unitA.id,
      present: true,
      attendees: '王书记、李委员',
    });
    expect(tick.statusCode, tick.body).toBe(200);
    expect(tick.json().units).toContainEqual({
      unitId: unitA.id,
      name: unitA.name,
      present: true,
      attendees: '王书记、李委员',
    });
    expect(tick.json().present).toBe(1);

    const other = await buildUnit(api.db, city.communityA.id);
    const uninvited = await post(`/api/joint-meetings/${m.id}/attendance`, community, {
      unitId: other.id,
      present: true,
    });
    expect(uninvited.statusCode).toBe(400);
    expect(uninvited.json().message).toMatch(/不在本次会议的邀请名单中/);

    const early = await post(`/api/joint-meetings/${m.id}/outcomes`, community, {
      kind: 'task',
      text: '早于会议的任务',
      ownerUnitId: unitA.id,
      dueOn: addDays(today(), -1),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ field: 'dueOn', message: `完成期限：不能早于会议日期（${today()}）` });
    const noOwner = await post(`/api/joint-meetings/${m.id}/outcomes`, community, {
      kind: 'task',
      text: '无主',
      dueOn: today(),
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().field).toBe('ownerUnitId');
    const infoWithDue = await post(`/api/joint-meetings/${m.id}/outcomes`, community, {
      kind: 'information',
      text: '通报',
      dueOn: today(),
    });
    expect(infoWithDue.statusCode).toBe(400);

    await post(`/api/joint-meetings/${m.id}/outcomes`, community, { kind: 'information', text: '通报事项' });
    await post(`/api/joint-meetings/${m.id}/outcomes`, community, { kind: 'decision', text: '决议事项' });
    await task(m.id, { dueOn: today() });
    const after = (await get(`/api/joint-meetings/${m.id}`, community)).json() as Meeting;
    expect(after.outcomes.map((o) => [o.kind, o.state])).toEqual([
      ['information', null],
      ['decision', null],
      ['task', 'open'],
    ]);

    // The meeting's date cannot move past a task's due date.
    const moved = await send(
      'PATCH',
      `/api/joint-meetings/${m.id}`,
      community,
      meetingBody(city.communityA.id, [unitA.id, unitA2.id], -5),
    );
    expect(moved.statusCode).toBe(400);
    expect(moved.json().field).toBe('heldOn');

    const held = await post(`/api/joint-meetings/${m.id}/held`, community);
    expect(held.statusCode, held.body).toBe(200);
    expect((await post(`/api/joint-meetings/${m.id}/held`, community)).statusCode).toBe(409);
    expect((await send('DELETE', `/api/joint-meetings/${m.id}`, community)).statusCode).toBe(409);
  });

  it('refuses ticks and outcomes before the meeting begins', async () => {
    const m = await meeting(-3);
    const tick = await post(`/api/joint-meetings/${m.id}/attendance`, community, { unitId: unitA.id, present: true });
    expect(tick.statusCode).toBe(400);
    expect(tick.json().message).toMatch(/会议尚未开始/);
    const o = await post(`/api/joint-meetings/${m.id}/outcomes`, community, { kind: 'decision', text: '提前' });
    expect(o.statusCode).toBe(400);
    expect((await send('DELETE', `/api/joint-meetings/${m.id}`, community)).statusCode).toBe(204);
  });

  it('opens the next meeting with the open and overdue tasks of earlier ones', async () => {
    const org = await buildUnit(api.db, city.communityA.id);
    const first = await meeting(20, { unitIds: [org.id] });
    const overdue = await task(first.id, { text: '逾期任务', ownerUnitId: org.id, dueOn: addDays(today(), -5) });
    const open = await task(first.id, {
      text: '未到期任务',
      ownerUnitId: undefined,
      ownerOrgId: city.communityA.id,
      dueOn: addDays(today(), 9),
    });
    const done = await task(first.id, { text: '已完成任务', ownerUnitId: org.id, dueOn: addDays(today(), 9) });
    const finished = await post(`/api/joint-meetings/tasks/${done}/progress`, community, {
      note: '办完了',
      done: true,
    });
    expect(finished.statusCode, finished.body).toBe(201);
    expect(finished.json()).toMatchObject({ state: 'done', doneOn: today(), lastNote: '办完了' });

    const next = await meeting(-7, { unitIds: [org.id] });
    const carried = next.carried.filter((t) => [overdue, open, done].includes(t.id));
    expect(carried.map((t) => [t.id, t.overdue])).toEqual([
      [overdue, true],
      [open, false],
    ]);
    // Done since: no longer carried; the earlier meeting itself carries nothing of its own.
    await post(`/api/joint-meetings/tasks/${open}/progress`, community, { note: '完成', done: true });
    const again = (await get(`/api/joint-meetings/${next.id}`, community)).json() as Meeting;
    expect(again.carried.map((t) => t.id).filter((id) => [overdue, open, done].includes(id))).toEqual([overdue]);
    const own = (await get(`/api/joint-meetings/${first.id}`, community)).json() as Meeting;
    expect(own.carried.map((t) => t.id)).not.toContain(overdue);

    // A zone's meetings carry the zone's own tasks, not the big committee's.
    const zone = await buildZone(api.db, city.communityA.id);
    const zoneMeeting = await meeting(-7, { unitIds: [org.id], zoneId: zone });
    expect(zoneMeeting).toMatchObject({ zoneId: zone });
    expect(zoneMeeting.carried.map((t) => t.id)).not.toContain(overdue);
    const otherZone = await buildZone(api.db, city.communityB.id);
    const refused = await post(
      '/api/joint-meetings',
      community,
      meetingBody(city.communityA.id, [], 1, { zoneId: otherZone }),
    );
    expect(refused.statusCode).toBe(404);
    const street = await post('/api/joint-meetings', streetA, meetingBody(city.streetA.id, [], 1, { zoneId: zone }));
    expect(street.statusCode).toBe(400);
    expect(street.json()).toMatchObject({ field: 'zoneId', message: '协作区：协作区的联席会议由协作区所属组织召开' });

    // The overdue task is on the community's workbench.
    const wb = await get('/api/workbench', community);
    const source = (wb.json().sources as { name: string; items: { key: string; overdue: boolean }[] }[]).find(
      (s) => s.name === 'joint-meetings.tasks',
    );
    expect(source?.items).toContainEqual(
      expect.objectContaining({ key: `joint-meetings.tasks:${overdue}`, overdue: true }),
    );
  });

  it("shows the unit liaison its own unit's tasks only, and lets it report them done", async () => {
    const m = await meeting(2);
    const mine = await task(m.id, { text: '联络员的任务', ownerUnitId: unitA.id });
    const theirs = await task(m.id, { text: '别家的任务', ownerUnitId: unitA2.id });
    const list = await get('/api/joint-meetings/unit-tasks', liaison.cookie);
    expect(list.statusCode).toBe(200);
    const ids = (list.json().items as { id: number }[]).map((t) => t.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(
      (await post(`/api/joint-meetings/unit-tasks/${theirs}/progress`, liaison.cookie, { note: '越权' })).statusCode,
    ).toBe(404);
    expect(
      (await post(`/api/joint-meetings/tasks/${mine}/progress`, liaison.cookie, { note: '越权' })).statusCode,
    ).toBe(403);
    expect((await get(`/api/joint-meetings/${m.id}`, liaison.cookie)).statusCode).toBe(403);

    const note = await post(`/api/joint-meetings/unit-tasks/${mine}/progress`, liaison.cookie, { note: '已着手' });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ state: 'open', lastNote: '已着手' });
    const done = await post(`/api/joint-meetings/unit-tasks/${mine}/progress`, liaison.cookie, {
      note: '已完成',
      done: true,
    });
    expect(done.json()).toMatchObject({ state: 'done', doneOn: today() });
    const twice = await post(`/api/joint-meetings/unit-tasks/${mine}/progress`, liaison.cookie, {
      note: '再报',
      done: true,
    });
    expect(twice.statusCode).toBe(409);
    const record = (await get(`/api/joint-meetings/${m.id}`, community)).json() as {
      outcomes: { id: number; progress: { note: string; byName: string }[] }[];
    };
    expect(record.outcomes.find((o) => o.id === mine)?.progress.map((p) => p.note)).toEqual(['已着手', '已完成']);
  });

  it('counts meetings held and tasks done on time from the kept counters, equal to a rebuild', async () => {
    const before = await counts(city.streetA.id);
    const m = await meeting(3);
    const t1 = await task(m.id, { dueOn: addDays(today(), 1) });
    await task(m.id, { dueOn: addDays(today(), 1) });
    await post(`/api/joint-meetings/${m.id}/held`, community);
    await post(`/api/joint-meetings/tasks/${t1}/progress`, community, { note: '按期', done: true });
    const after = await counts(city.streetA.id);
    expect(after.meetingsHeld - before.meetingsHeld).toBe(1);
    expect(after.tasks - before.tasks).toBe(2);
    expect(after.tasksDone - before.tasksDone).toBe(1);
    expect(after.tasksOnTime - before.tasksOnTime).toBe(1);
    expect(after.children.map((c: { orgId: number }) => c.orgId)).toContain(city.communityA.id);

    const kept = await queryRows<{ org_id: number; metric: string; n: number }>(
      api.db,
      sql`select org_id::int as org_id, metric, n from cobuild_counts where n <> 0 order by 1, 2`,
    );
    const keptUnits = await queryRows(
      api.db,
      sql`select unit_id::int, metric, n from cobuild_unit_counts where n <> 0 order by 1, 2`,
    );
    await api.db.execute(sql`select cobuild_counts_rebuild()`);
    const rebuilt = await queryRows(
      api.db,
      sql`select org_id::int as org_id, metric, n from cobuild_counts where n <> 0 order by 1, 2`,
    );
    expect(rebuilt).toEqual(kept);
    expect(
      await queryRows(api.db, sql`select unit_id::int, metric, n from cobuild_unit_counts where n <> 0 order by 1, 2`),
    ).toEqual(keptUnits);
  });

  it('prints the minutes on A4 with the attendance, and exports the tasks', async () => {
    const m = await meeting(1);
    await post(`/api/joint-meetings/${m.id}/attendance`, community, {
      unitId: unitA.id,
      present: true,
      attendees: '赵主任',
    });
    await post(`/api/joint-meetings/${m.id}/attendance`, community, { unitId: unitA2.id, present: false });
    await task(m.id, { text: '打印用任务' });
    const page = await get(`/api/joint-meetings/${m.id}/minutes`, community);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('会议纪要');
    expect(page.body).toContain('赵主任');
    expect(page.body).toContain(`缺席单位：${unitA2.name}`);
    expect(page.body).toContain('打印用任务');
    const xlsx = await get(`/api/joint-meetings/tasks/export?orgId=${city.communityA.id}`, community);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const [event] = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where action in ('joint_task.export', 'joint_meeting.print') order by id desc limit 1`,
    );
    expect(event?.action).toBe('joint_task.export');
  });
});
