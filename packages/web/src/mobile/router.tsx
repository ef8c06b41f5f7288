import { lazy } from 'react';
import { createBrowserRouter, Link } from 'react-router';
import { MobileLayout, type MobileHandle } from './layout/mobile-layout';
import { mobileText as t } from './mobile.text';
import { MOBILE_PAGES } from './modules';
import { HomePage } from './pages/home/home-page';
import { LoginPage } from './pages/login/login-page';

const PasswordPage = lazy(() => import('./pages/login/password-page').then((m) => ({ default: m.PasswordPage })));

const handle = (title: string, root = false): MobileHandle => ({ title, root });

function NotFound() {
  return (
    <div className="m-card" role="alert">
      <p>{t.notFound}</p>
      <Link to="/">{t.toHome}</Link>
    </div>
  );
}

/** The phone app at /m/: its own pages (login, password) and the modules' pages (modules/index.ts). */
export const router = createBrowserRouter(
  [
    {
      element: <MobileLayout />,
      children: [
        { path: 'login', element: <LoginPage />, handle: handle(t.login.title, true) },
        { path: 'password', element: <PasswordPage />, handle: handle(t.password.title, true) },
        { index: true, element: <HomePage />, handle: handle(t.home.title, true) },
        ...MOBILE_PAGES.map((page) => ({ path: page.path, element: page.element, handle: handle(page.title) })),
        { path: '*', element: <NotFound />, handle: handle(t.notFound) },
      ],
    },
  ],
  { basename: '/m' },
);
