import type { AuditAction } from '../../src/modules.js';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../helpers/api.js';
import { sql } from 'drizzle-orm';
import { audited } from '../../src/audit/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/http/actor.js';
import { createRandom, randomIdNumber } from '../../src/seed/random.js';
import {
  buildAccount,
  buildCity,
  buildMember,
  buildNewOrg,
  buildOrg,
  buildTeamPost,
  nextUscc,
} from '../helpers/factories.js';
import { multipart } from '../helpers/multipart.js';
import { openapi, type Operation, resolveSchema as resolve, type Schema } from '../helpers/openapi.js';
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
let insideMemberId: number;
let insideMemberAccountId: number;
let insideNewOrgId: number;
let insideBlankNewOrgId: number;
let insideJointBranchId: number;
let actors: { name: string; cookie: string }[];
let streetAdmin: string;

/** A field naming a record: id, orgId, memberIds … */
const ID_FIELD = /^id$|Ids?$/;

/**
 * A request to make as an account of street A. A probe with `id` names one id field of the route (`body.memberId`,
 * `query.orgId`, `body.member.orgId`: the field's place in the OpenAPI document) and is called with that field set
 * to street B's record while every other id names street A's: it must be refused (or, for a list, show nothing of
 * street B). Then, once, as street A's administrator with the field set to street A's own record, it must succeed:
 * the control shows that the refusal came from the scope, not from a request malformed in some other way.
 */
type Value = number | string;
type IdProbe = { field: string; outside: () => Value; inside: () => Value | Promise<Value> };
type Probe = {
  url: (v: Value) => string;
  body?: (v: Value) => object;
  upload?: (v: Value) => Record<string, string>;
  list?: boolean;
  id?: IdProbe;
};
const roster = () =>
  csvOf([
    ['姓名', '身份证号'],
    ['越权导入', '11010519491231002X'],
  ]);
// Routes about the caller itself: nothing of another scope can be named in them.
const SELF_ROUTES = [
  'GET /api/me',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'GET /api/in-service/mine',
  'POST /api/in-service/self',
];

/**
 * Id fields that may name a record outside the caller's scope, on purpose. The answer holds names only, and the
 * record named is not changed (its own side acts on it: the receiving organisation accepts the letter).
 */
const CROSS_SCOPE: Record<string, Record<string, string>> = {
  'POST /api/transfers': { 'body.toOrgId': 'a letter goes to the organisation the member moves to, anywhere' },
  'POST /api/in-service': {
    'body.communityId': 'a unit registers its own member with the community where the member lives, anywhere',
  },
  'POST /api/in-service/self': { 'body.communityId': 'a member registers with the community where they live (双报到)' },
};

let counter = 0;
const fresh = (prefix: string) => `${prefix}${++counter}`;
const freshIdNumber = () => randomIdNumber(random, 'female');
const random = createRandom(4242);
const insideMember = async () => (await buildMember(api.db, city.branchA.id)).id;
const orgId = (field: string, outside: () => Value, inside: () => Value): IdProbe => ({ field, outside, inside });
/** A scoped list or export filtered by one organisation: street B's is refused, street A's answers. */
const byOrg = (path: string, field = 'orgId'): Probe => ({
  url: (v) => `${path}${path.includes('?') ? '&' : '?'}${field}=${v}`,
  id: orgId(
    `query.${field}`,
    () => city.streetB.id,
    () => city.streetA.id,
  ),
});

