// The benchmark's read endpoints (bench/reads.ts) on the demo city: each answers exactly what its hand-written
// reference answers, with one SQL statement per request (issue 15, part 4). The bench repeats the comparison on
// its own data before it measures.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTargets, readCases, recordStatements, type Targets } from '../../../../bench/reads.js';
import { queryRows } from '../../src/db/client.js';
import { DEMO_PASSWORD, seedDemoCity } from '../../src/seed/demo-city.js';
import { useApi } from '../helpers/api.js';

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
});

describe('the read endpoints of the benchmark', () => {
  it('answer what their hand-written references answer', async () => {
    const cases = readCases(targets);
    expect(cases).toHaveLength(9);
    for (const c of cases) {
      const res = await get(c.path);
      expect(res.statusCode, c.name).toBe(200);
      const expected = c.toBody(await reference(c.reference));
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
    expect(after.json()).toEqual(c!.toBody(await reference(c!.reference)));
    expect((await get(list, oldStreet)).statusCode).toBe(404);
  });
});
