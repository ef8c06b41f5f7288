import { ROLE_LABELS } from '@gongjian/shared';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Divider, Layout, Menu, Space, Typography, theme } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/use-me';
import { layoutText } from './layout.text';
import { navItemsFor } from './nav-items';
import { useLogout } from './use-logout';

export function AppLayout() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const logout = useLogout();
  const { token } = theme.useToken();
  if (!me) return null;

  const items = navItemsFor(me.permissions);
  // The longest matching path wins: /members/due is its own menu item, /members/12 belongs to /members.
  const selected = items
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  return (
    <Layout style={{ minHeight: '100vh' }}>
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
          <Button size="small" type="text" style={{ color: 'inherit' }} onClick={() => navigate('/change-password')}>
            {layoutText.changePassword}
          </Button>
          <Button size="small" icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()}>
            {layoutText.logout}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} style={{ background: token.colorBgContainer }}>
          <Menu
            mode="inline"
            style={{ height: '100%', borderInlineEnd: 0 }}
            selectedKeys={selected ? [selected] : []}
            items={items.map((item) => ({ key: item.path, icon: item.icon, label: item.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
