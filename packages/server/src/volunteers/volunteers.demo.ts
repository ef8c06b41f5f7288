import { type ActivityType, activityLengthHours, addDays } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import {
  volunteerActivities,
  volunteerRecords,
  volunteerResidents,
  volunteerSignups,
  volunteerTeamMembers,
  volunteerTeams,
} from './volunteers.tables.js';

type Person = { id: number; name: string; category: string };

const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

const TEAMS: { name: string; area?: string; description: string }[] = [
  { name: '政策宣传员队', description: '宣讲党的政策，入户解读惠民政策' },
  { name: '矛盾调解员队', description: '邻里纠纷调解，化解矛盾在基层' },
  { name: '治安巡逻员队', area: '1—3号楼及东门', description: '夜间和节假日治安巡逻' },
  { name: '环境卫生监督员队', area: '中心花园', description: '环境整治与垃圾分类督导' },
  { name: '文明新风倡导员队', description: '移风易俗，倡导文明新风' },
];

/** Past activities (days ago), each confirmed with its attendance. */
const PAST: {
  title: string;
  type: ActivityType;
  days: number;
  from: string;
  to: string;
  place: string;
  team?: number;
}[] = [
  { title: '党员奉献日：楼道清理', type: 'dedication_day', days: 5, from: '09:00', to: '11:30', place: '1—3号楼' },
  { title: '社区义诊进小区', type: 'clinic', days: 12, from: '08:30', to: '11:30', place: '社区服务站' },
  { title: '家电义务维修', type: 'repair', days: 19, from: '14:00', to: '17:00', place: '社区广场' },
  { title: '政策咨询服务台', type: 'consulting', days: 26, from: '09:00', to: '11:00', place: '社区服务站', team: 0 },
  { title: '夜间治安巡逻', type: 'other', days: 33, from: '19:00', to: '21:00', place: '1—3号楼及东门', team: 2 },
  { title: '驻区单位共建：消防知识宣传', type: 'garrison', days: 48, from: '09:30', to: '11:30', place: '社区活动室' },
  { title: '结对共建：敬老院慰问', type: 'pairing', days: 75, from: '14:30', to: '17:00', place: '区第二敬老院' },
  { title: '中心花园环境整治', type: 'environment', days: 110, from: '08:00', to: '10:00', place: '中心花园', team: 3 },
];

/**
 * The volunteering of the first community: the 十员十队 with members and a few resident volunteers, a dozen
 * activities past (hours confirmed) and coming (one 田志远 can sign up for on the phone, one full with a waiting
 * list, a draft), the in-service member 魏建华 with several confirmed activities this quarter, one finished
 * activity waiting for its hours, and one self-reported service waiting for confirmation.
 */
