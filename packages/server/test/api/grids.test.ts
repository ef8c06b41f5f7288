import { beforeAll, describe, expect, it } from 'vitest';
import { gridMembersOfBuilding } from '../../src/grids/grids.repo.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember, buildOrg } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let community: string;
let streetA: string;
let streetB: string;
const { get, post, send } = api;

type Grid = {
  id: number;
  households: number;
  warning: string | null;
  buildings: { id: number; name: string }[];
  members: { id: number; memberId: number; endedOn: string | null }[];
};

beforeAll(async () => {
  city = await buildCity(api.db);
  const shequ = await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' });
  community = await api.login(shequ.username);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
});

async function buildings(count: number, households: number, prefix: string) {
  const res = await post('/api/grids/buildings/bulk', community, {
    orgId: city.communityA.id,
    from: 1,
    to: count,
    prefix,
    households,
  });
  expect(res.statusCode, res.body).toBe(201);
  const list = await get(`/api/grids/buildings?orgId=${city.communityA.id}`, community);
  return (list.json().items as { id: number; name: string }[]).filter((b) => b.name.startsWith(prefix));
}

describe('buildings', () => {
  it('adds 1–12号楼 in one go and skips those already there', async () => {
    const first = await post('/api/grids/buildings/bulk', community, {
      orgId: city.communityA.id,
      from: 1,
      to: 3,
      households: 40,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().created).toEqual(['1号楼', '2号楼', '3号楼']);
    const again = await post('/api/grids/buildings/bulk', community, { orgId: city.communityA.id, from: 3, to: 4 });
    expect(again.json()).toEqual({ created: ['4号楼'], skipped: ['3号楼'] });
    const list = await get(`/api/grids/buildings?orgId=${city.communityA.id}`, community);
    expect(
      list
        .json()
        .items.map((b: { name: string }) => b.name)
        .slice(0, 4),
    ).toEqual(['1号楼', '2号楼', '3号楼', '4号楼']);
  });

  it('refuses bad input naming the field, a duplicate name, and a street as the community', async () => {
    const bad = await post('/api/grids/buildings', community, { orgId: city.communityA.id, name: '', households: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/名称|户数/);
    const range = await post('/api/grids/buildings/bulk', community, { orgId: city.communityA.id, from: 5, to: 2 });
    expect(range.statusCode).toBe(400);
    expect(range.json().message).toContain('结束楼号');
    const dup = await post('/api/grids/buildings', community, { orgId: city.communityA.id, name: '1号楼' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('1号楼');
    const street = await post('/api/grids/buildings', streetA, { orgId: city.streetA.id, name: 'x' });
    expect(street.statusCode).toBe(400);
    expect(street.json().message).toContain('社区');
  });

  it('answers 401 without a session and 404 outside the scope', async () => {
    expect((await get(`/api/grids/buildings?orgId=${city.communityA.id}`)).statusCode).toBe(401);
    expect((await get(`/api/grids/buildings?orgId=${city.communityA.id}`, streetB)).statusCode).toBe(404);
  });
});

describe('grids', () => {
  it('puts a building in one grid only: a second grid naming it is a 409 in Chinese', async () => {
    const [b1, b2] = await buildings(2, 100, '甲区');
    const one = await post('/api/grids', community, {
      orgId: city.communityA.id,
      name: '一网格',
      buildingIds: [b1!.id],
    });
    expect(one.statusCode, one.body).toBe(201);
    const two = await post('/api/grids', community, {
      orgId: city.communityA.id,
      name: '二网格',
      buildingIds: [b1!.id, b2!.id],
    });
    expect(two.statusCode).toBe(409);
    expect(two.json().message).toBe(`${b1!.name}已划入网格「一网格」，一栋楼只能属于一个网格`);
    const grid = await get(`/api/grids?orgId=${city.communityA.id}`, community);
    expect(grid.json().items.map((g: { name: string }) => g.name)).toEqual(['一网格']);
    const moved = await send('PATCH', `/api/grids/${one.json().id}`, community, { buildingIds: [b2!.id] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Grid).buildings.map((b) => b.id)).toEqual([b2!.id]);
  });

  it('two grids claiming one building at once: one wins, one 409', async () => {
    const [b] = await buildings(1, 10, '竞争');
    const [x, y] = await Promise.all(
      ['竞甲', '竞乙'].map((name) =>
        post('/api/grids', community, { orgId: city.communityA.id, name, buildingIds: [b!.id] }),
      ),
    );
    expect([x!.statusCode, y!.statusCode].sort()).toEqual([201, 409]);
  });

  it('sums households and warns outside 300–500 without refusing', async () => {
    const bs = await buildings(4, 100, '乙区');
    const res = await post('/api/grids', community, {
      orgId: city.communityA.id,
      name: '三网格',
      buildingIds: bs.map((b) => b.id),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ households: 400, warning: null });
    const small = await send('PATCH', `/api/grids/${res.json().id}`, community, { buildingIds: [bs[0]!.id] });
    expect(small.json()).toMatchObject({ households: 100 });
    expect(small.json().warning).toContain('少于');
  });

  it('assigns responsible members of the community, ends them keeping history, and offers them a building', async () => {
    const [b] = await buildings(1, 300, '丙区');
    const grid = (
      await post('/api/grids', community, { orgId: city.communityA.id, name: '四网格', buildingIds: [b!.id] })
    ).json() as Grid;
    const member = await buildMember(api.db, city.branchA.id);
    const add = await post(`/api/grids/${grid.id}/members`, community, { memberId: member.id });
    expect(add.statusCode, add.body).toBe(201);
    expect(await gridMembersOfBuilding(api.db, b!.id)).toEqual([{ member_id: member.id, name: member.name }]);
    const twice = await post(`/api/grids/${grid.id}/members`, community, { memberId: member.id });
    expect(twice.statusCode).toBe(409);

    // A member of another community in the same street: in the street's scope, not the community's.
    const otherCommunity = await buildOrg(api.db, { parentId: city.streetA.id, type: 'community_committee' });
    const stranger = await buildMember(api.db, otherCommunity.id);
    const wrong = await post(`/api/grids/${grid.id}/members`, streetA, { memberId: stranger.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('本社区');
    const outside = await buildMember(api.db, city.branchB.id);
    expect((await post(`/api/grids/${grid.id}/members`, community, { memberId: outside.id })).statusCode).toBe(404);

    const row = (add.json() as Grid).members[0]!.id;
    const ended = await post(`/api/grid-members/${row}/end`, community, {});
    expect(ended.statusCode, ended.body).toBe(200);
    expect((ended.json() as Grid).members[0]!.endedOn).not.toBeNull();
    expect(await gridMembersOfBuilding(api.db, b!.id)).toEqual([]);
    expect((await post(`/api/grid-members/${row}/end`, community, {})).statusCode).toBe(409);
    // Ended, they may be assigned again: the history keeps both rows.
    const again = await post(`/api/grids/${grid.id}/members`, community, { memberId: member.id });
    expect((again.json() as Grid).members).toHaveLength(2);
  });

  it('refuses deleting a grid with responsible members, frees its buildings when deleted', async () => {
    const [b] = await buildings(1, 10, '丁区');
    const grid = (
      await post('/api/grids', community, { orgId: city.communityA.id, name: '五网格', buildingIds: [b!.id] })
    ).json() as Grid;
    const member = await buildMember(api.db, city.branchA.id);
    const add = (await post(`/api/grids/${grid.id}/members`, community, { memberId: member.id })).json() as Grid;
    expect((await send('DELETE', `/api/grids/${grid.id}`, community)).statusCode).toBe(409);
    await post(`/api/grid-members/${add.members[0]!.id}/end`, community, {});
    expect((await send('DELETE', `/api/grids/${grid.id}`, community)).statusCode).toBe(204);
    const list = await get(`/api/grids/buildings?orgId=${city.communityA.id}`, community);
    expect(list.json().items.find((x: { id: number }) => x.id === b!.id).gridId).toBeNull();
  });

  it("shows a member their own grid, and the street the community's figures", async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member', memberId: member.id });
    const cookie = await api.login(account.username);
    const [b] = await buildings(1, 420, '戊区');
    const grid = (
      await post('/api/grids', community, { orgId: city.communityA.id, name: '六网格', buildingIds: [b!.id] })
    ).json() as Grid;
    await post(`/api/grids/${grid.id}/members`, community, { memberId: member.id });
    const mine = await get('/api/grids/mine', cookie);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ gridName: '六网格', buildings: [b!.name], households: 420 }),
    ]);

    const figures = await get(`/api/grids/figures?orgId=${city.streetA.id}`, streetA);
    expect(figures.statusCode, figures.body).toBe(200);
    const row = figures.json().items.find((i: { orgId: number }) => i.orgId === city.communityA.id);
    const grids = (await get(`/api/grids?orgId=${city.communityA.id}`, community)).json().items as Grid[];
    const blds = (await get(`/api/grids/buildings?orgId=${city.communityA.id}`, community)).json();
    expect(row).toMatchObject({
      grids: grids.length,
      buildings: blds.items.length,
      households: blds.households,
      householdsCovered: grids.reduce((s, g) => s + g.households, 0),
      members: grids.reduce((s, g) => s + g.members.filter((m) => m.endedOn === null).length, 0),
    });
    expect((await get(`/api/grids/figures?orgId=${city.streetA.id}`, streetB)).statusCode).toBe(404);
  });
});
