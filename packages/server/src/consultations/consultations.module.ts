import { defineModule } from '../module.js';
import { consultationsDemo } from './consultations.demo.js';
import { opinionsDue } from './consultations.due.js';
import { registerConsultations } from './consultations.routes.js';

/** Prior consultation (事前征求意见, seed 004): a resident unit asks the community committee before naming, promoting or recommending a person. */
export const consultationsModule = defineModule({
  name: 'consultations',
  routes: registerConsultations,
  fieldLabels: {
    unitId: '驻区单位',
    matterKind: '事项类型',
    matter: '事项',
    memberId: '报到党员',
    idNumber: '身份证号',
    personName: '姓名',
    deadline: '答复期限',
    opinion: '意见',
    reason: '理由',
    overrideBy: '决定机关',
    overrideDocNo: '文号',
    overrideOn: '决定日期',
    outcome: '办理结果',
    note: '说明',
    orgId: '组织',
    status: '状态',
    year: '年份',
  },
  auditActions: {
    'consultations.create': '发起事前征求意见',
    'consultations.answer': '答复事前征求意见',
    'consultations.override': '记录上级书面决定',
    'consultations.outcome': '记录征求意见办理结果',
    'consultations.reveal': '查看征求意见人员身份证号',
    'consultations.export': '导出事前征求意见',
  },
  auditEntities: { consultation: '事前征求意见' },
  dueSources: [opinionsDue],
  demo: consultationsDemo,
});
