import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { dataChanged } from '../../src/db/data-generation.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, PASSWORD } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
beforeAll(async () => {
  city = await buildCity(api.db);
});

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

describe('login', () => {
  it('sets an httpOnly SameSite session cookie and answers the account', async () => {
    const res = await login(city.streetAUser.username, PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gj_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({
      username: city.streetAUser.username,
      role: 'street_committee',
      org: { id: city.streetA.id },
    });
    const [session] = await queryRows<{ n: number }>(api.db, sql`select count(*)::int as n from sessions`);
    expect(session?.n).toBeGreaterThan(0);
  });

  it('answers /api/me with role and permissions, and 401 without a session', async () => {
    const cookie = await api.login(city.streetAUser.username);
    const me = await api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().permissions).toContain('org.write');
    expect(me.json().permissions).not.toContain('account.write');
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    const forged = await api.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: 'gj_session=forged.value' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('answers an unknown user exactly as a wrong password, and counts both down alike', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    for (let i = 1; i <= 5; i++) {
      const unknown = await login('nobody-here', PASSWORD, '10.1.0.1');
      const wrong = await login(account.username, 'Wrong@2026pw', '10.1.0.1');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
    }
    expect((await login('nobody-here', PASSWORD, '10.1.0.1')).json()).toEqual(
      (await login(account.username, PASSWORD, '10.1.0.1')).json(),
    );
  });

  it('names the missing field in Chinese', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'VALIDATION', message: '密码：不能为空', field: 'password' });
  });

  it('locks after 5 failures in a row from one place: the 6th attempt is refused even with the right password', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    for (let i = 1; i <= 4; i++) {
      const res = await login(account.username, 'Wrong@2026pw');
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
      expect(res.json().message).toBe(`用户名或密码错误，再错${5 - i}次将锁定15分钟`);
    }
    const fifth = await login(account.username, 'Wrong@2026pw');
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const sixth = await login(account.username, PASSWORD);
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json().code).toBe('ACCOUNT_LOCKED');
    expect(sixth.json().message).toMatch(/已锁定15分钟.*约15分钟后再试/);
    const audit = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where action like 'auth.%' and entity_id = ${String(account.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([...Array(5).fill('auth.login_failed'), 'auth.login_refused_locked']);
    // The owner elsewhere (another office, the phone network) is not locked out by failures from here.
    expect((await login(account.username, PASSWORD, '10.2.0.1')).statusCode).toBe(200);

    // Fifteen minutes later the lock is gone here too.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 16 * 60_000);
      expect((await login(account.username, PASSWORD)).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts concurrent wrong attempts too', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    await Promise.all(Array.from({ length: 5 }, () => login(account.username, 'Wrong@2026pw', '10.3.0.1')));
    const next = await login(account.username, PASSWORD, '10.3.0.1');
    expect(next.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('locks an account failed from many places for all but the places it logged in from before', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    expect((await login(account.username, PASSWORD, '10.4.0.99')).statusCode).toBe(200); // the owner's office
    for (let ip = 1; ip <= 4; ip++) {
      for (let i = 0; i < 5; i++) await login(account.username, 'Wrong@2026pw', `10.4.0.${ip}`);
    }
    const stranger = await login(account.username, PASSWORD, '10.4.0.50');
    expect(stranger.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(stranger.json().message).toContain('请管理员解除');
    // An unknown username failed as often answers the same: the lock does not tell that the account exists.
    for (let ip = 1; ip <= 4; ip++) {
      for (let i = 0; i < 5; i++) await login('nobody-at-all', 'Wrong@2026pw', `10.4.1.${ip}`);
    }
    expect((await login('nobody-at-all', PASSWORD, '10.4.1.50')).json()).toEqual(stranger.json());
    // The accounts page shows the lock; the owner's own office still gets in, which also lifts it.
    const admin = await api.login(city.admin.username);
    const listed = await api.app.inject({
      method: 'GET',
      url: `/api/accounts?q=${account.username}`,
      headers: { cookie: admin },
    });
    expect(listed.json().items[0]).toMatchObject({ locked: true });
    expect((await login(account.username, PASSWORD, '10.4.0.99')).statusCode).toBe(200);
    expect((await login(account.username, PASSWORD, '10.4.0.50')).statusCode).toBe(200);
  });

  it("an administrator's 启用 lifts a lock at once", async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    for (let i = 0; i < 5; i++) await login(account.username, 'Wrong@2026pw', '10.5.0.1');
    expect((await login(account.username, PASSWORD, '10.5.0.1')).json().code).toBe('ACCOUNT_LOCKED');
    const admin = await api.login(city.admin.username);
    const enabled = await api.app.inject({
      method: 'POST',
      url: `/api/accounts/${account.id}/enable`,
      headers: { cookie: admin },
    });
    expect(enabled.statusCode).toBe(200);
    expect((await login(account.username, PASSWORD, '10.5.0.1')).statusCode).toBe(200);
  });

  it('slows down one address that keeps failing, whatever the usernames, and no other', async () => {
    for (let i = 0; i < 30; i++) {
      const res = await login(`guess${i}`, 'Wrong@2026pw', '10.6.0.1');
      expect(res.statusCode).toBe(401);
    }
    // After 30 failures the next attempt waits a second after the last, the one after two, then four …
    const waiting = await login(city.branchAUser.username, PASSWORD, '10.6.0.1');
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json()).toEqual({ code: 'TOO_MANY_REQUESTS', message: '登录尝试过于频繁，请1秒后再试' });
    expect((await login(city.branchAUser.username, PASSWORD, '10.6.0.2')).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2_000);
      expect((await login(city.branchAUser.username, PASSWORD, '10.6.0.1')).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a disabled account says so only to someone who knows its password', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member' });
    const admin = await api.login(city.admin.username);
    await api.app.inject({ method: 'POST', url: `/api/accounts/${account.id}/disable`, headers: { cookie: admin } });
    const wrong = await login(account.username, 'Wrong@2026pw', '10.7.0.1');
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误，再错4次将锁定15分钟',
    });
    const res = await login(account.username, PASSWORD, '10.7.0.1');
    expect(res.json()).toMatchObject({ code: 'ACCOUNT_DISABLED', message: '账号已停用，请联系管理员' });
  });
});

