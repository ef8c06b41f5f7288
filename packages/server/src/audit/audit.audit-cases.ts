import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { buildMember } from '../../test/helpers/factories.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('audit', (w) => ({
  audited: {
    'POST /api/audit-logs/{id}/reveal': {
      action: 'audit.reveal',
      prepare: async () => {
        const member = await buildMember(w.api.db, w.city.branchA.id);
        const [row] = await queryRows<{ id: number }>(
          w.api.db,
          sql`select id::int as id from audit_logs where entity = 'member' and entity_id = ${String(member.id)}`,
        );
        return { request: () => w.send('POST', `/api/audit-logs/${row?.id}/reveal`, w.admin) };
      },
    },
  },
}));
