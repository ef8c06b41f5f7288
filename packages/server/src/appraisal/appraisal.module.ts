import { defineModule } from '../module.js';
import { appraisalDemo } from './appraisal.demo.js';
import { registerAppraisal } from './appraisal.routes.js';

/** Democratic appraisal of members (民主评议党员), yearly per branch. */
export const appraisalModule = defineModule({
  name: 'appraisal',
  routes: registerAppraisal,
  fieldLabels: {
    year: '年度',
    entryId: '评议记录',
    selfText: '自评',
    mutualText: '互评',
    grade: '等次',
    measure: '处理措施',
  },
  auditActions: {
    'appraisal.create': '建立民主评议',
    'appraisal.entry.update': '填写民主评议',
    'appraisal.advance': '民主评议进入下一阶段',
    'appraisal.export': '导出民主评议表',
  },
  auditEntities: { appraisal: '民主评议', appraisal_entry: '民主评议记录' },
  demo: appraisalDemo,
});
