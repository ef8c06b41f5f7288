import type { DueSource } from '../http/due.js';
import { defineModule } from '../module.js';
import { lettersDue as readLettersDue, receiptsDue as readReceiptsDue } from './transfers.repo.js';
import { registerTransfers } from './transfers.routes.js';

/** Letters addressed to an organisation of the scope that nobody has accepted or returned yet. */
const lettersDue: DueSource = {
  name: 'transfers.incoming',
  label: '待接收的组织关系介绍信',
  permission: ['member.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await readLettersDue(db, actor, today, query);
    const items = rows.map((t) => ({
      key: `transfers.incoming:${t.id}`,
      title: `${t.member_name} 的介绍信（来自${t.from_org_name}）待接收`,
      orgName: t.to_org_name,
      dueOn: t.due_on,
      overdue: t.overdue,
      link: '/transfers',
    }));
    return { ...counts, items };
  },
};

/** Letters out of the platform whose receipt (回执) has not come back in time. */
const receiptsDue: DueSource = {
  name: 'transfers.receipts',
  label: '介绍信回执逾期',
  permission: ['member.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await readReceiptsDue(db, actor, today, query);
    const items = rows.map((t) => ({
      key: `transfers.receipts:${t.id}`,
      title: `${t.member_name} 转往${t.to_org_name}的介绍信回执未收到`,
      orgName: t.from_org_name,
      dueOn: t.due_on,
      overdue: true,
      link: '/transfers',
    }));
    return { ...counts, items };
  },
};

/** Transfers of members' organisational relations (组织关系转接): letters, acceptance, returns, receipts. */
export const transfersModule = defineModule({
  name: 'transfers',
  routes: registerTransfers,
  fieldLabels: {
    kind: '转接类型',
    box: '收发件箱',
    receiptOverdue: '回执逾期',
    issuedOn: '开具日期',
    validUntil: '有效期至',
    toOrgId: '接收组织',
    toOrgName: '接收组织名称',
    fromOrgName: '原组织名称',
    letterNo: '介绍信编号',
    duesPaidTo: '党费交至',
    validDays: '有效天数',
    receivedOn: '回执收到日期',
  },
  auditActions: {
    'member.transfer.export': '导出组织关系转接',
    'member.transfer.issue': '开具组织关系介绍信',
    'member.transfer.accept': '接收组织关系',
    'member.transfer.return': '退回组织关系介绍信',
    'member.transfer.receipt': '登记介绍信回执',
    'member.transfer.incoming': '登记平台外转入',
    'member.transfer.letter': '打印介绍信（完整身份证号）',
  },
  auditEntities: { member_transfer: '组织关系转接' },
  dueSources: [lettersDue, receiptsDue],
});
