import { defineModule } from '../module.js';
import { registerNewOrgs } from './new-orgs.routes.js';

/** New economic and social organisations (两新组织), their coverage and joint branches. */
export const newOrgsModule = defineModule({
  name: 'new-orgs',
  routes: registerNewOrgs,
  fieldLabels: {
    uscc: '统一社会信用代码',
    kind: '组织类别',
    industry: '行业',
    grid: '网格',
    employees: '从业人员数',
    partyMembers: '党员人数',
    ownOrgId: '本单位党组织',
    jointBranchId: '所属联合党支部',
    instructorName: '党建指导员',
    instructorPhone: '指导员电话',
    newOrgIds: '两新组织',
    memberIds: '转入的党员',
  },
  auditActions: {
    'new_organization.create': '登记两新组织',
    'new_organization.update': '修改两新组织',
    'new_organization.delete': '删除两新组织',
    'new_organization.export': '导出两新组织名录',
    'coverage.create_joint_branch': '一键组建联合党支部',
  },
  auditEntities: { new_organization: '两新组织' },
});
