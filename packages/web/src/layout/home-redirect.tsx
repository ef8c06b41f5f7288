import { Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate } from 'react-router';
import { useMe } from '../auth/use-me';
import { layoutText } from './layout.text';
import { homeFor, PHONE_HOME } from './nav-items';

/** `/` goes to the account's home: the phone pages for a 党员 acting for themselves, else their first console page. */
export function HomeRedirect() {
  const { data: me } = useMe();
  const home = me ? homeFor(me.permissions) : undefined;
  const toPhone = home?.app === 'phone';
  useEffect(() => {
    // Another app: a full page load, not the console's router.
    if (toPhone) window.location.replace(PHONE_HOME);
  }, [toPhone]);

  if (!home || home.app === 'phone') return null;
  if (home.app === 'console') return <Navigate to={home.path} replace />;
  return (
    <Flex vertical align="center" style={{ paddingTop: 80 }}>
      <Typography.Title level={3}>{layoutText.welcome}</Typography.Title>
      <Typography.Text type="secondary">{layoutText.noMenu}</Typography.Text>
    </Flex>
  );
}
