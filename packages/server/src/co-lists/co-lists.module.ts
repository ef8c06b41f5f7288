import { defineModule } from '../module.js';
import { coListsDemo } from './co-lists.demo.js';
import { registerCoLists } from './co-lists.routes.js';

/**
 * The three lists (三张清单, DOMAIN §4): needs of a community, resources offered by units, members and the
 * community, and projects that match them. The platform proposes matches (same category, the need's community or
 * street, resources not committed to an open project), the community confirms; a unit's liaison claims a need and
 * offers its unit's resources; results count for the unit (cobuild_unit_counts).
 */
export const coListsModule = defineModule({
  name: 'co-lists',
  routes: registerCoLists,
  fieldLabels: {
    orgId: '社区',
    title: '名称',
    category: '类别',
    description: '说明',
    place: '地点',
    neededBy: '需要日期',
    requestId: '居民诉求',
    provider: '提供方类型',
    unitId: '驻区单位',
    memberId: '党员',
    availability: '可用时间',
    availableFrom: '开始日期',
    availableTo: '结束日期',
    active: '可用',
    needId: '需求',
    resourceIds: '资源',
    leadName: '负责人',
    leadUnitId: '牵头单位',
    startedOn: '开始日期',
    endedOn: '结束日期',
    status: '状态',
    result: '成效',
    note: '认领说明',
  },
  auditActions: {
    'co_need.create': '登记需求',
    'co_need.update': '修改需求',
    'co_need.close': '关闭需求',
    'co_need.claim': '认领需求',
    'co_resource.create': '登记资源',
    'co_resource.update': '修改资源',
    'co_project.create': '需求资源对接立项',
    'co_project.finish': '项目结束',
    'co_lists.export': '导出三张清单',
  },
  auditEntities: {
    co_need: '需求',
    co_resource: '资源',
    co_project: '项目',
    co_project_resource: '项目资源',
  },
  demo: coListsDemo,
});
