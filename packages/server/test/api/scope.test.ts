import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../helpers/api.js';
import { sql } from 'drizzle-orm';
import { audited } from '../../src/audit/audited.js';
import { SYSTEM_AUDIT } from '../../src/http/actor.js';
import { buildAccount, buildCity, buildNewOrg, buildTeamPost } from '../helpers/factories.js';

/**
 * Walks every registered /api route as accounts of street A against street B's records. Each route must be
 * listed below (a new route without a probe fails this suite), and each probe must answer 403 or 404 — or,
 * for a list, answer without a trace of street B.
 */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let outsideAccountId: number;
let outsideNewOrgId: number;
let outsideNewOrg2Id: number;
let outsidePostId: number;
let actors: { name: string; cookie: string }[];

type Probe = { url: () => string; body?: () => object; list?: boolean };
// Routes about the caller itself: nothing of another scope can be named in them.
const SELF_ROUTES = ['GET /api/me', 'POST /api/auth/logout', 'POST /api/auth/password'];

const PROBES: Record<string, Probe[]> = {
  'GET /api/organizations': [{ url: () => `/api/organizations?parentId=${city.streetB.id}`, list: true }],
  'GET /api/organizations/:id': [{ url: () => `/api/organizations/${city.communityB.id}` }],
  'PATCH /api/organizations/:id': [
    { url: () => `/api/organizations/${city.communityB.id}`, body: () => ({ name: '越权修改' }) },
    { url: () => `/api/organizations/${city.communityA.id}`, body: () => ({ parentId: city.streetB.id }) },
  ],
  'DELETE /api/organizations/:id': [{ url: () => `/api/organizations/${city.branchB.id}` }],
  'POST /api/organizations': [
    {
      url: () => '/api/organizations',
      body: () => ({ parentId: city.communityB.id, name: '越权新建', type: 'branch' }),
    },
  ],
  'GET /api/organizations/:id/team': [{ url: () => `/api/organizations/${city.branchB.id}/team` }],
  'GET /api/organizations/:id/team/export': [{ url: () => `/api/organizations/${city.branchB.id}/team/export` }],
  'POST /api/organizations/:id/team': [
    {
      url: () => `/api/organizations/${city.branchB.id}/team`,
      body: () => ({ personName: '越权任命', position: 'member', startedOn: '2024-01-01' }),
    },
  ],
  'POST /api/team-posts/:id/end': [
    { url: () => `/api/team-posts/${outsidePostId}/end`, body: () => ({ endedOn: '2025-01-01' }) },
  ],
  'GET /api/org-rules': [
    { url: () => '/api/org-rules', list: true },
    { url: () => `/api/org-rules?orgId=${city.streetB.id}` },
  ],
  'GET /api/org-rules/export': [{ url: () => `/api/org-rules/export?orgId=${city.streetB.id}` }],
  'GET /api/terms': [{ url: () => '/api/terms', list: true }, { url: () => `/api/terms?orgId=${city.streetB.id}` }],
  'GET /api/terms/export': [{ url: () => `/api/terms/export?orgId=${city.communityB.id}` }],
  'GET /api/new-orgs': [
    { url: () => '/api/new-orgs?pageSize=200', list: true },
    { url: () => `/api/new-orgs?orgId=${city.streetB.id}` },
  ],
  'GET /api/new-orgs/export': [{ url: () => `/api/new-orgs/export?orgId=${city.streetB.id}` }],
  'POST /api/new-orgs': [
    {
      url: () => '/api/new-orgs',
      body: () => ({
        orgId: city.communityB.id,
        name: '越权登记',
        uscc: '91350100M000100Y43',
        kind: 'enterprise',
        industry: '餐饮',
      }),
    },
    {
      url: () => '/api/new-orgs',
      body: () => ({
        orgId: city.communityA.id,
        name: '越权挂靠',
        uscc: '91350100M000100Y43',
        kind: 'enterprise',
        industry: '餐饮',
        ownOrgId: city.branchB.id,
      }),
    },
  ],
  'PATCH /api/new-orgs/:id': [{ url: () => `/api/new-orgs/${outsideNewOrgId}`, body: () => ({ name: '越权修改' }) }],
  'DELETE /api/new-orgs/:id': [{ url: () => `/api/new-orgs/${outsideNewOrgId}` }],
  'GET /api/coverage': [
    { url: () => '/api/coverage', list: true },
    { url: () => `/api/coverage?orgId=${city.streetB.id}` },
  ],
  'POST /api/coverage/joint-branches': [
    { url: () => '/api/coverage/joint-branches', body: () => ({ newOrgIds: [outsideNewOrgId, outsideNewOrg2Id] }) },
  ],
  'GET /api/accounts': [{ url: () => '/api/accounts?pageSize=200', list: true }],
  'POST /api/accounts': [
    {
      url: () => '/api/accounts',
      body: () => ({ username: 'sneaky', password: 'Sneaky@2026', orgId: city.streetB.id, role: 'street_committee' }),
    },
  ],
  'POST /api/accounts/:id/disable': [{ url: () => `/api/accounts/${outsideAccountId}/disable` }],
  'POST /api/accounts/:id/enable': [{ url: () => `/api/accounts/${outsideAccountId}/enable` }],
  'GET /api/audit-logs': [
    { url: () => '/api/audit-logs?pageSize=200', list: true },
    { url: () => `/api/audit-logs?entity=organization&entityId=${city.communityB.id}`, list: true },
  ],
};

