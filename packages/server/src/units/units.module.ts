import { defineModule } from '../module.js';
import { unitLeftDue } from './committee.service.js';
import { unitsDemo } from './units.demo.js';
import { registerUnits } from './units.routes.js';
import { registerZones } from './zones.routes.js';

/** Co-building (共驻共建): the resident units' registry, the big committee's part-time members, collaboration zones. */
export const unitsModule = defineModule({
  name: 'units',
  routes: (app, deps) => {
    registerUnits(app, deps);
    registerZones(app, deps);
  },
  fieldLabels: {
    uscc: '统一社会信用代码',
    kind: '单位类别',
    contactName: '联系人',
    contactPhone: '联系电话',
    headcount: '职工人数',
    partyMembers: '党员人数',
    partyOrgId: '单位党组织',
    relation: '管理关系',
    liaisonAccountId: '联络员账号',
    newOrgId: '两新组织',
    ended: '是否已退出',
    personName: '姓名',
    unitId: '驻区单位',
    startedOn: '任职日期',
    leadOrgId: '牵头党组织',
    leadUnitId: '牵头驻区单位',
    note: '备注',
    communityIds: '成员社区',
    memberOrgIds: '成员单位党组织',
    unitIds: '成员驻区单位',
  },
  auditActions: {
    'resident_unit.create': '登记驻区单位',
    'resident_unit.link_new_org': '从两新组织名册添加驻区单位',
    'resident_unit.update': '修改驻区单位',
    'resident_unit.end': '驻区单位退出名录',
    'resident_unit.export': '导出驻区单位名录',
    'committee.appoint': '任命驻区单位兼职委员',
    'committee.set_home_unit': '设置委员所在驻区单位',
    'collab_zone.create': '组建党建协作区',
    'collab_zone.update': '修改党建协作区',
    'collab_zone.end': '撤销党建协作区',
    'collab_zone.export': '导出党建协作区',
  },
  auditEntities: { resident_unit: '驻区单位', collab_zone: '党建协作区', collab_zone_member: '协作区成员' },
  dueSources: [unitLeftDue],
  demo: unitsDemo,
});
