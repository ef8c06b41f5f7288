import { QueryClient } from '@tanstack/react-query';
import { isClientError } from '../api/errors';

/**
 * The phone app's query cache. As the console's (query-client.ts), with a read kept fresh for 30 s: a part of a
 * page that appears once another read arrived does not ask again for what the page has just read (and took from
 * m.html's preloads). A change invalidates what it changed.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});
