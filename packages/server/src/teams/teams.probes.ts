import { expect } from 'vitest';
import { buildTeamPost } from '../../test/helpers/factories.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('teams', async ({ api, city, outsideMember, insideMember }) => {
  const outsidePostId = (await buildTeamPost(api.db, { orgId: city.branchB.id, position: 'secretary' })).id;
  return {
    probes: {
      'GET /api/organizations/:id/team': [{ url: () => `/api/organizations/${city.branchB.id}/team` }],
      'GET /api/organizations/:id/team/export': [{ url: () => `/api/organizations/${city.branchB.id}/team/export` }],
      'POST /api/organizations/:id/team': [
        {
          url: () => `/api/organizations/${city.branchB.id}/team`,
          body: () => ({ personName: '越权任命', position: 'member', startedOn: '2024-01-01' }),
        },
        {
          url: () => `/api/organizations/${city.branchA.id}/team`,
          body: (v) => ({ personName: '任命', position: 'member', startedOn: '2024-01-01', memberId: v }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
      ],
      'POST /api/team-posts/:id/end': [
        { url: () => `/api/team-posts/${outsidePostId}/end`, body: () => ({ endedOn: '2025-01-01' }) },
      ],
    },
    async unchanged(admin) {
      const team = await api.app.inject({
        method: 'GET',
        url: `/api/organizations/${city.branchB.id}/team`,
        headers: { cookie: admin },
      });
      expect(team.json().current).toHaveLength(1);
    },
  };
});