const PROBES: Record<string, Probe[]> = {
  'GET /api/organizations': [{ ...byOrg('/api/organizations', 'parentId'), list: true }],
  'GET /api/organizations/:id': [{ url: () => `/api/organizations/${city.communityB.id}` }],
  'GET /api/organizations/export': [byOrg('/api/organizations/export')],
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
    {
      url: () => `/api/organizations/${city.communityA.id}`,
      body: (v) => ({ parentId: v }),
      id: orgId(
        'body.parentId',
        () => city.streetB.id,
        () => city.streetA.id,
      ),
    },
  ],
  'DELETE /api/organizations/:id': [{ url: () => `/api/organizations/${city.branchB.id}` }],
  'POST /api/organizations': [
    {
      url: () => '/api/organizations',
      body: (v) => ({ parentId: v, name: fresh('越权新建'), type: 'branch' }),
      id: orgId(
        'body.parentId',
        () => city.communityB.id,
        () => city.communityA.id,
      ),
    },
  ],
  'GET /api/organizations/:id/team': [{ url: () => `/api/organizations/${city.branchB.id}/team` }],
  'GET /api/organizations/:id/team/export': [{ url: () => `/api/organizations/${city.branchB.id}/team/export` }],
  'POST /api/organizations/:id/team': [
    {
      url: () => `/api/organizations/${city.branchB.id}/team`,
      body: () => ({ personName: '越权任命', position: 'member', startedOn: '2024-01-01' }),
    },
    {
      url: () => `/api/organizations/${city.branchA.id}/team`,
      body: (v) => ({ personName: '任命', position: 'member', startedOn: '2024-01-01', memberId: v }),
      id: { field: 'body.memberId', outside: () => outsideMemberId, inside: insideMember },
    },
  ],
  'POST /api/team-posts/:id/end': [
    { url: () => `/api/team-posts/${outsidePostId}/end`, body: () => ({ endedOn: '2025-01-01' }) },
  ],
  'GET /api/org-rules': [{ url: () => '/api/org-rules', list: true }, byOrg('/api/org-rules')],
  'GET /api/org-rules/export': [byOrg('/api/org-rules/export')],
  'GET /api/terms': [{ url: () => '/api/terms', list: true }, byOrg('/api/terms')],
  'GET /api/terms/export': [byOrg('/api/terms/export')],
  'GET /api/new-orgs': [{ url: () => '/api/new-orgs?pageSize=200', list: true }, byOrg('/api/new-orgs')],
  'GET /api/new-orgs/export': [byOrg('/api/new-orgs/export')],
  'POST /api/new-orgs': [
    {
      url: () => '/api/new-orgs',
      body: (v) => ({ orgId: v, name: fresh('越权登记'), uscc: nextUscc(), kind: 'enterprise', industry: '餐饮' }),
      id: orgId(
        'body.orgId',
        () => city.communityB.id,
        () => city.communityA.id,
      ),
    },
    ...(['ownOrgId', 'jointBranchId'] as const).map((field): Probe => ({
      url: () => '/api/new-orgs',
      body: (v) => ({
        orgId: city.communityA.id,
        name: fresh('越权挂靠'),
        uscc: nextUscc(),
        kind: 'enterprise',
        industry: '餐饮',
        [field]: v,
      }),
      id: orgId(
        `body.${field}`,
        () => city.branchB.id,
        () => (field === 'jointBranchId' ? insideJointBranchId : city.branchA.id),
      ),
    })),
  ],
  'PATCH /api/new-orgs/:id': [
    { url: () => `/api/new-orgs/${outsideNewOrgId}`, body: () => ({ name: '越权修改' }) },
    ...(
      [
        ['orgId', () => city.communityB.id, () => city.communityA.id],
        ['ownOrgId', () => city.branchB.id, () => city.branchA.id],
        ['jointBranchId', () => city.branchB.id, () => insideJointBranchId],
      ] as const
    ).map(([field, outside, inside]): Probe => ({
      url: () => `/api/new-orgs/${insideNewOrgId}`,
      body: (v) => ({ [field]: v }),
      id: orgId(`body.${field}`, outside, inside),
    })),
  ],
  'DELETE /api/new-orgs/:id': [{ url: () => `/api/new-orgs/${outsideNewOrgId}` }],
  'GET /api/coverage': [{ url: () => '/api/coverage', list: true }, byOrg('/api/coverage')],
  'POST /api/coverage/joint-branches': [
    { url: () => '/api/coverage/joint-branches', body: () => ({ newOrgIds: [outsideNewOrgId, outsideNewOrg2Id] }) },
    {
      // One of street B's among street A's own.
      url: () => '/api/coverage/joint-branches',
      body: (v) => ({ newOrgIds: [insideBlankNewOrgId, v] }),
      id: {
        field: 'body.newOrgIds',
        outside: () => outsideNewOrgId,
        inside: async () => (await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 })).id,
      },
    },
  ],
  'GET /api/accounts': [{ url: () => '/api/accounts?pageSize=200', list: true }],
  'POST /api/accounts': [
    {
      url: () => '/api/accounts',
      body: (v) => ({ username: fresh('sneaky'), password: 'Sneaky@2026', orgId: v, role: 'street_committee' }),
      id: orgId(
        'body.orgId',
        () => city.streetB.id,
        () => city.streetA.id,
      ),
    },
    {
      url: () => '/api/accounts',
      body: (v) => ({
        username: fresh('sneaky'),
        password: 'Sneaky@2026',
        orgId: city.branchA.id,
        role: 'member',
        memberId: v,
      }),
      id: { field: 'body.memberId', outside: () => outsideMemberId, inside: insideMember },
    },
  ],
  'PATCH /api/accounts/:id': [
    { url: () => `/api/accounts/${outsideAccountId}`, body: () => ({ memberId: null }) },
    {
      url: () => `/api/accounts/${insideMemberAccountId}`,
      body: (v) => ({ memberId: v }),
      id: { field: 'body.memberId', outside: () => outsideMemberId, inside: insideMember },
    },
  ],
  'POST /api/accounts/:id/disable': [{ url: () => `/api/accounts/${outsideAccountId}/disable` }],
  'POST /api/accounts/:id/enable': [{ url: () => `/api/accounts/${outsideAccountId}/enable` }],
  'GET /api/members': [
    byOrg('/api/members'),
    { url: () => '/api/members?pageSize=200', list: true },
    { url: () => `/api/members?q=${outsideMemberIdNumber}`, list: true },
  ],
  'GET /api/members/export': [byOrg('/api/members/export')],
  'GET /api/members/due-for-conversion': [byOrg('/api/members/due-for-conversion')],
  'GET /api/members/due-for-conversion/export': [byOrg('/api/members/due-for-conversion/export')],
  'GET /api/members/:id': [{ url: () => `/api/members/${outsideMemberId}` }],
  'POST /api/members': [
    {
      url: () => '/api/members',
      body: (v) => ({
        name: '越权',
        gender: 'female',
        idNumber: freshIdNumber(),
        status: 'full',
        category: 'resident',
        orgId: v,
      }),
      id: orgId(
        'body.orgId',
        () => city.branchB.id,
        () => city.branchA.id,
      ),
    },
  ],
  'PATCH /api/members/:id': [
    { url: () => `/api/members/${outsideMemberId}`, body: () => ({ name: '越权修改' }) },
    {
      url: () => `/api/members/${insideMemberId}`,
      body: (v) => ({ orgId: v }),
      id: orgId(
        'body.orgId',
        () => city.branchB.id,
        () => city.communityA.id,
      ),
    },
  ],
  'DELETE /api/members/:id': [{ url: () => `/api/members/${outsideMemberId}` }],
  'POST /api/members/:id/reveal': [{ url: () => `/api/members/${outsideMemberId}/reveal` }],
  'POST /api/members/:id/convert': [
    { url: () => `/api/members/${outsideMemberId}/convert`, body: () => ({ fullMemberOn: '2020-01-01' }) },
  ],
  'POST /api/member-imports/analyze': [
    // Analysing reads only the uploaded file: it must not leak anything, and needs member.write.
    { url: () => '/api/member-imports/analyze', upload: () => ({}), list: true },
  ],
  ...Object.fromEntries(
    (['check', '', 'rejected'] as const).map((step) => [
      `POST /api/member-imports${step && `/${step}`}`,
      [
        {
          url: () => `/api/member-imports${step && `/${step}`}`,
          upload: (v: Value) => ({ orgId: String(v), ...(step === '' && { mode: 'valid' }) }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
    ]),
  ),
  'GET /api/transfers': [
    byOrg('/api/transfers?box=in'),
    byOrg('/api/transfers?box=out'),
    { url: () => '/api/transfers?box=in&pageSize=200', list: true },
    { url: () => '/api/transfers?box=out&pageSize=200', list: true },
  ],
  'GET /api/transfers/export': [byOrg('/api/transfers/export?box=in'), byOrg('/api/transfers/export?box=out')],
  // Receivers are named across scopes on purpose (a transfer's point); the answer holds names only.
  'GET /api/transfers/destinations': [
    { url: () => `/api/transfers/destinations?q=${encodeURIComponent('无此组织')}`, list: true },
  ],
  'GET /api/transfers/:id': [{ url: () => `/api/transfers/${outsideTransferId}` }],
  'GET /api/transfers/:id/letter': [{ url: () => `/api/transfers/${outsideTransferId}/letter` }],
  'POST /api/transfers': [
    {
      url: () => '/api/transfers',
      body: (v) => ({ memberId: v, toOrgId: city.communityA.id, duesPaidTo: '2026-10' }),
      id: { field: 'body.memberId', outside: () => outsideMemberId, inside: insideMember },
    },
  ],
  'POST /api/transfers/incoming': [
    {
      url: () => '/api/transfers/incoming',
      body: (v) => ({
        member: {
          name: '越权',
          gender: 'female',
          idNumber: freshIdNumber(),
          status: 'full',
          category: 'resident',
          orgId: v,
        },
        fromOrgName: '外地',
        letterNo: fresh('L'),
        duesPaidTo: '2026-10',
        issuedOn: '2026-01-01',
        validUntil: '2026-01-10',
      }),
      id: orgId(
        'body.member.orgId',
        () => city.branchB.id,
        () => city.branchA.id,
      ),
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
    byOrg('/api/floating-members?direction=out'),
    { url: () => '/api/floating-members?direction=out&pageSize=200', list: true },
  ],
  'GET /api/floating-members/export': [byOrg('/api/floating-members/export?direction=out')],
  'GET /api/in-service/export': [byOrg('/api/in-service/export?view=community')],
  'POST /api/floating-members': [
    {
      url: () => '/api/floating-members',
      body: (v) => ({ direction: 'out', memberId: v, place: 'x', since: '2026-01-01' }),
      id: { field: 'body.memberId', outside: () => outsideMemberId, inside: insideMember },
    },
    {
      url: () => '/api/floating-members',
      body: (v) => ({ direction: 'in', orgId: v, name: '越权', place: 'x', since: '2026-01-01' }),
      id: orgId(
        'body.orgId',
        () => city.branchB.id,
        () => city.branchA.id,
      ),
    },
  ],
  'POST /api/floating-members/:id/report': [
    { url: () => `/api/floating-members/${outsideFloatingId}/report`, body: () => ({ reportedOn: '2026-02-01' }) },
  ],
  'POST /api/floating-members/:id/end': [
    { url: () => `/api/floating-members/${outsideFloatingId}/end`, body: () => ({ endedOn: '2026-02-01' }) },
  ],
  'GET /api/in-service': [
    byOrg('/api/in-service?view=community'),
    byOrg('/api/in-service?view=unit'),
    { url: () => '/api/in-service?view=community&pageSize=200', list: true },
    { url: () => '/api/in-service?view=unit&pageSize=200', list: true },
  ],
  // Communities are named across scopes on purpose (a member registers where they live); names only.
  'GET /api/in-service/communities': [
    { url: () => `/api/in-service/communities?q=${encodeURIComponent('无此社区')}`, list: true },
  ],
  'POST /api/in-service': [
    // Issue 14: a community of the scope named a member anywhere by id, and the answer showed who they were.
    {
      url: () => '/api/in-service',
      body: (v) => ({ memberId: v, communityId: city.communityA.id }),
      id: { field: 'body.memberId', outside: () => outsideMemberId, inside: insideMember },
    },
    { url: () => '/api/in-service', body: () => ({ memberId: outsideMemberId, communityId: city.communityB.id }) },
  ],
  'POST /api/in-service/:id/end': [
    { url: () => `/api/in-service/${outsideRegistrationId}/end`, body: () => ({ endedOn: '2026-11-22' }) },
  ],
  'GET /api/audit-logs': [
    { url: () => '/api/audit-logs?pageSize=200', list: true },
    {
      url: (v) => `/api/audit-logs?entity=organization&entityId=${v}`,
      list: true,
      id: orgId(
        'query.entityId',
        () => city.communityB.id,
        () => city.communityA.id,
      ),
    },
  ],
  'GET /api/accounts/export': [{ url: () => '/api/accounts/export', list: true }],
  'POST /api/accounts/:id/password': [
    { url: () => `/api/accounts/${outsideAccountId}/password`, body: () => ({ password: 'Temp@2026reset' }) },
  ],
  // Labels only: nothing of any scope.
  'GET /api/audit-logs/labels': [{ url: () => '/api/audit-logs/labels', list: true }],
  'GET /api/audit-logs/export': [
    { url: () => '/api/audit-logs/export', list: true },
    {
      url: (v) => `/api/audit-logs/export?entity=organization&entityId=${v}`,
      list: true,
      id: orgId(
        'query.entityId',
        () => city.communityB.id,
        () => city.communityA.id,
      ),
    },
  ],
  // Platform-wide: an administrator bound to street A is refused (403), as is the street committee.
  'GET /api/jobs': [{ url: () => '/api/jobs' }],
  'GET /api/jobs/:name/runs': [{ url: () => '/api/jobs/sessions.cleanup/runs' }],
  'POST /api/jobs/:name/run': [{ url: () => '/api/jobs/sessions.cleanup/run' }],
  'POST /api/audit-logs/:id/reveal': [{ url: () => `/api/audit-logs/${outsideAuditLogId}/reveal` }],
};

beforeAll(async () => {
  city = await buildCity(api.db);
  outsideAccountId = city.streetBUser.id;
  // Street B's own records of this issue: a team post, and two blank new organisations a joint branch could cover.
  outsidePostId = (await buildTeamPost(api.db, { orgId: city.branchB.id, position: 'secretary' })).id;
  outsideNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityB.id, partyMembers: 2 })).id;
  outsideNewOrg2Id = (await buildNewOrg(api.db, { orgId: city.communityB.id, partyMembers: 2 })).id;
  await audited(api.db, SYSTEM_AUDIT, 'test.term' as AuditAction, (tx) =>
    tx.execute(sql`update organizations set term_started_on = '2020-01-01' where id = ${city.branchB.id}`),
  );
  ({ id: outsideMemberId, idNumber: outsideMemberIdNumber } = await buildMember(api.db, city.branchB.id));
  // Street A's own records, which the probes name beside street B's.
  insideMemberId = await insideMember();
  insideMemberAccountId = (await buildAccount(api.db, { orgId: city.branchA.id, role: 'member' })).id;
  insideNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityA.id })).id;
  insideBlankNewOrgId = (await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 })).id;
  insideJointBranchId = (await buildOrg(api.db, { parentId: city.communityA.id, type: 'joint_branch' })).id;
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
  streetAdmin = await api.login((await buildAccount(api.db, { orgId: city.streetA.id, role: 'sysadmin' })).username);
  actors = [
    { name: 'street committee of A', cookie: await api.login(city.streetAUser.username) },
    { name: 'administrator of A', cookie: streetAdmin },
  ];
});

