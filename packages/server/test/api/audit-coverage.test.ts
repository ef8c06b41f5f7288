import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity } from '../helpers/factories.js';
import { type AuditCase, auditWorld, loadAuditCaseFiles, type NoChange } from '../helpers/audit-cases.js';
import { openapi } from '../helpers/openapi.js';

/**
 * The audit trail's promise is 100 %: every operation of the committed OpenAPI document that is not a GET is
 * either audited — called once, successfully, and it must leave an audit row with its action, written by its
 * caller — or changes nothing, with the reason. Each module declares its cases in `src/<module>/<module>.audit-cases.ts`
 * (test/helpers/audit-cases.ts); a new mutating route with neither fails this suite.
 * (Exports are GETs on record too; their audit rows are checked in their own test files.)
 */
const api = useApi();
const world = auditWorld(api);
const { send } = world;
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;

const files = await loadAuditCaseFiles();
const declared = files.map((file) => ({ module: file.module, ...file.cases(world) }));
const AUDITED: Record<string, AuditCase> = Object.assign({}, ...declared.map((d) => d.audited));
const CHANGES_NOTHING: Record<string, NoChange> = Object.assign({}, ...declared.map((d) => d.changesNothing ?? {}));

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
  Object.assign(world, { city, admin });
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

  it("declares each operation's case in its own module's file, once", () => {
    const moduleOf = new Map(
      api.app.apiRoutes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.module]),
    );
    const misplaced: string[] = [];
    const seen = new Set<string>();
    for (const d of declared) {
      for (const op of [...Object.keys(d.audited), ...Object.keys(d.changesNothing ?? {})]) {
        if (moduleOf.get(op) !== d.module)
          misplaced.push(`${op}: declared by ${d.module}, served by ${moduleOf.get(op)}`);
        if (seen.has(op)) misplaced.push(`${op}: declared twice`);
        seen.add(op);
      }
    }
    expect(misplaced).toEqual([]);
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
