import { MEETING_STATUS_LABELS, MEETING_TYPE_LABELS, STANDING_LABELS } from '@gongjian/shared';
import { type AuditContext, auditEvent } from '../db/audited.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { type SheetColumn, streamWorkbook } from '../http/xlsx.js';
import { listMeetings } from './org-life.repo.js';
import type { BranchStanding, MeetingListQuery, MeetingSummary } from './org-life.schema.js';
import { meetingFilter, toSummary } from './org-life.service.js';

/** The filtered meetings as .xlsx, read 1,000 at a time, the export on record with its filter and count. */
export async function exportMeetings(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  query: Omit<MeetingListQuery, 'page' | 'pageSize'>,
) {
  const { root, where } = await meetingFilter(db, actor, query);
  const { total } = await listMeetings(db, root.path, where, 1, 1);
  await auditEvent(db, ctx, {
    action: 'meeting.export',
    entity: 'meeting',
    orgPath: root.path,
    after: { filter: query, rows: total },
  });
  async function* pages() {
    for (let page = 1; ; page++) {
      const { rows } = await listMeetings(db, root.path, where, page, 1000);
      if (rows.length) yield rows.map(toSummary);
      if (rows.length < 1000) return;
    }
  }
  const columns: SheetColumn<MeetingSummary>[] = [
    { header: '组织', width: 28, value: (m) => m.orgName },
    { header: '会议类型', width: 12, value: (m) => MEETING_TYPE_LABELS[m.type] },
    { header: '日期', width: 12, value: (m) => m.heldOn },
    { header: '时间', width: 8, value: (m) => m.startTime },
    { header: '地点', width: 20, value: (m) => (m.online ? `线上 ${m.place ?? ''}`.trim() : m.place) },
    { header: '主持人', width: 10, value: (m) => m.hostName },
    { header: '主题', width: 30, value: (m) => m.topic },
    { header: '应到', width: 6, value: (m) => m.expectedCount },
    { header: '实到', width: 6, value: (m) => m.presentCount },
    { header: '会前请假', width: 8, value: (m) => m.leaveCount },
    { header: '过半数', width: 8, value: (m) => (m.quorate === null ? '' : m.quorate ? '是' : '否') },
    { header: '状态', width: 8, value: (m) => MEETING_STATUS_LABELS[m.status] },
    { header: '更正次数', width: 8, value: (m) => m.revision },
  ];
  return streamWorkbook('会议记录', columns, pages());
}

export const STANDING_COLUMNS: SheetColumn<BranchStanding>[] = [
  { header: '党支部', width: 30, value: (b) => b.orgName },
  { header: '上级组织', width: 24, value: (b) => b.parentName },
  { header: '总体', width: 10, value: (b) => STANDING_LABELS[b.status] },
  {
    header: '临期未开',
    width: 40,
    value: (b) =>
      b.standings
        .filter((s) => s.status === 'at_risk')
        .map((s) => `${MEETING_TYPE_LABELS[s.type]}（${s.periodLabel}，剩${s.daysLeft}天）`)
        .join('、'),
  },
  {
    header: '待开展',
    width: 40,
    value: (b) =>
      b.standings
        .filter((s) => s.status === 'due')
        .map((s) => `${MEETING_TYPE_LABELS[s.type]}（${s.periodLabel}）`)
        .join('、'),
  },
  {
    header: '已完成',
    width: 40,
    value: (b) =>
      b.standings
        .filter((s) => s.status === 'done')
        .map((s) => `${MEETING_TYPE_LABELS[s.type]}${s.held}次`)
        .join('、'),
  },
];
