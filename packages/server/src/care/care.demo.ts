import { addDays, type CareNeed, type CareType, nextVisitDue } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { careResidents, careVisits } from './care.tables.js';

type Demo = {
  name: string;
  types: CareType[];
  birthYear?: number;
  livesAlone?: boolean;
  leftBehind?: boolean;
  building: string;
  phone?: string;
  needs: CareNeed[];
  guardian?: [string, string];
  /** 'own': 田志远 (the dangyuan login); 'other': another member of the community. */
  carer?: 'own' | 'other';
  /** Days ago of each visit; none: never visited since registered. */
  visits: number[];
  registeredDaysAgo: number;
  notes?: string;
};

const PEOPLE: Demo[] = [
  {
    name: '李秀英',
    types: ['elderly'],
    birthYear: 1941,
    livesAlone: true,
    building: '3号楼',
    phone: '13900001201',
    needs: ['daily_care', 'meals', 'medical'],
    guardian: ['李建平', '13900001202'],
    carer: 'other',
    visits: [75, 41],
    registeredDaysAgo: 400,
    notes: '子女在外地，行动不便，需定期上门',
  },
  {
    name: '张桂兰',
    types: ['elderly', 'low_income'],
    birthYear: 1944,
    livesAlone: true,
    building: '5号楼',
    phone: '13900001203',
    needs: ['companionship', 'home_repair'],
    guardian: ['张伟', '13900001204'],
    carer: 'own',
    visits: [55, 26],
    registeredDaysAgo: 300,
  },
  {
    name: '王小明',
    types: ['child'],
    birthYear: 2016,
    leftBehind: true,
    building: '8号楼',
    needs: ['study', 'companionship'],
    guardian: ['王奶奶', '13900001205'],
    carer: 'own',
    visits: [10],
    registeredDaysAgo: 200,
  },
  {
    name: '赵建国',
    types: ['disabled', 'dibao'],
    birthYear: 1972,
    building: '9号楼',
    phone: '13900001206',
    needs: ['employment', 'policy'],
    visits: [30],
    registeredDaysAgo: 500,
  },
  {
    name: '周海',
    types: ['special_care', 'elderly'],
    birthYear: 1948,
    building: '1号楼',
    phone: '0571-86001207',
    needs: ['medical'],
    carer: 'other',
    visits: [20],
    registeredDaysAgo: 600,
  },
  {
    name: '吴芳',
    types: ['low_income'],
    birthYear: 1985,
    building: '11号楼',
    phone: '13900001208',
    needs: ['employment'],
    visits: [],
    registeredDaysAgo: 60,
  },
];

/**
 * The first community's register of vulnerable residents: several types, one elderly person living alone whose
 * monthly visit is overdue (李秀英), and two people 田志远 (the `dangyuan` login) looks after — one of them due
 * within the week, so his phone's home shows it.
 */
export async function careDemo(tx: Tx, city: DemoContext): Promise<void> {
  const community = city.orgIds.community0;
  if (community === undefined) return;
  const buildings = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select id::int as id, name from buildings where org_id = ${community}`,
  );
  const [own] = await queryRows<{ member_id: number | null }>(
    tx,
    sql`select member_id::int as member_id from accounts where id = ${city.accountIds.dangyuan ?? 0}`,
  );
  const [other] = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select m.id::int as id, m.name from members m join organizations o on o.id = m.org_id
         where m.left_on is null and m.status = 'full' and m.id <> ${own?.member_id ?? 0}
           and o.path <@ (select path from organizations where id = ${community})
         order by m.sort_key desc, m.id limit 1`,
  );
  const [shequ] = await queryRows<{ display_name: string }>(
    tx,
    sql`select display_name from accounts where id = ${city.accountIds.shequ ?? 0}`,
  );
  for (const p of PEOPLE) {
    const registeredOn = addDays(city.today, -p.registeredDaysAgo);
    const visitDays = p.visits.map((d) => addDays(city.today, -d));
    const lastVisitOn = visitDays.at(-1) ?? null;
    const person = { types: p.types, livesAlone: p.livesAlone ?? false, leftBehind: p.leftBehind ?? false };
    const carerMemberId =
      p.carer === 'own' ? (own?.member_id ?? null) : p.carer === 'other' ? (other?.id ?? null) : null;
    const [row] = await tx
      .insert(careResidents)
      .values({
        orgId: community,
        name: p.name,
        ...person,
        birthYear: p.birthYear ?? null,
        buildingId: buildings.find((b) => b.name === p.building)?.id ?? null,
        address: `${p.building}${city.random.int(1, 6)}单元${city.random.int(1, 18)}0${city.random.int(1, 4)}室`,
        phone: p.phone ?? null,
        needs: p.needs,
        guardianName: p.guardian?.[0] ?? null,
        guardianPhone: p.guardian?.[1] ?? null,
        carerMemberId,
        notes: p.notes ?? null,
        registeredOn,
        lastVisitOn,
        nextVisitDue: nextVisitDue({ ...person, lastVisitOn, registeredOn }),
      })
      .returning({ id: careResidents.id });
    const residentId = (row as { id: number }).id;
    for (const visitedOn of visitDays)
      await tx.insert(careVisits).values({
        residentId,
        orgId: community,
        visitedOn,
        visitor: p.carer === 'other' && other ? other.name : (shequ?.display_name ?? '社区工作人员'),
        content: '上门走访，了解生活情况，检查水电燃气安全',
        createdBy: city.accountIds.shequ ?? null,
      });
  }
}
