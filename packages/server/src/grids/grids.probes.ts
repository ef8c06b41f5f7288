import { expect } from 'vitest';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('grids', async (world) => {
  const { api, city, orgId, outsideMember, insideMember, fresh, createAsStreetB } = world;
  const streetA = await api.login(city.streetAUser.username);
  const createAsStreetA = async (url: string, payload: object) => {
    const res = await api.post(url, streetA, payload);
    if (res.statusCode !== 201) throw new Error(`street A's record (${url}): ${res.statusCode} ${res.body}`);
    return (res.json() as { id: number }).id;
  };
  const outsideBuilding = await createAsStreetB('/api/grids/buildings', { orgId: city.communityB.id, name: '1号楼' });
  const outsideGrid = await createAsStreetB('/api/grids', {
    orgId: city.communityB.id,
    name: '乙网格',
    buildingIds: [outsideBuilding],
  });
  const gridB = await api.post(`/api/grids/${outsideGrid}/members`, world.streetB, { memberId: outsideMember.id });
  if (gridB.statusCode !== 201) throw new Error(gridB.body);
  const outsideGridMember = (gridB.json() as { members: { id: number }[] }).members[0]!.id;
  const insideGrid = await createAsStreetA('/api/grids', { orgId: city.communityA.id, name: '甲网格' });
  const insideBuilding = () =>
    createAsStreetA('/api/grids/buildings', { orgId: city.communityA.id, name: fresh('楼') });
  const community = (field: string) =>
    orgId(
      field,
      () => city.communityB.id,
      () => city.communityA.id,
    );
  return {
    probes: {
      'GET /api/grids/buildings': [{ url: (v) => `/api/grids/buildings?orgId=${v}`, id: community('query.orgId') }],
      'POST /api/grids/buildings': [
        {
          url: () => '/api/grids/buildings',
          body: (v) => ({ orgId: v, name: fresh('越权楼') }),
          id: community('body.orgId'),
        },
      ],
      'POST /api/grids/buildings/bulk': [
        {
          url: () => '/api/grids/buildings/bulk',
          body: (v) => ({ orgId: v, from: 100, to: 101 }),
          id: community('body.orgId'),
        },
      ],
      'PATCH /api/grids/buildings/:id': [
        { url: () => `/api/grids/buildings/${outsideBuilding}`, body: () => ({ households: 1 }) },
      ],
      'DELETE /api/grids/buildings/:id': [{ url: () => `/api/grids/buildings/${outsideBuilding}` }],
      'GET /api/grids': [{ url: (v) => `/api/grids?orgId=${v}`, id: community('query.orgId') }],
      'GET /api/grids/figures': [world.byOrg('/api/grids/figures'), { url: () => '/api/grids/figures', list: true }],
      'POST /api/grids': [
        { url: () => '/api/grids', body: (v) => ({ orgId: v, name: fresh('越权网格') }), id: community('body.orgId') },
        {
          url: () => '/api/grids',
          body: (v) => ({ orgId: city.communityA.id, name: fresh('越权网格'), buildingIds: [v] }),
          id: { field: 'body.buildingIds', outside: () => outsideBuilding, inside: insideBuilding },
        },
        {
          url: () => '/api/grids',
          body: (v) => ({ orgId: city.communityA.id, name: fresh('越权网格'), branchOrgId: v }),
          id: orgId(
            'body.branchOrgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'PATCH /api/grids/:id': [
        { url: () => `/api/grids/${outsideGrid}`, body: () => ({ note: '越权' }) },
        {
          url: () => `/api/grids/${insideGrid}`,
          body: (v) => ({ buildingIds: [v] }),
          id: { field: 'body.buildingIds', outside: () => outsideBuilding, inside: insideBuilding },
        },
        {
          url: () => `/api/grids/${insideGrid}`,
          body: (v) => ({ branchOrgId: v }),
          id: orgId(
            'body.branchOrgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'DELETE /api/grids/:id': [{ url: () => `/api/grids/${outsideGrid}` }],
      'POST /api/grids/:id/members': [
        { url: () => `/api/grids/${outsideGrid}/members`, body: () => ({ memberId: outsideMember.id }) },
        {
          url: () => `/api/grids/${insideGrid}/members`,
          body: (v) => ({ memberId: v }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
      ],
      'POST /api/grid-members/:id/end': [{ url: () => `/api/grid-members/${outsideGridMember}/end`, body: () => ({}) }],
    },
    self: ['GET /api/grids/mine'],
    unchanged: async (admin) => {
      const res = await api.get(`/api/grids?orgId=${city.communityB.id}`, admin);
      const [grid] = (
        res.json() as { items: { note: string | null; buildings: unknown[]; members: { endedOn: string | null }[] }[] }
      ).items;
      expect(grid?.note).toBeNull();
      expect(grid?.buildings).toHaveLength(1);
      expect(grid?.members[0]?.endedOn).toBeNull();
    },
  };
});
