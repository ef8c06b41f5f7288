/** What the audit trail's entries are called, for the audit page and its export. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  organization: '党组织',
  account: '账号',
  member: '党员',
  team_post: '班子职务',
  new_organization: '两新组织',
  member_history: '组织关系历史',
  member_transfer: '组织关系转接',
  floating_member: '流动党员',
  in_service_registration: '在职党员报到',
  audit_log: '审计记录',
  job: '定时任务',
};

/**
 * Every action the server names when it writes the trail, with its label: `AuditAction` is this map's keys, so
 * an action without a label does not compile.
 */
export const AUDIT_ACTION_LABELS = {
  'organization.create': '新建党组织',
  'organization.update': '修改党组织',
  'organization.move': '移动党组织',
  'organization.delete': '删除党组织',
  'organization.export': '导出党组织名册',
  'new_organization.create': '登记两新组织',
  'new_organization.update': '修改两新组织',
  'new_organization.delete': '删除两新组织',
  'figures.export': '导出统计表',
  'team_post.create': '任命班子职务',
  'team_post.end': '班子成员离任',
  'team_post.export': '导出领导班子',
  'org_rules.export': '导出组织设置问题',
  'terms.export': '导出换届提醒',
  'new_organization.export': '导出两新组织名录',
  'coverage.create_joint_branch': '一键组建联合党支部',
  'account.create': '新建账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.reset_password': '重置密码',
  'account.export': '导出账号列表',
  'account.link_member': '关联党员档案',
  'account.unlink_member': '解除关联党员档案',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_refused_locked': '登录被拒（登录失败次数过多）',
  'auth.login_refused_disabled': '登录被拒（账号已停用）',
  'auth.account_locked': '账号因多处登录失败被锁定',
  'auth.password_change': '修改密码',
  'auth.logout': '退出登录',
  'job.run': '立即运行定时任务',
  'job.sessions_cleanup': '定时任务：清理过期会话',
  'figures.verify': '定时任务：核对数据概览计数',
  'seed.demo_city': '生成演示数据',
  'member.create': '新建党员档案',
  'member.update': '修改党员档案',
  'member.delete': '删除党员档案',
  'member.reveal': '查看完整身份证号和电话',
  'audit.reveal': '查看审计记录中的完整号码',
  'member.export': '导出党员花名册',
  'member.due.export': '导出转正提醒',
  'member.transfer.export': '导出组织关系转接',
  'audit.export': '导出审计日志',
  'member.import': '导入党员花名册',
  'member.convert': '预备党员转正',
  'member.transfer.issue': '开具组织关系介绍信',
  'member.transfer.accept': '接收组织关系',
  'member.transfer.return': '退回组织关系介绍信',
  'member.transfer.receipt': '登记介绍信回执',
  'member.transfer.incoming': '登记平台外转入',
  'floating_member.outflow': '登记流出党员',
  'floating_member.inflow': '登记流入党员',
  'floating_member.report': '登记流动党员报告',
  'floating_member.end': '结束流动',
  'floating_member.export': '导出流动党员列表',
  'in_service.export': '导出在职党员报到列表',
  'in_service.register': '登记在职党员报到',
  'in_service.register_self': '在职党员本人报到',
  'in_service.end': '结束在职党员报到',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** Changes recorded without a named action carry `entity.insert|update|delete`. */
const AUDIT_VERB_LABELS: Readonly<Record<string, string>> = {
  insert: '新增',
  create: '新建',
  update: '修改',
  delete: '删除',
};

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}

/** `修改党组织` for `organization.update`; a named action by its own label; an unknown one as it is. */
export function auditActionLabel(action: string): string {
  const known = (AUDIT_ACTION_LABELS as Readonly<Record<string, string>>)[action];
  if (known) return known;
  const [entity, verb] = action.split('.');
  const verbLabel = verb ? AUDIT_VERB_LABELS[verb] : undefined;
  return verbLabel && entity ? `${verbLabel}${auditEntityLabel(entity)}` : action;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** `党组织 #4 和平社区党委`: the name is read from the recorded row, after the change if there is one. */
export function auditTargetLabel(entry: {
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}): string {
  const id = entry.entityId ? ` #${entry.entityId}` : '';
  const row = asRecord(entry.after) ?? asRecord(entry.before);
  const name = row?.name ?? row?.username;
  return `${auditEntityLabel(entry.entity)}${id}${typeof name === 'string' ? ` ${name}` : ''}`;
}
