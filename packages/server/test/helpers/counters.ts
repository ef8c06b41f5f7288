import { sql, TransactionRollbackError } from 'drizzle-orm';
import { expect } from 'vitest';
import { type Db, type Queryable, queryRows } from '../../src/db/client.js';

/**
 * The counters kept by triggers equal a fresh count of the records: each organisation's member counts by status
 * (its subtree's active members, counted here the slow way) and org_figures (against a rebuild, rolled back).
 */
export async function expectCountersTrue(db: Db): Promise<void> {
  const wrong = await queryRows<{ id: number }>(
    db,
    sql`select o.id::int as id from organizations o
         where o.full_members <> (select count(*) from members m join organizations d on d.id = m.org_id
                                   where d.path <@ o.path and m.status = 'full' and m.left_on is null)
            or o.probationary_members <> (select count(*) from members m join organizations d on d.id = m.org_id
                                   where d.path <@ o.path and m.status = 'probationary' and m.left_on is null)`,
  );
  expect(wrong, 'organisations whose member counts differ from a fresh count').toEqual([]);
  const snapshot = async (q: Queryable) =>
    queryRows<{ org_id: number; metric: string; n: number }>(
      q,
      sql`select org_id::int, metric, n::int from org_figures where n <> 0 order by org_id, metric`,
    );
  const kept = await snapshot(db);
  expect(kept.length).toBeGreaterThan(0);
  let rebuilt: typeof kept = [];
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`select org_figures_rebuild()`);
      rebuilt = await snapshot(tx);
      tx.rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof TransactionRollbackError)) throw e;
    });
  expect(rebuilt, 'org_figures against a rebuild').toEqual(kept);
}
