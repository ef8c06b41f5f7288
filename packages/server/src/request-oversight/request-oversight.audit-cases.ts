import { defineAuditCases } from '../../test/helpers/audit-cases.js';
import { insertRequest } from '../../test/helpers/request-oversight.js';

export default defineAuditCases('request-oversight', (w) => {
  const held = () =>
    insertRequest(w.api.db, {
      orgId: w.city.communityA.id,
      ago: 200,
      escalationLevel: 1,
      escalationOrgId: w.city.streetA.id,
    });
  return {
    audited: {
      'PATCH /api/request-deadlines/{orgId}': {
        action: 'request_deadline.update',
        prepare: w.asAdmin(
          'PATCH',
          () => `/api/request-deadlines/${w.city.district.id}`,
          () => ({ category: 'repair', respondHours: 12, resolveHours: null }),
        ),
      },
      'POST /api/request-oversight/requests/{id}/take': {
        action: 'request_oversight.take',
        prepare: async () => {
          const id = await held();
          return { request: () => w.send('POST', `/api/request-oversight/requests/${id}/take`, w.admin, {}) };
        },
      },
      'POST /api/request-oversight/requests/{id}/return': {
        action: 'request_oversight.return',
        prepare: async () => {
          const id = await held();
          return {
            request: () =>
              w.send('POST', `/api/request-oversight/requests/${id}/return`, w.admin, {
                instructions: '请社区三天内上门核实',
                days: 3,
              }),
          };
        },
      },
    },
  };
});
