import { expect } from 'vitest';
import { buildAccount } from '../../test/helpers/factories.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('care', async (world) => {
  const { api, city, orgId, outsideMember, insideMember, fresh, createAsStreetB } = world;
  const streetA = await api.login(city.streetAUser.username);
  const createAsStreetA = async (url: string, payload: object) => {
    const res = await api.post(url, streetA, payload);
    if (res.statusCode !== 201) throw new Error(`street A's record (${url}): ${res.statusCode} ${res.body}`);
    return (res.json() as { id: number }).id;
  };
  const person = { name: '乙某某', types: ['disabled'] };
  const outsideBuilding = await createAsStreetB('/api/grids/buildings', { orgId: city.communityB.id, name: '关怀楼' });
  const outsideRecord = await createAsStreetB('/api/care/residents', {
    orgId: city.communityB.id,
    ...person,
    buildingId: outsideBuilding,
    carerMemberId: outsideMember.id,
  });
  const insideRecord = await createAsStreetA('/api/care/residents', {
    orgId: city.communityA.id,
    name: '甲某某',
    types: ['dibao'],
  });
  const insideBuilding = () =>
    createAsStreetA('/api/grids/buildings', { orgId: city.communityA.id, name: fresh('关怀楼') });
  const insideAccount = async () =>
    (await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' })).id;
  const idFields = (url: () => string, base: object) => [
    {
      url,
      body: (v: number | string) => ({ ...base, buildingId: v }),
      id: { field: 'body.buildingId', outside: () => outsideBuilding, inside: insideBuilding },
    },
    {
      url,
      body: (v: number | string) => ({ ...base, carerMemberId: v }),
      id: { field: 'body.carerMemberId', outside: () => outsideMember.id, inside: insideMember },
    },
    {
      url,
      body: (v: number | string) => ({ ...base, carerAccountId: v }),
      id: { field: 'body.carerAccountId', outside: () => city.streetBUser.id, inside: insideAccount },
    },
  ];
  const visit = { visitedOn: '2026-12-01', content: '越权走访' };
  return {
    probes: {
      'GET /api/care/residents': [
        world.byOrg('/api/care/residents'),
        { url: () => '/api/care/residents?pageSize=200&includeEnded=true', list: true },
      ],
      'GET /api/care/residents/export': [world.byOrg('/api/care/residents/export')],
      'POST /api/care/residents': [
        {
          url: () => '/api/care/residents',
          body: (v) => ({ orgId: v, name: fresh('越权'), types: ['dibao'] }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        ...idFields(() => '/api/care/residents', { orgId: city.communityA.id, name: '越权', types: ['dibao'] }),
      ],
      'GET /api/care/residents/:id': [{ url: () => `/api/care/residents/${outsideRecord}` }],
      'PATCH /api/care/residents/:id': [
        { url: () => `/api/care/residents/${outsideRecord}`, body: () => ({ name: '越权' }) },
        ...idFields(() => `/api/care/residents/${insideRecord}`, {}),
      ],
      'POST /api/care/residents/:id/end': [
        { url: () => `/api/care/residents/${outsideRecord}/end`, body: () => ({ reason: '越权' }) },
      ],
      'POST /api/care/residents/:id/visits': [
        { url: () => `/api/care/residents/${outsideRecord}/visits`, body: () => visit },
      ],
      'GET /api/care/mine/:id': [{ url: () => `/api/care/mine/${outsideRecord}` }],
      'POST /api/care/mine/:id/visits': [{ url: () => `/api/care/mine/${outsideRecord}/visits`, body: () => visit }],
    },
    self: ['GET /api/care/mine'],
    unchanged: async (admin) => {
      const res = await api.get(`/api/care/residents/${outsideRecord}`, admin);
      const record = res.json() as { name: string; endedOn: string | null; visits: unknown[] };
      expect(record.endedOn).toBeNull();
      expect(record.visits).toEqual([]);
      expect(record.name).toBe('乙**');
    },
  };
});
