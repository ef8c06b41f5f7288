import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('dues', async (world) => {
  const { city, byOrg, outsideMember, insideMember, api } = world;
  const today = chinaToday();
  const month = today.slice(0, 7);
  const pay = (memberId: number | string) => ({
    memberId,
    fromMonth: month,
    toMonth: month,
    amountFen: 100,
    method: 'cash',
    paidOn: today,
  });
  const outsidePaymentId = await world.createAsStreetB('/api/dues/payments', pay(outsideMember.id));
  let adminCookie: string | undefined;
  const asAdmin = async () => (adminCookie ??= await api.login(city.admin.username));
  /** A payment of street A's to take back. */
  const insidePayment = async () => {
    const admin = await asAdmin();
    const res = await api.post('/api/dues/payments', admin, pay(await insideMember()));
    return (res.json() as { id: number }).id;
  };
  /** A member of street A with a base (a batch charges each member their monthly amount). */
  const insideWithBase = async () => {
    const id = await insideMember();
    const admin = await asAdmin();
    await api.app.inject({
      method: 'PUT',
      url: '/api/dues/bases',
      headers: { cookie: admin },
      payload: { memberId: id, year: Number(today.slice(0, 4)), kind: 'student' },
    });
    return id;
  };
  return {
    probes: {
      'GET /api/dues/members': [
        byOrg('/api/dues/members'),
        { url: () => '/api/dues/members?pageSize=200', list: true },
      ],
      'GET /api/dues/members/export': [byOrg('/api/dues/members/export')],
      'GET /api/dues/members/:id': [{ url: () => `/api/dues/members/${outsideMember.id}` }],
      'PUT /api/dues/bases': [
        {
          url: () => '/api/dues/bases',
          body: (v) => ({ memberId: v, year: 2026, kind: 'student' }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
      ],
      'GET /api/dues/payments': [
        byOrg('/api/dues/payments'),
        {
          url: (v) => `/api/dues/payments?memberId=${v}`,
          id: { field: 'query.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
      ],
      'POST /api/dues/payments': [
        {
          url: () => '/api/dues/payments',
          body: (v) => pay(v),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: insideMember },
        },
      ],
      'POST /api/dues/payments/batch': [
        {
          url: () => '/api/dues/payments/batch',
          body: (v) => ({ memberIds: [v], fromMonth: month, toMonth: month, method: 'cash', paidOn: today }),
          id: { field: 'body.memberIds', outside: () => outsideMember.id, inside: insideWithBase },
        },
      ],
      'DELETE /api/dues/payments/:id': [
        {
          url: (v) => `/api/dues/payments/${v}`,
          id: { field: 'params.id', outside: () => outsidePaymentId, inside: insidePayment },
        },
      ],
      'GET /api/dues/totals': [byOrg('/api/dues/totals')],
      'GET /api/dues/totals/export': [byOrg('/api/dues/totals/export')],
      'GET /api/lapsed': [byOrg('/api/lapsed'), { url: () => '/api/lapsed?pageSize=200', list: true }],
      'GET /api/lapsed/export': [byOrg('/api/lapsed/export')],
    },
    self: ['GET /api/dues/me'],
    unchanged: async (admin) => {
      const res = await api.get(`/api/dues/members/${outsideMember.id}`, admin);
      expect(res.json().payments).toHaveLength(1);
      expect(res.json().paidTo).toBe(month);
    },
  };
});
