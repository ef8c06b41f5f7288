import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/require-auth';
import { RequirePermission } from './auth/require-permission';
import { NotFound } from './components/not-found';
import { AppLayout } from './layout/app-layout';
import { HomeRedirect } from './layout/home-redirect';
import { MANAGING } from './layout/nav-items';
import { AccountsPage } from './pages/accounts/accounts-page';
import { AuditPage } from './pages/audit/audit-page';
import { ChangePasswordPage } from './pages/change-password/change-password-page';
import { LoginPage } from './pages/login/login-page';
import { NewOrgsPage } from './pages/new-orgs/new-orgs-page';
import { RulesPage } from './pages/org-checks/rules-page';
import { TermsPage } from './pages/org-checks/terms-page';
import { FloatingPage } from './pages/community/floating-page';
import { InServicePage } from './pages/community/in-service-page';
import { SelfRegisterPage } from './pages/community/self-register-page';
import { DuePage } from './pages/members/due-page';
import { FiguresPage } from './pages/figures/figures-page';
import { JobsPage } from './pages/jobs/jobs-page';
import { ImportPage } from './pages/members/import-page';
import { MemberDetailPage } from './pages/members/member-detail-page';
import { MembersPage } from './pages/members/members-page';
import { OrgsPage } from './pages/orgs/orgs-page';
import { TransfersPage } from './pages/transfers/transfers-page';

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
              ['figures', <FiguresPage key="figures" />],
              ['org-rules', <RulesPage key="rules" />],
              ['terms', <TermsPage key="terms" />],
              ['new-orgs', <NewOrgsPage key="new-orgs" />],
            ] as const
          ).map(([path, page]) => ({
            path,
            element: <RequirePermission permission={MANAGING}>{page}</RequirePermission>,
          })),
          {
            path: 'members',
            element: (
              <RequirePermission permission="member.read">
                <MembersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'members/import',
            element: (
              <RequirePermission permission="member.write">
                <ImportPage />
              </RequirePermission>
            ),
          },
          {
            path: 'members/due',
            element: (
              <RequirePermission permission="member.read">
                <DuePage />
              </RequirePermission>
            ),
          },
          {
            path: 'members/:id',
            element: (
              <RequirePermission permission="member.read">
                <MemberDetailPage />
              </RequirePermission>
            ),
          },
          {
            path: 'transfers',
            element: (
              <RequirePermission permission="member.read">
                <TransfersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'floating',
            element: (
              <RequirePermission permission="member.read">
                <FloatingPage />
              </RequirePermission>
            ),
          },
          {
            path: 'in-service',
            element: (
              <RequirePermission permission="member.read">
                <InServicePage />
              </RequirePermission>
            ),
          },
          {
            path: 'my-registration',
            element: (
              <RequirePermission permission="self.in_service">
                <SelfRegisterPage />
              </RequirePermission>
            ),
          },
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
          {
            path: 'jobs',
            element: (
              <RequirePermission permission="system.jobs">
                <JobsPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
