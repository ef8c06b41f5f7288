import { defineModule } from '../module.js';
import { orgLifeDemo } from './org-life.demo.js';
import { registerOrgLife } from './org-life.routes.js';
import { atRiskSource } from './org-life.standings.js';

/**
 * Organisational life (组织生活, DOMAIN §8): meetings of 三会一课 with their attendance, the rules of how often, each
 * branch's standing before it falls behind (the workbench's 临期未开), figures from counters, the yearly record.
 */
export const orgLifeModule = defineModule({
  name: 'org-life',
  routes: registerOrgLife,
  fieldLabels: {
    orgId: '组织',
    type: '会议类型',
    heldOn: '会议日期',
    startTime: '开始时间',
    endTime: '结束时间',
    place: '地点',
    online: '线上会议',
    hostMemberId: '主持人',
    hostName: '主持人',
    topic: '会议主题',
    minutes: '会议记录',
    decisions: '决定事项',
    votes: '表决事项',
    subject: '表决事项',
    result: '表决结果',
    guests: '列席人员',
    attendance: '出席情况',
    absenceReason: '缺席原因',
    absenceNote: '缺席说明',
    reason: '原因',
    note: '说明',
    from: '开始日期',
    to: '结束日期',
    atRiskOnly: '只看临期未开',
    period: '统计期间',
    year: '年度',
    overrides: '本地规则',
    frequency: '频次',
    leadDays: '提前提醒天数',
    when: '范围',
    absenceJustified: '正当理由',
    file: '附件',
    kind: '附件类别',
    name: '文件名',
    attachmentId: '附件',
  },
  auditActions: {
    'meeting.create': '新建会议记录',
    'meeting.update': '修改会议记录草稿',
    'meeting.finalise': '会议记录定稿',
    'meeting.correct': '更正会议记录',
    'meeting.delete': '删除会议记录草稿',
    'meeting.leave': '会前请假',
    'meeting.leave_cancel': '取消会前请假',
    'meeting.export': '导出会议记录',
    'meeting.print': '打印组织生活记录',
    'meeting.attachment_add': '上传会议附件',
    'meeting.attachment_correct': '定稿后补充会议附件',
    'meeting.attachment_view': '查看会议附件',
    'meeting.attachment_delete': '删除会议附件',
    'org_life_standings.export': '导出组织生活完成情况',
    'org_life_figures.export': '导出组织生活统计',
    'org_life_rules.update': '设置组织生活规则',
  },
  auditEntities: {
    meeting: '会议记录',
    meeting_attendance: '会议出席',
    meeting_correction: '会议记录更正',
    meeting_attachment: '会议附件',
    org_life_rule: '组织生活规则',
  },
  // A member's upcoming meetings are on the phone's 我的组织生活 page, not among the home's due items: a planned
  // meeting is no deadline of theirs, and the reminder job would message every member about every meeting.
  dueSources: [atRiskSource],
  demo: orgLifeDemo,
});
