import { addDays } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { demoSchool } from '../facilities/facilities.demo.js';
import type { DemoContext } from '../module.js';
import { consultations } from './consultations.tables.js';

/**
 * lianluoyuan's school asks the first community before naming 魏建华 (its in-service member registered there, 双报到)
 * an outstanding party member: pending, due in five days. An earlier one, answered 同意 on time, is done.
 */
export async function consultationsDemo(tx: Tx, city: DemoContext): Promise<void> {
  const school = await demoSchool(tx, city);
  const liaison = city.accountIds.lianluoyuan ?? city.accountIds.shequ;
  const shequ = city.accountIds.shequ;
  if (!school || liaison === undefined || shequ === undefined) return;
  const people = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select m.id::int as id, m.name from in_service_registrations r join members m on m.id = r.member_id
         where r.org_id = ${school.orgId} and r.ended_on is null and m.left_on is null
         order by r.registered_on, m.id limit 2`,
  );
  const [first, second] = people;
  if (!first) return;
  await tx.insert(consultations).values({
    unitId: school.id,
    orgId: school.orgId,
    matterKind: 'outstanding_member',
    matter: `拟评选${first.name}同志为本年度校级优秀共产党员`,
    memberId: first.id,
    personName: first.name,
    deadline: addDays(city.today, 5),
    createdBy: liaison,
  });
  if (!second) return;
  await tx.insert(consultations).values({
    unitId: school.id,
    orgId: school.orgId,
    matterKind: 'honour',
    matter: `拟推荐${second.name}同志参评区级“优秀教师”`,
    memberId: second.id,
    personName: second.name,
    deadline: addDays(city.today, -20),
    status: 'done',
    opinion: 'agree',
    opinionReason: '该同志报到以来积极参加社区青少年课业辅导志愿服务，表现突出，同意推荐。',
    answeredAt: sql`now() - interval '25 days'`,
    answeredOn: addDays(city.today, -25),
    answeredBy: shequ,
    outcomeNote: '已按程序推荐',
    closedAt: sql`now() - interval '18 days'`,
    closedBy: liaison,
    createdBy: liaison,
    createdAt: sql`now() - interval '30 days'`,
  });
}
