import { buildMember } from '../../test/helpers/factories.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('transfers', async (world) => {
  const { api, city, byOrg, orgId, fresh, freshIdNumber, outsideMember, insideMember } = world;
  // A letter street B sent for one of its members.
  const outsideTransferId = await world.createAsStreetB('/api/transfers', {
    memberId: (await buildMember(api.db, city.branchB.id)).id,
    toOrgId: city.communityB.id,
    duesPaidTo: '2026-10',
  });
  return {
    probes: {
      'GET /api/transfers': [
        byOrg('/api/transfers?box=in'),
        byOrg('/api/transfers?box=out'),
        { url: () => '/api/transfers?box=in&pageSize=200', list: true },
        { url: () => '/api/transfers?box=out&pageSize=200', list: true },
      ],
      'GET /api/transfers/export': [byOrg('/api/transfers/export?box=in'), byOrg('/api/transfers/export?box=out')],
      // Receivers are named across scopes on purpose (a transfer's point); the answer holds names only.
      'GET /api/transfers/destinations': [
        { url: () => `/api/transfers/destinations?q=${encodeURIComponent('无此组织')}`, list: true },
      ],
      'GET /api/transfers/:id': [{ url: () => `/api/transfers/${outsideTransferId}` }],
      'GET /api/transfers/:id/letter': [{ url: () => `/api/transfers/${outsideTransferId}/letter` }],
      'POST /api/transfers': [
        {
          url: () => '/api/transfers',
          body: (v) => ({ memberId: v, toOrgId: city.communityA.id, duesPaidTo: '2026-10' }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
      ],
      'POST /api/transfers/incoming': [
        {
          url: () => '/api/transfers/incoming',
          body: (v) => ({
            member: {
              name: '越权',
              gender: 'female',
              idNumber: freshIdNumber(),
              status: 'full',
              fullMemberOn: '2005-07-01',
              category: 'resident',
              orgId: v,
            },
            fromOrgName: '外地',
            letterNo: fresh('L'),
            duesPaidTo: '2026-10',
            issuedOn: '2026-01-01',
            validUntil: '2026-01-10',
          }),
          id: orgId(
            'body.member.orgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'POST /api/transfers/:id/accept': [{ url: () => `/api/transfers/${outsideTransferId}/accept` }],
      'POST /api/transfers/:id/return': [
        { url: () => `/api/transfers/${outsideTransferId}/return`, body: () => ({ reason: '越权退回' }) },
      ],
      'POST /api/transfers/:id/receipt': [
        { url: () => `/api/transfers/${outsideTransferId}/receipt`, body: () => ({ receivedOn: '2026-01-01' }) },
      ],
    },
    crossScope: {
      'POST /api/transfers': { 'body.toOrgId': 'a letter goes to the organisation the member moves to, anywhere' },
    },
  };
});
