import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Job = components['schemas']['Job'];
export type JobRun = components['schemas']['JobRun'];
export type JobRunOutcome = components['schemas']['JobRunOutcome'];

/** The jobs list and every job's runs: one prefix, so that a run refreshes both. */
export const JOBS_KEY = ['jobs'] as const;

export const jobsQuery = queryOptions({
  queryKey: [...JOBS_KEY, 'list'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/jobs', { signal })),
  // The runner works on its own clock: the list follows it while the page is open.
  refetchInterval: 60_000,
});

/** The job's last 20 runs, newest first. */
export const jobRunsQuery = (name: string) =>
  queryOptions({
    queryKey: [...JOBS_KEY, 'runs', name],
    queryFn: ({ signal }) => unwrap(api.GET('/api/jobs/{name}/runs', { params: { path: { name } }, signal })),
  });

/** Runs the job now and waits for its outcome; a 409 when another server process is running it. */
export const runJobNow = (name: string) => unwrap(api.POST('/api/jobs/{name}/run', { params: { path: { name } } }));