export async function volunteersDemo(tx: Tx, city: DemoContext): Promise<void> {
  const community = city.orgIds.community0;
  if (community === undefined) return;
  const today = city.today;
  const people = await queryRows<Person>(
    tx,
    sql`select m.id::int as id, m.name, m.category from members m join organizations o on o.id = m.org_id
         where m.left_on is null and o.path <@ (select path from organizations where id = ${community})
         order by m.sort_key, m.id limit 40`,
  );
  const inService = await queryRows<Person>(
    tx,
    sql`select m.id::int as id, m.name, m.category from in_service_registrations i join members m on m.id = i.member_id
         where i.org_id = ${community} and i.ended_on is null order by m.sort_key`,
  );
  const self = people.find((p) => p.name === '田志远');
  const others = people.filter((p) => p !== self);
  const star = inService.find((p) => p.name === '魏建华') ?? inService[0];

  const residents = await tx
    .insert(volunteerResidents)
    .values([
      { orgId: community, name: '周桂兰', phone: '13903110021', address: '2号楼3单元', tags: ['理发', '手工'] },
      { orgId: community, name: '孙德明', phone: '13903110022', address: '5号楼1单元', tags: ['水电维修'] },
      { orgId: community, name: '何丽娟', address: '7号楼2单元', tags: ['舞蹈', '文艺'] },
    ])
    .returning({ id: volunteerResidents.id });

  const teams = await tx
    .insert(volunteerTeams)
    .values(TEAMS.map((t) => ({ orgId: community, name: t.name, area: t.area ?? null, description: t.description })))
    .returning({ id: volunteerTeams.id });
  for (const [i, team] of teams.entries()) {
    const crew = others.slice(i * 4, i * 4 + 5);
    await tx.insert(volunteerTeamMembers).values(
      crew.map((p, j) => ({
        teamId: team.id,
        orgId: community,
        memberId: p.id,
        leader: j === 0,
        area: i === 2 && j > 0 ? `${j}号楼` : null,
      })),
    );
  }
  const [first, , , , fifth] = teams;
  if (star && first)
    await tx.insert(volunteerTeamMembers).values({ teamId: first.id, orgId: community, memberId: star.id });
  if (fifth && residents[2]) {
    await tx.insert(volunteerTeamMembers).values({ teamId: fifth.id, orgId: community, residentId: residents[2].id });
  }

  const organiser = city.accountIds.shequ ?? null;
  for (const [k, a] of PAST.entries()) {
    const date = addDays(today, -a.days);
    const startsAt = at(date, a.from);
    const endsAt = at(date, a.to);
    const attendees = others
      .slice(k * 3, k * 3 + 5)
      .map((p) => ({ memberId: p.id }) as { memberId?: number; residentId?: number });
    // 魏建华 came to the four of this quarter's first five weeks; a resident to the repair day.
    if (star && a.days <= 30) attendees.push({ memberId: star.id });
    if (a.type === 'repair' && residents[1]) attendees.push({ residentId: residents[1].id });
    const [row] = await tx
      .insert(volunteerActivities)
      .values({
        orgId: community,
        teamId: a.team === undefined ? null : (teams[a.team]?.id ?? null),
        title: a.title,
        type: a.type,
        place: a.place,
        startsAt,
        endsAt,
        signupDeadline: at(addDays(date, -1), '18:00'),
        capacity: 30,
        signedUp: attendees.length,
        tags: a.type === 'clinic' ? ['医疗'] : [],
        cohostOrgId: a.type === 'garrison' ? (city.orgIds.unit0 ?? null) : null,
        status: 'confirmed',
        publishedAt: sql`${at(addDays(date, -10), '10:00')}::timestamptz`,
        confirmedAt: sql`${at(addDays(date, 1), '10:00')}::timestamptz`,
      })
      .returning({ id: volunteerActivities.id });
    const id = (row as { id: number }).id;
    const length = activityLengthHours(startsAt, endsAt);
    await tx.insert(volunteerSignups).values(
      attendees.map((p) => ({
        activityId: id,
        orgId: community,
        memberId: p.memberId ?? null,
        residentId: p.residentId ?? null,
        status: 'signed_up',
      })),
    );
    await tx.insert(volunteerRecords).values(
      attendees.map((p) => ({
        orgId: community,
        memberId: p.memberId ?? null,
        residentId: p.residentId ?? null,
        activityId: id,
        source: 'activity',
        servedOn: date,
        hours: String(length),
        status: 'confirmed',
        decidedAt: sql`${at(addDays(date, 1), '10:00')}::timestamptz`,
        decidedBy: organiser,
      })),
    );
  }

  // Finished yesterday, hours not yet confirmed: the organiser's next task.
  const yesterday = addDays(today, -1);
  const [waitingHours] = await tx
    .insert(volunteerActivities)
    .values({
      orgId: community,
      title: '冬季送温暖入户走访',
      type: 'other',
      place: '社区困难家庭',
      startsAt: at(yesterday, '09:00'),
      endsAt: at(yesterday, '11:00'),
      signupDeadline: at(addDays(yesterday, -1), '18:00'),
      capacity: 10,
      signedUp: 4,
      status: 'published',
      publishedAt: sql`${at(addDays(yesterday, -7), '10:00')}::timestamptz`,
    })
    .returning({ id: volunteerActivities.id });
  await tx.insert(volunteerSignups).values(
    others.slice(20, 24).map((p) => ({
      activityId: (waitingHours as { id: number }).id,
      orgId: community,
      memberId: p.id,
      status: 'signed_up',
    })),
  );

  // Coming: one open to everyone of the community (田志远 signs up on the phone), one full with a waiting list, a draft.
  const soon = addDays(today, 5);
  await tx.insert(volunteerActivities).values({
    orgId: community,
    title: '党员奉献日：社区义务理发与义诊',
    type: 'dedication_day',
    description: '为社区老人义务理发、测量血压，欢迎有医疗、理发特长的党员报名。',
    place: '社区服务站',
    startsAt: at(soon, '09:00'),
    endsAt: at(soon, '11:30'),
    signupDeadline: at(addDays(soon, -1), '18:00'),
    capacity: 20,
    tags: ['医疗', '理发'],
    status: 'published',
    publishedAt: sql`now()`,
  });
  const later = addDays(today, 9);
  const [full] = await tx
    .insert(volunteerActivities)
    .values({
      orgId: community,
      title: '家电义务维修（第二期）',
      type: 'repair',
      place: '社区广场',
      startsAt: at(later, '14:00'),
      endsAt: at(later, '17:00'),
      signupDeadline: at(addDays(later, -2), '18:00'),
      capacity: 3,
      signedUp: 3,
      tags: ['水电维修'],
      status: 'published',
      publishedAt: sql`now()`,
    })
    .returning({ id: volunteerActivities.id });
  const fullId = (full as { id: number }).id;
  await tx
    .insert(volunteerSignups)
    .values([
      ...others
        .slice(24, 27)
        .map((p) => ({ activityId: fullId, orgId: community, memberId: p.id, status: 'signed_up' })),
      ...others.slice(27, 28).map((p) => ({ activityId: fullId, orgId: community, memberId: p.id, status: 'waiting' })),
    ]);
  await tx.insert(volunteerActivities).values({
    orgId: community,
    title: '元旦前环境整治',
    type: 'environment',
    place: '中心花园',
    startsAt: at(addDays(today, 20), '08:30'),
    endsAt: at(addDays(today, 20), '10:30'),
    signupDeadline: at(addDays(today, 18), '18:00'),
    capacity: 40,
    status: 'draft',
  });

  // A service reported by a member, waiting for the community's confirmation (the workbench shows it).
  const reporter = inService.find((p) => p !== star) ?? others[0];
  if (reporter) {
    await tx.insert(volunteerRecords).values({
      orgId: community,
      memberId: reporter.id,
      source: 'self',
      servedOn: addDays(today, -3),
      hours: '2',
      content: '为小区3名中学生义务辅导数学',
      witness: '3号楼楼长 王大姐',
      status: 'pending',
    });
  }
}
