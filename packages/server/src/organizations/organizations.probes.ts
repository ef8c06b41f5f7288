import { expect } from 'vitest';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('organizations', ({ api, city, byOrg, orgId, fresh }) => ({
  probes: {
    'GET /api/organizations': [{ ...byOrg('/api/organizations', 'parentId'), list: true }],
    'GET /api/organizations/:id': [{ url: () => `/api/organizations/${city.communityB.id}` }],
    'GET /api/organizations/export': [byOrg('/api/organizations/export')],
    'GET /api/organizations/search': [
      { url: () => `/api/organizations/search?q=${encodeURIComponent('乙')}`, list: true },
      { url: () => '/api/organizations/search?q=y', list: true },
    ],
    'PATCH /api/organizations/:id': [
      { url: () => `/api/organizations/${city.communityB.id}`, body: () => ({ name: '越权修改' }) },
      {
        url: () => `/api/organizations/${city.communityA.id}`,
        body: (v) => ({ parentId: v }),
        id: orgId(
          'body.parentId',
          () => city.streetB.id,
          () => city.streetA.id,
        ),
      },
    ],
    'DELETE /api/organizations/:id': [{ url: () => `/api/organizations/${city.branchB.id}` }],
    'POST /api/organizations': [
      {
        url: () => '/api/organizations',
        body: (v) => ({ parentId: v, name: fresh('越权新建'), type: 'branch' }),
        id: orgId(
          'body.parentId',
          () => city.communityB.id,
          () => city.communityA.id,
        ),
      },
    ],
  },
  async unchanged(admin) {
    const read = (id: number) =>
      api.app.inject({ method: 'GET', url: `/api/organizations/${id}`, headers: { cookie: admin } });
    expect((await read(city.communityB.id)).json()).toMatchObject({
      name: city.communityB.name,
      parentId: city.streetB.id,
    });
    expect((await read(city.branchB.id)).statusCode).toBe(200);
  },
}));
