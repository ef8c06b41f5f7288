import { addMonths, type UnitKind, type UnitRelation } from '@gongjian/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { teamPosts } from '../db/schema.js';
import type { DemoContext } from '../module.js';
import { collabZoneMembers, collabZones, residentUnits } from './units.tables.js';

/** The units of community0's big committee (the teams demo names their part-time members by these names). */
const UNITS: { name: string; kind: UnitKind; relation: UnitRelation; headcount: number; partyMembers: number }[] = [
  { name: '市第一中学', kind: 'school', relation: 'dual', headcount: 210, partyMembers: 86 },
  { name: '市人民医院', kind: 'hospital', relation: 'dual', headcount: 1350, partyMembers: 420 },
  { name: '市图书馆', kind: 'institution', relation: 'cooperate', headcount: 80, partyMembers: 31 },
  { name: '区税务局', kind: 'organ', relation: 'cooperate', headcount: 120, partyMembers: 95 },
  { name: '云岭供电公司', kind: 'state_enterprise', relation: 'cooperate', headcount: 600, partyMembers: 210 },
  { name: '市第三小学', kind: 'school', relation: 'direct', headcount: 95, partyMembers: 40 },
  { name: '区法院', kind: 'organ', relation: 'cooperate', headcount: 150, partyMembers: 120 },
  { name: '市自来水公司', kind: 'state_enterprise', relation: 'cooperate', headcount: 400, partyMembers: 130 },
  { name: '区消防救援大队', kind: 'organ', relation: 'cooperate', headcount: 60, partyMembers: 35 },
];
/** The tenth part-time member's post names this unit in the teams demo; here it comes from a new organisation. */
const REPLACED = '云岭银行和平支行';

/**
 * community0's big committee of 14 with 10 part-time members from its resident units (nine in the registry, one
 * a registered new organisation linked without a copy), 市第一中学 liaised by lianluoyuan, a unit whose member left
 * (flagged), and two collaboration zones in street0.
 */
export async function unitsDemo(tx: Tx, city: DemoContext): Promise<void> {
  const { community0, street0, unit0, company0 } = city.orgIds;
  if (!community0 || !street0) return;
  const contact = (i: number) => `1390871${String(1000 + i).slice(-4)}`;
  const units = await tx
    .insert(residentUnits)
    .values([
      ...UNITS.map((u, i) => ({
        orgId: community0,
        name: u.name,
        kind: u.kind,
        relation: u.relation,
        headcount: u.headcount,
        partyMembers: u.partyMembers,
        address: `和平路${20 + i * 6}号`,
        contactName: `${u.name.slice(-2)}办公室`,
        contactPhone: contact(i),
        partyOrgId: i === 0 && unit0 ? unit0 : null,
        liaisonAccountId: i === 0 ? (city.accountIds.lianluoyuan ?? null) : null,
      })),
      // Left the committee a month ago with nobody in its place: the committee page and the workbench flag it.
      {
        orgId: community0,
        name: '市中医院',
        kind: 'hospital' as const,
        relation: 'cooperate' as const,
        headcount: 520,
        partyMembers: 160,
        address: '和平路99号',
      },
    ])
    .returning({ id: residentUnits.id, name: residentUnits.name });
  const idOf = new Map(units.map((u) => [u.name as string, u.id]));

  const [newOrg] = company0
    ? await queryRows<{ id: number; name: string }>(
        tx,
        sql`select id::int as id, name from new_organizations where own_org_id = ${company0} and org_id = ${community0} limit 1`,
      )
    : [];
  if (newOrg) {
    const [linked] = await tx
      .insert(residentUnits)
      .values({ orgId: community0, newOrgId: newOrg.id, relation: 'cooperate', partyOrgId: company0 ?? null })
      .returning({ id: residentUnits.id });
    idOf.set(REPLACED, (linked as { id: number }).id);
    await tx
      .update(teamPosts)
      .set({ homeUnit: newOrg.name })
      .where(and(eq(teamPosts.orgId, community0), eq(teamPosts.homeUnit, REPLACED), isNull(teamPosts.endedOn)));
  }
  const posts = await queryRows<{ id: number; home_unit: string | null }>(
    tx,
    sql`select id::int as id, home_unit from team_posts where org_id = ${community0} and ended_on is null
          and position = 'part_time_member'`,
  );
  for (const p of posts) {
    const unitId = p.home_unit === newOrg?.name ? idOf.get(REPLACED) : idOf.get(p.home_unit ?? '');
    if (unitId) await tx.update(teamPosts).set({ homeUnitId: unitId }).where(eq(teamPosts.id, p.id));
  }
  const left = idOf.get('市中医院') as number;
  await tx.insert(teamPosts).values({
    orgId: community0,
    personName: '孙立华',
    position: 'part_time_member',
    homeUnit: '市中医院',
    homeUnitId: left,
    startedOn: addMonths(city.today, -30),
    endedOn: addMonths(city.today, -1),
  });

  // Two zones in street0: one around community0 and its units, one of the new organisations with the hospital.
  const [zoneA, zoneB] = await tx
    .insert(collabZones)
    .values([
      { orgId: street0, name: '和平路党建协作区', leadOrgId: community0, note: '每季度召开一次联席会议' },
      { orgId: street0, name: '医教共建协作区', leadUnitId: idOf.get('市人民医院') ?? null },
    ])
    .returning({ id: collabZones.id });
  const member = (zoneId: number, m: { memberOrgId?: number; unitId?: number }) => ({ orgId: street0, zoneId, ...m });
  const a = (zoneA as { id: number }).id;
  const b = (zoneB as { id: number }).id;
  await tx
    .insert(collabZoneMembers)
    .values([
      member(a, { memberOrgId: community0 }),
      ...(unit0 ? [member(a, { memberOrgId: unit0 })] : []),
      ...['市第一中学', '区税务局', '云岭供电公司', REPLACED].flatMap((n) =>
        idOf.get(n) ? [member(a, { unitId: idOf.get(n) as number })] : [],
      ),
      member(b, { memberOrgId: community0 }),
      ...['市人民医院', '市第三小学', '市图书馆'].map((n) => member(b, { unitId: idOf.get(n) as number })),
    ]);
  // community1 is in no zone yet: street0's coverage is 1 of 2 communities.
}
