import { buildAccount } from '../../test/helpers/factories.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('accounts', async ({ api, city, orgId, fresh, outsideMember, insideMember }) => {
  const outsideAccountId = city.streetBUser.id;
  const insideMemberAccountId = (await buildAccount(api.db, { orgId: city.branchA.id, role: 'member' })).id;
  const insideStaffAccountId = (await buildAccount(api.db, { orgId: city.streetA.id, role: 'street_committee' })).id;
  const memberId = { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember };
  return {
    probes: {
      'GET /api/accounts': [{ url: () => '/api/accounts?pageSize=200', list: true }],
      'GET /api/accounts/export': [{ url: () => '/api/accounts/export', list: true }],
      'POST /api/accounts': [
        {
          url: () => '/api/accounts',
          body: (v) => ({ username: fresh('sneaky'), password: 'Sneaky@2026', orgId: v, role: 'street_committee' }),
          id: orgId(
            'body.orgId',
            () => city.streetB.id,
            () => city.streetA.id,
          ),
        },
        {
          url: () => '/api/accounts',
          body: (v) => ({
            username: fresh('sneaky'),
            password: 'Sneaky@2026',
            orgId: city.branchA.id,
            role: 'member',
            memberId: v,
          }),
          id: memberId,
        },
      ],
      'PATCH /api/accounts/:id': [
        { url: () => `/api/accounts/${outsideAccountId}`, body: () => ({ memberId: null }) },
        { url: () => `/api/accounts/${insideMemberAccountId}`, body: (v) => ({ memberId: v }), id: memberId },
        // Street B's account cannot be edited from street A, nor can street A's be moved into street B.
        {
          url: () => `/api/accounts/${outsideAccountId}`,
          body: () => ({ displayName: '越权改名', role: 'street_committee', orgId: city.streetA.id }),
        },
        {
          url: () => `/api/accounts/${insideStaffAccountId}`,
          body: (v) => ({ role: 'street_committee', orgId: v }),
          id: orgId(
            'body.orgId',
            () => city.streetB.id,
            () => city.streetA.id,
          ),
        },
      ],
      'POST /api/accounts/:id/disable': [{ url: () => `/api/accounts/${outsideAccountId}/disable` }],
      'POST /api/accounts/:id/enable': [{ url: () => `/api/accounts/${outsideAccountId}/enable` }],
      'POST /api/accounts/:id/password': [
        { url: () => `/api/accounts/${outsideAccountId}/password`, body: () => ({ password: 'Temp@2026reset' }) },
      ],
    },
  };
});
