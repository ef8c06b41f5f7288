import { termEndsOn } from '@gongjian/shared';
import type { DueSource } from '../http/due.js';
import { defineModule } from '../module.js';
import { termsDue as readTermsDue } from './org-checks.repo.js';
import { registerOrgChecks } from './org-checks.routes.js';

/** Terms ending within six months, or over: the organisation should hold its election (换届). */
const termsDue: DueSource = {
  name: 'org-checks.terms',
  label: '换届提醒',
  // Those who run the organisations (the console's 组织体系 checks): a 党员 account reads its branch, no more.
  permission: ['org.read', 'member.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await readTermsDue(db, actor, today, query);
    const items = rows.map((t) => ({
      key: `org-checks.terms:${t.id}`,
      title: `${t.name} 任期${t.overdue ? '已届满，应按期换届' : '即将届满，准备换届'}`,
      orgName: t.parent_name,
      dueOn: termEndsOn(t.type, t.term_started_on) as string,
      overdue: t.overdue,
      link: '/terms',
    }));
    return { ...counts, items };
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
