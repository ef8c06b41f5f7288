import { chinaToday, ratePeriodOf } from '@gongjian/shared';
import { expect } from 'vitest';
import { defineProbes } from '../../test/helpers/scope-probes.js';
import { insertRequest, readRequest } from '../../test/helpers/request-oversight.js';

export default defineProbes('request-oversight', async (world) => {
  const { api, city, byOrg } = world;
  // One request of each street, past its deadline and held by its street.
  const held = (orgId: number, streetId: number) =>
    insertRequest(api.db, { orgId, ago: 200, escalationLevel: 1, escalationOrgId: streetId });
  const outside = await held(city.communityB.id, city.streetB.id);
  await held(city.communityA.id, city.streetA.id);
  const period = ratePeriodOf('quarter', chinaToday());
  const before = await readRequest(api.db, outside);
  return {
    probes: {
      'GET /api/request-deadlines': [byOrg('/api/request-deadlines')],
      'PATCH /api/request-deadlines/:orgId': [
        {
          url: () => `/api/request-deadlines/${city.streetB.id}`,
          body: () => ({ category: 'repair', respondHours: 12, resolveHours: null }),
        },
      ],
      'GET /api/request-oversight/queue': [
        byOrg('/api/request-oversight/queue'),
        { url: () => '/api/request-oversight/queue?pageSize=200', list: true },
        { url: () => '/api/request-oversight/queue?view=returned&pageSize=200', list: true },
      ],
      'POST /api/request-oversight/requests/:id/take': [
        { url: () => `/api/request-oversight/requests/${outside}/take`, body: () => ({ note: '越权接办' }) },
      ],
      'POST /api/request-oversight/requests/:id/return': [
        {
          url: () => `/api/request-oversight/requests/${outside}/return`,
          body: () => ({ instructions: '越权退回', days: 3 }),
        },
      ],
      'GET /api/request-oversight/rates': [byOrg(`/api/request-oversight/rates?period=${period}`)],
      'GET /api/request-oversight/rates/export': [byOrg(`/api/request-oversight/rates/export?period=${period}`)],
    },
    unchanged: async () => {
      expect(await readRequest(api.db, outside)).toEqual(before);
    },
  };
});
