import { expect } from 'vitest';
import { defineProbes } from '../../test/helpers/scope-probes.js';
import { buildMember } from '../../test/helpers/factories.js';

export default defineProbes('appraisal', async (world) => {
  const { city, byOrg, outsideMember, api, streetB } = world;
  const outsideId = await world.createAsStreetB('/api/appraisals', { orgId: city.branchB.id, year: 2025 });
  const outside = (await api.get(`/api/appraisals/${outsideId}`, streetB)).json() as { entries: { id: number }[] };
  const outsideEntry = outside.entries[0]!.id;
  let year = 2000;
  return {
    probes: {
      'GET /api/appraisals': [byOrg('/api/appraisals'), { url: () => '/api/appraisals', list: true }],
      'POST /api/appraisals': [
        {
          url: () => '/api/appraisals',
          // Each control opens another year (one appraisal per organisation and year).
          body: (v) => ({ orgId: v, year: ++year }),
          id: {
            field: 'body.orgId',
            outside: () => city.branchB.id,
            inside: async () => {
              await buildMember(api.db, city.branchA.id);
              return city.branchA.id;
            },
          },
        },
      ],
      'GET /api/appraisals/export': [
        byOrg('/api/appraisals/export'),
        { url: () => '/api/appraisals/export', list: true },
      ],
      'GET /api/appraisals/figures': [byOrg('/api/appraisals/figures')],
      'GET /api/appraisals/members/:id': [{ url: () => `/api/appraisals/members/${outsideMember.id}` }],
      'GET /api/appraisals/:id': [{ url: () => `/api/appraisals/${outsideId}` }],
      'PATCH /api/appraisals/:id/entries/:entryId': [
        { url: () => `/api/appraisals/${outsideId}/entries/${outsideEntry}`, body: () => ({ selfText: '越权' }) },
      ],
      'POST /api/appraisals/:id/advance': [{ url: () => `/api/appraisals/${outsideId}/advance` }],
      'GET /api/appraisals/:id/export': [{ url: () => `/api/appraisals/${outsideId}/export` }],
    },
    unchanged: async (admin) => {
      const res = await api.get(`/api/appraisals/${outsideId}`, admin);
      expect(res.json().stage).toBe('assessing');
      expect(res.json().entries.every((e: { selfText: string | null }) => e.selfText === null)).toBe(true);
    },
  };
});
