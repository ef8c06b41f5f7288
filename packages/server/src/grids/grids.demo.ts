import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { buildings, gridMembers, grids } from './grids.tables.js';

/**
 * The first community's buildings (1–12号楼, 50–80 households each) in two grids of six, each with two members
 * responsible — 田志远 (the `dangyuan` demo login) among those of 第一网格, so the phone shows his grid.
 */
export async function gridsDemo(tx: Tx, city: DemoContext): Promise<void> {
  const community = city.orgIds.community0;
  if (community === undefined) return;
  const made = await tx
    .insert(buildings)
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        orgId: community,
        name: `${i + 1}号楼`,
        address: `和平路${(i + 1) * 2}号`,
        households: city.random.int(50, 80),
      })),
    )
    .returning({ id: buildings.id });
  const [own] = await queryRows<{ member_id: number | null }>(
    tx,
    sql`select member_id::int as member_id from accounts where id = ${city.accountIds.dangyuan ?? 0}`,
  );
  const others = await queryRows<{ id: number }>(
    tx,
    sql`select m.id::int as id from members m join organizations o on o.id = m.org_id
         where m.left_on is null and m.status = 'full' and m.id <> ${own?.member_id ?? 0}
           and o.path <@ (select path from organizations where id = ${community})
         order by m.sort_key, m.id limit 3`,
  );
  const responsible = [own?.member_id ?? undefined, ...others.map((o) => o.id)].filter(
    (id): id is number => id !== undefined && id !== null,
  );
  const startedOn = `${Number(city.today.slice(0, 4)) - 1}-03-01`;
  for (const [n, name] of ['第一网格', '第二网格'].entries()) {
    const [grid] = await tx
      .insert(grids)
      .values({ orgId: community, name, note: n === 0 ? '1—6号楼，东区' : '7—12号楼，西区' })
      .returning({ id: grids.id });
    const gridId = (grid as { id: number }).id;
    await tx
      .update(buildings)
      .set({ gridId })
      .where(sql`${buildings.id} in ${made.slice(n * 6, n * 6 + 6).map((b) => b.id)}`);
    const members = responsible.slice(n * 2, n * 2 + 2);
    if (members.length > 0)
      await tx
        .insert(gridMembers)
        .values(members.map((memberId) => ({ gridId, orgId: community, memberId, startedOn })));
  }
}
