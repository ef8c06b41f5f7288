import { notifyAccounts } from './notifications.service.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('notifications', (w) => ({
  audited: {
    'POST /api/notifications/{id}/read': {
      action: 'notification.read',
      prepare: async () => {
        await notifyAccounts(w.api.db, [w.city.admin.id], { kind: 'test', title: '审计覆盖', dedupeKey: 'audit-read' });
        const page = (await w.api.app.inject({ url: '/api/notifications', headers: { cookie: w.admin } })).json<{
          items: { id: number }[];
        }>();
        const id = page.items[0]?.id ?? 0;
        return { request: () => w.send('POST', `/api/notifications/${id}/read`, w.admin) };
      },
    },
    'POST /api/notifications/read-all': {
      action: 'notification.read_all',
      prepare: w.asAdmin('POST', () => '/api/notifications/read-all'),
    },
    'PATCH /api/notifications/settings': {
      action: 'notification.settings',
      prepare: w.asAdmin(
        'PATCH',
        () => '/api/notifications/settings',
        () => ({ digest: 'daily' }),
      ),
    },
  },
}));
