import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { setAuthHandlers } from '../api/client';
import { prefetchHome } from './pages/home/home-page';
import { queryClient } from './query-client';
import { router } from './router';

const goTo = (path: string) => {
  if (router.state.location.pathname !== path) void router.navigate(path, { replace: true });
};

// The same client as the console's: a lost session goes to the phone's login, a forced change to its form.
setAuthHandlers({
  onUnauthenticated: () => {
    queryClient.clear();
    // A resident registering has no session yet: the home's preloads answer 401 there.
    if (router.state.location.pathname !== '/join') goTo('/login');
  },
  onPasswordChangeRequired: () => goTo('/password'),
});

// Whatever page opened: m.html preloaded the home's reads, and a preload not taken now would answer a later
// fetch of the same URL with what it got then (a 401 before the login, say).
prefetchHome(queryClient);

export function MobileApp() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
