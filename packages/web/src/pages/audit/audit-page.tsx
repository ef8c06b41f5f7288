import { useQuery } from '@tanstack/react-query';
import { Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { auditLabelsQuery, auditLogsQuery } from '../../api/audit';
import type { AuditLogEntry } from '../../api/types';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import type { DiffLabels } from './audit-diff';
import { AuditEntry } from './audit-entry';
import { type AuditFilter, AuditFilters } from './audit-filters';
import { auditText as t } from './audit.text';

const PAGE_SIZE = 20;

const columns: TableColumnsType<AuditLogEntry> = [
  { title: t.column.at, dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
  { title: t.column.actor, dataIndex: 'actorName', width: 140, render: (name: string | null) => name ?? t.system },
  { title: t.column.action, dataIndex: 'actionLabel', width: 140 },
  { title: t.column.target, dataIndex: 'targetLabel' },
  { title: t.column.ip, dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
];

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const { data, error, isFetching } = useQuery(auditLogsQuery({ ...filter, page, pageSize }));
  const labels = useQuery(auditLabelsQuery()).data;
  const diffLabels = (log: AuditLogEntry): DiffLabels | undefined =>
    labels && {
      fields: labels.fields[log.entity] ?? {},
      values: labels.values[log.entity] ?? {},
      orgIdFields: labels.orgIdFields,
      memberIdFields: labels.memberIdFields,
      names: data?.names ?? { org: {}, member: {} },
    };

  return (
    <Card title={t.title} extra={<ExportButton path="/api/audit-logs/export" query={filter} />}>
      <AuditFilters
        onChange={(next) => {
          setFilter(next);
          setPage(1);
        }}
      />
      {error && <QueryError error={error} />}
      <Table<AuditLogEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        expandable={{ expandedRowRender: (log) => <AuditEntry log={log} labels={diffLabels(log)} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t.total(total, data?.totalCapped ?? false),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
      />
    </Card>
  );
}
