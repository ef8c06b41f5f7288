import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { AccountCreateInput, AccountQuery, AccountUpdateInput } from './types';

export const ACCOUNTS_KEY = ['accounts'] as const;

export const accountsQuery = (query: AccountQuery) =>
  queryOptions({
    queryKey: [...ACCOUNTS_KEY, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/accounts', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const createAccount = (body: AccountCreateInput) => unwrap(api.POST('/api/accounts', { body }));

export const disableAccount = (id: number) =>
  unwrap(api.POST('/api/accounts/{id}/disable', { params: { path: { id } } }));

export const enableAccount = (id: number) =>
  unwrap(api.POST('/api/accounts/{id}/enable', { params: { path: { id } } }));

export const updateAccount = (id: number, body: AccountUpdateInput) =>
  unwrap(api.PATCH('/api/accounts/{id}', { params: { path: { id } }, body }));

export const setAccountMember = (id: number, memberId: number | null) =>
  unwrap(api.PATCH('/api/accounts/{id}', { params: { path: { id } }, body: { memberId } }));

export const resetAccountPassword = (id: number, password: string) =>
  unwrap(api.POST('/api/accounts/{id}/password', { params: { path: { id } }, body: { password } }));
