import { ROLE_LABELS } from '@gongjian/shared';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Divider, Layout, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { useMe } from '../auth/use-me';
import { NotificationBell } from '../components/notification-bell';
import { layoutText } from './layout.text';
import { useLogout } from './use-logout';

type Me = NonNullable<ReturnType<typeof useMe>['data']>;

/** The system's name on the left; on the right who is logged in, then the account's actions. */
export function AppHeader({ me }: { me: Me }) {
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Layout.Header
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}
    >
      <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
        {layoutText.systemName}
      </Typography.Title>
      <Space size="middle" style={{ color: 'rgba(255,255,255,0.85)' }}>
        <Space separator={<Divider orientation="vertical" style={{ borderColor: 'rgba(255,255,255,0.3)' }} />}>
          <span>
            <UserOutlined /> {me.displayName}
          </span>
          <span>{me.org.name}</span>
          <span>{ROLE_LABELS[me.role]}</span>
        </Space>
        <NotificationBell color="rgba(255,255,255,0.85)" />
        <Button size="small" type="text" style={{ color: 'inherit' }} onClick={() => navigate('/change-password')}>
          {layoutText.changePassword}
        </Button>
        <Button size="small" icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()}>
          {layoutText.logout}
        </Button>
      </Space>
    </Layout.Header>
  );
}
