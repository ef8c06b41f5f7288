import { chinaToday, lastClosedServiceQuarter, servicePeriodRange } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { defineProbes } from '../../test/helpers/scope-probes.js';
import { registerForTest } from '../../test/helpers/volunteer-sheets.js';
import { queryRows } from '../db/client.js';

export default defineProbes('volunteer-sheets', async (world) => {
  const { api, city, byOrg } = world;
  const last = lastClosedServiceQuarter(chinaToday());
  const registeredOn = servicePeriodRange(last).from;
  // One in-service member of each street, registered with their own street's community in the last quarter.
  await registerForTest(api.db, { memberOrgId: city.branchA.id, communityId: city.communityA.id, registeredOn });
  // A second unit of street A (a member of the community's own organisation), so that both sends below succeed.
  await registerForTest(api.db, { memberOrgId: city.communityA.id, communityId: city.communityA.id, registeredOn });
  await registerForTest(api.db, { memberOrgId: city.branchB.id, communityId: city.communityB.id, registeredOn });
  const admin = await api.login(city.admin.username);
  // The ranking answers only where a district turned it on.
  const rules = await api.send('PATCH', `/api/volunteer-rules/${city.district.id}`, admin, {
    yearlyTargetHours: 50,
    pointsEnabled: null,
    pointsPerHour: null,
    pointsPerActivity: null,
    rankingEnabled: true,
  });
  if (rules.statusCode !== 200) throw new Error(`rules: ${rules.statusCode} ${rules.body}`);
  const made = await api.post('/api/residence-sheets/generate', admin, { year: last.year, quarter: last.quarter });
  if (made.statusCode !== 200) throw new Error(`sheets: ${made.statusCode} ${made.body}`);
  const sheetsOf = async (communityId: number) =>
    queryRows<{ id: number }>(api.db, sql`select id::int as id from residence_sheets where org_id = ${communityId}`);
  const [outsideSheet] = await sheetsOf(city.communityB.id);
  if (!outsideSheet) throw new Error("street B's sheet was not made");
  const q = `year=${last.year}&quarter=${last.quarter}`;
  const unitProbe = (route: string, list: boolean) => ({
    url: (v: number | string) => `${route}?${q}&unitOrgId=${v}`,
    list,
    id: world.orgId(
      'query.unitOrgId',
      () => city.branchB.id,
      () => city.branchA.id,
    ),
  });
  // Street B's sends (street A's controls mark their own sheets sent).
  const sends = () =>
    queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from residence_sheet_sends where org_id = ${city.communityB.id}`,
    );
  const before = await sends();
  return {
    probes: {
      'GET /api/volunteer-rules': [byOrg('/api/volunteer-rules')],
      'PATCH /api/volunteer-rules/:orgId': [
        {
          url: () => `/api/volunteer-rules/${city.streetB.id}`,
          body: () => ({
            yearlyTargetHours: 10,
            pointsEnabled: null,
            pointsPerHour: null,
            pointsPerActivity: null,
            rankingEnabled: null,
          }),
        },
      ],
      'GET /api/residence-sheets': [
        byOrg(`/api/residence-sheets?${q}`),
        { url: () => `/api/residence-sheets?${q}&pageSize=200`, list: true },
        unitProbe('/api/residence-sheets', true),
      ],
      'GET /api/residence-sheets/units': [
        byOrg(`/api/residence-sheets/units?${q}`),
        { url: () => `/api/residence-sheets/units?${q}`, list: true },
      ],
      'GET /api/residence-sheets/export': [
        byOrg(`/api/residence-sheets/export?${q}`),
        unitProbe('/api/residence-sheets/export', true),
      ],
      'GET /api/residence-sheets/print': [
        byOrg(`/api/residence-sheets/print?${q}`),
        unitProbe('/api/residence-sheets/print', false),
      ],
      'GET /api/residence-sheets/:id': [{ url: () => `/api/residence-sheets/${outsideSheet.id}` }],
      'GET /api/residence-sheets/:id/print': [{ url: () => `/api/residence-sheets/${outsideSheet.id}/print` }],
      'POST /api/residence-sheets/generate': [
        {
          url: () => '/api/residence-sheets/generate',
          body: (v) => ({ year: last.year, quarter: last.quarter, orgId: v }),
          id: world.orgId(
            'body.orgId',
            () => city.streetB.id,
            () => city.streetA.id,
          ),
        },
      ],
      'POST /api/residence-sheets/sent': [
        {
          url: () => '/api/residence-sheets/sent',
          body: (v) => ({ year: last.year, quarter: last.quarter, communityId: v, unitOrgId: city.communityA.id }),
          id: world.orgId(
            'body.communityId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        {
          url: () => '/api/residence-sheets/sent',
          body: (v) => ({ year: last.year, quarter: last.quarter, communityId: city.communityA.id, unitOrgId: v }),
          id: world.orgId(
            'body.unitOrgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'GET /api/volunteer-figures': [byOrg('/api/volunteer-figures')],
      'GET /api/volunteer-ranking': [byOrg('/api/volunteer-ranking')],
    },
    unchanged: async () => {
      expect(await sends()).toEqual(before);
    },
  };
});
