import { chinaToday, lastClosedServiceQuarter, servicePeriodRange } from '@gongjian/shared';
import { expect } from 'vitest';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';
import { registerForTest } from '../../test/helpers/volunteer-sheets.js';

export default defineAuditCases('volunteer-sheets', (w) => {
  const last = lastClosedServiceQuarter(chinaToday());
  return {
    audited: {
      'PATCH /api/volunteer-rules/{orgId}': {
        action: 'volunteer_rules.update',
        prepare: w.asAdmin(
          'PATCH',
          () => `/api/volunteer-rules/${w.city.district.id}`,
          () => ({
            yearlyTargetHours: 50,
            pointsEnabled: null,
            pointsPerHour: null,
            pointsPerActivity: null,
            rankingEnabled: null,
          }),
        ),
      },
      'POST /api/residence-sheets/generate': {
        action: 'residence_sheet.generate',
        prepare: w.asAdmin(
          'POST',
          () => '/api/residence-sheets/generate',
          () => ({ year: last.year, quarter: last.quarter }),
        ),
      },
      'POST /api/residence-sheets/sent': {
        action: 'residence_sheet.send',
        prepare: async () => {
          await registerForTest(w.api.db, {
            memberOrgId: w.city.branchA.id,
            communityId: w.city.communityA.id,
            registeredOn: servicePeriodRange(last).from,
          });
          const made = await w.send('POST', '/api/residence-sheets/generate', w.admin, {
            year: last.year,
            quarter: last.quarter,
            orgId: w.city.communityA.id,
          });
          expect(made.statusCode, made.body).toBe(200);
          return {
            request: () =>
              w.send('POST', '/api/residence-sheets/sent', w.admin, {
                year: last.year,
                quarter: last.quarter,
                communityId: w.city.communityA.id,
              }),
          };
        },
      },
    },
  };
});
