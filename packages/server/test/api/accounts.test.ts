import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember, PASSWORD } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;
let districtAdmin: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
  const streetAdmin = await buildAccount(api.db, { orgId: city.streetA.id, role: 'sysadmin' });
  districtAdmin = await api.login(streetAdmin.username);
});

const create = (cookie: string, payload: object) =>
  api.app.inject({ method: 'POST', url: '/api/accounts', headers: { cookie }, payload });

describe('POST /api/accounts', () => {
  it('creates an account that must change its password at first login', async () => {
    const res = await create(admin, {
      username: 'street.a.new',
      displayName: '甲街道组织委员',
      password: 'Initial@2026',
      orgId: city.streetA.id,
      role: 'street_committee',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'street.a.new',
      mustChangePassword: true,
      org: { id: city.streetA.id },
    });
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'STREET.A.NEW', password: 'Initial@2026' },
    });
    expect(login.json().mustChangePassword).toBe(true);
    const [row] = await queryRows<{ password_hash: string }>(
      api.db,
      sql`select password_hash from accounts where username = 'street.a.new'`,
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    const [audit] = await queryRows<{ after: object }>(
      api.db,
      sql`select after from audit_logs where action = 'account.create'`,
    );
    expect(audit?.after).not.toHaveProperty('password_hash');
  });

  it('validates every field with a Chinese message', async () => {
    const base = { username: 'valid_user', password: 'Initial@2026', orgId: city.streetA.id, role: 'street_committee' };
    const cases: [object, number, string][] = [
      [{ ...base, username: 'a' }, 400, '用户名：应为3-32位字母、数字、下划线、点或连字符'],
      [{ ...base, password: 'alllowercase' }, 400, '密码：密码须包含大写字母、小写字母、数字、符号中的至少三类'],
      [{ ...base, role: 'king' }, 400, '角色：不是有效的角色'],
      [{ ...base, role: 'community_committee' }, 400, '角色：社区党委账号不能设在街道党工委'],
      [{ ...base, orgId: 0 }, 400, '所属组织：应为正整数'],
      [
        { ...base, username: city.streetBUser.username.toUpperCase() },
        409,
        `用户名 ${city.streetBUser.username.toUpperCase()} 已被使用`,
      ],
    ];
    for (const [payload, status, message] of cases) {
      const res = await create(admin, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().message).toBe(message);
    }
  });

  it('an administrator can only create accounts inside its own scope', async () => {
    const res = await create(districtAdmin, {
      username: 'outside1',
      password: 'Initial@2026',
      orgId: city.streetB.id,
      role: 'street_committee',
    });
    expect(res.statusCode).toBe(404);
    const inside = await create(districtAdmin, {
      username: 'inside1',
      password: 'Initial@2026',
      orgId: city.communityA.id,
      role: 'community_committee',
    });
    expect(inside.statusCode).toBe(201);
  });

  it('is forbidden to roles without account.write', async () => {
    const street = await api.login(city.streetAUser.username);
    expect(
      (await create(street, { username: 'x_y_z', password: 'Initial@2026', orgId: city.streetA.id, role: 'member' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/accounts', headers: { cookie: street } })).statusCode,
    ).toBe(403);
  });
});

describe('GET /api/accounts', () => {
  it('lists the accounts in scope, searchable and paged', async () => {
    const all = await api.app.inject({ method: 'GET', url: '/api/accounts?pageSize=200', headers: { cookie: admin } });
    expect(all.json().total).toBeGreaterThanOrEqual(5);
    const scoped = await api.app.inject({
      method: 'GET',
      url: '/api/accounts?pageSize=200',
      headers: { cookie: districtAdmin },
    });
    const names = scoped.json().items.map((a: { username: string }) => a.username);
    expect(names).toContain(city.streetAUser.username);
    expect(names).not.toContain(city.streetBUser.username);
    const search = await api.app.inject({
      method: 'GET',
      url: `/api/accounts?q=${encodeURIComponent('乙街道')}`,
      headers: { cookie: admin },
    });
    expect(search.json().items.map((a: { username: string }) => a.username)).toEqual([city.streetBUser.username]);
    const page = await api.app.inject({
      method: 'GET',
      url: '/api/accounts?page=2&pageSize=2',
      headers: { cookie: admin },
    });
    expect(page.json().items).toHaveLength(2);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/accounts?pageSize=1000', headers: { cookie: admin } })).json()
        .message,
    ).toBe('每页条数：最大为200');
  });
});

