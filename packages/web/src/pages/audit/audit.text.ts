export const auditText = {
  title: '审计日志',
  filter: {
    entity: '对象类型',
    entityId: '对象编号',
    actor: '操作人',
    actorPlaceholder: '用户名',
    range: '时间范围',
    search: '查询',
    reset: '重置',
  },
  column: { at: '时间', actor: '操作人', action: '操作', target: '对象', ip: 'IP' },
  system: '系统',
  total: (n: number, capped: boolean) => (capped ? `超过 ${n} 条，可按时间范围缩小` : `共 ${n} 条`),
  diff: { before: '变更前', after: '变更后', empty: '（无）', changed: '已变更' },
  reveal: '查看完整身份证号和电话',
  revealed: '已显示完整号码，此次查看已记入审计日志',
  maskedNote: '身份证号和电话已部分隐藏',
};
