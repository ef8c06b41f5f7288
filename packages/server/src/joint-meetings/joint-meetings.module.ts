import { defineModule } from '../module.js';
import { jointMeetingsDemo } from './joint-meetings.demo.js';
import { tasksSource, unitTasksSource } from './joint-meetings.figures.js';
import { registerJointMeetings } from './joint-meetings.routes.js';

/**
 * Joint meetings (联席会议, DOMAIN §4, seeds 002, 004) of a big community committee or a zone: agenda, invited units
 * and their attendance, minutes printed on A4, outcomes typed as information, decision or task; tasks are followed
 * to done (the owner unit's liaison reports) and open ones open the next meeting's agenda. Also the co-building
 * figures (cobuild_counts, kept by triggers on this module's and the three lists' tables).
 */
export const jointMeetingsModule = defineModule({
  name: 'joint-meetings',
  routes: registerJointMeetings,
  fieldLabels: {
    orgId: '召开组织',
    zoneId: '协作区',
    title: '会议名称',
    heldOn: '会议日期',
    startTime: '开始时间',
    endTime: '结束时间',
    place: '地点',
    hostName: '主持人',
    agenda: '议程',
    unitIds: '邀请单位',
    hostAttendees: '社区出席人员',
    minutes: '会议记录',
    status: '状态',
    unitId: '单位',
    present: '出席',
    attendees: '出席人员',
    kind: '类型',
    text: '内容',
    ownerUnitId: '责任单位',
    ownerOrgId: '责任组织',
    dueOn: '完成期限',
    note: '进展',
    done: '已完成',
    state: '任务状态',
  },
  auditActions: {
    'joint_meeting.create': '安排联席会议',
    'joint_meeting.update': '修改联席会议',
    'joint_meeting.delete': '取消联席会议',
    'joint_meeting.attendance': '登记联席会议出席',
    'joint_meeting.held': '联席会议记为已召开',
    'joint_meeting.outcome': '登记议定事项',
    'joint_meeting.outcome_delete': '撤回议定事项',
    'joint_meeting.print': '打印联席会议纪要',
    'joint_task.progress': '登记任务进展',
    'joint_task.done': '任务完成',
    'joint_task.export': '导出联席会议任务',
  },
  auditEntities: {
    joint_meeting: '联席会议',
    joint_meeting_unit: '联席会议出席单位',
    joint_meeting_outcome: '议定事项',
    joint_task_progress: '任务进展',
  },
  dueSources: [tasksSource, unitTasksSource],
  demo: jointMeetingsDemo,
});
