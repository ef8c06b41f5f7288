import { defineModule } from '../module.js';
import { registerFloating } from './floating.routes.js';

/** Floating members (流动党员): outflow and inflow, their reports, the six-month check. */
export const floatingModule = defineModule({
  name: 'floating',
  routes: registerFloating,
  fieldLabels: {
    direction: '流向',
    place: '流动地点',
    otherOrgName: '对方党组织',
    contact: '联系方式',
    certificateNo: '流动党员活动证编号',
    fixedPlace: '是否固定地点',
    since: '外出（流入）时间',
    reportedOn: '报告日期',
    due: '提醒类型',
  },
  auditActions: {
    'floating_member.outflow': '登记流出党员',
    'floating_member.inflow': '登记流入党员',
    'floating_member.report': '登记流动党员报告',
    'floating_member.end': '结束流动',
    'floating_member.export': '导出流动党员列表',
  },
  auditEntities: { floating_member: '流动党员' },
});
