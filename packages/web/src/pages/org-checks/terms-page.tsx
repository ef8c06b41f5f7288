import { ORG_TYPE_LABELS, TERM_STATUS_LABELS, type OrgType, type TermStatus } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { termsQuery } from '../../api/org-system';
import type { TermItem } from '../../api/types';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { orgChecksText as t } from './org-checks.text';
import { ScopePicker } from './scope-picker';

const COLORS: Record<TermStatus, string> = { overdue: 'red', ending: 'orange', current: 'green' };

const columns: TableColumnsType<TermItem> = [
  {
    title: t.column.org,
    dataIndex: 'orgName',
    render: (name: string, v) => <Link to={`/orgs?id=${v.orgId}`}>{name}</Link>,
  },
  { title: t.column.type, dataIndex: 'orgType', width: 130, render: (type: OrgType) => ORG_TYPE_LABELS[type] },
  { title: t.column.parent, dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
  { title: t.column.secretary, dataIndex: 'secretaryName', width: 100, render: (v: string | null) => v ?? '—' },
  { title: t.column.startedOn, dataIndex: 'termStartedOn', width: 120 },
  { title: t.column.endsOn, dataIndex: 'termEndsOn', width: 120 },
  {
    title: t.column.status,
    dataIndex: 'status',
    width: 140,
    render: (s: TermStatus) => <Tag color={COLORS[s]}>{TERM_STATUS_LABELS[s]}</Tag>,
  },
];

type Filter = 'all' | 'overdue' | 'ending';

export function TermsPage() {
  const [orgId, setOrgId] = useState<number | undefined>();
  const [filter, setFilter] = useState<Filter>('all');
  const status = filter === 'all' ? undefined : filter;
  const { data, error, isFetching } = useQuery(termsQuery(orgId, status));
  return (
    <Card title={t.termsTitle} extra={<ExportButton path="/api/terms/export" query={{ orgId, status }} />}>
      <Flex vertical gap="middle">
        <Flex gap="middle" align="center" wrap>
          <Typography.Text>{t.scope}</Typography.Text>
          <ScopePicker value={orgId} onChange={setOrgId} />
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t.status.all },
              { value: 'overdue', label: t.status.overdue },
              { value: 'ending', label: t.status.ending },
            ]}
          />
        </Flex>
        {error && <QueryError error={error} />}
        <Table<TermItem>
          scroll={{ x: 'max-content' }}
          rowKey="orgId"
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={data?.items}
          locale={{ emptyText: t.noTerms }}
          pagination={{ pageSize: 20, showSizeChanger: true }}
        />
      </Flex>
    </Card>
  );
}
