import { defineModule } from '../module.js';
import { registerOrganizations } from './organizations.routes.js';

/** The organisation tree: its nodes, moves, deletions and roster. */
export const organizationsModule = defineModule({
  name: 'organizations',
  routes: registerOrganizations,
  fieldLabels: {
    sector: '组织类别',
    foundedOn: '成立日期',
    unitName: '所属单位',
  },
  auditActions: {
    'organization.create': '新建党组织',
    'organization.update': '修改党组织',
    'organization.move': '移动党组织',
    'organization.delete': '删除党组织',
    'organization.export': '导出党组织名册',
  },
  auditEntities: { organization: '党组织' },
});
