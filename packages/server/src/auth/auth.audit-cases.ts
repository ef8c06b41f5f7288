import { buildAccount } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('auth', (w) => ({
  audited: {
    'POST /api/auth/login': {
      action: 'auth.login',
      prepare: async () => {
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'branch_secretary' });
        return {
          actor: account.username,
          request: () =>
            w.send('POST', '/api/auth/login', undefined, { username: account.username, password: account.password }),
        };
      },
    },
    'POST /api/auth/logout': {
      action: 'auth.logout',
      prepare: async () => {
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'branch_secretary' });
        const cookie = await w.api.login(account.username);
        return { actor: account.username, request: () => w.send('POST', '/api/auth/logout', cookie) };
      },
    },
    // Nothing changes but the hash: the flag is already off (see below for what the row holds).
    'POST /api/auth/password': {
      action: 'auth.password_change',
      prepare: async () => {
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'branch_secretary' });
        const cookie = await w.api.login(account.username);
        return {
          actor: account.username,
          request: () =>
            w.send('POST', '/api/auth/password', cookie, {
              currentPassword: account.password,
              newPassword: 'Changed@2026pw',
            }),
        };
      },
    },
  },
}));
