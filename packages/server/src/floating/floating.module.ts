import { floatingTransferDueOn } from '@gongjian/shared';
import type { DueSource } from '../http/due.js';
import { defineModule } from '../module.js';
import { transferDue as readTransferDue, unreportedDue as readUnreportedDue } from './floating.repo.js';
import { registerFloating } from './floating.routes.js';

/** Members away six months or more at a fixed place: their relationship should move there. */
const transferDue: DueSource = {
  name: 'floating.transfer',
  label: '流动党员应转移组织关系',
  permission: ['member.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await readTransferDue(db, actor, today, query);
    const items = rows.map((f) => ({
      key: `floating.transfer:${f.id}`,
      title: `${f.name} 在${f.place}已满六个月，应转移组织关系`,
      orgName: f.org_name,
      dueOn: floatingTransferDueOn(f.since),
      overdue: true,
      link: '/floating',
    }));
    return { ...counts, items };
  },
};

/** Members away who have not reported to their branch this year (每年至少报告一次). */
const reportDue: DueSource = {
  name: 'floating.unreported',
  label: '流动党员本年度未报告',
  permission: ['member.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await readUnreportedDue(db, actor, today, query);
    const items = rows.map((f) => ({
      key: `floating.unreported:${f.id}`,
      title: `${f.name}（${f.place}）本年度尚未报告`,
      orgName: f.org_name,
      dueOn: `${today.slice(0, 4)}-12-31`,
      overdue: false,
      link: '/floating',
    }));
    return { ...counts, items };
  },
};

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
  dueSources: [transferDue, reportDue],
});
