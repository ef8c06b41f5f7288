export const notificationsText = {
  /** Also the menu item. */
  title: '站内消息',
  all: '全部',
  unread: '未读',
  markAll: '全部标为已读',
  markedAll: (n: number) => (n > 0 ? `已将 ${n} 条消息标为已读` : '没有未读消息'),
  open: '查看',
  markRead: '标为已读',
  empty: '暂无消息',
  emptyUnread: '没有未读消息',
  more: '加载更多',
  keep: '消息保留 180 天。',
  settings: '推送方式',
  digest: { immediate: '即时', daily: '每日汇总' },
  digestHelp: '接入短信或邮件后按此方式推送；目前消息只在本平台显示。',
  saved: '已保存',
  bell: (n: number) => (n > 0 ? `站内消息，${n} 条未读` : '站内消息'),
};
