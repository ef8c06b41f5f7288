import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('in-service', async (world) => {
  const { city, byOrg, outsideMember, insideMember } = world;
  const outsideRegistrationId = await world.createAsStreetB('/api/in-service', {
    memberId: outsideMember.id,
    communityId: city.communityB.id,
  });
  return {
    probes: {
      'GET /api/in-service': [
        byOrg('/api/in-service?view=community'),
        byOrg('/api/in-service?view=unit'),
        { url: () => '/api/in-service?view=community&pageSize=200', list: true },
        { url: () => '/api/in-service?view=unit&pageSize=200', list: true },
      ],
      'GET /api/in-service/unregistered': [
        byOrg('/api/in-service/unregistered'),
        { url: () => '/api/in-service/unregistered?pageSize=200', list: true },
      ],
      'GET /api/in-service/export': [byOrg('/api/in-service/export?view=community')],
      // Communities are named across scopes on purpose (a member registers where they live); names only.
      'GET /api/in-service/communities': [
        { url: () => `/api/in-service/communities?q=${encodeURIComponent('无此社区')}`, list: true },
      ],
      'POST /api/in-service': [
        // Issue 14: a community of the scope named a member anywhere by id, and the answer showed who they were.
        {
          url: () => '/api/in-service',
          body: (v) => ({ memberId: v, communityId: city.communityA.id }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
        {
          url: () => '/api/in-service',
          body: () => ({ memberId: outsideMember.id, communityId: city.communityB.id }),
        },
      ],
      'POST /api/in-service/:id/end': [
        { url: () => `/api/in-service/${outsideRegistrationId}/end`, body: () => ({ endedOn: '2026-11-22' }) },
      ],
    },
    self: ['GET /api/in-service/mine', 'POST /api/in-service/self'],
    crossScope: {
      'POST /api/in-service': {
        'body.communityId': 'a unit registers its own member with the community where the member lives, anywhere',
      },
      'POST /api/in-service/self': {
        'body.communityId': 'a member registers with the community where they live (双报到)',
      },
    },
  };
});
