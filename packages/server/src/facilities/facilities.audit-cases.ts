import { addDays, chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';
import { probeUnit } from './facilities.probes.js';

const ALL_DAY = Array.from({ length: 7 }, () => [{ from: '08:00', to: '22:00' }]);

export default defineAuditCases('facilities', (w) => {
  let seq = 0;
  const facility = async (needsApproval = true) => {
    seq += 1;
    const unitId = await probeUnit(w.api.db, w.city.communityA.id, `审计学校${seq}_${Date.now() % 100_000}`);
    const res = await w.send('POST', '/api/facilities', w.admin, {
      unitId,
      name: '审计体育馆',
      kind: 'gym',
      capacity: 10,
      openingHours: ALL_DAY,
      needsApproval,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as number, unitId };
  };
  const book = async (facilityId: number) => {
    const res = await w.send('POST', '/api/facility-bookings', w.admin, {
      facilityId,
      orgId: w.city.communityA.id,
      date: addDays(chinaToday(), 2),
      from: '09:00',
      to: '10:00',
      purpose: '审计',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  return {
    audited: {
      'POST /api/facilities': {
        action: 'facilities.create',
        prepare: async () => {
          const unitId = await probeUnit(w.api.db, w.city.communityA.id, `审计学校新建_${Date.now() % 100_000}`);
          return {
            request: () =>
              w.send('POST', '/api/facilities', w.admin, {
                unitId,
                name: '审计图书馆',
                kind: 'library',
                capacity: 10,
                openingHours: ALL_DAY,
                needsApproval: false,
              }),
          };
        },
      },
      'PATCH /api/facilities/{id}': {
        action: 'facilities.update',
        prepare: async () => {
          const f = await facility();
          return {
            request: () =>
              w.send('PATCH', `/api/facilities/${f.id}`, w.admin, {
                name: '审计体育馆（改）',
                kind: 'gym',
                capacity: 20,
                openingHours: ALL_DAY,
                needsApproval: false,
              }),
          };
        },
      },
      'POST /api/facility-bookings': {
        action: 'facilities.book',
        prepare: async () => {
          const f = await facility();
          return {
            request: () =>
              w.send('POST', '/api/facility-bookings', w.admin, {
                facilityId: f.id,
                orgId: w.city.communityA.id,
                date: addDays(chinaToday(), 3),
                from: '09:00',
                to: '10:00',
                purpose: '审计',
              }),
          };
        },
      },
      'POST /api/facility-bookings/{id}/decide': {
        action: 'facilities.decide',
        prepare: async () => {
          const id = await book((await facility()).id);
          return { request: () => w.send('POST', `/api/facility-bookings/${id}/decide`, w.admin, { approve: true }) };
        },
      },
      'POST /api/facility-bookings/{id}/cancel': {
        action: 'facilities.cancel',
        prepare: async () => {
          const id = await book((await facility()).id);
          return { request: () => w.send('POST', `/api/facility-bookings/${id}/cancel`, w.admin, {}) };
        },
      },
    },
  };
});
