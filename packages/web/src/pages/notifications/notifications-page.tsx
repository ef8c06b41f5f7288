import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Empty, Radio, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/errors';
import {
  markAllRead,
  markRead,
  type Notification,
  NOTIFICATIONS_KEY,
  notificationSettingsQuery,
  notificationsQuery,
  saveNotificationSettings,
} from '../../api/notifications';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { notificationsText as t } from './notifications.text';

/** 站内消息: the account's messages, newest first; opening one marks it read and goes where it is acted on. */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useInfiniteQuery(notificationsQuery(unreadOnly));
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const read = useMutation({
    mutationFn: markRead,
    onSuccess: refresh,
    onError: (e) => message.error(errorMessage(e)),
  });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: async ({ marked }) => {
      message.success(t.markedAll(marked));
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  const open = async (n: Notification) => {
    // Marked read before leaving the page, so that the count the next page shows is already right.
    if (!n.readAt) await read.mutateAsync(n.id).catch(() => undefined);
    if (!n.link) return;
    // The phone pages are another app of the same site.
    if (n.link.startsWith('/m/')) window.location.assign(n.link);
    else void navigate(n.link);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            <Segmented
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(v) => setUnreadOnly(v === 'unread')}
              options={[
                { value: 'all', label: t.all },
                { value: 'unread', label: unread > 0 ? `${t.unread} ${unread}` : t.unread },
              ]}
            />
          </Space>
        }
        extra={
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending} disabled={unread === 0}>
            {t.markAll}
          </Button>
        }
      >
        {list.error && <QueryError error={list.error} />}
        <Table<Notification>
          rowKey="id"
          size="small"
          showHeader={false}
          loading={list.isPending}
          pagination={false}
          dataSource={items}
          locale={{ emptyText: <Empty description={unreadOnly ? t.emptyUnread : t.empty} /> }}
          columns={[
            {
              key: 'dot',
              width: 24,
              render: (_, n) => (n.readAt ? null : <Badge status="processing" />),
            },
            {
              key: 'message',
              render: (_, n) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  {n.body && <Typography.Text type="secondary">{n.body}</Typography.Text>}
                </Space>
              ),
            },
            { key: 'at', width: 170, render: (_, n) => formatDateTime(n.createdAt) },
            {
              key: 'act',
              width: 150,
              render: (_, n) => (
                <Space>
                  {n.link && (
                    <Button size="small" type="link" onClick={() => void open(n)}>
                      {t.open}
                    </Button>
                  )}
                  {!n.readAt && (
                    <Button size="small" type="link" onClick={() => read.mutate(n.id)}>
                      {t.markRead}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
          footer={
            list.hasNextPage
              ? () => (
                  <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                    {t.more}
                  </Button>
                )
              : undefined
          }
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t.keep}
        </Typography.Paragraph>
      </Card>
      <DigestSetting />
    </Space>
  );
}

function DigestSetting() {
  const { data } = useQuery(notificationSettingsQuery);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: saveNotificationSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(notificationSettingsQuery.queryKey, saved);
      message.success(t.saved);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title={t.settings}>
      <Space orientation="vertical">
        <Radio.Group
          value={data?.digest}
          disabled={!data || save.isPending}
          onChange={(e) => save.mutate({ digest: e.target.value as 'immediate' | 'daily' })}
          options={[
            { value: 'immediate', label: t.digest.immediate },
            { value: 'daily', label: t.digest.daily },
          ]}
        />
        <Typography.Text type="secondary">{t.digestHelp}</Typography.Text>
      </Space>
    </Card>
  );
}
