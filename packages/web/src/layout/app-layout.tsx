import { Layout, theme } from 'antd';
import { Outlet, useLocation } from 'react-router';
import { useMe } from '../auth/use-me';
import { AppHeader } from './app-header';
import { AppMenu } from './app-menu';
import { Breadcrumbs } from './breadcrumbs';
import { navGroupsFor, placeOf } from './nav-items';

export function AppLayout() {
  const { data: me } = useMe();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  if (!me) return null;

  // The menu and the breadcrumb read the same route table: /members/12 is the roster's record, in 党员管理.
  const place = placeOf(pathname);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader me={me} />
      <Layout>
        <Layout.Sider width={200} style={{ background: token.colorBgContainer }}>
          <AppMenu groups={navGroupsFor(me.permissions)} selected={place?.item?.path} group={place?.item?.group.key} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          {place && <Breadcrumbs place={place} />}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
