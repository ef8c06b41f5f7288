import { Flex, Typography } from 'antd';
import { Navigate } from 'react-router';
import { useMe } from '../auth/use-me';
import { layoutText } from './layout.text';
import { homeFor } from './nav-items';

/** `/` goes to the first screen the account may open. */
export function HomeRedirect() {
  const { data: me } = useMe();
  const first = me ? homeFor(me.permissions) : undefined;
  if (first) return <Navigate to={first.path} replace />;
  return (
    <Flex vertical align="center" style={{ paddingTop: 80 }}>
      <Typography.Title level={3}>{layoutText.welcome}</Typography.Title>
      <Typography.Text type="secondary">{layoutText.noMenu}</Typography.Text>
    </Flex>
  );
}
