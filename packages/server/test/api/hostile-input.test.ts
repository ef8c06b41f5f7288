import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildCity } from '../helpers/factories.js';
import { multipart } from '../helpers/multipart.js';
import { openapi, resolveSchema as resolve } from '../helpers/openapi.js';
import { csvOf, idFor, type SheetCell, xlsxOf } from '../helpers/rosters.js';

/**
 * "No 500 for anything a user can type": every route of the committed OpenAPI document, called by the
 * administrator (the whole tree, every permission) with values a form, a URL or a script may send.
 */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
});

type Route = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; query: string[]; body: string[] | null };
// Logging out would end the session the other requests use; the imports take a file (see below).
const routes: Route[] = Object.entries(openapi.paths).flatMap(([path, operations]) =>
  Object.entries(operations)
    .filter(([, op]) => !op.requestBody?.content['multipart/form-data'] && path !== '/api/auth/logout')
    .map(([method, op]) => {
      const json = op.requestBody?.content['application/json'];
      return {
        method: method.toUpperCase() as Route['method'],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: json ? Object.keys(resolve(json.schema).properties ?? {}) : null,
      };
    }),
);

/** The route's URL with its path parameters set (an id no record has, unless given). */
const urlOf = (route: Route, id = '987654321', query: Record<string, string> = {}) => {
  const search = new URLSearchParams(query).toString();
  return `${route.path.replaceAll(/\{\w+\}/g, encodeURIComponent(id))}${search ? `?${search}` : ''}`;
};

/** One request as the administrator. */
const asAdmin = (method: 'POST' | 'GET', url: string, payload?: object) =>
  api.app.inject({ method, url, headers: { cookie: admin }, ...(payload && { payload }) });

