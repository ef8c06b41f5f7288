import { duesLastDueMonth, duesMonthAdd, duesMonthRange, duesStandardFen, type DuesKind } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { duesAccounts, duesBases, duesMonths, duesPayments, lapsedFlags } from './dues.tables.js';

type DemoMember = { id: number; org_id: number; name: string; category: string };

/**
 * Dues for the demo branches (the branches of the first community): each active member's base for this year and
 * quarterly payments for the past year, paid up to last month — 田志远 (the `dangyuan` login) too — but for one
 * member of branch0_0 three months behind, and one of branch0_1 five months behind (flagged at four).
 */
export async function duesDemo(tx: Tx, city: DemoContext): Promise<void> {
  const branches = Object.entries(city.orgIds)
    .filter(([key]) => /^branch0_\d+$/.test(key))
    .map(([, id]) => id);
  if (branches.length === 0) return;
  const people = await queryRows<DemoMember>(
    tx,
    sql`select id::int as id, org_id::int as org_id, name, category from members
         where left_on is null and org_id in (${sql.join(
           branches.map((b) => sql`${b}`),
           sql`, `,
         )}) order by org_id, sort_key, id`,
  );
  const year = Number(city.today.slice(0, 4));
  const due = duesLastDueMonth(city.today);
  const behindThree = people.find((p) => p.org_id === city.orgIds.branch0_0 && p.name !== '田志远');
  const behindFive = people.find((p) => p.org_id === city.orgIds.branch0_1);
  for (const p of people) {
    const kind: DuesKind =
      p.category === 'retired' || p.category === 'retired_cadre'
        ? 'retired'
        : p.category === 'unemployed'
          ? 'unemployed'
          : 'employed';
    const baseFen =
      kind === 'employed'
        ? city.random.int(25, 120) * 10_000
        : kind === 'retired'
          ? city.random.int(30, 70) * 10_000
          : null;
    const standardFen = duesStandardFen(kind, baseFen);
    await tx
      .insert(duesBases)
      .values({ memberId: p.id, orgId: p.org_id, year, kind, baseFen, standardFen, monthlyFen: standardFen });
    const paidTo = p === behindThree ? duesMonthAdd(due, -3) : p === behindFive ? duesMonthAdd(due, -5) : due;
    // A year of quarterly payments (three months each) ending at paidTo.
    const start = duesMonthAdd(paidTo, -11);
    for (let from = start; from <= paidTo; from = duesMonthAdd(from, 3)) {
      const to = duesMonthAdd(from, 2) > paidTo ? paidTo : duesMonthAdd(from, 2);
      const months = duesMonthRange(from, to);
      const paidOn = `${to}-${String(city.random.int(5, 25)).padStart(2, '0')}`;
      const [payment] = await tx
        .insert(duesPayments)
        .values({
          memberId: p.id,
          orgId: p.org_id,
          fromMonth: from,
          toMonth: to,
          months: months.length,
          amountFen: standardFen * months.length,
          method: city.random.next() < 0.6 ? 'transfer' : 'cash',
          paidOn: paidOn > city.today ? city.today : paidOn,
        })
        .returning({ id: duesPayments.id });
      await tx.insert(duesMonths).values(months.map((month) => ({ memberId: p.id, month, paymentId: payment!.id })));
    }
    await tx.insert(duesAccounts).values({ memberId: p.id, orgId: p.org_id, paidTo });
    if (p === behindFive) {
      await tx
        .insert(lapsedFlags)
        .values({ memberId: p.id, orgId: p.org_id, reason: 'dues', stage: 4, since: paidTo, flaggedOn: city.today });
    }
  }
}