/** Every id field a route's query or body (at any depth) refers to, by its place: `query.orgId`, `body.member.orgId`. */
function idFieldsOf(operation: Operation): string[] {
  const found = new Set<string>();
  for (const p of operation.parameters ?? [])
    if (p.in === 'query' && ID_FIELD.test(p.name)) found.add(`query.${p.name}`);
  const walk = (schema: Schema | undefined, at: string) => {
    const s = schema && resolve(schema);
    if (!s) return;
    for (const inner of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? []), ...(s.items ? [s.items] : [])])
      walk(inner, at);
    for (const [key, inner] of Object.entries(s.properties ?? {})) {
      if (ID_FIELD.test(key)) found.add(`${at}.${key}`);
      walk(inner, `${at}.${key}`);
    }
  };
  for (const content of Object.values(operation.requestBody?.content ?? {})) walk(content.schema, 'body');
  return [...found];
}

/** The text a user would see of an answer: JSON as it is, an .xlsx workbook as its cells. */
async function visibleText(res: { body: string; rawPayload: Buffer; headers: Record<string, unknown> }) {
  if (!String(res.headers['content-type']).includes('spreadsheetml')) return res.body;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text ?? '')))),
  );
  return cells.join('\n');
}

describe('scope suite', () => {
  it('has a probe for every non-public route', () => {
    const routes = api.app.apiRoutes.filter((r) => !r.public).map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !PROBES[r] && !SELF_ROUTES.includes(r));
    expect(missing, 'add a scope probe for these routes').toEqual([]);
  });

  it('has a probe naming street B in every id field of a query or body (or a reason it may)', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(openapi.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`;
        for (const field of idFieldsOf(operation)) {
          const probed = PROBES[route]?.some((p) => p.id?.field === field);
          if (!probed && !CROSS_SCOPE[route]?.[field]) missing.push(`${route} ${field}`);
        }
      }
    }
    expect(missing, 'add a probe with id: { field, outside, inside } for these fields').toEqual([]);
  });

  it('never shows or changes street B to accounts of street A', async () => {
    const outsideMarkers = [city.streetB.name, city.communityB.name, city.branchB.name, city.streetBUser.username];
    const call = (route: string, probe: Probe, cookie: string, value: Value) => {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE';
      const form = probe.upload && multipart(probe.upload(value), { name: 'r.csv', data: roster() });
      return api.app.inject({
        method,
        url: probe.url(value),
        headers: { cookie, ...form?.headers },
        ...(probe.body && { payload: probe.body(value) }),
        ...(form && { payload: form.payload }),
      });
    };
    for (const [route, probes] of Object.entries(PROBES)) {
      for (const probe of probes) {
        const value = probe.id?.outside() ?? 0;
        for (const actor of actors) {
          const res = await call(route, probe, actor.cookie, value);
          const where = `${actor.name}: ${route} ${probe.id?.field ?? ''} ${probe.url(value)}`;
          if (probe.list && res.statusCode === 200) {
            const text = await visibleText(res);
            for (const marker of outsideMarkers) expect(text, where).not.toContain(marker);
          } else {
            expect([403, 404], `${where} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          }
        }
        if (probe.id) {
          // The control: the same request naming street A's own record succeeds.
          const inside = await probe.id.inside();
          const res = await call(route, probe, streetAdmin, inside);
          expect(res.statusCode, `control ${route} ${probe.id.field}=${inside} → ${res.body}`).toBeLessThan(300);
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
