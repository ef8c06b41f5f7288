import { addDays } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { jointMeetingOutcomes, jointMeetings, jointMeetingUnits, jointTaskProgress } from './joint-meetings.tables.js';

/**
 * The first community's big committee: a joint meeting held a month ago with the units it invited (most came), its
 * minutes and outcomes — a task of the liaison's (lianluoyuan) unit now overdue, one done on time, one still open —
 * and the next meeting planned for next week, whose agenda opens with the two open tasks.
 */
export async function jointMeetingsDemo(tx: Tx, city: DemoContext): Promise<void> {
  const community = city.orgIds.community0;
  const liaison = city.accountIds.lianluoyuan;
  if (!community) return;
  const units = await queryRows<{ id: number; name: string; liaison: boolean }>(
    tx,
    sql`select u.id::int as id, u.name, coalesce(u.liaison_account_id = ${liaison ?? 0}, false) as liaison
          from resident_units_v u join organizations o on o.id = u.org_id
         where o.path <@ (select path from organizations where id = ${community}) and u.ended_on is null
         order by (u.liaison_account_id = ${liaison ?? 0}) desc nulls last, u.id limit 6`,
  );
  const today = city.today;
  const heldOn = addDays(today, -30);
  const [past] = await tx
    .insert(jointMeetings)
    .values({
      orgId: community,
      title: '社区大党委第四季度联席会议',
      status: 'held',
      heldOn,
      startTime: '09:30',
      endTime: '11:30',
      place: '社区党群服务中心二楼会议室',
      hostName: '社区党委书记',
      agenda: ['通报社区第三季度重点工作', '研究冬季老旧小区楼道照明改造', '商议驻区单位资源开放事项'],
      hostAttendees: '社区党委书记、副书记、专职委员',
      minutes: '会议通报了第三季度社区重点工作进展，研究了冬季楼道照明改造方案，驻区单位就开放场地、志愿服务作了发言。',
      heldAt: sql`now()`,
    })
    .returning({ id: jointMeetings.id });
  const pastId = (past as { id: number }).id;
  if (units.length) {
    await tx.insert(jointMeetingUnits).values(
      units.map((u, i) => ({
        meetingId: pastId,
        orgId: community,
        unitId: u.id,
        present: i !== units.length - 1 || units.length === 1,
        attendees: i !== units.length - 1 || units.length === 1 ? `${u.name}党组织书记` : null,
      })),
    );
  }
  const owner = units.find((u) => u.liaison) ?? units[0];
  const other = units.find((u) => u !== owner);
  const [, , overdue, done] = await tx
    .insert(jointMeetingOutcomes)
    .values([
      { meetingId: pastId, orgId: community, kind: 'information', text: '社区第三季度重点工作完成情况', heldOn },
      { meetingId: pastId, orgId: community, kind: 'decision', text: '楼道照明改造纳入今年为民办实事项目', heldOn },
      ...(owner
        ? [
            {
              meetingId: pastId,
              orgId: community,
              kind: 'task',
              text: '组织党员志愿者开展冬季楼道照明排查',
              ownerUnitId: owner.id,
              heldOn,
              dueOn: addDays(today, -5),
            },
          ]
        : []),
      ...(other
        ? [
            {
              meetingId: pastId,
              orgId: community,
              kind: 'task',
              text: '开放单位活动室供社区老年大学使用',
              ownerUnitId: other.id,
              heldOn,
              dueOn: addDays(today, -10),
              doneOn: addDays(today, -12),
            },
          ]
        : []),
      {
        meetingId: pastId,
        orgId: community,
        kind: 'task',
        text: '拟定楼道照明改造实施方案',
        ownerOrgId: community,
        heldOn,
        dueOn: addDays(today, 20),
      },
    ])
    .returning({ id: jointMeetingOutcomes.id });
  if (overdue && owner) {
    await tx.insert(jointTaskProgress).values({
      outcomeId: (overdue as { id: number }).id,
      orgId: community,
      note: '已排查3栋楼，其余待安排',
      reportedOn: addDays(today, -15),
      unitId: owner.id,
      byName: '驻区单位联络员',
    });
  }
  if (done && other) {
    await tx.insert(jointTaskProgress).values({
      outcomeId: (done as { id: number }).id,
      orgId: community,
      note: '活动室已开放，每周二、四下午',
      done: true,
      reportedOn: addDays(today, -12),
      unitId: other.id,
      byName: '社区专干',
    });
  }
  const [next] = await tx
    .insert(jointMeetings)
    .values({
      orgId: community,
      title: '社区大党委联席会议（年终）',
      heldOn: addDays(today, 7),
      startTime: '09:30',
      place: '社区党群服务中心二楼会议室',
      hostName: '社区党委书记',
      agenda: ['年度共驻共建工作总结', '研究明年需求清单和资源清单'],
    })
    .returning({ id: jointMeetings.id });
  if (units.length) {
    await tx
      .insert(jointMeetingUnits)
      .values(units.map((u) => ({ meetingId: (next as { id: number }).id, orgId: community, unitId: u.id })));
  }
}