describe('GET /api/accounts/export', () => {
  it('exports the accounts of the scope, searched like the list, with status; on record', async () => {
    const inScope = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const outside = await buildAccount(api.db, { orgId: city.branchB.id, role: 'branch_secretary' });
    const res = await api.app.inject({
      method: 'GET',
      url: '/api/accounts/export',
      headers: { cookie: districtAdmin },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (book.worksheets[0] as ExcelJS.Worksheet).getSheetValues().slice(1) as unknown[][];
    expect(rows[0]?.slice(1, 7)).toEqual(['用户名', '姓名', '角色', '所属组织', '关联党员', '状态']);
    const usernames = rows.slice(1).map((r) => r[1]);
    expect(usernames).toContain(inScope.username);
    expect(usernames).not.toContain(outside.username);
    const row = rows.find((r) => r[1] === inScope.username) as unknown[];
    expect(row.slice(3, 7)).toEqual(['支部书记', city.branchA.name, undefined, '正常']);
    const searched = await api.app.inject({
      method: 'GET',
      url: `/api/accounts/export?q=${inScope.username}`,
      headers: { cookie: districtAdmin },
    });
    const searchedBook = new ExcelJS.Workbook();
    await searchedBook.xlsx.load(searched.rawPayload as unknown as ArrayBuffer);
    expect((searchedBook.worksheets[0] as ExcelJS.Worksheet).rowCount).toBe(2);
    const [event] = await queryRows<{ after: { rows: number } }>(
      api.db,
      sql`select after from audit_logs where action = 'account.export' order by id desc limit 1`,
    );
    expect(event?.after.rows).toBe(1);
    const street = await api.login(city.streetAUser.username);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/accounts/export', headers: { cookie: street } })).statusCode,
    ).toBe(403);
  });
});

describe('disable and enable', () => {
  it('disabling ends the account’s sessions; enabling lifts a lockout too', async () => {
    const target = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(target.username);
    const disabled = await api.app.inject({
      method: 'POST',
      url: `/api/accounts/${target.id}/disable`,
      headers: { cookie: admin },
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) {
      await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: target.username, password: 'Wrong@2026x' },
      });
    }
    const enabled = await api.app.inject({
      method: 'POST',
      url: `/api/accounts/${target.id}/enable`,
      headers: { cookie: admin },
    });
    expect(enabled.json()).toMatchObject({ disabled: false, locked: false });
    expect(await api.login(target.username, PASSWORD)).toContain('gj_session=');
  });

  it('an administrator cannot disable itself', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: `/api/accounts/${city.admin.id}/disable`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('resetting a forgotten password', () => {
  const reset = (id: number, password: string, cookie = admin) =>
    api.app.inject({ method: 'POST', url: `/api/accounts/${id}/password`, headers: { cookie }, payload: { password } });
  const login = (username: string, password: string) =>
    api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('sets a temporary password to change at next login, ends the sessions, lifts a lockout, and is audited', async () => {
    const target = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(target.username);
    // The user forgot the password and locked the account trying.
    for (let i = 0; i < 5; i++) await login(target.username, 'Wrong@2026x');
    expect((await login(target.username, PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');

    const res = await reset(target.id, 'Temp@2026reset');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mustChangePassword: true, locked: false });
    expect((await api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login(target.username, PASSWORD)).statusCode).toBe(401);
    const fresh = await login(target.username, 'Temp@2026reset');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ mustChangePassword: true });

    const [audit] = await queryRows<{ actor_name: string; after: Record<string, unknown> }>(
      api.db,
      sql`select actor_name, after from audit_logs where action = 'account.reset_password' and entity_id = ${String(target.id)}`,
    );
    expect(audit?.actor_name).toBe(city.admin.username);
    expect(audit?.after).toMatchObject({ must_change_password: true });
    expect(JSON.stringify(audit)).not.toContain('password_hash');
  });

  it('refuses a weak password, the own account, accounts outside the scope and roles without account.write', async () => {
    const target = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const weak = await reset(target.id, '123456');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('密码');
    expect((await reset(city.admin.id, 'Temp@2026reset')).statusCode).toBe(409);
    const outside = await buildAccount(api.db, { orgId: city.branchB.id, role: 'branch_secretary' });
    expect((await reset(outside.id, 'Temp@2026reset', districtAdmin)).statusCode).toBe(404);
    expect((await reset(target.id, 'Temp@2026reset', await api.login(city.streetAUser.username))).statusCode).toBe(403);
    // Nothing changed for the refused ones.
    expect((await login(outside.username, PASSWORD)).statusCode).toBe(200);
  });
});

describe('linking an account to a member profile', () => {
  const patch = (cookie: string, id: number, payload: object) =>
    api.app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: { cookie }, payload });

  it('links on creation and later, refuses members out of scope or already linked, and audits it', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const outside = await buildMember(api.db, city.branchB.id);
    const base = { password: 'Initial@2026', orgId: city.branchA.id, role: 'member' };
    const created = await create(districtAdmin, { ...base, username: 'member.one', memberId: member.id });
    expect(created.statusCode, created.body).toBe(201);
    const [named] = await queryRows<{ name: string }>(api.db, sql`select name from members where id = ${member.id}`);
    expect(created.json().member).toEqual({ id: member.id, name: named?.name });

    const bad = await create(districtAdmin, { ...base, username: 'member.bad', memberId: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('党员：');
    expect((await create(districtAdmin, { ...base, username: 'member.out', memberId: outside.id })).statusCode).toBe(
      404,
    );
    const taken = await create(districtAdmin, { ...base, username: 'member.two', memberId: member.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toContain('member.one');

    const second = await create(districtAdmin, { ...base, username: 'member.three' });
    expect(second.json().member).toBeNull();
    const id = second.json().id as number;
    expect((await patch(districtAdmin, id, {})).statusCode).toBe(400);
    expect((await patch(districtAdmin, id, { memberId: -1 })).statusCode).toBe(400);
    expect((await patch(districtAdmin, id, { memberId: outside.id })).statusCode).toBe(404);
    expect((await patch(districtAdmin, id, { memberId: member.id })).statusCode).toBe(409);
    expect((await patch(districtAdmin, city.streetBUser.id, { memberId: null })).statusCode).toBe(404);
    const unauthenticated = await api.app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, payload: {} });
    expect(unauthenticated.statusCode).toBe(401);

    // Move the link from the first account to the second.
    const cleared = await patch(districtAdmin, created.json().id, { memberId: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().member).toBeNull();
    const linked = await patch(districtAdmin, id, { memberId: member.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().member).toEqual({ id: member.id, name: named?.name });
    const list = await api.app.inject({
      method: 'GET',
      url: '/api/accounts?q=member.three',
      headers: { cookie: districtAdmin },
    });
    expect(list.json().items[0].member).toEqual({ id: member.id, name: named?.name });
    expect(JSON.stringify(list.json())).not.toContain(member.idNumber);

    const events = await queryRows<{ action: string; after: { member_id: number | null } }>(
      api.db,
      sql`select action, after from audit_logs where action in ('account.link_member', 'account.unlink_member')
           order by id`,
    );
    expect(events.map((e) => [e.action, e.after.member_id === null ? null : Number(e.after.member_id)])).toEqual([
      ['account.unlink_member', null],
      ['account.link_member', member.id],
    ]);
  });
});

describe('editing an account (a change of post)', () => {
  const patch = (cookie: string, id: number, payload: object) =>
    api.app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: { cookie }, payload });
  const me = (cookie: string) => api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

  it('renames, moves and re-roles an account within the rules, ends its sessions when its post changes, audited', async () => {
    const target = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(target.username);

    // A new name alone keeps the sessions.
    const renamed = await patch(districtAdmin, target.id, { displayName: '  王书记  ' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: '王书记', role: 'branch_secretary' });
    expect((await me(cookie)).statusCode).toBe(200);

    const moved = await patch(districtAdmin, target.id, { role: 'community_committee', orgId: city.communityA.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      role: 'community_committee',
      org: { id: city.communityA.id, name: city.communityA.name },
    });
    expect((await me(cookie)).statusCode).toBe(401);
    const again = await api.login(target.username);
    expect((await me(again)).json()).toMatchObject({ role: 'community_committee' });

    const events = await queryRows<{
      action: string;
      actor_name: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }>(
      api.db,
      sql`select action, actor_name, before, after from audit_logs
           where entity = 'account' and entity_id = ${String(target.id)} and action = 'account.update' order by id`,
    );
    expect(events).toHaveLength(2);
    expect(events[1]?.before).toMatchObject({ role: 'branch_secretary', display_name: '王书记' });
    expect(events[1]?.after).toMatchObject({ role: 'community_committee' });
    expect(Number(events[1]?.after.org_id)).toBe(city.communityA.id);
    expect(JSON.stringify(events)).not.toContain('password_hash');
  });

  it('refuses a role the organisation cannot hold, empty edits, bad fields, oneself, and other scopes', async () => {
    const target = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cases: [object, number, string][] = [
      [{ role: 'street_committee' }, 400, '角色：街道党工委账号不能设在党支部'],
      [{ orgId: city.streetA.id }, 400, '所属组织：支部书记账号不能设在街道党工委'],
      [{ role: 'king' }, 400, '角色：不是有效的角色'],
      [{ displayName: '   ' }, 400, '姓名：不能为空'],
      [{ orgId: 'abc' }, 400, '所属组织：'],
      [{}, 400, '没有要修改的内容'],
      [{ role: 'street_committee', orgId: city.streetB.id }, 404, '所属组织不存在或无权访问'],
    ];
    for (const [payload, status, message] of cases) {
      const res = await patch(districtAdmin, target.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().message).toContain(message);
    }
    // Street B's account is not there for street A's administrator.
    const outside = await patch(districtAdmin, city.streetBUser.id, { displayName: '越权' });
    expect(outside.statusCode).toBe(404);
    // Nobody demotes or moves the account they are signed in with; a new name is fine.
    const self = await buildAccount(api.db, { orgId: city.streetA.id, role: 'sysadmin' });
    const selfCookie = await api.login(self.username);
    expect((await patch(selfCookie, self.id, { role: 'street_committee' })).statusCode).toBe(409);
    expect((await patch(selfCookie, self.id, { displayName: '街道管理员' })).statusCode).toBe(200);
    // Roles without account.write may not edit.
    const street = await api.login(city.streetAUser.username);
    expect((await patch(street, target.id, { displayName: '改名' })).statusCode).toBe(403);

    const [row] = await queryRows<{ role: string; org_id: number; display_name: string }>(
      api.db,
      sql`select role, org_id::int as org_id, display_name from accounts where id = ${target.id}`,
    );
    expect(row).toMatchObject({ role: 'branch_secretary', org_id: city.branchA.id });
    const [other] = await queryRows<{ display_name: string }>(
      api.db,
      sql`select display_name from accounts where id = ${city.streetBUser.id}`,
    );
    expect(other?.display_name).not.toBe('越权');
  });
});
