import { addDays } from '@gongjian/shared';
import type { DueSource } from '../http/due.js';
import { defineModule } from '../module.js';
import { pendingDue } from './records.service.js';
import { volunteersDemo } from './volunteers.demo.js';
import { registerVolunteers } from './volunteers.routes.js';

/** Days a self-reported service may wait for confirmation before the workbench shows it overdue. */
const CONFIRM_WITHIN_DAYS = 7;

const pendingSource: DueSource = {
  name: 'volunteers.pending',
  label: '志愿服务待确认',
  permission: ['volunteer.write'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await pendingDue(db, actor, today, query);
    return {
      ...counts,
      items: rows.map((r) => {
        const dueOn = addDays(r.created_on, CONFIRM_WITHIN_DAYS);
        return {
          key: `volunteers.pending:${r.id}`,
          title: `${r.name}申报志愿服务${r.hours}小时，待确认`,
          orgName: r.org_name,
          dueOn,
          overdue: dueOn < today,
          link: '/volunteers/confirmations',
        };
      }),
    };
  },
};

/** Volunteer service (党员志愿服务): files, teams, activities, sign-up, attendance and hours, the certificate. */
export const volunteersModule = defineModule({
  name: 'volunteers',
  routes: registerVolunteers,
  fieldLabels: {
    teamId: '服务队',
    title: '活动名称',
    type: '活动类型',
    description: '说明',
    place: '地点',
    startsAt: '开始时间',
    endsAt: '结束时间',
    signupDeadline: '报名截止时间',
    capacity: '名额',
    tags: '特长',
    cohostOrgId: '共建单位',
    publish: '直接发布',
    reason: '原因',
    residentId: '居民志愿者',
    entries: '出勤名单',
    'entries.memberId': '党员',
    'entries.residentId': '居民志愿者',
    'entries.hours': '时长',
    'entries.reason': '超时原因',
    hours: '时长（小时）',
    note: '原因',
    servedOn: '服务日期',
    content: '服务内容',
    witness: '证明人',
    confirmBy: '确认组织',
    leader: '队长',
    area: '责任区',
    dissolved: '撤销',
    ended: '退出',
    includeDissolved: '含已撤销',
    includeEnded: '含已退出',
    from: '开始日期',
    to: '结束日期',
    source: '来源',
    view: '视角',
    address: '住址',
  },
  auditActions: {
    'volunteer.activity.create': '新建志愿服务活动',
    'volunteer.activity.update': '修改志愿服务活动',
    'volunteer.activity.publish': '发布志愿服务活动',
    'volunteer.activity.cancel': '取消志愿服务活动',
    'volunteer.activity.confirm': '确认活动出勤与时长',
    'volunteer.activity.export': '导出志愿服务活动',
    'volunteer.signup.add': '代为报名志愿服务活动',
    'volunteer.signup.remove': '取消他人的活动报名',
    'volunteer.signup.self': '报名志愿服务活动',
    'volunteer.signup.cancel': '取消本人的活动报名',
    'volunteer.record.report': '申报志愿服务',
    'volunteer.record.confirm': '确认志愿服务记录',
    'volunteer.record.reject': '不予确认志愿服务记录',
    'volunteer.record.correct': '更正志愿服务记录',
    'volunteer.record.export': '导出志愿服务记录',
    'volunteer.certificate': '出具志愿服务记录证明',
    'volunteer.team.create': '新建服务队',
    'volunteer.team.update': '修改服务队',
    'volunteer.team.member_add': '服务队增加成员',
    'volunteer.team.member_update': '修改服务队成员',
    'volunteer.team.member_remove': '移出服务队成员',
    'volunteer.team.export': '导出服务队',
    'volunteer.resident.create': '登记居民志愿者',
    'volunteer.resident.update': '修改居民志愿者',
    'volunteer.resident.export': '导出居民志愿者',
  },
  auditEntities: {
    volunteer_resident: '居民志愿者',
    volunteer_team: '服务队',
    volunteer_team_member: '服务队成员',
    volunteer_activity: '志愿服务活动',
    volunteer_signup: '活动报名',
    volunteer_record: '志愿服务记录',
  },
  dueSources: [pendingSource],
  demo: volunteersDemo,
});
