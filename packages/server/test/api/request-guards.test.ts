import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember } from '../helpers/factories.js';
import { multipart } from '../helpers/multipart.js';

/** What a request must be before any route looks at it: issue 14's holes 3, 5 and 7. */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
});

const nested = (depth: number) => `{"username":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;

describe('JSON nested deeper than any schema needs', () => {
  it('is refused before it is parsed or walked, with a 400, also without a session', async () => {
    for (const depth of [33, 4_000, 400_000]) {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: nested(depth),
      });
      expect(res.statusCode, `depth ${depth}: ${res.body}`).toBe(400);
      expect(res.json()).toEqual({ code: 'VALIDATION', message: '请求体：嵌套层数超过32层' });
    }
  });

  it('counts brackets inside strings as text, and lets a body within the depth through to its schema', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: '['.repeat(1000), password: '{'.repeat(1000) }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).not.toContain('嵌套');
    const within = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: nested(31),
    });
    expect(within.json().message).toMatch(/^用户名/);
  });

  it('keeps the prototype-poisoning check of the default parser', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"a","password":"b","__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('requests from another origin (CSRF)', () => {
  const disable = (headers: Record<string, string>, payload?: string) =>
    api.app.inject({
      method: 'POST',
      url: `/api/accounts/${city.branchAUser.id}/disable`,
      headers: { cookie: admin, host: 'gongjian.example.gov.cn', ...headers },
      ...(payload !== undefined && { payload }),
    });

  it('refuses a state-changing request whose Origin is another site, port or subdomain', async () => {
    for (const origin of [
      'http://gongjian.example.gov.cn:8080',
      'http://other.example.gov.cn',
      'https://evil.example.com',
      'null',
    ]) {
      const res = await disable({ origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().message).toContain('本系统以外');
    }
    for (const site of ['same-site', 'cross-site'])
      expect((await disable({ 'sec-fetch-site': site })).statusCode).toBe(403);
    const me = await api.app.inject({ method: 'GET', url: '/api/accounts?pageSize=200', headers: { cookie: admin } });
    const target = me.json().items.find((a: { id: number }) => a.id === city.branchAUser.id);
    expect(target.disabled).toBe(false);
  });

  it('refuses a login from another origin too (login CSRF), and a GET is never refused for its origin', async () => {
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://evil.example.com', host: 'gongjian.example.gov.cn' },
      payload: { username: city.admin.username, password: 'Test@2026pw' },
    });
    expect(login.statusCode).toBe(403);
    const list = await api.app.inject({
      method: 'GET',
      url: '/api/organizations',
      headers: { cookie: admin, origin: 'http://evil.example.com', 'sec-fetch-site': 'cross-site' },
    });
    expect(list.statusCode).toBe(200);
  });

  it('accepts the own origin (whatever the scheme behind a proxy), same-origin fetches and non-browser clients', async () => {
    expect(
      (await disable({ origin: 'https://gongjian.example.gov.cn', 'sec-fetch-site': 'same-origin' })).statusCode,
    ).toBe(200);
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: `/api/accounts/${city.branchAUser.id}/enable`,
          headers: { cookie: admin },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('takes a multipart body on upload routes only', async () => {
    const form = multipart({ name: '越权' });
    const res = await api.app.inject({
      method: 'POST',
      url: `/api/accounts/${city.branchAUser.id}/disable`,
      headers: { cookie: admin, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain('只接受 JSON');
    const text = await api.app.inject({
      method: 'POST',
      url: `/api/accounts/${city.branchAUser.id}/disable`,
      headers: { cookie: admin, 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(text.statusCode).toBe(415);
  });
});

describe('numbers and text as typed', () => {
  it('refuses true, hexadecimal, exponents, arrays and blanks where a number is expected', async () => {
    for (const orgId of [true, '0x10', '1e1', [5], '', ' ', '５']) {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/members',
        headers: { cookie: admin },
        payload: {
          name: '数字',
          gender: 'female',
          idNumber: '11010519491231002X',
          status: 'full',
          category: 'resident',
          orgId,
        },
      });
      expect(res.statusCode, JSON.stringify(orgId)).toBe(400);
      expect(res.json().message, JSON.stringify(orgId)).toMatch(/^所属组织：/);
    }
    for (const page of ['0x10', 'true', '1e1', '']) {
      const res = await api.app.inject({ method: 'GET', url: `/api/members?page=${page}`, headers: { cookie: admin } });
      expect(res.statusCode, page).toBe(400);
    }
    const ok = await api.app.inject({
      method: 'GET',
      url: '/api/members?page=1&pageSize=%2020',
      headers: { cookie: admin },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses bidi overrides and control characters in text fields, naming the field, and keeps passwords verbatim', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    for (const [name, code] of [
      ['张三\u202Egnp.exe', '202E'],
      ['李四\u2066', '2066'],
      ['王五\u0007', '0007'],
      ['赵六\u009b', '009B'],
      ['钱七\u007f', '007F'],
    ]) {
      const res = await api.app.inject({
        method: 'PATCH',
        url: `/api/members/${member.id}`,
        headers: { cookie: admin },
        payload: { name },
      });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().message).toBe(`姓名：不能包含控制字符或文字方向控制符（U+${code}）`);
    }
    // Line breaks and tabs are text (an address, a note).
    const lines = await api.app.inject({
      method: 'PATCH',
      url: `/api/members/${member.id}`,
      headers: { cookie: admin },
      payload: { address: '一号楼\n二单元\t301' },
    });
    expect(lines.statusCode, lines.body).toBe(200);
    const search = await api.app.inject({
      method: 'GET',
      url: `/api/members?q=${encodeURIComponent('张\u202e')}`,
      headers: { cookie: admin },
    });
    expect(search.statusCode).toBe(400);
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'pass\u202eword\u0007' },
    });
    expect(login.statusCode).toBe(401);
  });
});
