export const workbenchText = {
  /** Also the menu item. */
  title: '工作台',
  intro: '本级及下级组织即将到期和已超期的事项，已超期的排在前面。处理后，事项自动消失。',
  empty: '暂无需要处理的事项',
  overdue: '已超期',
  soon: '即将到期',
  dueOn: (on: string, overdue: boolean) => (overdue ? `应于 ${on}` : `${on} 前`),
  counts: (total: number, overdue: number) => (overdue > 0 ? `共 ${total} 项，已超期 ${overdue} 项` : `共 ${total} 项`),
  more: (shown: number, total: number) => `显示前 ${shown} 项，共 ${total} 项`,
  act: '去处理',
  snoozeAction: '暂缓',
  snoozed: (n: number) => `已暂缓 ${n} 项`,
  snooze: {
    title: '暂缓此事项',
    until: '暂缓至',
    reason: '理由',
    reasonPlaceholder: '如：支部大会定于下周讨论',
    required: '请选择日期',
    reasonRequired: '请写明暂缓的理由',
    done: '已暂缓，到期后重新出现',
  },
} as const;
