// The benchmark's read endpoints (bench/reads.ts) on the demo city: each answers exactly what its hand-written
// reference answers, with one SQL statement per request (issue 15, part 4). The bench repeats the comparison on
// its own data before it measures. The workbench cases have no reference (one statement per due source, see
// bench/reads.ts): they are checked against readWorkbench run for the same account, as the bench checks them
// against its floor, and their module lists are compared with them in workbench.test.ts.
import { chinaToday, ROLE_PERMISSIONS, type Role } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_DISTRICT_USER, BENCH_PASSWORD, BENCH_STREET_USER } from '../../../../bench/data.js';
import { findTargets, type ReadCase, readCases, recordStatements, type Targets } from '../../../../bench/reads.js';
import { queryRows } from '../../src/db/client.js';
import type { Actor } from '../../src/http/actor.js';
import { DEMO_PASSWORD, seedDemoCity } from '../../src/seed/demo-city.js';
import { readWorkbench } from '../../src/workbench/workbench.service.js';
import { useApi } from '../helpers/api.js';
import { buildAccount } from '../helpers/factories.js';

const api = useApi();
let cookie = '';
let targets: Targets;

const reference = async (text: string) => queryRows<Record<string, unknown>>(api.db, sql.raw(text));
const get = (url: string, as = cookie) => api.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie: as } });

beforeAll(async () => {
  await seedDemoCity(api.db, {
    districts: 1,
    streetsPerDistrict: 2,
    communitiesPerStreet: 2,
    branchesPerCommunity: 3,
    membersPerBranch: 12,
  });
  cookie = await api.login('admin', DEMO_PASSWORD);
  targets = await findTargets((text) => reference(text) as never);
  // The workbench cases' accounts, where the bench's loader puts them: the first street and the first district.
  await buildAccount(api.db, {
    orgId: targets.street.id,
    role: 'street_committee',
    username: BENCH_STREET_USER,
    password: BENCH_PASSWORD,
  });
  await buildAccount(api.db, {
    orgId: targets.district.id,
    role: 'org_department',
    username: BENCH_DISTRICT_USER,
    password: BENCH_PASSWORD,
  });
});

/** The case's session: the administrator's, or its account's. */
const cookieOf = async (c: ReadCase) => (c.user ? api.login(c.user, BENCH_PASSWORD) : cookie);

/** The actor an account's session makes (as bench/floor.ts builds it). */
async function actorOf(username: string): Promise<Actor> {
  const [row] = await queryRows<{ id: number; role: Role; org_id: number; path: string }>(
    api.db,
    sql`select a.id::int as id, a.role, a.org_id::int as org_id, o.path::text as path
          from accounts a join organizations o on o.id = a.org_id where a.username = ${username}`,
  );
  if (!row) throw new Error(`no account ${username}`);
  return {
    accountId: row.id,
    username,
    displayName: username,
    role: row.role,
    permissions: ROLE_PERMISSIONS[row.role],
    orgId: row.org_id,
    memberId: null,
    scopePath: row.path,
    mustChangePassword: false,
    sessionHash: '',
  };
}

describe('the read endpoints of the benchmark', () => {
  it('answer what their hand-written references answer', async () => {
    const cases = readCases(targets);
    expect(cases).toHaveLength(11);
    for (const c of cases) {
      const res = await get(c.path, await cookieOf(c));
      expect(res.statusCode, c.name).toBe(200);
      const expected =
        c.reference !== undefined
          ? c.toBody(await reference(c.reference))
          : await readWorkbench(api.db, await actorOf(c.user as string), api.app.dueSources, chinaToday());
      expect(res.json(), c.name).toEqual(expected);
    }
    // Not vacuous: the lists and searches found members, the district has children.
    const [page, , byName, , byIdNumber] = await Promise.all(cases.map(async (c) => (await get(c.path)).json()));
    expect(page.items.length).toBeGreaterThan(0);
    expect(byName.items.length).toBeGreaterThan(0);
    expect(byIdNumber.items).toHaveLength(1);
  });

  it('send one SQL statement each (the session and the list root already read)', async () => {
    for (const c of readCases(targets)) {
      if (c.reference === undefined) continue;
      await get(c.path);
      const statements = await recordStatements(async () => {
        expect((await get(c.path)).statusCode).toBe(200);
      });
      expect(
        statements.map((s) => s.text.replace(/\s+/g, ' ').slice(0, 120)),
        c.name,
      ).toHaveLength(1);
    }
  });

  it('a list whose root moved answers from the new place, and nobody sees it from the old one', async () => {
    const [community] = await queryRows<{ id: number; street: number }>(
      api.db,
      sql`select id::int, parent_id::int as street from organizations where type = 'community_committee' order by id limit 1`,
    );
    const [otherStreet] = await queryRows<{ id: number }>(
      api.db,
      sql`select id::int from organizations where type = 'street_committee' and id <> ${community!.street} order by id limit 1`,
    );
    const list = `/members?orgId=${community!.id}&page=1`;
    const before = (await get(list)).json();
    // The street secretary of the old street has read the list (a hint with the old path in this process).
    const oldStreet = await api.login('jiedao', DEMO_PASSWORD);
    expect((await get(list, oldStreet)).statusCode).toBe(200);

    const moved = await api.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${community!.id}`,
      headers: { cookie },
      payload: { parentId: otherStreet!.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const after = await get(list);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(before);
    const [c] = readCases({ ...targets, community: { id: community!.id, size: before.total } });
    if (c?.reference === undefined) throw new Error('the first case is the community list, with its reference');
    expect(after.json()).toEqual(c.toBody(await reference(c.reference)));
    expect((await get(list, oldStreet)).statusCode).toBe(404);
  });
});
