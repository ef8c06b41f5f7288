import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('floating', async (world) => {
  const { city, byOrg, orgId, outsideMember, insideMember } = world;
  const outsideFloatingId = await world.createAsStreetB('/api/floating-members', {
    direction: 'out',
    memberId: outsideMember.id,
    place: '外地',
    since: '2026-01-01',
  });
  return {
    probes: {
      'GET /api/floating-members': [
        byOrg('/api/floating-members?direction=out'),
        { url: () => '/api/floating-members?direction=out&pageSize=200', list: true },
      ],
      'GET /api/floating-members/unregistered': [
        byOrg('/api/floating-members/unregistered'),
        { url: () => '/api/floating-members/unregistered?pageSize=200', list: true },
      ],
      'GET /api/floating-members/export': [byOrg('/api/floating-members/export?direction=out')],
      'POST /api/floating-members': [
        {
          url: () => '/api/floating-members',
          body: (v) => ({ direction: 'out', memberId: v, place: 'x', since: '2026-01-01' }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
        {
          url: () => '/api/floating-members',
          body: (v) => ({ direction: 'in', orgId: v, name: '越权', place: 'x', since: '2026-01-01' }),
          id: orgId(
            'body.orgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'POST /api/floating-members/:id/report': [
        { url: () => `/api/floating-members/${outsideFloatingId}/report`, body: () => ({ reportedOn: '2026-02-01' }) },
      ],
      'POST /api/floating-members/:id/end': [
        { url: () => `/api/floating-members/${outsideFloatingId}/end`, body: () => ({ endedOn: '2026-02-01' }) },
      ],
    },
  };
});
