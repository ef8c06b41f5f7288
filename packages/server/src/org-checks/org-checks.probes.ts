import { sql } from 'drizzle-orm';
import { defineProbes } from '../../test/helpers/scope-probes.js';
import { audited } from '../db/audited.js';
import { SYSTEM_AUDIT } from '../db/audited.js';
import type { AuditAction } from '../modules.js';

export default defineProbes('org-checks', async ({ api, city, byOrg }) => {
  // Street B's branch has a term, so that the terms list has a row of street B to leak.
  await audited(api.db, SYSTEM_AUDIT, 'test.term' as AuditAction, (tx) =>
    tx.execute(sql`update organizations set term_started_on = '2020-01-01' where id = ${city.branchB.id}`),
  );
  return {
    probes: {
      'GET /api/org-rules': [{ url: () => '/api/org-rules', list: true }, byOrg('/api/org-rules')],
      'GET /api/org-rules/export': [byOrg('/api/org-rules/export')],
      'GET /api/terms': [{ url: () => '/api/terms', list: true }, byOrg('/api/terms')],
      'GET /api/terms/export': [byOrg('/api/terms/export')],
    },
  };
});
