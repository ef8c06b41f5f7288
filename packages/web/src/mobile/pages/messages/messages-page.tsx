import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import Badge from 'antd-mobile/es/components/badge';
import Button from 'antd-mobile/es/components/button';
import List from 'antd-mobile/es/components/list';
import { useNavigate } from 'react-router';
import {
  markAllRead,
  markRead,
  type Notification,
  NOTIFICATIONS_KEY,
  notificationsQuery,
} from '../../../api/notifications';
import { formatDateTime } from '../../../lib/format';
import { LoadError, Loading } from '../../layout/query-state';
import { mobileText } from '../../mobile.text';

const t = mobileText.messages;

/** The account's messages, newest first; tapping one marks it read and opens where it is acted on. */
export function MessagesPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(notificationsQuery(false));
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const read = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh });

  if (list.isPending) return <Loading />;
  if (list.error) return <LoadError error={list.error} retry={() => void list.refetch()} />;
  const items = list.data.pages.flatMap((p) => p.items);
  const unread = list.data.pages[0]?.unread ?? 0;

  const open = async (n: Notification) => {
    if (!n.readAt) await read.mutateAsync(n.id).catch(() => undefined);
    if (!n.link) return;
    // A phone page opens here; a console page (a staff account's message) opens the console.
    if (n.link.startsWith('/m/')) void navigate(n.link.slice(2) || '/');
    else window.location.assign(n.link);
  };

  return (
    <>
      {unread > 0 && (
        <div className="m-card">
          <Button block fill="outline" color="primary" loading={readAll.isPending} onClick={() => readAll.mutate()}>
            {t.markAll}
          </Button>
        </div>
      )}
      {items.length === 0 ? (
        <div className="m-card m-muted">{t.empty}</div>
      ) : (
        <List>
          {items.map((n) => (
            <List.Item
              key={n.id}
              data-unread={n.readAt ? undefined : 'true'}
              prefix={n.readAt ? undefined : <Badge content={Badge.dot} aria-label={t.unread} />}
              description={
                <>
                  {n.body && <span className="m-message-body">{n.body}</span>}
                  <span className="m-message-time">{formatDateTime(n.createdAt)}</span>
                </>
              }
              onClick={() => void open(n)}
              arrowIcon={n.link ? undefined : false}
            >
              <span className={n.readAt ? undefined : 'm-strong'}>{n.title}</span>
            </List.Item>
          ))}
        </List>
      )}
      {list.hasNextPage && (
        <div className="m-card">
          <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t.more}
          </Button>
        </div>
      )}
      <p className="m-muted m-center">{t.keep}</p>
    </>
  );
}
