import { defineModule } from '../module.js';
import { registerTransfers } from './transfers.routes.js';

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
  },
  auditEntities: { member_transfer: '组织关系转接' },
});
