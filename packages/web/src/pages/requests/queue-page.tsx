import {
  ASSIGNEE_TYPE_LABELS,
  RATING_LABELS,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestCategory,
  type RequestKind,
  type RequestStatus,
  timeLeftLabel,
} from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type RequestSummary, requestsQuery } from '../../api/requests';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { rqt } from './requests.text';

const t = rqt.queue;
const TABS: (RequestStatus | 'all')[] = [
  'all',
  'submitted',
  'accepted',
  'dispatched',
  'open',
  'in_progress',
  'done',
  'closed',
  'declined',
  'merged',
];
const RESOLVED = new Set<RequestStatus>(['done', 'closed', 'declined', 'merged']);

/** Time left to a deadline, red once past; nothing once the step is taken. */
function Deadline({ at, met, now }: { at: string | null; met: boolean; now: Date }) {
  if (!at) return <>—</>;
  if (met) return <span style={{ color: '#595959' }}>{formatDateTime(at).slice(5, 16)}</span>;
  const label = timeLeftLabel(at, now);
  return (
    <Tag
      color={label.startsWith('超时') ? 'red' : Date.parse(at) - now.getTime() < 6 * 3_600_000 ? 'orange' : 'default'}
    >
      {label}
    </Tag>
  );
}

/** The community's queue: status tabs, filters, time left to respond and to resolve, the .xlsx export. */
export function QueuePage() {
  const [status, setStatus] = useState<RequestStatus | 'all'>('all');
  const [kind, setKind] = useState<RequestKind | undefined>();
  const [category, setCategory] = useState<RequestCategory | undefined>();
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const query = {
    status: status === 'all' ? undefined : status,
    kind,
    category,
    q: q || undefined,
    overdue: overdue ? ('true' as const) : undefined,
    page,
    pageSize: 20,
  };
  const { data, error, isFetching } = useQuery(requestsQuery(query));
  const now = data ? new Date(data.now) : new Date();
  const columns: TableColumnsType<RequestSummary> = [
    { title: '编号', dataIndex: 'id', width: 70, render: (v: number) => <Link to={`/requests/${v}`}>{v}</Link> },
    {
      title: t.kind,
      dataIndex: 'kind',
      width: 80,
      render: (v: RequestKind, r) => (
        <Space size={4} wrap>
          {REQUEST_KIND_LABELS[v]}
          {r.urgent && <Tag color="red">{t.urgent}</Tag>}
        </Space>
      ),
    },
    { title: t.category, dataIndex: 'category', width: 90, render: (v: RequestCategory) => REQUEST_CATEGORY_LABELS[v] },
    {
      title: t.text,
      dataIndex: 'text',
      width: 260,
      ellipsis: true,
      render: (v: string, r) => <Link to={`/requests/${r.id}`}>{v}</Link>,
    },
    {
      title: t.resident,
      dataIndex: 'residentName',
      width: 110,
      render: (v: string, r) => (
        <Space size={4} wrap>
          {v}
          {!r.residentConfirmed && <Tag color="gold">{t.unconfirmed}</Tag>}
        </Space>
      ),
    },
    { title: t.building, dataIndex: 'buildingName', width: 80, render: (v: string | null) => v ?? '' },
    {
      title: t.status,
      dataIndex: 'status',
      width: 110,
      render: (v: RequestStatus, r) => (
        <Space size={4} wrap>
          {REQUEST_STATUS_LABELS[v]}
          {r.reopened && <Tag color="volcano">{t.reopened}</Tag>}
          {r.escalationLevel > 0 && <Tag color="purple">{t.escalated}</Tag>}
        </Space>
      ),
    },
    {
      title: t.respond,
      key: 'respond',
      width: 110,
      render: (_, r) => <Deadline at={r.respondBy} met={r.respondedAt !== null} now={now} />,
    },
    {
      title: t.resolve,
      key: 'resolve',
      width: 110,
      render: (_, r) => <Deadline at={r.resolveBy} met={r.resolvedAt !== null || RESOLVED.has(r.status)} now={now} />,
    },
    {
      title: t.assignee,
      key: 'assignee',
      width: 140,
      ellipsis: true,
      render: (_, r) => (r.assigneeType ? `${ASSIGNEE_TYPE_LABELS[r.assigneeType]}：${r.assigneeName ?? ''}` : ''),
    },
    {
      title: t.rating,
      dataIndex: 'rating',
      width: 80,
      render: (v: keyof typeof RATING_LABELS | null) => (v ? RATING_LABELS[v] : ''),
    },
    { title: t.submitted, dataIndex: 'submittedAt', width: 150, render: (v: string) => formatDateTime(v).slice(0, 16) },
  ];
  const { page: _page, pageSize: _size, ...filter } = query;
  return (
    <Card title={t.title} extra={<ExportButton path="/api/requests/export" query={filter} label={t.export} />}>
      <Tabs
        activeKey={status}
        onChange={(k) => {
          setStatus(k as RequestStatus | 'all');
          setPage(1);
        }}
        items={TABS.map((s) => ({ key: s, label: s === 'all' ? t.all : REQUEST_STATUS_LABELS[s] }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<RequestKind>
          allowClear
          placeholder={t.kind}
          style={{ width: 110 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={(['request', 'wish'] as const).map((k) => ({ value: k, label: REQUEST_KIND_LABELS[k] }))}
        />
        <Select<RequestCategory>
          allowClear
          placeholder={t.category}
          style={{ width: 130 }}
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPage(1);
          }}
          options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: REQUEST_CATEGORY_LABELS[c] }))}
        />
        <Input.Search
          allowClear
          placeholder={t.search}
          style={{ width: 220 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Checkbox
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.target.checked);
            setPage(1);
          }}
        >
          {t.overdue}
        </Checkbox>
      </Space>
      {error && <QueryError error={error} />}
      <Table<RequestSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1500 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
