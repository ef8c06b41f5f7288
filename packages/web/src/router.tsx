import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/require-auth';
import { RequirePermission } from './auth/require-permission';
import { NotFound } from './components/not-found';
import { AppLayout } from './layout/app-layout';
import { HomeRedirect } from './layout/home-redirect';
import { PAGES } from './modules';
import { ChangePasswordPage } from './pages/change-password/change-password-page';
import { LoginPage } from './pages/login/login-page';

/** The console's routes: every module's pages (modules/index.ts) inside the layout, each behind its permission. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/change-password', element: <ChangePasswordPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          ...PAGES.map((page) => ({
            path: page.path,
            element: <RequirePermission permission={page.permission}>{page.element}</RequirePermission>,
          })),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
