import { addDays, chinaToday } from '@gongjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../helpers/api.js';
import { buildRequest, buildUnit } from '../helpers/co-building.js';
import { buildAccount, buildCity, buildOrg } from '../helpers/factories.js';

const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let community: string;
let unitA: { id: number; name: string };
let liaison: string;

async function made(cookie: string, url: string, body: object) {
  const res = await post(url, cookie, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; status: string };
}
const need = (over: object = {}) =>
  made(community, '/api/co-lists/needs', {
    orgId: city.communityA.id,
    title: '周末活动场地',
    category: 'venue',
    ...over,
  });
const resource = (over: object = {}, cookie = community) =>
  made(cookie, '/api/co-lists/resources', {
    orgId: city.communityA.id,
    provider: 'community',
    title: '活动室',
    category: 'venue',
    ...over,
  });

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  const c = await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' });
  community = await api.login(c.username);
  const l = await buildAccount(api.db, { orgId: city.communityA.id, role: 'unit_liaison' });
  unitA = await buildUnit(api.db, city.communityA.id, l.id);
  liaison = await api.login(l.username);
});

describe('three lists', () => {
  it('refuses bad input naming the field', async () => {
    const bad = await post('/api/co-lists/needs', community, {
      orgId: city.communityA.id,
      title: '需',
      category: 'cake',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^类别：/);
    const dates = await post('/api/co-lists/resources', community, {
      orgId: city.communityA.id,
      provider: 'community',
      title: '场地',
      category: 'venue',
      availableFrom: '2026-12-10',
      availableTo: '2026-12-01',
    });
    expect(dates.statusCode).toBe(400);
    expect(dates.json()).toMatchObject({ field: 'availableTo', message: '结束日期：不能早于开始日期' });
    const noUnit = await post('/api/co-lists/resources', community, {
      orgId: city.communityA.id,
      provider: 'unit',
      title: '场地',
      category: 'venue',
    });
    expect(noUnit.json().field).toBe('unitId');
    const branch = await post('/api/co-lists/needs', community, {
      orgId: city.branchA.id,
      title: '需',
      category: 'venue',
    });
    expect(branch.statusCode).toBe(400);
    expect((await get('/api/co-lists/needs', liaison)).statusCode).toBe(403);
    const status = await get('/api/co-lists/needs?status=bogus', community);
    expect(status.statusCode).toBe(400);
    expect(status.json().message).toBe('状态：不是有效的状态');
  });

  it('proposes resources of the category and place not yet committed, best first; the community confirms', async () => {
    const n = await need({ title: '老年健身队周末场地', place: '3号楼旁', neededBy: addDays(chinaToday(), 10) });
    const near = await resource({ title: '3号楼活动室', place: '3号楼' });
    const plain = await resource({ title: '社区会议室' });
    const ended = await resource({ title: '已到期场地', availableTo: addDays(chinaToday(), 1) });
    const skill = await resource({ title: '理发', category: 'skill' });
    const elsewhere = await made(await api.login(city.streetBUser.username), '/api/co-lists/resources', {
      orgId: city.communityB.id,
      provider: 'community',
      title: '乙街道场地',
      category: 'venue',
    });
    const res = await get(`/api/co-lists/matches?orgId=${city.communityA.id}`, community);
    expect(res.statusCode, res.body).toBe(200);
    const match = (
      res.json().items as { need: { id: number }; resources: { id: number; score: number; reasons: string[] }[] }[]
    ).find((m) => m.need.id === n.id);
    const ids = match?.resources.map((r) => r.id) ?? [];
    expect(ids.slice(0, 2)).toEqual([near.id, plain.id]);
    expect(ids).not.toContain(ended.id);
    expect(ids).not.toContain(skill.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(match?.resources[0]?.reasons).toContain('地点相近');

    const project = await made(community, '/api/co-lists/projects', {
      needId: n.id,
      resourceIds: [near.id],
      title: '健身队周末活动',
      leadName: '张主任',
      startedOn: chinaToday(),
    });
    expect(project.status).toBe('open');
    const needs = (await get(`/api/co-lists/needs?orgId=${city.communityA.id}&pageSize=200`, community)).json()
      .items as {
      id: number;
      status: string;
    }[];
    expect(needs.find((x) => x.id === n.id)?.status).toBe('matched');
    // The resource is committed now: not proposed, and a second project with it is refused.
    const other = await need({ title: '另一个场地需求' });
    const again = await get(`/api/co-lists/matches?orgId=${city.communityA.id}`, community);
    const otherMatch = (again.json().items as { need: { id: number }; resources: { id: number }[] }[]).find(
      (m) => m.need.id === other.id,
    );
    expect(otherMatch?.resources.map((r) => r.id)).not.toContain(near.id);
    const busy = await post('/api/co-lists/projects', community, {
      needId: other.id,
      resourceIds: [near.id],
      title: '重复使用',
      leadName: '李',
      startedOn: chinaToday(),
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toMatch(/已用于实施中的项目/);
    const twice = await post('/api/co-lists/projects', community, {
      needId: n.id,
      resourceIds: [plain.id],
      title: '重复立项',
      leadName: '李',
      startedOn: chinaToday(),
    });
    expect(twice.statusCode).toBe(409);
  });

  it('lets a unit liaison claim a need and offer its resources; results count for the unit', async () => {
    const before = (await get(`/api/joint-meetings/figures?orgId=${city.streetA.id}`, streetA)).json();
    const n = await need({ title: '冬季御寒物资', category: 'materials' });
    const claim = await post(`/api/co-lists/unit/needs/${n.id}/claim`, liaison, { note: '我单位捐赠' });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json()).toMatchObject({ status: 'claimed', claimedUnitId: unitA.id, claimedUnitName: unitA.name });
    expect((await post(`/api/co-lists/unit/needs/${n.id}/claim`, liaison, {})).statusCode).toBe(409);
    const b = await made(await api.login(city.streetBUser.username), '/api/co-lists/needs', {
      orgId: city.communityB.id,
      title: '乙社区需求',
      category: 'materials',
    });
    expect((await post(`/api/co-lists/unit/needs/${b.id}/claim`, liaison, {})).statusCode).toBe(404);
    const visible = (await get('/api/co-lists/unit/needs', liaison)).json().items as { id: number }[];
    expect(visible.map((x) => x.id)).toContain(n.id);
    expect(visible.map((x) => x.id)).not.toContain(b.id);

    const offered = await made(liaison, '/api/co-lists/unit/resources', {
      title: '棉衣被200套',
      category: 'materials',
      availability: '即日起',
    });
    const other = await resource({ title: '社区自己的物资', category: 'materials' });
    const mine = (await get('/api/co-lists/unit/resources', liaison)).json().items as {
      id: number;
      providerName: string;
    }[];
    expect(mine.map((r) => r.id)).toEqual([offered.id]);
    expect(mine[0]?.providerName).toBe(unitA.name);
    expect(mine.map((r) => r.id)).not.toContain(other.id);

    const project = await made(community, '/api/co-lists/projects', {
      needId: n.id,
      resourceIds: [offered.id],
      title: '送温暖',
      leadName: '联络员',
      startedOn: chinaToday(),
    });
    const early = await post(`/api/co-lists/projects/${project.id}/finish`, community, {
      status: 'done',
      endedOn: addDays(chinaToday(), -1),
      result: '早了',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().field).toBe('endedOn');
    const done = await post(`/api/co-lists/projects/${project.id}/finish`, community, {
      status: 'done',
      endedOn: chinaToday(),
      result: '200户困难家庭收到棉衣被',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', leadUnitId: unitA.id });
    const results = (await get(`/api/co-lists/unit-results?orgId=${city.communityA.id}`, community)).json().items as {
      unitId: number;
      needsMet: number;
      projectsDone: number;
    }[];
    expect(results.find((r) => r.unitId === unitA.id)).toMatchObject({ needsMet: 1, projectsDone: 1 });
    const after = (await get(`/api/joint-meetings/figures?orgId=${city.streetA.id}`, streetA)).json();
    expect(after.needsMet - before.needsMet).toBe(1);
    expect(after.projectsDone - before.projectsDone).toBe(1);
    expect(after.needs - before.needs).toBe(1);

    // Closing is for needs not yet met.
    expect((await post(`/api/co-lists/needs/${n.id}/close`, community)).statusCode).toBe(409);
    const edit = await send('PATCH', `/api/co-lists/needs/${n.id}`, community, { title: '改', category: 'materials' });
    expect(edit.statusCode).toBe(409);
  });

  it("makes a need from a resident's request of the same community", async () => {
    const request = await buildRequest(api.db, city.communityA.id, '老人希望有个活动场地');
    const made = await post('/api/co-lists/needs', community, {
      orgId: city.communityA.id,
      requestId: request,
      title: '老人活动场地',
      category: 'venue',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ requestId: request, status: 'open' });
    const elsewhere = await buildRequest(api.db, city.communityB.id);
    const outside = await post('/api/co-lists/needs', community, {
      orgId: city.communityA.id,
      requestId: elsewhere,
      title: '别处',
      category: 'venue',
    });
    expect(outside.statusCode).toBe(404);
    const other = await buildOrg(api.db, { parentId: city.streetA.id, type: 'community_committee' });
    const mismatch = await post('/api/co-lists/needs', streetA, {
      orgId: other.id,
      requestId: request,
      title: '错社区',
      category: 'venue',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ field: 'requestId', message: '居民诉求：该诉求不属于所选社区' });
  });

  it('exports the three lists as .xlsx, on record', async () => {
    for (const list of ['needs', 'resources', 'projects']) {
      const res = await get(`/api/co-lists/${list}/export?orgId=${city.communityA.id}`, community);
      expect(res.statusCode, `${list}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    }
  });
});
