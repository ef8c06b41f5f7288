import { sql } from 'drizzle-orm';
import { defineProbes } from '../../test/helpers/scope-probes.js';
import { queryRows } from '../db/client.js';

export default defineProbes('audit', async ({ api, city, orgId, outsideMember }) => {
  // The audit row of street B's member's creation.
  const [row] = await queryRows<{ id: number }>(
    api.db,
    sql`select id::int as id from audit_logs where entity = 'member' and entity_id = ${String(outsideMember.id)}`,
  );
  if (!row) throw new Error("no audit row of street B's member");
  const byOrganization = (route: string) => ({
    url: (v: number | string) => `${route}?entity=organization&entityId=${v}`,
    list: true,
    id: orgId(
      'query.entityId',
      () => city.communityB.id,
      () => city.communityA.id,
    ),
  });
  return {
    probes: {
      'GET /api/audit-logs': [
        { url: () => '/api/audit-logs?pageSize=200', list: true },
        byOrganization('/api/audit-logs'),
      ],
      'GET /api/audit-logs/export': [
        { url: () => '/api/audit-logs/export', list: true },
        byOrganization('/api/audit-logs/export'),
      ],
      // Labels only: nothing of any scope.
      'GET /api/audit-logs/labels': [{ url: () => '/api/audit-logs/labels', list: true }],
      'POST /api/audit-logs/:id/reveal': [{ url: () => `/api/audit-logs/${row.id}/reveal` }],
    },
  };
});
