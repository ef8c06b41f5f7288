import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../helpers/api.js';
import { sql } from 'drizzle-orm';
import { audited } from '../../src/audit/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/http/actor.js';
import { buildAccount, buildCity, buildMember, buildNewOrg, buildTeamPost } from '../helpers/factories.js';
import { multipart } from '../helpers/multipart.js';
import { csvOf } from '../helpers/rosters.js';

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
let outsideMemberId: number;
let outsideMemberIdNumber: string;
let outsideTransferId: number;
let outsideFloatingId: number;
let outsideRegistrationId: number;
let outsideAuditLogId: number;
let actors: { name: string; cookie: string }[];

type Probe = { url: () => string; body?: () => object; upload?: () => Record<string, string>; list?: boolean };
const roster = () =>
  csvOf([
    ['姓名', '身份证号'],
    ['越权导入', '11010519491231002X'],
  ]);
// Routes about the caller itself: nothing of another scope can be named in them.
// A member registering with the community where they live may name any community (双报到): that is its point.
const SELF_ROUTES = [
  'GET /api/me',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'GET /api/in-service/mine',
  'POST /api/in-service/self',
];

const PROBES: Record<string, Probe[]> = {
  'GET /api/organizations': [{ url: () => `/api/organizations?parentId=${city.streetB.id}`, list: true }],
  'GET /api/organizations/:id': [{ url: () => `/api/organizations/${city.communityB.id}` }],
  'GET /api/organizations/export': [{ url: () => `/api/organizations/export?orgId=${city.communityB.id}` }],
  'GET /api/organizations/:id/figures': [
    { url: () => `/api/organizations/${city.communityB.id}/figures` },
    // The district holds street A too, but its figures are the whole district's: not street A's to see.
    { url: () => `/api/organizations/${city.district.id}/figures` },
  ],
  'GET /api/organizations/:id/figures/export': [
    { url: () => `/api/organizations/${city.communityB.id}/figures/export` },
    { url: () => `/api/organizations/${city.district.id}/figures/export` },
  ],
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
    {
      url: () => '/api/accounts',
      body: () => ({
        username: 'sneaky2',
        password: 'Sneaky@2026',
        orgId: city.branchA.id,
        role: 'member',
        memberId: outsideMemberId,
      }),
    },
  ],
  'PATCH /api/accounts/:id': [
    { url: () => `/api/accounts/${outsideAccountId}`, body: () => ({ memberId: null }) },
    { url: () => `/api/accounts/${city.streetAUser.id}`, body: () => ({ memberId: outsideMemberId }) },
  ],
  'POST /api/accounts/:id/disable': [{ url: () => `/api/accounts/${outsideAccountId}/disable` }],
  'POST /api/accounts/:id/enable': [{ url: () => `/api/accounts/${outsideAccountId}/enable` }],
  'GET /api/members': [
    { url: () => `/api/members?orgId=${city.streetB.id}` },
    { url: () => '/api/members?pageSize=200', list: true },
    { url: () => `/api/members?q=${outsideMemberIdNumber}`, list: true },
  ],
  'GET /api/members/export': [{ url: () => `/api/members/export?orgId=${city.communityB.id}` }],
  'GET /api/members/due-for-conversion': [{ url: () => `/api/members/due-for-conversion?orgId=${city.branchB.id}` }],
  'GET /api/members/due-for-conversion/export': [
    { url: () => `/api/members/due-for-conversion/export?orgId=${city.branchB.id}` },
  ],
  'GET /api/members/:id': [{ url: () => `/api/members/${outsideMemberId}` }],
  'POST /api/members': [
    {
      url: () => '/api/members',
      body: () => ({
        name: '越权',
        gender: 'female',
        idNumber: '11010519491231002X',
        status: 'full',
        category: 'resident',
        orgId: city.branchB.id,
      }),
    },
  ],
  'PATCH /api/members/:id': [{ url: () => `/api/members/${outsideMemberId}`, body: () => ({ name: '越权修改' }) }],
  'DELETE /api/members/:id': [{ url: () => `/api/members/${outsideMemberId}` }],
  'POST /api/members/:id/reveal': [{ url: () => `/api/members/${outsideMemberId}/reveal` }],
  'POST /api/members/:id/convert': [
    { url: () => `/api/members/${outsideMemberId}/convert`, body: () => ({ fullMemberOn: '2020-01-01' }) },
  ],
  'POST /api/member-imports/analyze': [
    // Analysing reads only the uploaded file: it must not leak anything, and needs member.write.
    { url: () => '/api/member-imports/analyze', upload: () => ({}), list: true },
  ],
  'POST /api/member-imports/check': [
    { url: () => '/api/member-imports/check', upload: () => ({ orgId: String(city.communityB.id) }) },
  ],
  'POST /api/member-imports': [
    { url: () => '/api/member-imports', upload: () => ({ orgId: String(city.communityB.id), mode: 'valid' }) },
  ],
  'POST /api/member-imports/rejected': [
    { url: () => '/api/member-imports/rejected', upload: () => ({ orgId: String(city.communityB.id) }) },
  ],
  'GET /api/transfers': [
    { url: () => `/api/transfers?box=in&orgId=${city.streetB.id}` },
    { url: () => '/api/transfers?box=in&pageSize=200', list: true },
    { url: () => '/api/transfers?box=out&pageSize=200', list: true },
  ],
  'GET /api/transfers/export': [
    { url: () => `/api/transfers/export?box=in&orgId=${city.streetB.id}` },
    { url: () => `/api/transfers/export?box=out&orgId=${city.streetB.id}` },
  ],
  // Receivers are named across scopes on purpose (a transfer's point); the answer holds names only.
  'GET /api/transfers/destinations': [
    { url: () => `/api/transfers/destinations?q=${encodeURIComponent('无此组织')}`, list: true },
  ],
  'GET /api/transfers/:id': [{ url: () => `/api/transfers/${outsideTransferId}` }],
  'GET /api/transfers/:id/letter': [{ url: () => `/api/transfers/${outsideTransferId}/letter` }],
  'POST /api/transfers': [
    {
      url: () => '/api/transfers',
      body: () => ({ memberId: outsideMemberId, toOrgId: city.branchA.id, duesPaidTo: '2026-10' }),
    },
  ],
  'POST /api/transfers/incoming': [
    {
      url: () => '/api/transfers/incoming',
      body: () => ({
        member: {
          name: '越权',
          gender: 'female',
          idNumber: '11010519491231002X',
          status: 'full',
          category: 'resident',
          orgId: city.branchB.id,
        },
        fromOrgName: '外地',
        letterNo: '1',
        duesPaidTo: '2026-10',
        issuedOn: '2026-01-01',
        validUntil: '2026-01-10',
      }),
    },
  ],
  'POST /api/transfers/:id/accept': [{ url: () => `/api/transfers/${outsideTransferId}/accept` }],
  'POST /api/transfers/:id/return': [
    { url: () => `/api/transfers/${outsideTransferId}/return`, body: () => ({ reason: '越权退回' }) },
  ],
  'POST /api/transfers/:id/receipt': [
    { url: () => `/api/transfers/${outsideTransferId}/receipt`, body: () => ({ receivedOn: '2026-01-01' }) },
  ],
  'GET /api/floating-members': [
    { url: () => `/api/floating-members?direction=out&orgId=${city.streetB.id}` },
    { url: () => '/api/floating-members?direction=out&pageSize=200', list: true },
  ],
  'GET /api/floating-members/export': [
    { url: () => `/api/floating-members/export?direction=out&orgId=${city.streetB.id}` },
  ],
  'GET /api/in-service/export': [{ url: () => `/api/in-service/export?view=community&orgId=${city.communityB.id}` }],
  'POST /api/floating-members': [
    {
      url: () => '/api/floating-members',
      body: () => ({ direction: 'out', memberId: outsideMemberId, place: 'x', since: '2026-01-01' }),
    },
    {
      url: () => '/api/floating-members',
      body: () => ({ direction: 'in', orgId: city.branchB.id, name: '越权', place: 'x', since: '2026-01-01' }),
    },
  ],
  'POST /api/floating-members/:id/report': [
    { url: () => `/api/floating-members/${outsideFloatingId}/report`, body: () => ({ reportedOn: '2026-02-01' }) },
  ],
  'POST /api/floating-members/:id/end': [
    { url: () => `/api/floating-members/${outsideFloatingId}/end`, body: () => ({ endedOn: '2026-02-01' }) },
  ],
  'GET /api/in-service': [
    { url: () => `/api/in-service?view=community&orgId=${city.streetB.id}` },
    { url: () => '/api/in-service?view=community&pageSize=200', list: true },
    { url: () => '/api/in-service?view=unit&pageSize=200', list: true },
  ],
  // Communities are named across scopes on purpose (a member registers where they live); names only.
  'GET /api/in-service/communities': [
    { url: () => `/api/in-service/communities?q=${encodeURIComponent('无此社区')}`, list: true },
  ],
  'POST /api/in-service': [
    { url: () => '/api/in-service', body: () => ({ memberId: outsideMemberId, communityId: city.communityB.id }) },
  ],
  'POST /api/in-service/:id/end': [
    { url: () => `/api/in-service/${outsideRegistrationId}/end`, body: () => ({ endedOn: '2026-11-22' }) },
  ],
  'GET /api/audit-logs': [
    { url: () => '/api/audit-logs?pageSize=200', list: true },
    { url: () => `/api/audit-logs?entity=organization&entityId=${city.communityB.id}`, list: true },
  ],
  // A compressed .xlsx: its rows are read and checked for street B in accounts.test.ts.
  'GET /api/accounts/export': [{ url: () => '/api/accounts/export', list: true }],
  'POST /api/accounts/:id/password': [
    { url: () => `/api/accounts/${outsideAccountId}/password`, body: () => ({ password: 'Temp@2026reset' }) },
  ],
  // A compressed .xlsx: its rows are read and checked for street B in audit.test.ts.
  'GET /api/audit-logs/export': [{ url: () => '/api/audit-logs/export', list: true }],
  'POST /api/audit-logs/:id/reveal': [{ url: () => `/api/audit-logs/${outsideAuditLogId}/reveal` }],
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
  ({ id: outsideMemberId, idNumber: outsideMemberIdNumber } = await buildMember(api.db, city.branchB.id));
  [{ id: outsideAuditLogId }] = (await queryRows<{ id: number }>(
    api.db,
    sql`select id::int as id from audit_logs where entity = 'member' and entity_id = ${String(outsideMemberId)}`,
  )) as [{ id: number }];
  const streetB = await api.login(city.streetBUser.username);
  const transfer = await api.app.inject({
    method: 'POST',
    url: '/api/transfers',
    headers: { cookie: streetB },
    payload: {
      memberId: (await buildMember(api.db, city.branchB.id)).id,
      toOrgId: city.communityB.id,
      duesPaidTo: '2026-10',
    },
  });
  outsideTransferId = transfer.json().id;
  const floating = await api.app.inject({
    method: 'POST',
    url: '/api/floating-members',
    headers: { cookie: streetB },
    payload: { direction: 'out', memberId: outsideMemberId, place: '外地', since: '2026-01-01' },
  });
  outsideFloatingId = floating.json().id;
  const registration = await api.app.inject({
    method: 'POST',
    url: '/api/in-service',
    headers: { cookie: streetB },
    payload: { memberId: outsideMemberId, communityId: city.communityB.id },
  });
  outsideRegistrationId = registration.json().id;
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
          const form = probe.upload && multipart(probe.upload(), { name: 'r.csv', data: roster() });
          const res = await api.app.inject({
            method,
            url: probe.url(),
            headers: { cookie: actor.cookie, ...form?.headers },
            ...(probe.body && { payload: probe.body() }),
            ...(form && { payload: form.payload }),
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
