import { addDays, chinaToday } from '@gongjian/shared';
import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
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
import { openapi } from '../helpers/openapi.js';
import { csvOf, idFor, sampleRoster } from '../helpers/rosters.js';

/**
 * The audit trail's promise is 100 %: every operation of the committed OpenAPI document that is not a GET is
 * either in AUDITED — called once, successfully, and it must leave an audit row with its action, written by
 * its caller — or in CHANGES_NOTHING with the reason. A new mutating route in neither list fails this suite.
 * (Exports are GETs on record too; their audit rows are checked in their own test files.)
 */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;

type Method = 'POST' | 'PATCH' | 'DELETE';
const send = (method: Method, url: string, cookie: string | undefined, payload?: object) =>
  api.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload && { payload }) });
type Response = Awaited<ReturnType<typeof send>>;

const upload = (url: string, cookie: string, fields: Record<string, string>, file: Buffer) => {
  const body = multipart(fields, { name: 'roster.csv', data: file });
  return api.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });
};

let seq = 0;
/** A member profile as the form sends it, with an ID number no other test record has. */
const memberBody = (orgId: number, status: 'full' | 'probationary' = 'full') => {
  seq += 1;
  return {
    name: `审计覆盖${seq}`,
    gender: 'male',
    idNumber: idFor('1977-07-07', 'male', seq),
    status,
    category: 'resident',
    orgId,
    ...(status === 'probationary' && { joinedOn: '2024-01-01' }),
  };
};

type Case = {
  /** The action the request's audit row carries (what the service passes to audited() or auditEvent()). */
  action: string;
  /** Makes the records the request needs (their own audit rows come before the request's) and returns it. */
  prepare: () => Promise<{ request: () => Promise<Response>; actor?: string }>;
};

/** The request as the administrator (every permission, the whole city), with nothing to make first. */
const asAdmin = (method: Method, url: () => string, payload?: () => object) => async () => ({
  request: () => send(method, url(), admin, payload?.()),
});

