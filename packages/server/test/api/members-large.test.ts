import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { buildCity } from '../helpers/factories.js';

/**
 * Subtrees above the small-subtree threshold are read along the pinyin index, and filters with many matches
 * there too: the answers must be the same as reading through the organisations.
 */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let admin: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  admin = await api.login(city.admin.username);
  await audited(api.db, SYSTEM_AUDIT, 'test.bulk' as AuditAction, (tx) =>
    tx.execute(sql`insert into members (org_id, name, gender, id_number, status, category, sort_key, name_initials, name_pinyin)
      select case when g % 2 = 0 then ${city.branchA.id}::bigint else ${city.branchB.id}::bigint end, '批量' || g, 'male',
             'T' || lpad(g::text, 17, '0'), case when g % 7 = 0 then 'probationary' else 'full' end,
             case when g % 3 = 0 then 'retired' when g = 4001 then 'retired_cadre' else 'resident' end,
             md5(g::text) || ' 批量' || g, 'pl', 'piliang'
        from generate_series(1, 6000) g`),
  );
}, 120_000);

const list = async (query: string) => {
  const res = await api.app.inject({ method: 'GET', url: `/api/members?${query}`, headers: { cookie: admin } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { name: string; category: string; orgId: number }[];
    total: number;
    totalCapped: boolean;
  };
};

describe('large subtrees', () => {
  it('lists a city in pinyin order with the rollup total', async () => {
    const page = await list('pageSize=50');
    expect(page.total).toBe(6000);
    const keys = await api.db.execute(sql`select name from members order by sort_key, id limit 50`);
    expect(page.items.map((m) => m.name)).toEqual(
      (keys as unknown as { rows: { name: string }[] }).rows.map((r) => r.name),
    );
  });

  it('filters with many matches (index walk) and with few (through the organisations) alike', async () => {
    const retired = await list(`category=retired&orgId=${city.district.id}&pageSize=200`);
    expect(retired.total).toBe(2000);
    expect(retired.items.every((m) => m.category === 'retired')).toBe(true);
    const full = await list(`status=full&pageSize=20`);
    expect(full).toMatchObject({ total: 2000, totalCapped: true });
    const rare = await list(`category=retired_cadre`);
    expect(rare.items.map((m) => m.name)).toEqual(['批量4001']);
    const streetB = await list(`orgId=${city.streetB.id}&category=retired&page=2&pageSize=100`);
    expect(streetB.items).toHaveLength(100);
    expect(streetB.items.every((m) => m.orgId === city.branchB.id)).toBe(true);
  });

  it("counts a search or a small subtree's filter in the page's own pass, and past the last page too", async () => {
    // Street B holds the 3,000 odd-numbered rows: 1,000 retired (odd multiples of 3), 2,572 full members.
    const retired = `orgId=${city.streetB.id}&category=retired`;
    expect(await list(`${retired}&page=2&pageSize=100`)).toMatchObject({ total: 1000, totalCapped: false });
    expect(await list(`${retired}&page=11&pageSize=100`)).toMatchObject({ items: [], total: 1000 });
    const full = `orgId=${city.streetB.id}&status=full`;
    expect(await list(`${full}&page=3&pageSize=100`)).toMatchObject({ total: 2000, totalCapped: true });
    expect(await list(`${full}&page=30&pageSize=100`)).toMatchObject({ items: [], total: 2000, totalCapped: true });
    const one = await list(`q=${encodeURIComponent('批量4001')}`);
    expect(one).toMatchObject({ total: 1, totalCapped: false, items: [{ name: '批量4001' }] });
    const none = await list(`q=${encodeURIComponent('批量4001')}&orgId=${city.streetA.id}`);
    expect(none).toMatchObject({ items: [], total: 0 });
    const initials = await list(`q=pl&orgId=${city.streetA.id}&page=101&pageSize=20`);
    expect(initials).toMatchObject({ total: 2000, totalCapped: true });
    expect(initials.items).toHaveLength(20);
  });
});
