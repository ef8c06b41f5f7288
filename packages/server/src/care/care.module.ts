import { defineModule } from '../module.js';
import { careDemo } from './care.demo.js';
import { careVisitsDue, myCareDue } from './care.due.js';
import { registerCare } from './care.routes.js';

/** The register of vulnerable residents (困难群体) and their care visits (DOMAIN §5). */
export const careModule = defineModule({
  name: 'care',
  routes: registerCare,
  fieldLabels: {
    orgId: '所属社区',
    name: '姓名',
    types: '类别',
    type: '类别',
    birthYear: '出生年份',
    livesAlone: '独居',
    leftBehind: '留守',
    buildingId: '楼栋',
    address: '住址',
    phone: '联系电话',
    needs: '需求',
    guardianName: '监护人/联系人',
    guardianPhone: '监护人电话',
    carerMemberId: '帮扶党员',
    carerAccountId: '帮扶工作人员',
    notes: '备注',
    endedOn: '移出日期',
    reason: '移出原因',
    visitedOn: '走访日期',
    visitor: '走访人',
    content: '走访内容',
    followUp: '需要跟进',
    followUpNote: '跟进事项',
    standing: '走访状态',
  },
  auditActions: {
    'care_resident.create': '登记困难群体',
    'care_resident.update': '修改困难群体信息',
    'care_resident.end': '困难群体移出名册',
    'care_resident.view': '查看困难群体完整信息',
    'care_resident.export': '导出困难群体名册',
    'care_visit.create': '登记走访',
  },
  auditEntities: { care_resident: '困难群体', care_visit: '走访记录' },
  dueSources: [careVisitsDue, myCareDue],
  demo: careDemo,
});
