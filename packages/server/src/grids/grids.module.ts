import { defineModule } from '../module.js';
import { gridsDemo } from './grids.demo.js';
import { registerGrids } from './grids.routes.js';

/** Buildings and grids (网格) of a community and the members responsible for them (党员责任区, DOMAIN §5). */
export const gridsModule = defineModule({
  name: 'grids',
  routes: registerGrids,
  fieldLabels: {
    orgId: '所属社区',
    name: '名称',
    address: '地址',
    households: '户数',
    from: '起始楼号',
    to: '结束楼号',
    prefix: '前缀',
    suffix: '后缀',
    branchOrgId: '网格党支部',
    note: '备注',
    buildingIds: '楼栋',
    memberId: '责任党员',
    startedOn: '开始日期',
    endedOn: '结束日期',
  },
  auditActions: {
    'building.create': '登记楼栋',
    'building.bulk_create': '批量登记楼栋',
    'building.update': '修改楼栋',
    'building.delete': '删除楼栋',
    'grid.create': '划分网格',
    'grid.update': '修改网格',
    'grid.delete': '删除网格',
    'grid_member.add': '指定网格责任党员',
    'grid_member.end': '结束网格责任党员',
  },
  auditEntities: { building: '楼栋', grid: '网格', grid_member: '网格责任党员' },
  demo: gridsDemo,
});