const AUDITED: Record<string, Case> = {
  'POST /api/auth/login': {
    action: 'auth.login',
    prepare: async () => {
      const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
      return {
        actor: account.username,
        request: () =>
          send('POST', '/api/auth/login', undefined, { username: account.username, password: account.password }),
      };
    },
  },
  'POST /api/auth/logout': {
    action: 'auth.logout',
    prepare: async () => {
      const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
      const cookie = await api.login(account.username);
      return { actor: account.username, request: () => send('POST', '/api/auth/logout', cookie) };
    },
  },
  // Nothing changes but the hash: the flag is already off (see below for what the row holds).
  'POST /api/auth/password': {
    action: 'auth.password_change',
    prepare: async () => {
      const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
      const cookie = await api.login(account.username);
      return {
        actor: account.username,
        request: () =>
          send('POST', '/api/auth/password', cookie, {
            currentPassword: account.password,
            newPassword: 'Changed@2026pw',
          }),
      };
    },
  },
  'POST /api/organizations': {
    action: 'organization.create',
    prepare: asAdmin(
      'POST',
      () => '/api/organizations',
      () => ({ parentId: city.communityA.id, name: '覆盖第二党支部', type: 'branch' }),
    ),
  },
  'PATCH /api/organizations/{id}': {
    action: 'organization.update',
    prepare: async () => {
      const org = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
      return { request: () => send('PATCH', `/api/organizations/${org.id}`, admin, { name: `${org.name}（改名）` }) };
    },
  },
  'DELETE /api/organizations/{id}': {
    action: 'organization.delete',
    prepare: async () => {
      const org = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
      return { request: () => send('DELETE', `/api/organizations/${org.id}`, admin) };
    },
  },
  'POST /api/organizations/{id}/team': {
    action: 'team_post.create',
    prepare: asAdmin(
      'POST',
      () => `/api/organizations/${city.branchA.id}/team`,
      () => ({ personName: '覆盖委员', position: 'member', startedOn: '2024-01-01' }),
    ),
  },
  'POST /api/team-posts/{id}/end': {
    action: 'team_post.end',
    prepare: async () => {
      const post = await buildTeamPost(api.db, { orgId: city.branchA.id, position: 'member' });
      return { request: () => send('POST', `/api/team-posts/${post.id}/end`, admin, { endedOn: '2024-06-30' }) };
    },
  },
  'POST /api/new-orgs': {
    action: 'new_organization.create',
    prepare: asAdmin(
      'POST',
      () => '/api/new-orgs',
      () => ({
        orgId: city.communityA.id,
        name: '审计覆盖企业有限公司',
        uscc: nextUscc(),
        kind: 'enterprise',
        industry: '餐饮',
      }),
    ),
  },
  'PATCH /api/new-orgs/{id}': {
    action: 'new_organization.update',
    prepare: async () => {
      const unit = await buildNewOrg(api.db, { orgId: city.communityA.id });
      return { request: () => send('PATCH', `/api/new-orgs/${unit.id}`, admin, { name: `${unit.name}（改名）` }) };
    },
  },
  'DELETE /api/new-orgs/{id}': {
    action: 'new_organization.delete',
    prepare: async () => {
      const unit = await buildNewOrg(api.db, { orgId: city.communityA.id });
      return { request: () => send('DELETE', `/api/new-orgs/${unit.id}`, admin) };
    },
  },
  'POST /api/coverage/joint-branches': {
    action: 'coverage.create_joint_branch',
    prepare: async () => {
      const a = await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 2 });
      const b = await buildNewOrg(api.db, { orgId: city.communityA.id, partyMembers: 1 });
      return { request: () => send('POST', '/api/coverage/joint-branches', admin, { newOrgIds: [a.id, b.id] }) };
    },
  },
  'POST /api/accounts': {
    action: 'account.create',
    prepare: async () => ({
      request: () =>
        send('POST', '/api/accounts', admin, {
          username: 'coverage.new',
          password: 'Coverage@2026',
          orgId: city.streetA.id,
          role: 'street_committee',
        }),
    }),
  },
  'PATCH /api/accounts/{id}': {
    action: 'account.link_member',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member' });
      return { request: () => send('PATCH', `/api/accounts/${account.id}`, admin, { memberId: member.id }) };
    },
  },
  'POST /api/accounts/{id}/disable': {
    action: 'account.disable',
    prepare: async () => {
      const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
      return { request: () => send('POST', `/api/accounts/${account.id}/disable`, admin) };
    },
  },
  'POST /api/accounts/{id}/enable': {
    action: 'account.enable',
    prepare: async () => {
      const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
      expect((await send('POST', `/api/accounts/${account.id}/disable`, admin)).statusCode).toBe(200);
      return { request: () => send('POST', `/api/accounts/${account.id}/enable`, admin) };
    },
  },
  // Nothing changes but the hash: the account must already change its password at next login, is not locked.
  'POST /api/accounts/{id}/password': {
    action: 'account.reset_password',
    prepare: async () => {
      const account = await buildAccount(api.db, {
        orgId: city.branchA.id,
        role: 'branch_secretary',
        mustChangePassword: true,
      });
      return {
        request: () => send('POST', `/api/accounts/${account.id}/password`, admin, { password: 'Temp@2026reset' }),
      };
    },
  },
  'POST /api/audit-logs/{id}/reveal': {
    action: 'audit.reveal',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      const [row] = await queryRows<{ id: number }>(
        api.db,
        sql`select id::int as id from audit_logs where entity = 'member' and entity_id = ${String(member.id)}`,
      );
      return { request: () => send('POST', `/api/audit-logs/${row?.id}/reveal`, admin) };
    },
  },
  'POST /api/workbench/snoozes': {
    action: 'workbench.snooze',
    prepare: async () => {
      // A term of branch A that ended a year ago: an overdue item of the administrator's workbench.
      await audited(api.db, SYSTEM_AUDIT, 'test.term' as AuditAction, (tx) =>
        tx.execute(sql`update organizations set term_started_on = '2019-01-01' where id = ${city.branchA.id}`),
      );
      const until = addDays(chinaToday(), 7);
      return {
        request: () =>
          send('POST', '/api/workbench/snoozes', admin, {
            key: `org-checks.terms:${city.branchA.id}`,
            until,
            reason: '下周召开换届选举大会',
          }),
      };
    },
  },
  'POST /api/jobs/{name}/run': {
    action: 'job.run',
    prepare: async () => {
      await api.app.jobs.register();
      return { request: () => send('POST', '/api/jobs/sessions.cleanup/run', admin) };
    },
  },
  'POST /api/members': {
    action: 'member.create',
    prepare: asAdmin(
      'POST',
      () => '/api/members',
      () => memberBody(city.branchA.id),
    ),
  },
  'PATCH /api/members/{id}': {
    action: 'member.update',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      return { request: () => send('PATCH', `/api/members/${member.id}`, admin, { residence: '审计覆盖小区1号楼' }) };
    },
  },
  'DELETE /api/members/{id}': {
    action: 'member.delete',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      return { request: () => send('DELETE', `/api/members/${member.id}`, admin) };
    },
  },
  'POST /api/members/{id}/reveal': {
    action: 'member.reveal',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      return { request: () => send('POST', `/api/members/${member.id}/reveal`, admin) };
    },
  },
  'POST /api/members/{id}/convert': {
    action: 'member.convert',
    prepare: async () => {
      const created = await send('POST', '/api/members', admin, memberBody(city.branchA.id, 'probationary'));
      expect(created.statusCode, created.body).toBe(201);
      return {
        request: () => send('POST', `/api/members/${created.json().id}/convert`, admin, { fullMemberOn: '2025-01-02' }),
      };
    },
  },
  'POST /api/member-imports': {
    action: 'member.import',
    prepare: async () => ({
      request: () =>
        upload(
          '/api/member-imports',
          admin,
          { orgId: String(city.communityA.id), mode: 'valid' },
          csvOf(sampleRoster()),
        ),
    }),
  },
  'POST /api/transfers': {
    action: 'member.transfer.issue',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      return {
        request: () =>
          send('POST', '/api/transfers', admin, {
            memberId: member.id,
            toOrgId: city.branchB.id,
            duesPaidTo: '2026-10',
          }),
      };
    },
  },
  'POST /api/transfers/incoming': {
    action: 'member.transfer.incoming',
    prepare: async () => ({
      request: () =>
        send('POST', '/api/transfers/incoming', admin, {
          member: memberBody(city.branchA.id),
          fromOrgName: '外省某党支部',
          letterNo: 'WS-2026-001',
          duesPaidTo: '2026-10',
          issuedOn: chinaToday(),
          validUntil: chinaToday(),
        }),
    }),
  },
  'POST /api/transfers/{id}/accept': {
    action: 'member.transfer.accept',
    prepare: async () => {
      const id = await issueTransfer({ toOrgId: city.branchB.id });
      return { request: () => send('POST', `/api/transfers/${id}/accept`, admin) };
    },
  },
  'POST /api/transfers/{id}/return': {
    action: 'member.transfer.return',
    prepare: async () => {
      const id = await issueTransfer({ toOrgId: city.branchB.id });
      return { request: () => send('POST', `/api/transfers/${id}/return`, admin, { reason: '材料不全' }) };
    },
  },
  'POST /api/transfers/{id}/receipt': {
    action: 'member.transfer.receipt',
    prepare: async () => {
      const id = await issueTransfer({ toOrgName: '外省某党支部' });
      return { request: () => send('POST', `/api/transfers/${id}/receipt`, admin, { receivedOn: chinaToday() }) };
    },
  },
  'POST /api/floating-members': {
    action: 'floating_member.outflow',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      return {
        request: () =>
          send('POST', '/api/floating-members', admin, {
            direction: 'out',
            memberId: member.id,
            place: '广东省深圳市',
            since: chinaToday(),
          }),
      };
    },
  },
  'POST /api/floating-members/{id}/report': {
    action: 'floating_member.report',
    prepare: async () => {
      const id = await outflow();
      return { request: () => send('POST', `/api/floating-members/${id}/report`, admin, { reportedOn: chinaToday() }) };
    },
  },
  'POST /api/floating-members/{id}/end': {
    action: 'floating_member.end',
    prepare: async () => {
      const id = await outflow();
      return { request: () => send('POST', `/api/floating-members/${id}/end`, admin, { endedOn: chinaToday() }) };
    },
  },
  'POST /api/in-service': {
    action: 'in_service.register',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      return {
        request: () => send('POST', '/api/in-service', admin, { memberId: member.id, communityId: city.communityB.id }),
      };
    },
  },
  'POST /api/in-service/self': {
    action: 'in_service.register_self',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member', memberId: member.id });
      const cookie = await api.login(account.username);
      return {
        actor: account.username,
        request: () => send('POST', '/api/in-service/self', cookie, { communityId: city.communityB.id }),
      };
    },
  },
  'POST /api/in-service/{id}/end': {
    action: 'in_service.end',
    prepare: async () => {
      const member = await buildMember(api.db, city.branchA.id);
      const registered = await send('POST', '/api/in-service', admin, {
        memberId: member.id,
        communityId: city.communityB.id,
      });
      expect(registered.statusCode, registered.body).toBe(201);
      return {
        request: () => send('POST', `/api/in-service/${registered.json().id}/end`, admin, { endedOn: chinaToday() }),
      };
    },
  },
};

