import { defineModule } from '../module.js';
import { oversightJob } from './escalation.js';
import { demoOversight } from './request-oversight.demo.js';
import { escalatedDue, requestsDue } from './request-oversight.due.js';
import { registerRequestOversight } from './request-oversight.routes.js';

/**
 * Oversight of residents' requests (issue 19, 三级联动): the deadlines per category (city, district), the job that
 * moves what a community has not resolved in time up to the street and the district, their queues (take it, or
 * send it back with instructions), the reminders before a deadline, and the rates from counters.
 */
export const requestOversightModule = defineModule({
  name: 'request-oversight',
  routes: registerRequestOversight,
  fieldLabels: {
    orgId: '组织',
    category: '诉求类别',
    respondHours: '响应时限（小时）',
    resolveHours: '办结时限（小时）',
    view: '队列',
    level: '层级',
    note: '接办说明',
    instructions: '办理意见',
    days: '办结天数',
    period: '统计周期',
  },
  auditActions: {
    'request_deadline.update': '设置诉求办理时限',
    'request_oversight.escalate': '诉求超时自动上报',
    'request_oversight.overdue': '标记诉求超时',
    'request_oversight.remind': '诉求临期提醒',
    'request_oversight.take': '接办上报的诉求',
    'request_oversight.return': '退回诉求并提出办理意见',
    'request_rates.export': '导出诉求办理“三率”',
  },
  auditEntities: {
    request_deadline_setting: '诉求办理时限',
    request_rate_figures: '诉求办理“三率”',
  },
  jobs: [oversightJob],
  dueSources: [requestsDue, escalatedDue],
  demo: demoOversight,
});
