import { defineModule } from '../module.js';
import { registerOrgChecks } from './org-checks.routes.js';

/** Checks of the organisation system: organisations set up against the rules, terms coming due. */
export const orgChecksModule = defineModule({
  name: 'org-checks',
  routes: registerOrgChecks,
  fieldLabels: { within: '范围' },
  auditActions: {
    'org_rules.export': '导出组织设置问题',
    'terms.export': '导出换届提醒',
  },
});