describe('sessions', () => {
  it('expire after 30 idle minutes', async () => {
    const cookie = await api.login(city.streetBUser.username);
    expect((await api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    await api.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`);
    // 31 minutes later the few seconds the session stays cached would long be over.
    dataChanged();
    const res = await api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('会话已过期');
  });

  it('are read again after any committed change, and never served from before it', async () => {
    const cookie = await api.login(city.streetBUser.username);
    const me = () => api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    // Removed behind the server's back (as another process would): the cached read still answers …
    await api.db.execute(sql`delete from sessions`);
    expect((await me()).statusCode).toBe(200);
    // … until the next change this server commits, whatever it is.
    await audited(api.db, SYSTEM_AUDIT, 'test.any_change' as AuditAction, async () => undefined);
    expect((await me()).statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const cookie = await api.login(city.streetAUser.username);
    const out = await api.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('forced password change', () => {
  it('blocks everything but /api/me, logout and the change until the initial password is changed', async () => {
    const account = await buildAccount(api.db, {
      orgId: city.streetA.id,
      role: 'street_committee',
      mustChangePassword: true,
    });
    const cookie = await api.login(account.username);
    const me = await api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await api.app.inject({ method: 'GET', url: '/api/organizations', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');

    const change = (currentPassword: string, newPassword: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie },
        payload: { currentPassword, newPassword },
      });
    const weak = await change(PASSWORD, 'abcdefgh');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('新密码：密码须包含大写字母、小写字母、数字、符号中的至少三类');
    expect((await change(PASSWORD, 'Ab1!')).json().message).toBe('新密码：密码至少8位');
    expect((await change('Wrong@2026pw', 'Better@2026')).json().message).toBe('当前密码：当前密码不正确');
    expect((await change(PASSWORD, PASSWORD)).statusCode).toBe(400);
    expect((await change(PASSWORD, 'Better@2026')).statusCode).toBe(204);

    const after = await api.app.inject({ method: 'GET', url: '/api/organizations', headers: { cookie } });
    expect(after.statusCode).toBe(200);
    expect((await login(account.username, 'Better@2026')).statusCode).toBe(200);
    const audit = await queryRows<{ action: string; after: Record<string, unknown> }>(
      api.db,
      sql`select action, after from audit_logs where action = 'auth.password_change' and entity_id = ${String(account.id)}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).not.toHaveProperty('password_hash');
  });
});
