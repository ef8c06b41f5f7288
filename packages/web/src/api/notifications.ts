import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Notification = components['schemas']['Notification'];
export type NotificationSettings = components['schemas']['NotificationSettings'];

export const NOTIFICATIONS_KEY = ['notifications'] as const;
/** How often the pages ask for the unread count (a message is a row: nothing is lost between two asks). */
export const UNREAD_POLL_MS = 30_000;

export const unreadCountQuery = queryOptions({
  queryKey: [...NOTIFICATIONS_KEY, 'unread'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/notifications/unread-count', { signal })),
  refetchInterval: UNREAD_POLL_MS,
  refetchIntervalInBackground: false,
});

/** The account's messages, newest first, 30 a page; `unread` lists the unread only. */
export const notificationsQuery = (unread: boolean) =>
  infiniteQueryOptions({
    queryKey: [...NOTIFICATIONS_KEY, 'list', { unread }],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/notifications', {
          params: { query: { ...(unread && { unread: 'true' as const }), ...(pageParam && { before: pageParam }) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => (last.hasMore ? last.items.at(-1)?.id : undefined),
  });

export const markRead = (id: number) => unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } }));

export const markAllRead = () => unwrap(api.POST('/api/notifications/read-all'));

export const notificationSettingsQuery = queryOptions({
  queryKey: [...NOTIFICATIONS_KEY, 'settings'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/notifications/settings', { signal })),
});

export const saveNotificationSettings = (body: NotificationSettings) =>
  unwrap(api.PATCH('/api/notifications/settings', { body }));
