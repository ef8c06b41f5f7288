import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Workbench = components['schemas']['Workbench'];
export type DueItem = components['schemas']['DueItem'];

export const WORKBENCH_KEY = ['workbench'] as const;

export const workbenchQuery = queryOptions({
  queryKey: WORKBENCH_KEY,
  queryFn: ({ signal }) => unwrap(api.GET('/api/workbench', { signal })),
});

/** Puts an item of the account's own workbench aside until a day, with the reason. */
export const snoozeItem = (body: components['schemas']['SnoozeRequest']) =>
  unwrap(api.POST('/api/workbench/snoozes', { body }));
