import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildMember } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('floating', (w) => ({
  audited: {
    'POST /api/floating-members': {
      action: 'floating_member.outflow',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return {
          request: () =>
            w.send('POST', '/api/floating-members', w.admin, {
              direction: 'out',
              memberId: member.id,
              place: '广东省深圳市',
              since: chinaToday(),
            }),
        };
      },
    },
    'POST /api/floating-members/{id}/report': {
      action: 'floating_member.report',
      prepare: async () => {
        const id = await outflow(w);
        return {
          request: () => w.send('POST', `/api/floating-members/${id}/report`, w.admin, { reportedOn: chinaToday() }),
        };
      },
    },
    'POST /api/floating-members/{id}/end': {
      action: 'floating_member.end',
      prepare: async () => {
        const id = await outflow(w);
        return { request: () => w.send('POST', `/api/floating-members/${id}/end`, w.admin, { endedOn: chinaToday() }) };
      },
    },
  },
}));

async function outflow(w: AuditWorld): Promise<number> {
  const member = await buildMember(w.api.db, w.city.branchA.id);
  const res = await w.send('POST', '/api/floating-members', w.admin, {
    direction: 'out',
    memberId: member.id,
    place: '广东省深圳市',
    since: chinaToday(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