beforeAll(async () => {
  city = await buildCity(api.db);
  outsideAccountId = city.streetBUser.id;
  // Street B's own records of this issue: a team post, and two blank new organisations a joint branch could cover.
  outsidePostId = (await buildTeamPost(api.db, { orgId: city.branchB.id, position: 'secretary' })).id;
  outsideNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityB.id, partyMembers: 2 })).id;
  outsideNewOrg2Id = (await buildNewOrg(api.db, { orgId: city.communityB.id, partyMembers: 2 })).id;
  await audited(api.db, SYSTEM_AUDIT, 'test.term', (tx) =>
    tx.execute(sql`update organizations set term_started_on = '2020-01-01' where id = ${city.branchB.id}`),
  );
  // An administrator bound to street A holds every permission: only the scope stops it.
  const streetAdmin = await buildAccount(api.db, { orgId: city.streetA.id, role: 'sysadmin' });
  actors = [
    { name: 'street committee of A', cookie: await api.login(city.streetAUser.username) },
    { name: 'administrator of A', cookie: await api.login(streetAdmin.username) },
  ];
});

describe('scope suite', () => {
  it('has a probe for every non-public route', () => {
    const routes = api.app.apiRoutes.filter((r) => !r.public).map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !PROBES[r] && !SELF_ROUTES.includes(r));
    expect(missing, 'add a scope probe for these routes').toEqual([]);
  });

  it('never shows or changes street B to accounts of street A', async () => {
    const outsideMarkers = [city.streetB.name, city.communityB.name, city.branchB.name, city.streetBUser.username];
    for (const [route, probes] of Object.entries(PROBES)) {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE';
      for (const probe of probes) {
        for (const actor of actors) {
          const res = await api.app.inject({
            method,
            url: probe.url(),
            headers: { cookie: actor.cookie },
            ...(probe.body && { payload: probe.body() }),
          });
          const where = `${actor.name}: ${method} ${probe.url()}`;
          if (probe.list && res.statusCode === 200) {
            for (const marker of outsideMarkers) expect(res.body, where).not.toContain(marker);
          } else {
            expect([403, 404], `${where} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          }
        }
      }
    }
    // Nothing of street B changed.
    const admin = await api.login(city.admin.username);
    const communityB = await api.app.inject({
      method: 'GET',
      url: `/api/organizations/${city.communityB.id}`,
      headers: { cookie: admin },
    });
    expect(communityB.json()).toMatchObject({ name: city.communityB.name, parentId: city.streetB.id });
    const branchB = await api.app.inject({
      method: 'GET',
      url: `/api/organizations/${city.branchB.id}`,
      headers: { cookie: admin },
    });
    expect(branchB.statusCode).toBe(200);
    const newOrgs = await api.app.inject({
      method: 'GET',
      url: `/api/new-orgs?orgId=${city.communityB.id}`,
      headers: { cookie: admin },
    });
    expect(newOrgs.json().items.map((n: { jointBranch: unknown; name: string }) => n.jointBranch)).toEqual([
      null,
      null,
    ]);
    const team = await api.app.inject({
      method: 'GET',
      url: `/api/organizations/${city.branchB.id}/team`,
      headers: { cookie: admin },
    });
    expect(team.json().current).toHaveLength(1);
  });

  it('answers 401 on every non-public route without a session', async () => {
    for (const route of api.app.apiRoutes.filter((r) => !r.public)) {
      const url = route.url.replace(':id', '1');
      const res = await api.app.inject({ method: route.method as 'GET', url });
      expect(res.statusCode, `${route.method} ${url}`).toBe(401);
    }
  });
});
