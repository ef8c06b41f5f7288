import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildMember } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';

const month = () => chinaToday().slice(0, 7);
const payment = (memberId: number) => ({
  memberId,
  fromMonth: month(),
  toMonth: month(),
  amountFen: 50,
  method: 'transfer',
  paidOn: chinaToday(),
});

async function paid(w: AuditWorld): Promise<number> {
  const member = await buildMember(w.api.db, w.city.branchA.id);
  const res = await w.send('POST', '/api/dues/payments', w.admin, payment(member.id));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export default defineAuditCases('dues', (w) => ({
  audited: {
    'PUT /api/dues/bases': {
      action: 'dues.base.save',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return {
          request: () =>
            w.api.app.inject({
              method: 'PUT',
              url: '/api/dues/bases',
              headers: { cookie: w.admin },
              payload: { memberId: member.id, year: 2026, kind: 'employed', baseFen: 400_000 },
            }),
        };
      },
    },
    'POST /api/dues/payments': {
      action: 'dues.payment.record',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        return { request: () => w.send('POST', '/api/dues/payments', w.admin, payment(member.id)) };
      },
    },
    'POST /api/dues/payments/batch': {
      action: 'dues.payment.batch',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        await w.api.app.inject({
          method: 'PUT',
          url: '/api/dues/bases',
          headers: { cookie: w.admin },
          payload: { memberId: member.id, year: Number(chinaToday().slice(0, 4)), kind: 'student' },
        });
        return {
          request: () =>
            w.send('POST', '/api/dues/payments/batch', w.admin, {
              memberIds: [member.id],
              fromMonth: month(),
              toMonth: month(),
              method: 'cash',
              paidOn: chinaToday(),
            }),
        };
      },
    },
    'DELETE /api/dues/payments/{id}': {
      action: 'dues.payment.delete',
      prepare: async () => {
        const id = await paid(w);
        return { request: () => w.send('DELETE', `/api/dues/payments/${id}`, w.admin) };
      },
    },
  },
}));
