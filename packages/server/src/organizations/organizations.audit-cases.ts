import { buildOrg } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('organizations', (w) => ({
  audited: {
    'POST /api/organizations': {
      action: 'organization.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/organizations',
        () => ({ parentId: w.city.communityA.id, name: '覆盖第二党支部', type: 'branch' }),
      ),
    },
    'PATCH /api/organizations/{id}': {
      action: 'organization.update',
      prepare: async () => {
        const org = await buildOrg(w.api.db, { parentId: w.city.communityA.id, type: 'branch' });
        return {
          request: () => w.send('PATCH', `/api/organizations/${org.id}`, w.admin, { name: `${org.name}（改名）` }),
        };
      },
    },
    'DELETE /api/organizations/{id}': {
      action: 'organization.delete',
      prepare: async () => {
        const org = await buildOrg(w.api.db, { parentId: w.city.communityA.id, type: 'branch' });
        return { request: () => w.send('DELETE', `/api/organizations/${org.id}`, w.admin) };
      },
    },
  },
}));
