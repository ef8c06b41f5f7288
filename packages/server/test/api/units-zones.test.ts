import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildOrg } from '../helpers/factories.js';

/** Collaboration zones (党建协作区, seed 000) and their live coverage against a hand count. */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
});

describe('collaboration zones', () => {
  it('reproduces seed 000 figures shape: zones, 65% of communities, participating organisations', async () => {
    // A district of its own: two streets of 10 communities each; a unit party org and a unit per community.
    const district = await buildOrg(api.db, {
      parentId: city.city.id,
      type: 'district_committee',
      name: '覆盖测试区委',
    });
    const streets = [
      await buildOrg(api.db, { parentId: district.id, type: 'street_committee', name: '东街道党工委' }),
      await buildOrg(api.db, { parentId: district.id, type: 'street_committee', name: '西街道党工委' }),
    ];
    const communities: { id: number; street: number }[] = [];
    for (const [s, street] of streets.entries()) {
      for (let c = 0; c < 10; c++) {
        const type = s === 0 && c === 0 ? 'big_community_committee' : 'community_committee';
        communities.push({ id: (await buildOrg(api.db, { parentId: street.id, type })).id, street: s });
      }
    }
    const districtUser = await buildAccount(api.db, { orgId: district.id, role: 'org_department' });
    const cookie = await api.login(districtUser.username);
    const unitOrgs: number[] = [];
    const units: number[] = [];
    for (const c of communities.slice(0, 6)) {
      unitOrgs.push((await buildOrg(api.db, { parentId: c.id, type: 'general_branch', sector: 'resident_unit' })).id);
      const res = await api.post('/api/units', cookie, {
        orgId: c.id,
        name: `单位${c.id}`,
        kind: 'organ',
        relation: 'cooperate',
      });
      expect(res.statusCode, res.body).toBe(201);
      units.push(res.json().id);
    }

    // East: 8 of 10 communities in three zones (one community in two zones); west: 5 of 10 in two zones,
    // plus a zone held by the district spanning both streets with one community already counted.
    const east = communities.filter((c) => c.street === 0).map((c) => c.id);
    const west = communities.filter((c) => c.street === 1).map((c) => c.id);
    const zone = async (orgId: number, name: string, body: object) => {
      const res = await api.post('/api/zones', cookie, { orgId, name, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    await zone(streets[0]!.id, '东一区', {
      communityIds: east.slice(0, 3),
      memberOrgIds: unitOrgs.slice(0, 2),
      unitIds: units.slice(0, 2),
    });
    await zone(streets[0]!.id, '东二区', {
      communityIds: east.slice(2, 6),
      leadOrgId: east[2],
      unitIds: units.slice(2, 4),
    });
    await zone(streets[0]!.id, '东三区', {
      communityIds: east.slice(6, 8),
      memberOrgIds: [unitOrgs[4]!],
      leadUnitId: units[4],
    });
    const w1 = await zone(streets[1]!.id, '西一区', { communityIds: west.slice(0, 3) });
    await zone(streets[1]!.id, '西二区', { communityIds: west.slice(3, 5) });
    await zone(district.id, '跨街道区', { communityIds: [east[0]!, west[9]!], memberOrgIds: [unitOrgs[5]!] });
    // An ended zone counts for nothing.
    const gone = await zone(district.id, '已撤销区', { communityIds: [west[7]!, west[8]!], unitIds: [units[5]!] });
    expect((await api.post(`/api/zones/${gone.id}/end`, cookie, { endedOn: '2026-12-01' })).statusCode).toBe(200);

    // By hand: east covers 8 of 10, west 5 + 1 (the district's zone) = 6 of 10: 14 of 20 = 70%.
    // Organisations: communities 14, unit party orgs 0,1,4,5 = 4, units 0..3 = 4: 22. Zones: 6 live.
    const all = (await api.get(`/api/zones/coverage?orgId=${district.id}`, cookie)).json();
    expect(all).toMatchObject({ zones: 6, communities: 20, coveredCommunities: 14, percent: 70, organizations: 22 });
    expect(all.byChild).toEqual([
      {
        org: { id: streets[0]!.id, name: '东街道党工委' },
        zones: 3,
        communities: 10,
        coveredCommunities: 8,
        organizations: 8 + 4 + 4,
        percent: 80,
      },
      {
        org: { id: streets[1]!.id, name: '西街道党工委' },
        zones: 2,
        communities: 10,
        coveredCommunities: 6,
        organizations: 6,
        percent: 60,
      },
    ]);
    // Seed 000's 65%: one more west community joins a zone.
    const more = await api.send('PATCH', `/api/zones/${w1.id}`, cookie, {
      communityIds: [...west.slice(0, 3), west[5]!],
    });
    expect(more.statusCode).toBe(200);
    expect((await api.get(`/api/zones/coverage?orgId=${district.id}`, cookie)).json()).toMatchObject({
      coveredCommunities: 15,
      percent: 75,
    });
    const lost = await api.send('PATCH', `/api/zones/${w1.id}`, cookie, { communityIds: west.slice(0, 2) });
    expect(lost.json().communities).toHaveLength(2);
    expect((await api.get(`/api/zones/coverage?orgId=${district.id}`, cookie)).json()).toMatchObject({
      coveredCommunities: 13,
      percent: 65,
    });

    const figures = (await api.get(`/api/units/figures?orgId=${district.id}`, cookie)).json();
    expect(figures.coverage).toMatchObject({ percent: 65, zones: 6 });
    expect(figures.figures).toMatchObject({ units: 6, byKind: { organ: 6 }, byRelation: { cooperate: 6 } });

    const list = (await api.get(`/api/zones?orgId=${streets[0]!.id}`, cookie)).json();
    expect(list.items.map((z: { name: string }) => z.name)).toEqual(['东一区', '东三区', '东二区']);
    const east3 = list.items.find((z: { name: string }) => z.name === '东三区');
    expect(east3.lead).toMatchObject({ kind: 'unit', id: units[4] });
    const exported = await api.get(`/api/zones/export?orgId=${district.id}`, cookie);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses bad zones with clear messages', async () => {
    const street = await api.login(city.streetAUser.username);
    const notHolder = await api.post('/api/zones', admin, { orgId: city.communityA.id, name: '社区组建' });
    expect(notHolder.json()).toMatchObject({ field: 'orgId' });
    expect(notHolder.json().message).toContain('协作区由街道党工委或县区党委组建');
    const branchAsCommunity = await api.post('/api/zones', street, {
      orgId: city.streetA.id,
      name: '甲',
      communityIds: [city.branchA.id],
    });
    expect(branchAsCommunity.json()).toMatchObject({ field: 'communityIds' });
    const outside = await api.post('/api/zones', street, {
      orgId: city.streetA.id,
      name: '乙',
      communityIds: [city.communityB.id],
    });
    expect(outside.statusCode).toBe(404);
    const ok = await api.post('/api/zones', street, {
      orgId: city.streetA.id,
      name: '甲街道协作区',
      communityIds: [city.communityA.id],
    });
    expect(ok.statusCode).toBe(201);
    const dup = await api.post('/api/zones', street, { orgId: city.streetA.id, name: '甲街道协作区' });
    expect(dup.statusCode).toBe(409);
    const both = await api.send('PATCH', `/api/zones/${ok.json().id}`, street, {
      leadOrgId: city.communityA.id,
      leadUnitId: 1,
    });
    expect(both.statusCode).toBeGreaterThanOrEqual(400);
    expect((await api.get(`/api/zones/coverage?orgId=${city.streetB.id}`, street)).statusCode).toBe(404);
  });
});
