import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';

// Shapes read off the generated schema. No antd here: the phone's 我的党费 imports this file.
export type DuesRosterRow = components['schemas']['DuesRosterRow'];
export type DuesRoster = components['schemas']['DuesRoster'];
export type DuesTotals = components['schemas']['DuesTotals'];
export type DuesPayment = components['schemas']['DuesPayment'];
export type MemberDues = components['schemas']['MemberDues'];
export type LapsedFlag = components['schemas']['LapsedFlag'];
export type DuesBaseInput = components['schemas']['DuesBaseRequest'];
export type DuesPaymentInput = components['schemas']['DuesPaymentRequest'];
export type DuesBatchInput = components['schemas']['DuesBatchPaymentRequest'];
export type DuesRosterQuery = NonNullable<paths['/api/dues/members']['get']['parameters']['query']>;
export type LapsedQuery = NonNullable<paths['/api/lapsed']['get']['parameters']['query']>;

export const DUES_KEY = ['dues'] as const;

export const duesRosterQuery = (query: DuesRosterQuery) =>
  queryOptions({
    queryKey: [...DUES_KEY, 'roster', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/dues/members', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const duesTotalsQuery = (query: { orgId?: number; year?: number }) =>
  queryOptions({
    queryKey: [...DUES_KEY, 'totals', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/dues/totals', { params: { query }, signal })),
  });

export const memberDuesQuery = (memberId: number) =>
  queryOptions({
    queryKey: [...DUES_KEY, 'member', memberId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/dues/members/{id}', { params: { path: { id: memberId } }, signal })),
  });

export const myDuesQuery = () =>
  queryOptions({
    queryKey: [...DUES_KEY, 'me'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/dues/me', { signal })),
  });

export const lapsedQuery = (query: LapsedQuery) =>
  queryOptions({
    queryKey: [...DUES_KEY, 'lapsed', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/lapsed', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const saveDuesBase = (body: DuesBaseInput) => unwrap(api.PUT('/api/dues/bases', { body }));
export const recordDuesPayment = (body: DuesPaymentInput) => unwrap(api.POST('/api/dues/payments', { body }));
export const recordDuesBatch = (body: DuesBatchInput) => unwrap(api.POST('/api/dues/payments/batch', { body }));
export const deleteDuesPayment = (id: number) =>
  unwrap(api.DELETE('/api/dues/payments/{id}', { params: { path: { id } } }));
