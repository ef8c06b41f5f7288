import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildMember } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('transfers', (w) => ({
  audited: {
    'POST /api/transfers': {
      action: 'member.transfer.issue',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return {
          request: () =>
            w.send('POST', '/api/transfers', w.admin, {
              memberId: member.id,
              toOrgId: w.city.branchB.id,
              duesPaidTo: '2026-10',
            }),
        };
      },
    },
    'POST /api/transfers/incoming': {
      action: 'member.transfer.incoming',
      prepare: async () => ({
        request: () =>
          w.send('POST', '/api/transfers/incoming', w.admin, {
            member: w.memberBody(w.city.branchA.id),
            fromOrgName: '外省某党支部',
            letterNo: 'WS-2026-001',
            duesPaidTo: '2026-10',
            issuedOn: chinaToday(),
            validUntil: chinaToday(),
          }),
      }),
    },
    'POST /api/transfers/{id}/accept': {
      action: 'member.transfer.accept',
      prepare: async () => {
        const id = await issueTransfer(w, { toOrgId: w.city.branchB.id });
        return { request: () => w.send('POST', `/api/transfers/${id}/accept`, w.admin) };
      },
    },
    'POST /api/transfers/{id}/return': {
      action: 'member.transfer.return',
      prepare: async () => {
        const id = await issueTransfer(w, { toOrgId: w.city.branchB.id });
        return { request: () => w.send('POST', `/api/transfers/${id}/return`, w.admin, { reason: '材料不全' }) };
      },
    },
    'POST /api/transfers/{id}/receipt': {
      action: 'member.transfer.receipt',
      prepare: async () => {
        const id = await issueTransfer(w, { toOrgName: '外省某党支部' });
        return { request: () => w.send('POST', `/api/transfers/${id}/receipt`, w.admin, { receivedOn: chinaToday() }) };
      },
    },
  },
}));

async function issueTransfer(w: AuditWorld, to: { toOrgId: number } | { toOrgName: string }): Promise<number> {
  const member = await buildMember(w.api.db, w.city.branchA.id);
  const res = await w.send('POST', '/api/transfers', w.admin, { memberId: member.id, duesPaidTo: '2026-10', ...to });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
