import { buildAccount, buildMember } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('me', (w) => ({
  audited: {
    'PATCH /api/me/profile': {
      action: 'me.profile.update',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'member', memberId: member.id });
        const cookie = await w.api.login(account.username);
        return {
          actor: account.username,
          request: () => w.send('PATCH', '/api/me/profile', cookie, { phone: '13912345678' }),
        };
      },
    },
  },
}));
