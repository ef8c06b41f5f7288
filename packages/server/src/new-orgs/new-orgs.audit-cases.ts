import { buildNewOrg, nextUscc } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('new-orgs', (w) => ({
  audited: {
    'POST /api/new-orgs': {
      action: 'new_organization.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/new-orgs',
        () => ({
          orgId: w.city.communityA.id,
          name: '审计覆盖企业有限公司',
          uscc: nextUscc(),
          kind: 'enterprise',
          industry: '餐饮',
        }),
      ),
    },
    'PATCH /api/new-orgs/{id}': {
      action: 'new_organization.update',
      prepare: async () => {
        const unit = await buildNewOrg(w.api.db, { orgId: w.city.communityA.id });
        return {
          request: () => w.send('PATCH', `/api/new-orgs/${unit.id}`, w.admin, { name: `${unit.name}（改名）` }),
        };
      },
    },
    'DELETE /api/new-orgs/{id}': {
      action: 'new_organization.delete',
      prepare: async () => {
        const unit = await buildNewOrg(w.api.db, { orgId: w.city.communityA.id });
        return { request: () => w.send('DELETE', `/api/new-orgs/${unit.id}`, w.admin) };
      },
    },
    'POST /api/coverage/joint-branches': {
      action: 'coverage.create_joint_branch',
      prepare: async () => {
        const a = await buildNewOrg(w.api.db, { orgId: w.city.communityA.id, partyMembers: 2 });
        const b = await buildNewOrg(w.api.db, { orgId: w.city.communityA.id, partyMembers: 1 });
        return { request: () => w.send('POST', '/api/coverage/joint-branches', w.admin, { newOrgIds: [a.id, b.id] }) };
      },
    },
  },
}));
