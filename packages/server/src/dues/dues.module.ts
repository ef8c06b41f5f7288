import { defineModule } from '../module.js';
import { registerDues } from './dues.routes.js';
import { duesDemo } from './dues.demo.js';
import { lapsedDue, lapsedJob } from './lapsed.js';

/** Party dues (党费): bases, payments, "paid up to", totals; and the lapsed-membership flags (党章 §9). */
export const duesModule = defineModule({
  name: 'dues',
  routes: registerDues,
  fieldLabels: {
    year: '年度',
    kind: '缴费类别',
    baseFen: '月收入（养老金）',
    monthlyFen: '月缴金额',
    fromMonth: '起始月份',
    toMonth: '缴至月份',
    amountFen: '金额',
    method: '缴费方式',
    paidOn: '缴费日期',
    note: '备注',
    memberIds: '党员',
    month: '月份',
    behind: '仅欠缴',
    reason: '情形',
    stage: '阶段',
  },
  auditActions: {
    'dues.base.save': '核定党费基数',
    'dues.payment.record': '登记党费',
    'dues.payment.batch': '批量登记党费',
    'dues.payment.delete': '撤销党费缴纳记录',
    'dues.paid_to.transfer': '按组织关系介绍信设定党费交至',
    'dues.export': '导出党费名单或统计',
    'lapsed.flag': '标记连续未交党费或未参加组织生活的党员',
    'lapsed.export': '导出组织关系预警名单',
  },
  auditEntities: {
    dues_base: '党费基数',
    dues_payment: '党费缴纳',
    dues_account: '党费交至',
    lapsed_flag: '组织关系预警',
  },
  jobs: [lapsedJob],
  dueSources: [lapsedDue],
  demo: duesDemo,
});
