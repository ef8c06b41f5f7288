import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { probeUnit } from '../facilities/facilities.probes.js';
import { buildMember } from '../../test/helpers/factories.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('consultations', async (world) => {
  const { api, city, byOrg, fresh, outsideMember, insideMember } = world;
  const deadline = addDays(chinaToday(), 7);
  const body = (unitId: number, over: object = {}) => ({
    unitId,
    matterKind: 'outstanding_member',
    matter: '拟评选优秀党员',
    idNumber: world.freshIdNumber(),
    personName: '张三',
    deadline,
    ...over,
  });
  const unitB = await probeUnit(api.db, city.communityB.id, fresh('乙街道单位'));
  const unitA = await probeUnit(api.db, city.communityA.id, fresh('甲街道单位'));
  // Street B's: a member of its branch registered with community B (双报到), asked about.
  const memberB = await buildMember(api.db, city.branchB.id);
  await api.post('/api/in-service', world.streetB, { memberId: memberB.id, communityId: city.communityB.id });
  const consultationB = await world.createAsStreetB(
    '/api/consultations',
    body(unitB, { idNumber: undefined, personName: undefined, memberId: memberB.id }),
  );
  const streetA = await api.login(city.streetAUser.username);
  const consultationA = async () => (await api.post('/api/consultations', streetA, body(unitA))).json().id as number;
  const registeredA = async () => {
    const id = await insideMember();
    await api.post('/api/in-service', streetA, { memberId: id, communityId: city.communityA.id });
    return id;
  };

  return {
    probes: {
      'GET /api/consultations': [
        byOrg('/api/consultations'),
        { url: () => '/api/consultations?pageSize=200', list: true },
        {
          url: (v) => `/api/consultations?unitId=${v}`,
          list: true,
          id: { field: 'query.unitId', outside: () => unitB, inside: () => unitA },
        },
      ],
      'GET /api/consultations/export': [
        byOrg('/api/consultations/export'),
        {
          url: (v) => `/api/consultations/export?unitId=${v}`,
          list: true,
          id: { field: 'query.unitId', outside: () => unitB, inside: () => unitA },
        },
      ],
      'GET /api/consultations/figures': [byOrg('/api/consultations/figures')],
      'GET /api/consultations/candidates': [
        {
          url: (v) => `/api/consultations/candidates?unitId=${v}`,
          id: { field: 'query.unitId', outside: () => unitB, inside: () => unitA },
        },
      ],
      'GET /api/consultations/:id': [{ url: () => `/api/consultations/${consultationB}` }],
      'POST /api/consultations': [
        {
          url: () => '/api/consultations',
          body: (v) => body(Number(v)),
          id: { field: 'body.unitId', outside: () => unitB, inside: () => unitA },
        },
        {
          // A member of another street is never a candidate: named by id, not found.
          url: () => '/api/consultations',
          body: (v) => body(unitA, { idNumber: undefined, personName: undefined, memberId: v }),
          id: { field: 'body.memberId', outside: () => outsideMember.id, inside: registeredA },
        },
      ],
      'POST /api/consultations/:id/opinion': [
        {
          url: (v) => `/api/consultations/${v}/opinion`,
          body: () => ({ opinion: 'agree', reason: '越权答复' }),
          id: { field: 'path.id', outside: () => consultationB, inside: consultationA },
        },
      ],
      'POST /api/consultations/:id/override': [
        {
          url: (v) => `/api/consultations/${v}/override`,
          body: () => ({ overrideBy: '区委组织部', overrideDocNo: '越权1号', overrideOn: chinaToday() }),
          id: { field: 'path.id', outside: () => consultationB, inside: consultationA },
        },
      ],
      'POST /api/consultations/:id/outcome': [
        {
          url: (v) => `/api/consultations/${v}/outcome`,
          body: () => ({ outcome: 'withdrawn' }),
          id: { field: 'path.id', outside: () => consultationB, inside: consultationA },
        },
      ],
      'POST /api/consultations/:id/reveal': [{ url: () => `/api/consultations/${consultationB}/reveal` }],
    },
    unchanged: async () => {
      const [row] = await queryRows<{ status: string; override_doc_no: string | null }>(
        api.db,
        sql`select status, override_doc_no from consultations where id = ${consultationB}`,
      );
      if (!row || row.status !== 'asked' || row.override_doc_no !== null) {
        throw new Error(`street B's consultation changed: ${JSON.stringify(row)}`);
      }
    },
  };
});
