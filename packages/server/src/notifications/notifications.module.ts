import { purgeOld } from './notifications.service.js';
import { defineModule } from '../module.js';
import type { Job } from '../scheduler/runner.js';
import { remindersJob } from './notifications.reminders.js';
import { registerNotifications } from './notifications.routes.js';

const purgeJob: Job = {
  name: 'notifications.purge',
  label: '删除180天前的站内消息',
  schedule: { dailyAt: '04:10' },
  run: ({ db, now }) => purgeOld(db, now),
};

/** 站内消息: messages to an account (a transfer arrived, a registration came in, what falls due soon). */
export const notificationsModule = defineModule({
  name: 'notifications',
  routes: registerNotifications,
  fieldLabels: { unread: '仅未读', before: '上一页', digest: '推送方式' },
  auditActions: {
    'notification.read': '标记消息已读',
    'notification.read_all': '全部消息标记已读',
    'notification.settings': '修改消息推送方式',
    'notification.purge': '清理过期站内消息',
  },
  auditEntities: { notification: '站内消息', notification_setting: '消息推送方式' },
  jobs: [remindersJob, purgeJob],
});
