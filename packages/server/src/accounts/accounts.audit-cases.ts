import { expect } from 'vitest';
import { buildAccount } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('accounts', (w) => ({
  audited: {
    'POST /api/accounts': {
      action: 'account.create',
      prepare: async () => ({
        request: () =>
          w.send('POST', '/api/accounts', w.admin, {
            username: 'coverage.new',
            password: 'Coverage@2026',
            orgId: w.city.streetA.id,
            role: 'street_committee',
          }),
      }),
    },
    // A change of post; linking a member alone (account.link_member) is covered in accounts.test.ts.
    'PATCH /api/accounts/{id}': {
      action: 'account.update',
      prepare: async () => {
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'branch_secretary' });
        return {
          request: () =>
            w.send('PATCH', `/api/accounts/${account.id}`, w.admin, {
              displayName: '甲社区书记',
              role: 'community_committee',
              orgId: w.city.communityA.id,
            }),
        };
      },
    },
    'POST /api/accounts/{id}/disable': {
      action: 'account.disable',
      prepare: async () => {
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'branch_secretary' });
        return { request: () => w.send('POST', `/api/accounts/${account.id}/disable`, w.admin) };
      },
    },
    'POST /api/accounts/{id}/enable': {
      action: 'account.enable',
      prepare: async () => {
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'branch_secretary' });
        expect((await w.send('POST', `/api/accounts/${account.id}/disable`, w.admin)).statusCode).toBe(200);
        return { request: () => w.send('POST', `/api/accounts/${account.id}/enable`, w.admin) };
      },
    },
    // Nothing changes but the hash: the account must already change its password at next login, is not locked.
    'POST /api/accounts/{id}/password': {
      action: 'account.reset_password',
      prepare: async () => {
        const account = await buildAccount(w.api.db, {
          orgId: w.city.branchA.id,
          role: 'branch_secretary',
          mustChangePassword: true,
        });
        return {
          request: () =>
            w.send('POST', `/api/accounts/${account.id}/password`, w.admin, { password: 'Temp@2026reset' }),
        };
      },
    },
  },
}));
