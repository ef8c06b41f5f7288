import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../src/audit/audited.js';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
});

const list = (query: string, cookie = streetA) =>
  api.app.inject({ method: 'GET', url: `/api/audit-logs${query}`, headers: { cookie } });

describe('GET /api/audit-logs', () => {
  it('shows a change with actor, before, after and IP, filtered by entity and id', async () => {
    await api.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${city.communityA.id}`,
      headers: { cookie: streetA },
      payload: { name: '甲社区党委（改）' },
      remoteAddress: '10.1.2.3',
    });
    const res = await list(`?entity=organization&entityId=${city.communityA.id}&action=organization.update`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        actorId: city.streetAUser.id,
        actorName: city.streetAUser.username,
        action: 'organization.update',
        entity: 'organization',
        entityId: String(city.communityA.id),
        before: expect.objectContaining({ name: '甲社区党委' }),
        after: expect.objectContaining({ name: '甲社区党委（改）' }),
        ip: '10.1.2.3',
      }),
    ]);
  });

  it('filters by actor and time, and is scoped like everything else', async () => {
    const mine = await list(`?actor=${city.streetAUser.username}`);
    expect(mine.json().items.length).toBeGreaterThan(0);
    expect(mine.json().items.every((i: { actorName: string }) => i.actorName === city.streetAUser.username)).toBe(true);
    const future = await list('?from=2099-01-01T00:00:00Z');
    expect(future.json()).toEqual({ items: [], total: 0 });
    // Street B's creation is on record, but not for street A.
    const outside = await list(`?entity=organization&entityId=${city.streetB.id}`);
    expect(outside.json().total).toBe(0);
    const admin = await api.login(city.admin.username);
    expect((await list(`?entity=organization&entityId=${city.streetB.id}`, admin)).json().total).toBe(1);
    expect((await list('?from=yesterday')).json().message).toContain('开始时间(from)');
  });

  it('scopes by whole path labels: a path whose text merely starts with the scope is outside it', async () => {
    const [street] = await queryRows<{ path: string }>(
      api.db,
      sql`select path::text as path from organizations where id = ${city.streetA.id}`,
    );
    const ctx = { actorId: null, actorName: 'test', ip: null };
    // '….12' is a text prefix of '….123' and '….12.5', but only the last lies under it.
    await auditEvent(api.db, ctx, {
      action: 'test.prefix',
      entity: 'test',
      entityId: 'sibling',
      orgPath: `${street?.path}9`,
    });
    await auditEvent(api.db, ctx, {
      action: 'test.prefix',
      entity: 'test',
      entityId: 'child',
      orgPath: `${street?.path}.9`,
    });
    const res = await list('?action=test.prefix');
    expect(res.json().items.map((i: { entityId: string }) => i.entityId)).toEqual(['child']);
    const admin = await api.login(city.admin.username);
    expect((await list('?action=test.prefix', admin)).json().total).toBe(2);
  });

  it('masks ID numbers and phones for accounts without the permission', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const liaison = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    expect((await list('', await api.login(liaison.username))).statusCode).toBe(403);
    const full = await list(`?entity=member&entityId=${member.id}`);
    expect(full.json().items[0].after.id_number).toBe(member.idNumber);
    // No seeded role has audit.read without member.sensitive; ask the service as such an actor would.
    const { listAuditLogs } = await import('../../src/audit/audit.service.js');
    const masked = await listAuditLogs(
      api.db,
      {
        accountId: 0,
        username: 'x',
        displayName: 'x',
        role: 'unit_liaison',
        permissions: ['audit.read'],
        orgId: city.streetA.id,
        scopePath: String(city.city.id),
        mustChangePassword: false,
        sessionHash: '',
      },
      { page: 1, pageSize: 20, entity: 'member', entityId: String(member.id) },
    );
    const after = masked.items[0]?.after as { id_number: string; phone: string };
    expect(after.id_number).toBe(`${member.idNumber.slice(0, 6)}********${member.idNumber.slice(-4)}`);
    expect(after.phone).toBe('138****8000');
  });
});

describe('the audit log is append-only', () => {
  it('has no route that changes or deletes a row', async () => {
    const routes = api.app.apiRoutes.filter((r) => r.url.startsWith('/api/audit'));
    expect(routes.map((r) => r.method)).toEqual(['GET']);
    const del = await api.app.inject({ method: 'DELETE', url: '/api/audit-logs/1', headers: { cookie: streetA } });
    expect(del.statusCode).toBe(404);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const statement of [
      sql`update audit_logs set actor_name = 'x'`,
      sql`delete from audit_logs`,
      sql`truncate audit_logs`,
    ]) {
      await expect(api.db.execute(statement)).rejects.toThrow();
    }
    const [count] = await queryRows<{ n: number }>(api.db, sql`select count(*)::int as n from audit_logs`);
    expect(count?.n).toBeGreaterThan(0);
  });

  it('refuses any change made outside the audited helper', async () => {
    await expect(
      api.db.execute(sql`update organizations set name = 'unaudited' where id = ${city.branchA.id}`),
    ).rejects.toThrow();
    const [row] = await queryRows<{ name: string }>(
      api.db,
      sql`select name from organizations where id = ${city.branchA.id}`,
    );
    expect(row?.name).toBe(city.branchA.name);
  });
});

describe('timestamps', () => {
  it('are ISO 8601', async () => {
    const res = await list('?pageSize=1');
    expect(res.json().items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    expect(Number.isNaN(Date.parse(res.json().items[0].at))).toBe(false);
  });
});
