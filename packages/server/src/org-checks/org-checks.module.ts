import type { DueSource } from '../http/due.js';
import { defineModule } from '../module.js';
import { registerOrgChecks } from './org-checks.routes.js';
import { listTerms } from './org-checks.service.js';

/** Terms ending within six months, or over: the organisation should hold its election (换届). */
const termsDue: DueSource = {
  name: 'org-checks.terms',
  label: '换届提醒',
  // Those who run the organisations (the console's 组织体系 checks): a 党员 account reads its branch, no more.
  permission: ['org.read', 'member.read'],
  async read(db, actor) {
    const { items } = await listTerms(db, actor, {});
    const due = items.map((t) => ({
      key: `org-checks.terms:${t.orgId}`,
      title: `${t.orgName} 任期${t.status === 'overdue' ? '已届满，应按期换届' : '即将届满，准备换届'}`,
      orgName: t.parentName,
      dueOn: t.termEndsOn,
      overdue: t.status === 'overdue',
      link: '/terms',
    }));
    return { total: due.length, items: due };
  },
};

/** Checks of the organisation system: organisations set up against the rules, terms coming due. */
export const orgChecksModule = defineModule({
  name: 'org-checks',
  routes: registerOrgChecks,
  fieldLabels: { within: '范围' },
  auditActions: {
    'org_rules.export': '导出组织设置问题',
    'terms.export': '导出换届提醒',
  },
  dueSources: [termsDue],
});
