import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Workbench = components['schemas']['Workbench'];
export type DueItem = components['schemas']['DueItem'];

export const workbenchQuery = queryOptions({
  queryKey: ['workbench'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/workbench', { signal })),
});
