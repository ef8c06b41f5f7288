import {
  ABSENCE_REASONS,
  addDays,
  addMonths,
  isQuorate,
  type MeetingType,
  MEETING_TYPE_LABELS,
  quarterPeriod,
} from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { expectedMembers } from './org-life.repo.js';
import { meetingAttendance, meetings } from './org-life.tables.js';

type DemoOrg = {
  id: number;
  name: string;
  path: string;
  type: 'branch' | 'retired_branch' | 'group';
  parent_path: string | null;
};

const TOPICS: Record<MeetingType, readonly string[]> = {
  general_assembly: [
    '学习传达上级会议精神，讨论本季度工作',
    '讨论发展党员工作',
    '通报党费收缴情况，研究为民办实事项目',
  ],
  committee: ['研究本月支部工作安排', '研究党员教育管理事项', '研究困难党员帮扶'],
  party_group: ['学习党章党规', '交流学习心得', '走访楼院听取居民意见'],
  party_class: ['书记讲党课：践行全心全意为人民服务的宗旨', '发扬党的优良作风', '新时代社区治理'],
  theme_day: ['清洁家园志愿服务', '重温入党誓词', '走访慰问困难群众'],
  life_meeting: ['对照检查、批评与自我批评'],
  appraisal_meeting: ['年度民主评议党员'],
  other: ['其他'],
};

/**
 * A year of organisational life for the first community's branches (社区 0): monthly 主题党日 and 党小组会, 支委会
 * where the branch has a committee, a 党员大会 and a 党课 each quarter, last year's and this year's 组织生活会 and
 * 民主评议. Every date lies before today. The first branch (the zhibu account's) has held no 党员大会 this quarter —
 * at risk in the quarter's last month, honestly so — and has one planned in three days that its member 田志远
 * (dangyuan) sees on the phone.
 */
export async function orgLifeDemo(tx: Tx, city: DemoContext): Promise<void> {
  const today = city.today;
  const keys = Object.keys(city.orgIds).filter((k) => /^branch0_\d+$/.test(k) || k === 'retired0');
  const ids = keys.map((k) => city.orgIds[k] as number);
  if (ids.length === 0) return;
  const orgs = await queryRows<DemoOrg>(
    tx,
    sql`select o.id::int as id, o.name, o.path::text as path, o.type, p.path::text as parent_path
          from organizations o left join organizations p on p.id = o.parent_id
         where o.id in (${sql.join(
           ids.map((id) => sql`${id}`),
           sql`, `,
         )}) or o.parent_id in (${sql.join(
           ids.map((id) => sql`${id}`),
           sql`, `,
         )}) and o.type = 'group'
         order by o.path`,
  );
  const first = city.orgIds.branch0_0;
  const r = city.random;
  const pick = (type: MeetingType) => r.pick(TOPICS[type]);

  async function hold(org: DemoOrg, type: MeetingType, heldOn: string, status: 'final' | 'draft' = 'final') {
    const expected = await expectedMembers(
      tx,
      { id: org.id, path: org.path, type: org.type, parentPath: org.parent_path },
      type,
    );
    if (expected.length === 0) return;
    const [row] = await tx
      .insert(meetings)
      .values({
        orgId: org.id,
        type,
        heldOn,
        startTime: type === 'theme_day' ? '09:00' : '19:30',
        endTime: type === 'theme_day' ? '11:00' : '21:00',
        place: '社区党群服务中心',
        hostName: '支部书记',
        topic: pick(type),
        minutes:
          status === 'final' ? `${MEETING_TYPE_LABELS[type]}按议程进行。与会党员围绕议题逐一发言，书记作总结。` : null,
        decisions: status === 'final' && type === 'general_assembly' ? '会议议定事项已分工落实。' : null,
      })
      .returning({ id: meetings.id });
    const id = (row as { id: number }).id;
    const marks = expected.map((e) => {
      const present = status === 'final' && r.next() < 0.88;
      return {
        meetingId: id,
        memberId: e.member_id,
        orgId: org.id,
        heldOn,
        voting: e.voting,
        final: status === 'final',
        status: status === 'final' ? (present ? 'present' : 'absent') : null,
        absenceReason: status === 'final' && !present ? r.pick(ABSENCE_REASONS) : null,
      };
    });
    await tx.insert(meetingAttendance).values(marks);
    const present = marks.filter((m) => m.status === 'present');
    const votingExpected = marks.filter((m) => m.voting).length;
    const votingPresent = present.filter((m) => m.voting).length;
    await tx
      .update(meetings)
      .set({
        status,
        expectedCount: marks.length,
        presentCount: present.length,
        votingExpected,
        votingPresent,
        quorate: type === 'general_assembly' ? isQuorate(votingExpected, votingPresent) : null,
        finalisedAt: status === 'final' ? sql`now()` : null,
      })
      .where(eq(meetings.id, id));
  }

  const before = (day: string) => day < today;
  const thisQuarter = quarterPeriod(today).start;
  for (const org of orgs) {
    if (org.type === 'group') {
      for (let back = 11; back >= 0; back--) {
        const day = `${addMonths(today, -back).slice(0, 7)}-10`;
        if (before(day)) await hold(org, 'party_group', day);
      }
      continue;
    }
    for (let back = 11; back >= 0; back--) {
      const month = addMonths(today, -back).slice(0, 7);
      if (before(`${month}-03`)) await hold(org, 'committee', `${month}-03`);
      if (before(`${month}-05`)) await hold(org, 'theme_day', `${month}-05`);
    }
    for (let back = 3; back >= 0; back--) {
      const start = quarterPeriod(addMonths(today, -3 * back)).start;
      const assembly = addDays(start, 9);
      // The first branch has not held this quarter's 党员大会: it is at risk, and has one planned.
      if (before(assembly) && !(org.id === first && start === thisQuarter))
        await hold(org, 'general_assembly', assembly);
      if (before(addDays(start, 19))) await hold(org, 'party_class', addDays(start, 19));
    }
    const lastYear = String(Number(today.slice(0, 4)) - 1);
    await hold(org, 'life_meeting', `${lastYear}-12-18`);
    await hold(org, 'appraisal_meeting', `${lastYear}-12-20`);
    const year = today.slice(0, 4);
    if (before(`${year}-11-20`)) await hold(org, 'life_meeting', `${year}-11-20`);
    if (before(`${year}-11-24`)) await hold(org, 'appraisal_meeting', `${year}-11-24`);
    if (org.id === first) await hold(org, 'general_assembly', addDays(today, 3), 'draft');
  }
}
