import { buildTeamPost } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('teams', (w) => ({
  audited: {
    'POST /api/organizations/{id}/team': {
      action: 'team_post.create',
      prepare: w.asAdmin(
        'POST',
        () => `/api/organizations/${w.city.branchA.id}/team`,
        () => ({ personName: '覆盖委员', position: 'member', startedOn: '2024-01-01' }),
      ),
    },
    'POST /api/team-posts/{id}/end': {
      action: 'team_post.end',
      prepare: async () => {
        const post = await buildTeamPost(w.api.db, { orgId: w.city.branchA.id, position: 'member' });
        return { request: () => w.send('POST', `/api/team-posts/${post.id}/end`, w.admin, { endedOn: '2024-06-30' }) };
      },
    },
  },
}));
