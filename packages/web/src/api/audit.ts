import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { AuditLogQuery } from './types';

export const auditLogsQuery = (query: AuditLogQuery) =>
  queryOptions({
    queryKey: ['audit-logs', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/audit-logs', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

/** One entry with its ID numbers and phones whole; the server puts the reveal on record. */
export const revealAuditLog = (id: number) =>
  unwrap(api.POST('/api/audit-logs/{id}/reveal', { params: { path: { id } } }));

/** The names of the trail's actions and entities, for the filters (the server's modules declare them). */
export const auditLabelsQuery = () =>
  queryOptions({
    queryKey: ['audit-labels'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/audit-logs/labels', { signal })),
    staleTime: Infinity,
  });
