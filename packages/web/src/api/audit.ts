import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { AuditLogQuery } from './types';

export const auditLogsQuery = (query: AuditLogQuery) =>
  queryOptions({
    queryKey: ['audit-logs', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/audit-logs', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
