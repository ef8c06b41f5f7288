import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

// Read off the generated schema, never re-declared by hand.
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;

export const DEADLINES_KEY = ['request-deadlines'] as const;
export const OVERSIGHT_KEY = ['request-oversight'] as const;

export type DeadlineSettings = SuccessBody<paths['/api/request-deadlines']['get']>;
export type DeadlineCategory = DeadlineSettings['categories'][number];
export type DeadlineBody = NonNullable<
  paths['/api/request-deadlines/{orgId}']['patch']['requestBody']
>['content']['application/json'];
export type OversightQueue = SuccessBody<paths['/api/request-oversight/queue']['get']>;
export type QueueItem = OversightQueue['items'][number];
export type QueueQuery = NonNullable<paths['/api/request-oversight/queue']['get']['parameters']['query']>;
export type RequestRates = SuccessBody<paths['/api/request-oversight/rates']['get']>;
export type RateRow = RequestRates['org'];

export const deadlinesQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...DEADLINES_KEY, orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/request-deadlines', { params: { query: { orgId } }, signal })),
  });
export const saveDeadline = (orgId: number, body: DeadlineBody) =>
  unwrap(api.PATCH('/api/request-deadlines/{orgId}', { params: { path: { orgId } }, body }));

export const oversightQueueQuery = (query: QueueQuery) =>
  queryOptions({
    queryKey: [...OVERSIGHT_KEY, 'queue', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/request-oversight/queue', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const takeRequest = (id: number, note?: string) =>
  unwrap(api.POST('/api/request-oversight/requests/{id}/take', { params: { path: { id } }, body: { note } }));
export const returnRequest = (id: number, body: { instructions: string; days: number }) =>
  unwrap(api.POST('/api/request-oversight/requests/{id}/return', { params: { path: { id } }, body }));

export const requestRatesQuery = (orgId: number | undefined, period: string) =>
  queryOptions({
    queryKey: [...OVERSIGHT_KEY, 'rates', orgId ?? null, period],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/request-oversight/rates', { params: { query: { orgId, period } }, signal })),
    placeholderData: keepPreviousData,
  });
