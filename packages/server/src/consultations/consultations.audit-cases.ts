import { addDays, chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';
import { probeUnit } from '../facilities/facilities.probes.js';
import { createRandom, randomIdNumber } from '../seed/random.js';

const random = createRandom(2020);

export default defineAuditCases('consultations', (w) => {
  let seq = 0;
  const body = async () => {
    seq += 1;
    const unitId = await probeUnit(w.api.db, w.city.communityA.id, `审计征求单位${seq}_${Date.now() % 100_000}`);
    return {
      unitId,
      matterKind: 'cadre_promotion',
      matter: '拟提拔',
      idNumber: randomIdNumber(random, 'male'),
      personName: '李四',
      deadline: addDays(chinaToday(), 5),
    };
  };
  const asked = async () => {
    const res = await w.send('POST', '/api/consultations', w.admin, await body());
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  return {
    audited: {
      'POST /api/consultations': {
        action: 'consultations.create',
        prepare: async () => {
          const payload = await body();
          return { request: () => w.send('POST', '/api/consultations', w.admin, payload) };
        },
      },
      'POST /api/consultations/{id}/opinion': {
        action: 'consultations.answer',
        prepare: async () => {
          const id = await asked();
          return {
            request: () =>
              w.send('POST', `/api/consultations/${id}/opinion`, w.admin, { opinion: 'agree', reason: '表现好' }),
          };
        },
      },
      'POST /api/consultations/{id}/override': {
        action: 'consultations.override',
        prepare: async () => {
          const id = await asked();
          return {
            request: () =>
              w.send('POST', `/api/consultations/${id}/override`, w.admin, {
                overrideBy: '区委组织部',
                overrideDocNo: '区组〔2026〕1号',
                overrideOn: chinaToday(),
              }),
          };
        },
      },
      'POST /api/consultations/{id}/outcome': {
        action: 'consultations.outcome',
        prepare: async () => {
          const id = await asked();
          return {
            request: () => w.send('POST', `/api/consultations/${id}/outcome`, w.admin, { outcome: 'withdrawn' }),
          };
        },
      },
      'POST /api/consultations/{id}/reveal': {
        action: 'consultations.reveal',
        prepare: async () => {
          const id = await asked();
          return { request: () => w.send('POST', `/api/consultations/${id}/reveal`, w.admin) };
        },
      },
    },
  };
});
