import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildAccount, buildMember } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('in-service', (w) => ({
  audited: {
    'POST /api/in-service': {
      action: 'in_service.register',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return {
          request: () =>
            w.send('POST', '/api/in-service', w.admin, { memberId: member.id, communityId: w.city.communityB.id }),
        };
      },
    },
    'POST /api/in-service/self': {
      action: 'in_service.register_self',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'member', memberId: member.id });
        const cookie = await w.api.login(account.username);
        return {
          actor: account.username,
          request: () => w.send('POST', '/api/in-service/self', cookie, { communityId: w.city.communityB.id }),
        };
      },
    },
    'POST /api/in-service/{id}/end': {
      action: 'in_service.end',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        const registered = await w.send('POST', '/api/in-service', w.admin, {
          memberId: member.id,
          communityId: w.city.communityB.id,
        });
        expect(registered.statusCode, registered.body).toBe(201);
        return {
          request: () =>
            w.send('POST', `/api/in-service/${registered.json().id}/end`, w.admin, { endedOn: chinaToday() }),
        };
      },
    },
  },
}));
