import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../db/audited.js';
import type { AuditAction } from '../modules.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('workbench', (w) => ({
  audited: {
    'POST /api/workbench/snoozes': {
      action: 'workbench.snooze',
      prepare: async () => {
        // A term of branch A that ended a year ago: an overdue item of the administrator's workbench.
        await audited(w.api.db, SYSTEM_AUDIT, 'test.term' as AuditAction, (tx) =>
          tx.execute(sql`update organizations set term_started_on = '2019-01-01' where id = ${w.city.branchA.id}`),
        );
        const until = addDays(chinaToday(), 7);
        return {
          request: () =>
            w.send('POST', '/api/workbench/snoozes', w.admin, {
              key: `org-checks.terms:${w.city.branchA.id}`,
              until,
              reason: '下周召开换届选举大会',
            }),
        };
      },
    },
  },
}));
