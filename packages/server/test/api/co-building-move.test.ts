import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';
import { moveSubtree } from '../../src/organizations/organizations.repo.js';
import { useApi } from '../helpers/api.js';
import { buildCity } from '../helpers/factories.js';

/** The co-building counters (drizzle/0035) follow a community that changes street. */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
beforeAll(async () => {
  city = await buildCity(api.db);
});

const TABLES = ['cobuild_counts', 'facility_figures', 'consultation_figures'] as const;

async function total(table: (typeof TABLES)[number], orgId: number) {
  const [row] = await queryRows<{ n: number }>(
    api.db,
    sql`select coalesce(sum(n), 0)::int as n from ${sql.identifier(table)} where org_id = ${orgId}`,
  );
  return row?.n ?? 0;
}

describe('co-building counters and a subtree move', () => {
  it("leave the old street's counters and join the new street's", async () => {
    const pathOf = async (id: number) => {
      const [row] = await queryRows<{ path: string }>(
        api.db,
        sql`select path::text from organizations where id = ${id}`,
      );
      return { id, path: row?.path ?? '' };
    };
    // The community's own counters hold its subtree's; its ancestors' hold them too (as the triggers keep them).
    const community = await pathOf(city.communityA.id);
    const ids = community.path.split('.').map(Number);
    await api.db.execute(sql`insert into cobuild_counts (org_id, metric, n)
      select unnest(${`{${ids.join(',')}}`}::bigint[]), 'meetings_held', 3`);
    for (const table of ['facility_figures', 'consultation_figures'] as const) {
      await api.db.execute(sql`insert into ${sql.identifier(table)} (org_id, period, metric, n)
        select unnest(${`{${ids.join(',')}}`}::bigint[]), '2026', 'approved', 2`);
    }
    const before = await Promise.all(TABLES.map((t) => total(t, city.streetB.id)));

    await audited(api.db, SYSTEM_AUDIT, 'test.move' as AuditAction, async (tx) =>
      moveSubtree(tx, await pathOf(city.communityA.id), await pathOf(city.streetB.id)),
    );

    for (const [i, table] of TABLES.entries()) {
      expect(await total(table, city.streetA.id), table).toBe(0);
      expect(await total(table, city.streetB.id), table).toBe((before[i] ?? 0) + (table === 'cobuild_counts' ? 3 : 2));
      expect(await total(table, city.communityA.id), table).toBe(table === 'cobuild_counts' ? 3 : 2);
    }
  });
});
