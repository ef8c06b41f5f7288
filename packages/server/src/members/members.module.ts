import { MEMBER_FIELD_LABELS, probationEndsOn } from '@gongjian/shared';
import type { DueSource } from '../http/due.js';
import { defineModule } from '../module.js';
import { registerMemberImports } from './import/import.routes.js';
import { probationDue as readProbationDue } from './members.repo.js';
import { registerMembers } from './members.routes.js';

/** Probationary members whose year ends within 30 days or has ended: their branch decides on full membership. */
const probationDue: DueSource = {
  name: 'members.probation',
  label: '预备党员转正',
  permission: ['member.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await readProbationDue(db, actor, today, query);
    const items = rows.map((m) => ({
      key: `members.probation:${m.id}`,
      title: `${m.name} 预备期${m.overdue ? '已满，尚未讨论转正' : '即将期满'}`,
      orgName: m.org_name,
      dueOn: probationEndsOn(m.joined_on),
      overdue: m.overdue,
      link: `/members/${m.id}`,
    }));
    return { ...counts, items };
  },
};

/** Members' records: the roster, search, the profile and its history, conversion, imports and exports. */
export const membersModule = defineModule({
  name: 'members',
  routes(app, deps) {
    registerMembers(app, deps);
    registerMemberImports(app, deps);
  },
  fieldLabels: {
    // The profile's own (shared: the form and the roster's headers say the same).
    ...MEMBER_FIELD_LABELS,
    tag: '标签',
    unmasked: '不脱敏',
    file: '文件',
    mapping: '列对应',
    mode: '导入方式',
    headerRow: '表头行',
    orgMap: '所在支部对应',
    update: '更新已有党员',
    previewDigest: '更新预览',
  },
  auditActions: {
    'member.create': '新建党员档案',
    'member.update': '修改党员档案',
    'member.delete': '删除党员档案',
    'member.reveal': '查看完整身份证号和电话',
    'member.export': '导出党员花名册',
    'member.due.export': '导出转正提醒',
    'member.import': '导入党员花名册',
    'member.convert': '预备党员转正',
  },
  auditEntities: { member: '党员', member_history: '组织关系历史' },
  dueSources: [probationDue],
});
