import NavBar from 'antd-mobile/es/components/nav-bar';
import { Suspense } from 'react';
import { Outlet, useMatches, useNavigate } from 'react-router';
import { mobileText as t } from '../mobile.text';
import { ElderToggle } from './elder-toggle';
import { MessagesLink } from './messages-link';
import { Loading } from './query-state';

/** What a route tells the bar: its title, and whether it is a first page (no way back). */
export type MobileHandle = { title: string; root?: boolean };

const isHandle = (h: unknown): h is MobileHandle => typeof h === 'object' && h !== null && 'title' in h;

/** Every phone page: a bar with the page's title, the way back and the 长辈版 switch; the notch kept clear. */
export function MobileLayout() {
  const navigate = useNavigate();
  const handle = useMatches()
    .map((m) => m.handle)
    .filter(isHandle)
    .at(-1);
  const root = handle?.root ?? false;
  // A page opened by a link from outside (a message, a bookmark) has nothing to go back to but the home.
  const back = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) void navigate(-1);
    else void navigate('/', { replace: true });
  };
  return (
    <div className="m-app">
      <header className="m-header">
        <NavBar
          back={root ? null : t.back}
          backIcon={!root}
          onBack={back}
          right={
            <span className="m-header-actions">
              <MessagesLink />
              <ElderToggle />
            </span>
          }
        >
          {handle?.title ?? t.appTitle}
        </NavBar>
      </header>
      <main className="m-page">
        {/* The pages with forms are loaded when first opened (modules' module.tsx). */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
