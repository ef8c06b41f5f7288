import { chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember, buildOrg } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;
const { get, post, send } = api;

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** A member of street A's branch with a login; their cookie. */
async function memberLogin(orgId = city.branchA.id) {
  const member = await buildMember(api.db, orgId);
  const account = await buildAccount(api.db, { orgId, role: 'member', memberId: member.id });
  return { member, account, cookie: await api.login(account.username) };
}

/** An activity of community A, published; starting `start` hours from now, `length` hours long. */
async function activity(over: Record<string, unknown> = {}, start = 48, length = 2) {
  const res = await post('/api/volunteers/activities', streetA, {
    orgId: city.communityA.id,
    title: '测试活动',
    type: 'clinic',
    place: '社区服务站',
    startsAt: hoursFromNow(start),
    endsAt: hoursFromNow(start + length),
    signupDeadline: hoursFromNow(start - 1),
    capacity: 10,
    publish: true,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; signedUp: number; phase: string; lengthHours: number };
}

async function notificationsOf(accountId: number) {
  return queryRows<{ kind: string; title: string }>(
    api.db,
    sql`select kind, title from notifications where account_id = ${accountId} order by id`,
  );
}

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
});

describe('activities', () => {
  it('refuses bad input with the field named in Chinese', async () => {
    const base = {
      orgId: city.communityA.id,
      title: '义诊',
      type: 'clinic',
      place: '站',
      startsAt: hoursFromNow(10),
      endsAt: hoursFromNow(8),
      signupDeadline: hoursFromNow(5),
    };
    const endBeforeStart = await post('/api/volunteers/activities', streetA, base);
    expect(endBeforeStart.statusCode).toBe(400);
    expect(endBeforeStart.json().message).toBe('结束时间：应晚于开始时间');
    const lateDeadline = await post('/api/volunteers/activities', streetA, {
      ...base,
      endsAt: hoursFromNow(12),
      signupDeadline: hoursFromNow(13),
    });
    expect(lateDeadline.json().message).toBe('报名截止时间：不能晚于结束时间');
    const badType = await post('/api/volunteers/activities', streetA, { ...base, type: 'party' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().message).toContain('活动类型');
    expect((await post('/api/volunteers/activities', undefined, base)).statusCode).toBe(401);
    // The co-host is a resident unit's party organisation of the scope.
    const valid = { ...base, endsAt: hoursFromNow(12) };
    const regional = await post('/api/volunteers/activities', streetA, { ...valid, cohostOrgId: city.branchA.id });
    expect(regional.json().message).toBe('共建单位：应为驻区单位的党组织');
    const unit = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', sector: 'resident_unit' });
    const cohosted = await post('/api/volunteers/activities', streetA, { ...valid, cohostOrgId: unit.id });
    expect(cohosted.statusCode, cohosted.body).toBe(201);
    expect(cohosted.json().cohostOrgName).toBe(unit.name);
    const outside = await post('/api/volunteers/activities', streetA, {
      ...base,
      orgId: city.communityB.id,
      endsAt: hoursFromNow(12),
    });
    expect(outside.statusCode).toBe(404);
  });

  it('goes from draft to published, lists it, and will not shrink below those signed up', async () => {
    const draft = await activity({ publish: false, capacity: 2 });
    expect(draft.phase).toBe('draft');
    const published = await post(`/api/volunteers/activities/${draft.id}/publish`, streetA);
    expect(published.json().phase).toBe('open');
    expect((await post(`/api/volunteers/activities/${draft.id}/publish`, streetA)).statusCode).toBe(409);
    const a = await memberLogin();
    const b = await memberLogin();
    expect((await post(`/api/volunteers/me/activities/${draft.id}/signup`, a.cookie)).json()).toEqual({
      status: 'signed_up',
      position: null,
    });
    expect((await post(`/api/volunteers/me/activities/${draft.id}/signup`, b.cookie)).statusCode).toBe(201);
    const shrink = await send('PATCH', `/api/volunteers/activities/${draft.id}`, streetA, { capacity: 1 });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json().message).toBe('名额：已有2人报名，名额不能少于2');
    const list = await get(`/api/volunteers/activities?orgId=${city.streetA.id}`, streetA);
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(draft.id);
    expect((await get(`/api/volunteers/activities?orgId=${city.streetA.id}`, streetB)).statusCode).toBe(404);
    expect((await get(`/api/volunteers/activities/${draft.id}`, streetB)).statusCode).toBe(404);
    const detail = await get(`/api/volunteers/activities/${draft.id}`, streetA);
    expect(detail.json().signups).toHaveLength(2);
  });

  it('never gives the last place twice, also to two requests at the same instant', async () => {
    const act = await activity({ capacity: 1 });
    const a = await memberLogin();
    const b = await memberLogin();
    const [ra, rb] = await Promise.all([
      post(`/api/volunteers/me/activities/${act.id}/signup`, a.cookie),
      post(`/api/volunteers/me/activities/${act.id}/signup`, b.cookie),
    ]);
    expect([ra.statusCode, rb.statusCode]).toEqual([201, 201]);
    const statuses = [ra.json().status, rb.json().status].sort();
    expect(statuses).toEqual(['signed_up', 'waiting']);
    const [row] = await queryRows<{ signed_up: number }>(
      api.db,
      sql`select signed_up from volunteer_activities where id = ${act.id}`,
    );
    expect(row?.signed_up).toBe(1);
    // Ten at once for a place of three.
    const many = await activity({ capacity: 3 });
    const people = await Promise.all(Array.from({ length: 10 }, () => memberLogin()));
    const answers = await Promise.all(
      people.map((p) => post(`/api/volunteers/me/activities/${many.id}/signup`, p.cookie)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(answers.filter((r) => r.json().status === 'signed_up')).toHaveLength(3);
    expect(
      answers
        .filter((r) => r.json().status === 'waiting')
        .map((r) => r.json().position)
        .sort((x, y) => x - y),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('moves the waiting list up when someone cancels before the deadline, and tells the promoted member', async () => {
    const act = await activity({ capacity: 1 });
    const a = await memberLogin();
    const b = await memberLogin();
    await post(`/api/volunteers/me/activities/${act.id}/signup`, a.cookie);
    const waiting = await post(`/api/volunteers/me/activities/${act.id}/signup`, b.cookie);
    expect(waiting.json()).toEqual({ status: 'waiting', position: 1 });
    expect((await post(`/api/volunteers/me/activities/${act.id}/signup`, b.cookie)).statusCode).toBe(409);
    const open = await get('/api/volunteers/me/activities?view=open', b.cookie);
    expect(open.json().items.find((i: { id: number }) => i.id === act.id)).toMatchObject({
      mySignup: 'waiting',
      myPosition: 1,
    });
    const cancel = await post(`/api/volunteers/me/activities/${act.id}/cancel`, a.cookie);
    expect(cancel.statusCode, cancel.body).toBe(200);
    const mine = await get('/api/volunteers/me/activities?view=mine', b.cookie);
    expect(mine.json().items.find((i: { id: number }) => i.id === act.id)).toMatchObject({
      mySignup: 'signed_up',
      signedUp: 1,
    });
    expect(await notificationsOf(b.account.id)).toEqual([expect.objectContaining({ kind: 'volunteers.promoted' })]);
    expect((await post(`/api/volunteers/me/activities/${act.id}/cancel`, a.cookie)).statusCode).toBe(404);
  });

  it('refuses sign-up and cancelling after the deadline (400), and an activity outside the member (404)', async () => {
    const act = await activity({ signupDeadline: hoursFromNow(-1) }, 5);
    const a = await memberLogin();
    const late = await post(`/api/volunteers/me/activities/${act.id}/signup`, a.cookie);
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toContain('报名截止时间');
    // The organiser may still add someone at the desk.
    const added = await post(`/api/volunteers/activities/${act.id}/signups`, streetA, { memberId: a.member.id });
    expect(added.statusCode, added.body).toBe(201);
    expect((await post(`/api/volunteers/me/activities/${act.id}/cancel`, a.cookie)).statusCode).toBe(400);
    // A member of street B does not see street A's community's activity.
    const other = await memberLogin(city.branchB.id);
    expect((await post(`/api/volunteers/me/activities/${act.id}/signup`, other.cookie)).statusCode).toBe(404);
    // Nor may street A's organiser add street B's member.
    const outside = await post(`/api/volunteers/activities/${act.id}/signups`, streetA, { memberId: other.member.id });
    expect(outside.statusCode).toBe(404);
  });

  it('tells those signed up when it is cancelled', async () => {
    const act = await activity();
    const a = await memberLogin();
    await post(`/api/volunteers/me/activities/${act.id}/signup`, a.cookie);
    const res = await post(`/api/volunteers/activities/${act.id}/cancel`, streetA, { reason: '天气原因' });
    expect(res.json().phase).toBe('cancelled');
    expect(await notificationsOf(a.account.id)).toEqual([
      expect.objectContaining({ kind: 'volunteers.cancelled', title: '活动已取消：测试活动' }),
    ]);
    expect((await post(`/api/volunteers/activities/${act.id}/cancel`, streetA, { reason: 'x' })).statusCode).toBe(409);
    expect((await post(`/api/volunteers/me/activities/${act.id}/signup`, a.cookie)).statusCode).toBe(409);
  });
});

describe('attendance and hours', () => {
  it('confirms hours after the activity: default length, over it only with a reason; then corrections keep the original', async () => {
    const coming = await activity();
    expect(
      (await post(`/api/volunteers/activities/${coming.id}/attendance`, streetA, { entries: [] })).statusCode,
    ).toBe(409);
    const act = await activity({ signupDeadline: hoursFromNow(-30) }, -26, 2.5);
    expect(act.lengthHours).toBe(2.5);
    const a = await memberLogin();
    const b = await memberLogin();
    const c = await memberLogin();
    for (const p of [a, b, c]) {
      expect(
        (await post(`/api/volunteers/activities/${act.id}/signups`, streetA, { memberId: p.member.id })).statusCode,
      ).toBe(201);
    }
    const over = await post(`/api/volunteers/activities/${act.id}/attendance`, streetA, {
      entries: [{ memberId: a.member.id, hours: 4 }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('超过活动时长2.5小时，请填写原因');
    const stranger = await buildMember(api.db, city.branchA.id);
    const notListed = await post(`/api/volunteers/activities/${act.id}/attendance`, streetA, {
      entries: [{ memberId: stranger.id, hours: 1 }],
    });
    expect(notListed.statusCode).toBe(400);
    const ok = await post(`/api/volunteers/activities/${act.id}/attendance`, streetA, {
      entries: [
        { memberId: a.member.id, hours: 2.5 },
        { memberId: b.member.id, hours: 4, reason: '会后留下整理场地' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ phase: 'confirmed', confirmed: 2 });
    const sheet = await get(`/api/volunteers/activities/${act.id}/export`, streetA);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    expect((await get(`/api/volunteers/activities/${act.id}/export`, streetB)).statusCode).toBe(404);
    expect((await post(`/api/volunteers/activities/${act.id}/attendance`, streetA, { entries: [] })).statusCode).toBe(
      409,
    );

    const file = (await get('/api/volunteers/me/file', b.cookie)).json();
    expect(file).toMatchObject({
      hoursTotal: 4,
      hoursThisYear: chinaToday() === file.records[0].servedOn.slice(0, 4) ? 4 : 4,
    });
    expect((await get('/api/volunteers/me/file', c.cookie)).json().hoursTotal).toBe(0);

    const record = file.records[0] as { id: number };
    const noReason = await post(`/api/volunteers/records/${record.id}/correct`, streetA, { hours: 3 });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await post(`/api/volunteers/records/${record.id}/correct`, streetB, { hours: 3, reason: '核对' })).statusCode,
    ).toBe(404);
    const corrected = await post(`/api/volunteers/records/${record.id}/correct`, streetA, {
      hours: 3,
      reason: '核对签到表',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ hours: 3, correctsId: record.id, status: 'confirmed' });
    const rows = await queryRows<{ id: number; status: string; hours: number }>(
      api.db,
      sql`select id::int as id, status, hours::float8 as hours from volunteer_records where member_id = ${b.member.id} order by id`,
    );
    expect(rows.map((r) => [r.status, r.hours])).toEqual([
      ['superseded', 4],
      ['confirmed', 3],
    ]);
    expect((await get('/api/volunteers/me/file', b.cookie)).json().hoursTotal).toBe(3);
    expect(
      (await post(`/api/volunteers/records/${record.id}/correct`, streetA, { hours: 2, reason: 'x' })).statusCode,
    ).toBe(409);
    const trail = await queryRows<{ action: string; n: number }>(
      api.db,
      sql`select action, count(*)::int as n from audit_logs where entity = 'volunteer_record' and entity_id in (${String(record.id)}, ${String(corrected.json().id)}) group by action order by action`,
    );
    expect(trail).toEqual([
      { action: 'volunteer.activity.confirm', n: 1 },
      { action: 'volunteer.record.correct', n: 2 },
    ]);

    const cert = await get(
      `/api/volunteers/members/${b.member.id}/certificate?from=2020-01-01&to=${chinaToday()}`,
      streetA,
    );
    expect(cert.statusCode).toBe(200);
    expect(cert.body).toContain('志愿服务记录证明');
    expect(cert.body).toContain('累计志愿服务时长<strong>3</strong>小时');
    expect(cert.body).toContain('测试活动');
    expect(
      (await get(`/api/volunteers/members/${b.member.id}/certificate?from=2020-01-01&to=${chinaToday()}`, streetB))
        .statusCode,
    ).toBe(404);
    const bad = await get(`/api/volunteers/members/${b.member.id}/certificate?from=2026-12-01&to=2026-01-01`, streetA);
    expect(bad.statusCode).toBe(400);
  });

  it('counts a self-reported service only once the community confirms it', async () => {
    const a = await memberLogin();
    const future = await post('/api/volunteers/me/reports', a.cookie, {
      servedOn: '2999-01-01',
      hours: 2,
      content: '辅导',
      witness: '楼长',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toBe('服务日期：不能晚于今天');
    const tooLong = await post('/api/volunteers/me/reports', a.cookie, {
      servedOn: chinaToday(),
      hours: 30,
      content: '辅导',
      witness: '楼长',
    });
    expect(tooLong.json().message).toBe('时长（小时）：一次最多24小时');
    const res = await post('/api/volunteers/me/reports', a.cookie, {
      servedOn: chinaToday(),
      hours: 1.5,
      content: '为邻居修水管',
      witness: '3号楼楼长',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect((await get('/api/volunteers/me/file', a.cookie)).json().hoursTotal).toBe(0);
    const pending = await get(`/api/volunteers/records?status=pending&orgId=${city.streetA.id}`, streetA);
    expect(pending.json().items.map((r: { id: number }) => r.id)).toContain(id);
    const workbench = await get('/api/workbench', streetA);
    expect(JSON.stringify(workbench.json())).toContain(`volunteers.pending:${id}`);
    expect((await post(`/api/volunteers/records/${id}/confirm`, streetB)).statusCode).toBe(404);
    const confirmed = await post(`/api/volunteers/records/${id}/confirm`, streetA);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', hours: 1.5 });
    expect((await post(`/api/volunteers/records/${id}/confirm`, streetA)).statusCode).toBe(409);
    expect((await get('/api/volunteers/me/file', a.cookie)).json().hoursTotal).toBe(1.5);
    expect(await notificationsOf(a.account.id)).toEqual([expect.objectContaining({ kind: 'volunteers.confirmed' })]);
  });
});

describe('teams and resident volunteers', () => {
  it('forms a team of members and residents with a leader and an area; phones masked', async () => {
    const res = await post('/api/volunteers/residents', streetA, {
      orgId: city.communityA.id,
      name: '周桂兰',
      phone: '13903110021',
      tags: ['理发'],
    });
    expect(res.statusCode, res.body).toBe(201);
    // Whole for an account with member.sensitive (the street), masked for one without (a branch secretary).
    expect(res.json().phone).toBe('13903110021');
    await post('/api/volunteers/residents', streetA, { orgId: city.branchA.id, name: '孙德明', phone: '13903110022' });
    const branch = await api.login(city.branchAUser.username);
    const listed = await get('/api/volunteers/residents', branch);
    expect(listed.json().items).toEqual([expect.objectContaining({ name: '孙德明', phone: '139****0022' })]);
    const team = await post('/api/volunteers/teams', streetA, {
      orgId: city.communityA.id,
      name: '治安巡逻员队',
      area: '1号楼',
    });
    expect(team.statusCode).toBe(201);
    const teamId = team.json().id as number;
    expect(
      (await post('/api/volunteers/teams', streetA, { orgId: city.communityA.id, name: '治安巡逻员队' })).statusCode,
    ).toBe(409);
    const m = await buildMember(api.db, city.branchA.id);
    await post(`/api/volunteers/teams/${teamId}/members`, streetA, { memberId: m.id, leader: true });
    const both = await post(`/api/volunteers/teams/${teamId}/members`, streetA, {
      residentId: res.json().id,
      area: '2号楼',
    });
    expect(both.json()).toMatchObject({ leaderName: m.name, size: 2 });
    const outsider = await buildMember(api.db, city.branchB.id);
    expect((await post(`/api/volunteers/teams/${teamId}/members`, streetA, { memberId: outsider.id })).statusCode).toBe(
      404,
    );
    const file = await get(`/api/volunteers/members/${m.id}/file`, streetA);
    expect(file.json().teams).toEqual([{ id: teamId, name: '治安巡逻员队', leader: true, area: '1号楼' }]);
    expect((await get(`/api/volunteers/members/${m.id}/file`, branch)).json().phone).toBe('138****8000');
    // A team activity is open to its members only.
    const teamAct = await activity({ teamId });
    const inTeam = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member', memberId: m.id });
    const notInTeam = await memberLogin();
    const cookie = await api.login(inTeam.username);
    expect((await post(`/api/volunteers/me/activities/${teamAct.id}/signup`, notInTeam.cookie)).statusCode).toBe(404);
    expect((await post(`/api/volunteers/me/activities/${teamAct.id}/signup`, cookie)).statusCode).toBe(201);
  });
});
