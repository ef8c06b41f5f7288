import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { RouterProvider } from 'react-router/dom';
import { setAuthHandlers } from './api/client';
import { queryClient } from './query-client';
import { router } from './router';

dayjs.locale('zh-cn');

const goTo = (path: string) => {
  if (router.state.location.pathname !== path) void router.navigate(path, { replace: true });
};

setAuthHandlers({
  onUnauthenticated: () => {
    queryClient.clear();
    goTo('/login');
  },
  onPasswordChangeRequired: () => goTo('/change-password'),
});

const THEME = { token: { colorPrimary: '#c8161d' } };

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
