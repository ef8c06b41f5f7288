import { notifyAccounts } from './notifications.service.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';
import { queryRows } from '../db/client.js';
import { sql } from 'drizzle-orm';

export default defineProbes('notifications', async ({ api, city }) => {
  // A message to street B's committee: street A cannot read it, nor mark it read.
  await notifyAccounts(api.db, [city.streetBUser.id], {
    kind: 'probe.outside',
    title: '街道B的消息',
    dedupeKey: 'probe-outside',
  });
  const [outside] = await queryRows<{ id: number }>(
    api.db,
    sql`select id::int as id from notifications where dedupe_key = 'probe-outside'`,
  );
  const outsideId = outside?.id ?? 0;
  return {
    probes: {
      'POST /api/notifications/:id/read': [{ url: () => `/api/notifications/${outsideId}/read` }],
    },
    // Each reads or changes the caller's own messages only (the account id comes from the session).
    self: [
      'GET /api/notifications',
      'GET /api/notifications/unread-count',
      'POST /api/notifications/read-all',
      'GET /api/notifications/settings',
      'PATCH /api/notifications/settings',
    ],
    unchanged: async () => {
      const [row] = await queryRows<{ read_at: string | null }>(
        api.db,
        sql`select read_at::text from notifications where id = ${outsideId}`,
      );
      if (!row || row.read_at !== null) throw new Error('street B’s message was marked read from street A');
    },
  };
});