async function send(route: Route, url: string, payload?: unknown) {
  const res = await api.app.inject({
    method: route.method,
    url,
    headers: { cookie: admin },
    ...(payload !== undefined && { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.body, what: `${route.method} ${url} ${JSON.stringify(payload) ?? ''}` };
}

const TEXT = ['', ' ', '-1', '0', '1.5', '1e309', '9'.repeat(30), 'x'.repeat(3000), `'"\\%_;--`, '2026-02-30', '[]'];
const VALUES: unknown[] = [
  null,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  'x'.repeat(5000),
  [],
  {},
  true,
  '2026-02-30',
  '\ud800',
  "'; --",
];

describe('hostile input on every route', () => {
  it('covers the whole API', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it('a NUL character anywhere in a query or JSON body is a 400 naming the field', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const answers = [];
      if (route.query.length) {
        answers.push(await send(route, urlOf(route, '1', Object.fromEntries(route.query.map((q) => [q, 'a\u0000'])))));
      }
      if (route.body?.length) {
        answers.push(await send(route, urlOf(route, '1'), Object.fromEntries(route.body.map((k) => [k, '张\u0000']))));
      }
      for (const a of answers) {
        if (a.status !== 400 || !a.body.includes('不能包含空字符')) wrong.push(`${a.status} ${a.what} ${a.body}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('odd values in path, query and body fields are never a server error', async () => {
    const failed: string[] = [];
    const check = (a: Awaited<ReturnType<typeof send>>) => {
      if (a.status >= 500) failed.push(`${a.status} ${a.what} ${a.body.slice(0, 200)}`);
    };
    for (const route of routes) {
      if (route.path.includes('{')) {
        for (const id of ['0', '-1', '1.5', '9'.repeat(30), 'abc', '1e3', ' ']) {
          check(await send(route, urlOf(route, id), route.body ? {} : undefined));
        }
      }
      for (const name of route.query) {
        for (const value of TEXT) check(await send(route, urlOf(route, undefined, { [name]: value })));
      }
      for (const key of route.body ?? []) {
        for (const value of VALUES) check(await send(route, urlOf(route), { [key]: value }));
      }
      if (route.body) {
        for (const payload of [[], 'x', 1, null]) check(await send(route, urlOf(route), payload));
      }
    }
    expect(failed).toEqual([]);
  }, 120_000);
});

describe('invisible characters', () => {
  const zw = '\u200b';

  it('are dropped from what is typed or pasted: a name is found, an ID number checks, a blank name is blank', async () => {
    const blank = await asAdmin('POST', '/api/organizations', {
      parentId: city.streetA.id,
      name: `${zw}\ufeff`,
      type: 'community_committee',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toBe('名称：不能为空');

    const idNumber = idFor('1958-08-08', 'female', 50);
    const created = await asAdmin('POST', '/api/members', {
      name: `林${zw}黛玉\u2060`,
      gender: 'female',
      idNumber: `${idNumber.slice(0, 6)}${zw}${idNumber.slice(6)}`,
      phone: `1391234${zw}5678`,
      status: 'full',
      fullMemberOn: '1985-07-01',
      category: 'retired',
      orgId: city.branchA.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '林黛玉' });
    const found = await asAdmin('GET', `/api/members?q=${encodeURIComponent(`黛${zw}玉`)}`);
    expect(found.json().items.map((m: { name: string }) => m.name)).toEqual(['林黛玉']);
    const [row] = await queryRows<{ id_number: string; phone: string }>(
      api.db,
      sql`select id_number, phone from members where name = '林黛玉'`,
    );
    expect(row).toEqual({ id_number: idNumber, phone: '13912345678' });
  });

  it('but a password is taken as typed', async () => {
    const res = await asAdmin('POST', '/api/auth/login', {
      username: city.admin.username,
      password: `Test@2026pw${zw}`,
    });
    expect(res.statusCode).toBe(401);
  });
});

/** The text as a full-width input method types it (ASCII only). */
const full = (text: string) => [...text].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

describe('full-width digits and letters', () => {
  it('in an ID number, a phone or a search are read as the half-width ones a full-width input method means', async () => {
    const idNumber = idFor('1959-09-09', 'male', 60);
    const res = await asAdmin('POST', '/api/members', {
      name: '贾宝玉',
      gender: 'male',
      idNumber: full(idNumber),
      phone: full('13912348888'),
      status: 'full',
      fullMemberOn: '1985-07-01',
      category: 'resident',
      orgId: city.branchA.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await queryRows<{ id_number: string; phone: string }>(
      api.db,
      sql`select id_number, phone from members where id = ${res.json().id}`,
    );
    expect(row).toEqual({ id_number: idNumber, phone: '13912348888' });
    const found = await asAdmin('GET', `/api/members?q=${encodeURIComponent(full(idNumber))}`);
    expect(found.json().items.map((m: { name: string }) => m.name)).toEqual(['贾宝玉']);
  });
});

describe('NUL and invisible characters in a roster', () => {
  const upload = (url: string, fields: Record<string, string>, file: Buffer, name: string) => {
    const body = multipart(fields, { name, data: file });
    return api.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: admin } });
  };
  const people = async (ids: string[]) =>
    queryRows<{ name: string }>(api.db, sql`select name from members where id_number in ${ids} order by id_number`);

  it('are dropped from the cells of a .csv or .xlsx, which then imports', async () => {
    const csvIds = [
      idFor('1961-01-01', 'male', 40),
      idFor('1962-02-02', 'female', 41),
      idFor('1964-04-04', 'female', 43),
    ];
    // Past the first 4 KB, which must look like text (a NUL there is a binary file: see member-imports.test.ts).
    const csv = csvOf([
      ['姓名', '身份证号', '备注', '转正时间'],
      ['孙大圣', csvIds[0] as string, '长'.repeat(5000), '1985-07-01'],
      ['白\u0000骨', `${csvIds[1]}\u0000`, '', '1985-07-01'],
      ['薛宝钗', full(csvIds[2] as string), '', '1985-07-01'],
    ]);
    const fields = { orgId: String(city.communityA.id), mode: 'all' };
    const fromCsv = await upload('/api/member-imports', fields, csv, 'roster.csv');
    expect(fromCsv.statusCode, fromCsv.body).toBe(200);
    expect(fromCsv.json()).toMatchObject({ imported: 3 });
    expect(await people(csvIds)).toEqual([{ name: '孙大圣' }, { name: '白骨' }, { name: '薛宝钗' }]);

    const xlsxIds = [idFor('1963-03-03', 'male', 42)];
    const rows: SheetCell[][] = [
      ['姓名', '身份证号', '转正时间'],
      ['猪\u0000八戒', `\u200b${xlsxIds[0]}\ufeff`, '1985-07-01'],
    ];
    const fromXlsx = await upload('/api/member-imports', fields, await xlsxOf(rows), 'roster.xlsx');
    expect(fromXlsx.statusCode, fromXlsx.body).toBe(200);
    expect(fromXlsx.json()).toMatchObject({ imported: 1 });
    expect(await people(xlsxIds)).toEqual([{ name: '猪八戒' }]);
  });

  it('in the form fields are a 400 naming the field', async () => {
    const csv = csvOf([['姓名', '身份证号']]);
    const res = await upload('/api/member-imports/check', { orgId: '1', mapping: '{"name\u0000":0}' }, csv, 'r.csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('不能包含空字符');
  });
});
