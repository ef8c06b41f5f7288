import { expect } from 'vitest';
import { buildMember, buildOrg } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';

/** A branch of its own with two members and its appraisal for 2025. */
async function opened(w: AuditWorld): Promise<{ id: number; entryId: number }> {
  const branch = await buildOrg(w.api.db, { parentId: w.city.communityA.id, type: 'branch' });
  await buildMember(w.api.db, branch.id);
  await buildMember(w.api.db, branch.id);
  const res = await w.send('POST', '/api/appraisals', w.admin, { orgId: branch.id, year: 2025 });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, entryId: res.json().entries[0].id };
}

export default defineAuditCases('appraisal', (w) => ({
  audited: {
    'POST /api/appraisals': {
      action: 'appraisal.create',
      prepare: async () => {
        const branch = await buildOrg(w.api.db, { parentId: w.city.communityA.id, type: 'branch' });
        await buildMember(w.api.db, branch.id);
        return { request: () => w.send('POST', '/api/appraisals', w.admin, { orgId: branch.id, year: 2025 }) };
      },
    },
    'PATCH /api/appraisals/{id}/entries/{entryId}': {
      action: 'appraisal.entry.update',
      prepare: async () => {
        const { id, entryId } = await opened(w);
        return {
          request: () => w.send('PATCH', `/api/appraisals/${id}/entries/${entryId}`, w.admin, { selfText: '自评' }),
        };
      },
    },
    'POST /api/appraisals/{id}/advance': {
      action: 'appraisal.advance',
      prepare: async () => {
        const { id } = await opened(w);
        return { request: () => w.send('POST', `/api/appraisals/${id}/advance`, w.admin) };
      },
    },
  },
}));
