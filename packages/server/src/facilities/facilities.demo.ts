import { addDays, type OpeningHours, slotProblem } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { facilities, facilityBookings, facilityCommunities } from './facilities.tables.js';

/**
 * The school of the first community (市第一中学, party organisation `unit0`, liaison `lianluoyuan`): the units
 * module's demo registers it; should it not have, it is registered here so the co-building demo stands.
 */
export async function demoSchool(tx: Tx, city: DemoContext): Promise<{ id: number; orgId: number } | undefined> {
  const community = city.orgIds.community0;
  const partyOrg = city.orgIds.unit0;
  const liaison = city.accountIds.lianluoyuan;
  if (community === undefined) return undefined;
  const [found] = await queryRows<{ id: number; org_id: number }>(
    tx,
    sql`select id::int as id, org_id::int as org_id from resident_units_v
         where ended_on is null and (liaison_account_id = ${liaison ?? 0} or party_org_id = ${partyOrg ?? 0}
                                     or (org_id = ${community} and kind = 'school'))
         order by (liaison_account_id = ${liaison ?? 0}) desc nulls last, id limit 1`,
  );
  if (found) return { id: found.id, orgId: found.org_id };
  const [created] = await queryRows<{ id: number }>(
    tx,
    sql`insert into resident_units (org_id, name, kind, address, relation, party_org_id, liaison_account_id)
        values (${community}, '市第一中学', 'school', '学府路1号', 'dual', ${partyOrg ?? null}, ${liaison ?? null})
        returning id::int as id`,
  );
  return created ? { id: created.id, orgId: community } : undefined;
}

const evenings = [{ from: '16:30', to: '21:00' }];
const weekend = [
  { from: '08:00', to: '12:00' },
  { from: '14:00', to: '18:00' },
];
const GYM_HOURS: OpeningHours = [evenings, evenings, evenings, evenings, evenings, weekend, weekend];
const ROOM_HOURS: OpeningHours = [
  [{ from: '14:00', to: '17:00' }],
  [{ from: '14:00', to: '17:00' }],
  [{ from: '14:00', to: '17:00' }],
  [{ from: '14:00', to: '17:00' }],
  [{ from: '14:00', to: '17:00' }],
  [],
  [],
];

/**
 * The school opens its gym to the first community and its neighbour (no approval; a blackout day for its sports
 * meeting) and its meeting room (approval needed): a few bookings by the community and by the resident 王秀兰, one
 * waiting for the liaison's approval.
 */
export async function facilitiesDemo(tx: Tx, city: DemoContext): Promise<void> {
  const school = await demoSchool(tx, city);
  const shequ = city.accountIds.shequ;
  const jumin = city.accountIds.jumin;
  if (!school || shequ === undefined) return;
  const communities = [city.orgIds.community0, city.orgIds.community1].filter((id): id is number => id !== undefined);
  const blackout = addDays(city.today, 12);
  const [gym, room] = await tx
    .insert(facilities)
    .values([
      {
        unitId: school.id,
        orgId: school.orgId,
        name: '市第一中学体育馆',
        kind: 'gym',
        capacity: 120,
        address: '学府路1号校园东侧',
        openingHours: GYM_HOURS,
        blackoutDates: [blackout],
        needsApproval: false,
        note: '篮球、羽毛球场地；请穿运动鞋入场',
      },
      {
        unitId: school.id,
        orgId: school.orgId,
        name: '市第一中学多功能会议室',
        kind: 'meeting_room',
        capacity: 60,
        address: '学府路1号行政楼三楼',
        openingHours: ROOM_HOURS,
        blackoutDates: [],
        needsApproval: true,
        note: '工作日下午开放，需单位审批',
      },
    ])
    .returning({ id: facilities.id });
  if (!gym || !room) return;
  await tx
    .insert(facilityCommunities)
    .values([
      ...communities.map((orgId) => ({ facilityId: gym.id, orgId })),
      { facilityId: room.id, orgId: school.orgId },
    ]);
  const rules = { openingHours: GYM_HOURS, blackoutDates: [blackout] };
  const at = (date: string, time: string) => `${date}T${time}:00+08:00`;
  const bookings: (typeof facilityBookings.$inferInsert)[] = [];
  const gymSlot = (date: string) =>
    slotProblem(rules, date, '17:00', '18:30') === null ? (['17:00', '18:30'] as const) : (['09:00', '10:30'] as const);
  for (const [i, days] of [2, 3, 5, 8].entries()) {
    const date = addDays(city.today, days);
    const [from, to] = gymSlot(date);
    if (slotProblem(rules, date, from, to) !== null) continue;
    const resident = i === 1 && jumin !== undefined;
    bookings.push({
      facilityId: gym.id,
      unitId: school.id,
      orgId: city.orgIds.community0 ?? school.orgId,
      bookedOn: date,
      startsAt: at(date, from),
      endsAt: at(date, to),
      purpose: resident
        ? '家庭羽毛球活动'
        : (['社区老年人健身操', '党员篮球友谊赛', '青少年寒假篮球训练'][i % 3] ?? '社区活动'),
      headcount: resident ? 4 : 30,
      bookerKind: resident ? 'resident' : 'community',
      accountId: resident ? (jumin as number) : shequ,
      status: 'approved',
    });
  }
  for (let d = 1; d <= 7; d++) {
    const date = addDays(city.today, d);
    if (slotProblem({ openingHours: ROOM_HOURS, blackoutDates: [] }, date, '14:30', '16:30') !== null) continue;
    bookings.push({
      facilityId: room.id,
      unitId: school.id,
      orgId: school.orgId,
      bookedOn: date,
      startsAt: at(date, '14:30'),
      endsAt: at(date, '16:30'),
      purpose: '社区大党委联席会议预备会',
      headcount: 20,
      bookerKind: 'community',
      accountId: shequ,
      status: 'pending',
    });
    break;
  }
  if (bookings.length > 0) await tx.insert(facilityBookings).values(bookings);
}
