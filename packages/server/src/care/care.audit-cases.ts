import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildAccount, buildMember } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';

async function resident(w: AuditWorld, carerMemberId?: number): Promise<number> {
  const res = await w.send('POST', '/api/care/residents', w.admin, {
    orgId: w.city.communityA.id,
    name: '审计对象',
    types: ['elderly'],
    birthYear: 1940,
    livesAlone: true,
    ...(carerMemberId && { carerMemberId }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const visit = () => ({ visitedOn: chinaToday(), content: '上门走访' });

export default defineAuditCases('care', (w) => ({
  audited: {
    'POST /api/care/residents': {
      action: 'care_resident.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/care/residents',
        () => ({
          orgId: w.city.communityA.id,
          name: '审计对象',
          types: ['disabled'],
        }),
      ),
    },
    'PATCH /api/care/residents/{id}': {
      action: 'care_resident.update',
      prepare: async () => {
        const id = await resident(w);
        return { request: () => w.send('PATCH', `/api/care/residents/${id}`, w.admin, { needs: ['meals'] }) };
      },
    },
    'POST /api/care/residents/{id}/end': {
      action: 'care_resident.end',
      prepare: async () => {
        const id = await resident(w);
        return { request: () => w.send('POST', `/api/care/residents/${id}/end`, w.admin, { reason: '迁出' }) };
      },
    },
    'POST /api/care/residents/{id}/visits': {
      action: 'care_visit.create',
      prepare: async () => {
        const id = await resident(w);
        return { request: () => w.send('POST', `/api/care/residents/${id}/visits`, w.admin, visit()) };
      },
    },
    'POST /api/care/mine/{id}/visits': {
      action: 'care_visit.create',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'member', memberId: member.id });
        const cookie = await w.api.login(account.username);
        const id = await resident(w, member.id);
        return {
          request: () => w.send('POST', `/api/care/mine/${id}/visits`, cookie, visit()),
          actor: account.username,
        };
      },
    },
  },
}));
