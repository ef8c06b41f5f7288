import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { IncomingTransferInput, TransferCreateInput, TransferQuery } from './types';

export const TRANSFERS_KEY = ['transfers'] as const;

export const transfersQuery = (query: TransferQuery) =>
  queryOptions({
    queryKey: [...TRANSFERS_KEY, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/transfers', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const findDestinations = (q: string) =>
  unwrap(api.GET('/api/transfers/destinations', { params: { query: { q } } }));
export const createTransfer = (body: TransferCreateInput) => unwrap(api.POST('/api/transfers', { body }));
export const registerIncoming = (body: IncomingTransferInput) => unwrap(api.POST('/api/transfers/incoming', { body }));
export const acceptTransfer = (id: number) =>
  unwrap(api.POST('/api/transfers/{id}/accept', { params: { path: { id } } }));
export const returnTransfer = (id: number, reason: string) =>
  unwrap(api.POST('/api/transfers/{id}/return', { params: { path: { id } }, body: { reason } }));
export const recordReceipt = (id: number, receivedOn: string) =>
  unwrap(api.POST('/api/transfers/{id}/receipt', { params: { path: { id } }, body: { receivedOn } }));
export const letterUrl = (id: number) => `/api/transfers/${id}/letter`;
