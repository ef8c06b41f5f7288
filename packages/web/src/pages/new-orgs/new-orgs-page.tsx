import {
  COVERAGE_STATUS_LABELS,
  COVERAGE_STATUSES,
  type CoverageStatus,
  NEW_ORG_KIND_LABELS,
  type NewOrgKind,
} from '@gongjian/shared';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { coverageQuery, newOrgsQuery } from '../../api/org-system';
import type { NewOrg } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { BlankSpots } from './blank-spots';
import { CoverageChart } from './coverage-chart';
import { NewOrgFormModal } from './new-org-form-modal';
import { newOrgsText as t } from './new-orgs.text';

const STATUS_COLORS: Record<CoverageStatus, string> = {
  own_org: 'red',
  joint_branch: 'orange',
  instructor: 'blue',
  blank: 'default',
};

const columns: TableColumnsType<NewOrg> = [
  { title: t.column.name, dataIndex: 'name' },
  { title: t.column.uscc, dataIndex: 'uscc', width: 190 },
  { title: t.column.kind, dataIndex: 'kind', width: 120, render: (k: NewOrgKind) => NEW_ORG_KIND_LABELS[k] },
  { title: t.column.industry, dataIndex: 'industry', width: 100 },
  { title: t.column.org, key: 'org', render: (_, n) => n.org.name },
  { title: t.column.employees, dataIndex: 'employees', width: 90 },
  { title: t.column.partyMembers, dataIndex: 'partyMembers', width: 70 },
  {
    title: t.column.status,
    dataIndex: 'status',
    width: 150,
    render: (s: CoverageStatus) => <Tag color={STATUS_COLORS[s]}>{COVERAGE_STATUS_LABELS[s]}</Tag>,
  },
  {
    title: t.column.coveredBy,
    key: 'coveredBy',
    render: (_, n) => n.ownOrg?.name ?? n.jointBranch?.name ?? n.instructorName ?? '—',
  },
];

export function NewOrgsPage() {
  const canWrite = useCan('org.write');
  const [orgId, setOrgId] = useState<number | undefined>();
  const [status, setStatus] = useState<CoverageStatus | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<NewOrg | null>(null);
  const coverage = useQuery(coverageQuery(orgId));
  const list = useQuery(newOrgsQuery({ orgId, status, q: q || undefined, page, pageSize }));
  const counts = coverage.data?.counts;

  return (
    <Flex vertical gap="middle">
      <Card title={t.title}>
        <Flex vertical gap="middle">
          <Flex gap="middle" align="center">
            <Typography.Text>{t.scope}</Typography.Text>
            <ScopePicker value={orgId} onChange={(id) => (setOrgId(id), setPage(1))} />
          </Flex>
          {coverage.error && <QueryError error={coverage.error} />}
          {counts && (
            <Row gutter={16} data-testid="coverage-figures">
              {(['total', ...COVERAGE_STATUSES] as const).map((key) => (
                <Col key={key} xs={12} md={6} lg={3}>
                  <Statistic title={t.figures[key]} value={counts[key]} suffix="个" />
                </Col>
              ))}
              <Col xs={12} md={6} lg={3}>
                <Statistic title={t.figures.orgRate} value={counts.orgRate} precision={1} suffix="%" />
              </Col>
              <Col xs={12} md={6} lg={3}>
                <Statistic title={t.figures.workRate} value={counts.workRate} precision={1} suffix="%" />
              </Col>
            </Row>
          )}
          {coverage.data && <CoverageChart coverage={coverage.data} />}
        </Flex>
      </Card>
      <Card title={t.blanks} extra={<ExportButton path="/api/new-orgs/export" query={{ orgId, status: 'blank' }} />}>
        <BlankSpots blanks={coverage.data?.blanks ?? []} canWrite={canWrite} />
      </Card>
      <Card
        title={t.registry}
        extra={
          <Flex gap="small">
            <ExportButton path="/api/new-orgs/export" query={{ orgId, status, q: q || undefined }} />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t.create}
              </Button>
            )}
          </Flex>
        }
      >
        <Flex gap="middle" style={{ marginBottom: 16 }}>
          <Select<CoverageStatus | undefined>
            allowClear
            placeholder={t.statusAll}
            style={{ width: 180 }}
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={COVERAGE_STATUSES.map((s) => ({ value: s, label: COVERAGE_STATUS_LABELS[s] }))}
          />
          <Input.Search
            allowClear
            placeholder={t.search}
            style={{ maxWidth: 320 }}
            onSearch={(v) => (setQ(v.trim()), setPage(1))}
          />
        </Flex>
        {list.error && <QueryError error={list.error} />}
        <Table<NewOrg>
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={
            canWrite
              ? [
                  ...columns,
                  {
                    title: t.column.action,
                    key: 'edit',
                    width: 80,
                    render: (_, n) => <Typography.Link onClick={() => setEditing(n)}>{t.column.edit}</Typography.Link>,
                  },
                ]
              : columns
          }
          dataSource={list.data?.items}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
        />
      </Card>
      {creating && <NewOrgFormModal onClose={() => setCreating(false)} />}
      {editing && <NewOrgFormModal org={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