/**
 * Operations that are POSTs only because they take an uploaded file: they read it (and, for the check, which
 * of its people are already on the roster) and change no record. Each is called below and must leave no row.
 */
const CHANGES_NOTHING: Record<string, { reason: string; request: () => Promise<Response> }> = {
  'POST /api/member-imports/analyze': {
    reason: 'reads the uploaded roster: its header row and columns',
    request: () => upload('/api/member-imports/analyze', admin, {}, csvOf(sampleRoster())),
  },
  'POST /api/member-imports/check': {
    reason: 'checks the uploaded rows against the rules and the roster, writes nothing (不写入)',
    request: () =>
      upload('/api/member-imports/check', admin, { orgId: String(city.communityB.id) }, csvOf(sampleRoster())),
  },
  'POST /api/member-imports/rejected': {
    reason: "gives back the uploaded file's own failing rows with the problems, writes nothing",
    request: () =>
      upload('/api/member-imports/rejected', admin, { orgId: String(city.communityB.id) }, csvOf(sampleRoster())),
  },
};

async function issueTransfer(to: { toOrgId: number } | { toOrgName: string }): Promise<number> {
  const member = await buildMember(api.db, city.branchA.id);
  const res = await send('POST', '/api/transfers', admin, { memberId: member.id, duesPaidTo: '2026-10', ...to });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function outflow(): Promise<number> {
  const member = await buildMember(api.db, city.branchA.id);
  const res = await send('POST', '/api/floating-members', admin, {
    direction: 'out',
    memberId: member.id,
    place: '广东省深圳市',
    since: chinaToday(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const MUTATING = ['post', 'put', 'patch', 'delete'];
const operations = Object.entries(openapi.paths).flatMap(([path, ops]) =>
  Object.keys(ops)
    .filter((method) => MUTATING.includes(method))
    .map((method) => `${method.toUpperCase()} ${path}`),
);

/** The audit trail's high-water mark: rows after it were written by what came after. */
const mark = async () =>
  (await queryRows<{ id: string }>(api.db, sql`select coalesce(max(id), 0)::text as id from audit_logs`))[0]?.id ?? '0';
const rowsSince = (since: string) =>
  queryRows<{
    action: string;
    actor_name: string | null;
    entity: string;
    entity_id: string | null;
    org_path: string | null;
    before: unknown;
    after: Record<string, unknown> | null;
  }>(
    api.db,
    sql`select action, actor_name, entity, entity_id, org_path::text as org_path, before, after
          from audit_logs where id > ${since}::bigint order by id`,
  );

beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
});

describe('audit coverage of openapi.json', () => {
  it('lists every operation that is not a GET, as audited or as changing nothing', () => {
    expect(operations.length).toBeGreaterThan(30);
    const listed = [...Object.keys(AUDITED), ...Object.keys(CHANGES_NOTHING)];
    const missing = operations.filter((op) => !listed.includes(op));
    expect(missing, 'add these to AUDITED (with a call and its action) or CHANGES_NOTHING (with why)').toEqual([]);
    expect(
      listed.filter((op) => !operations.includes(op)),
      'no longer in openapi.json',
    ).toEqual([]);
    expect(Object.keys(AUDITED).filter((op) => op in CHANGES_NOTHING)).toEqual([]);
  });

  for (const [operation, { action, prepare }] of Object.entries(AUDITED)) {
    it(`${operation} succeeds and leaves a ${action} row by its caller`, async () => {
      const { request, actor = city.admin.username } = await prepare();
      const since = await mark();
      const res = await request();
      expect(res.statusCode, `${operation} → ${res.statusCode} ${res.body}`).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, `${operation} → ${res.statusCode} ${res.body}`).toBeLessThan(300);
      const rows = await rowsSince(since);
      expect(
        rows.filter((row) => row.action === action).map((row) => row.actor_name),
        `audit rows written: ${JSON.stringify(rows.map((row) => row.action))}`,
      ).toContain(actor);
    });
  }

  it('the upload-only operations succeed and leave no row', async () => {
    for (const [operation, { request }] of Object.entries(CHANGES_NOTHING)) {
      const since = await mark();
      const res = await request();
      expect(res.statusCode, `${operation} → ${res.statusCode} ${res.body}`).toBe(200);
      expect(await rowsSince(since), operation).toEqual([]);
    }
  });
});

describe('password changes and resets', () => {
  it('are on record as their own event when nothing else changes, without the hash', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(account.username);
    let since = await mark();
    const changed = await send('POST', '/api/auth/password', cookie, {
      currentPassword: account.password,
      newPassword: 'Another@2026pw',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    const [change, ...more] = await rowsSince(since);
    expect(more).toEqual([]);
    expect(change).toMatchObject({
      action: 'auth.password_change',
      actor_name: account.username,
      entity: 'account',
      entity_id: String(account.id),
      after: { password_changed: true },
    });
    expect(change?.before).not.toHaveProperty('password_changed');

    // Reset by the administrator, to a temporary password: the account must change it (already so), is not locked.
    await audited(api.db, SYSTEM_AUDIT, 'test.must_change' as AuditAction, (tx) =>
      tx.execute(sql`update accounts set must_change_password = true where id = ${account.id}`),
    );
    since = await mark();
    const reset = await send('POST', `/api/accounts/${account.id}/password`, admin, { password: 'Temp@2026again' });
    expect(reset.statusCode, reset.body).toBe(200);
    const [resetRow, ...others] = await rowsSince(since);
    expect(others).toEqual([]);
    expect(resetRow).toMatchObject({
      action: 'account.reset_password',
      actor_name: city.admin.username,
      entity_id: String(account.id),
      after: { password_changed: true, must_change_password: true },
    });

    const [{ hash } = { hash: '' }] = await queryRows<{ hash: string }>(
      api.db,
      sql`select password_hash as hash from accounts where id = ${account.id}`,
    );
    const written = JSON.stringify(await rowsSince('0'));
    expect(written).not.toContain('password_hash');
    expect(written).not.toContain(hash);
    expect(written).not.toContain('$argon2');
  });

  it('a row that keeps its hash says nothing about a password', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const since = await mark();
    expect((await send('POST', `/api/accounts/${account.id}/disable`, admin)).statusCode).toBe(200);
    const rows = await rowsSince(since);
    expect(rows.map((row) => row.action)).toEqual(['account.disable']);
    expect(rows[0]?.after).not.toHaveProperty('password_changed');
    expect(rows[0]?.after).toMatchObject({ disabled: true });
  });
});

describe('logout', () => {
  it('is on record with the account and its organisation', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(account.username);
    const since = await mark();
    const res = await send('POST', '/api/auth/logout', cookie);
    expect(res.statusCode).toBe(204);
    const [path] = await queryRows<{ path: string }>(
      api.db,
      sql`select path::text as path from organizations where id = ${city.branchA.id}`,
    );
    expect(await rowsSince(since)).toEqual([
      {
        action: 'auth.logout',
        actor_name: account.username,
        entity: 'account',
        entity_id: String(account.id),
        org_path: path?.path,
        before: null,
        after: null,
      },
    ]);
    // The session is gone: the same cookie is refused, and refusing it writes nothing.
    const again = await send('POST', '/api/auth/logout', cookie);
    expect(again.statusCode).toBe(401);
  });
});
