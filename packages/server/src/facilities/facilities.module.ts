import { defineModule } from '../module.js';
import { facilitiesDemo } from './facilities.demo.js';
import { pendingApprovals } from './facilities.due.js';
import { registerFacilities } from './facilities.routes.js';

/** Shared facilities of resident units and their bookings (共享设施, seed 002). */
export const facilitiesModule = defineModule({
  name: 'facilities',
  routes: registerFacilities,
  fieldLabels: {
    unitId: '驻区单位',
    name: '设施名称',
    kind: '设施类型',
    capacity: '容纳人数',
    address: '地点',
    openingHours: '开放时间',
    blackoutDates: '闭馆日',
    needsApproval: '需要审批',
    note: '说明',
    communityIds: '开放社区',
    closed: '停止开放',
    includeClosed: '含已停止开放',
    facilityId: '设施',
    orgId: '社区',
    date: '日期',
    from: '开始时间',
    to: '结束时间',
    purpose: '用途',
    headcount: '人数',
    contactName: '联系人',
    contactPhone: '联系电话',
    approve: '审批意见',
    reason: '取消原因',
    status: '状态',
    year: '年份',
  },
  auditActions: {
    'facilities.create': '登记共享设施',
    'facilities.update': '修改共享设施',
    'facilities.book': '预约设施',
    'facilities.decide': '审批设施预约',
    'facilities.cancel': '取消设施预约',
    'facilities.export': '导出设施预约',
  },
  auditEntities: {
    facility: '共享设施',
    facility_community: '设施开放社区',
    facility_booking: '设施预约',
  },
  dueSources: [pendingApprovals],
  demo: facilitiesDemo,
});
