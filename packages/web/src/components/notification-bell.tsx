import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { unreadCountQuery } from '../api/notifications';
import { notificationsText as t } from '../pages/notifications/notifications.text';

/** The header's bell: the unread count, polled; a click opens 站内消息. */
export function NotificationBell({ color }: { color?: string }) {
  const { data } = useQuery(unreadCountQuery);
  const navigate = useNavigate();
  const unread = data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" overflowCount={99}>
      <Button
        type="text"
        size="small"
        aria-label={t.bell(unread)}
        data-unread={unread}
        icon={<BellOutlined />}
        style={{ color }}
        onClick={() => void navigate('/notifications')}
      />
    </Badge>
  );
}
