import { useQuery } from '@tanstack/react-query';
import Badge from 'antd-mobile/es/components/badge';
import { Link, useLocation } from 'react-router';
import { unreadCountQuery } from '../../api/notifications';
import { mobileText } from '../mobile.text';

const t = mobileText.messages;

/** 消息 in the bar of every page once logged in, with the unread count (polled); none on the login pages. */
export function MessagesLink() {
  const { pathname } = useLocation();
  const outside = pathname === '/login' || pathname === '/password';
  const { data } = useQuery({ ...unreadCountQuery, enabled: !outside });
  if (outside || !data) return null;
  return (
    <Link to="/messages" className="m-messages-link" aria-label={t.header(data.unread)} data-unread={data.unread}>
      <Badge content={data.unread > 0 ? data.unread : null}>
        <span>{t.title}</span>
      </Badge>
    </Link>
  );
}
