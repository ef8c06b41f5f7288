import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/require-auth';
import { RequirePermission } from './auth/require-permission';
import { NotFound } from './components/not-found';
import { AppLayout } from './layout/app-layout';
import { HomeRedirect } from './layout/home-redirect';
import { AccountsPage } from './pages/accounts/accounts-page';
import { AuditPage } from './pages/audit/audit-page';
import { ChangePasswordPage } from './pages/change-password/change-password-page';
import { LoginPage } from './pages/login/login-page';
import { NewOrgsPage } from './pages/new-orgs/new-orgs-page';
import { RulesPage } from './pages/org-checks/rules-page';
import { TermsPage } from './pages/org-checks/terms-page';
import { OrgsPage } from './pages/orgs/orgs-page';

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
          {
            path: 'orgs',
            element: (
              <RequirePermission permission="org.read">
                <OrgsPage />
              </RequirePermission>
            ),
          },
          ...(
            [
              ['org-rules', <RulesPage key="rules" />],
              ['terms', <TermsPage key="terms" />],
              ['new-orgs', <NewOrgsPage key="new-orgs" />],
            ] as const
          ).map(([path, page]) => ({
            path,
            element: <RequirePermission permission="org.read">{page}</RequirePermission>,
          })),
          {
            path: 'accounts',
            element: (
              <RequirePermission permission="account.read">
                <AccountsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
