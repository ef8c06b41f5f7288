import { ExportButton } from '../../components/export-button';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { exportQuery, membersQuery } from '../../api/members';
import type { MemberQuery, MemberSummary } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import {
  categoryOptions,
  GENDER_LABELS,
  MANAGEMENT_MODE_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  modeOptions,
  statusOptions,
} from './member-labels';
import { MemberFormModal } from './member-form-modal';
import { membersText as t } from './members.text';

type Filters = Omit<MemberQuery, 'page' | 'pageSize'>;

const columns: TableColumnsType<MemberSummary> = [
  { title: t.column.name, dataIndex: 'name', render: (name: string, m) => <Link to={`/members/${m.id}`}>{name}</Link> },
  { title: t.column.gender, dataIndex: 'gender', width: 60, render: (g: MemberSummary['gender']) => GENDER_LABELS[g] },
  { title: t.column.idNumber, dataIndex: 'idNumber' },
  { title: t.column.phone, dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
  {
    title: t.column.category,
    dataIndex: 'category',
    render: (c: MemberSummary['category']) => MEMBER_CATEGORY_LABELS[c],
  },
  {
    title: t.column.status,
    dataIndex: 'status',
    render: (s: MemberSummary['status']) => (
      <Tag color={s === 'full' ? 'red' : 'orange'}>{MEMBER_STATUS_LABELS[s]}</Tag>
    ),
  },
  {
    title: t.column.mode,
    dataIndex: 'managementMode',
    render: (m: MemberSummary['managementMode']) => MANAGEMENT_MODE_LABELS[m],
  },
  { title: t.column.org, dataIndex: 'orgName' },
  { title: t.column.joinedOn, dataIndex: 'joinedOn', render: formatDate },
  {
    title: t.column.tags,
    dataIndex: 'tags',
    render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
  },
];

export function MembersPage() {
  const navigate = useNavigate();
  const canWrite = useCan('member.write');
  const canSeeSensitive = useCan('member.sensitive');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const { data, error, isFetching } = useQuery(membersQuery({ ...filters, page, pageSize }));
  const setFilter = (next: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(1);
  };

  return (
    <Card
      title={t.title}
      extra={
        <Space>
          {canWrite && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/members/import')}>
              {t.import}
            </Button>
          )}
          <ExportButton path="/api/members/export" query={exportQuery(filters)} label={t.export} />
          {canSeeSensitive && (
            <ExportButton
              path="/api/members/export"
              query={{ ...exportQuery(filters), unmasked: 'true' }}
              label={t.exportUnmasked}
            />
          )}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t.searchPlaceholder}
          style={{ width: 360 }}
          aria-label="查找党员"
          onSearch={(value) => setFilter({ q: value.trim() || undefined })}
        />
        <div style={{ width: 240 }}>
          <OrgTreeSelect placeholder={t.filters.org} value={filters.orgId} onChange={(orgId) => setFilter({ orgId })} />
        </div>
        <Select
          allowClear
          mode="multiple"
          placeholder={t.filters.category}
          style={{ minWidth: 160 }}
          options={categoryOptions}
          onChange={(category: NonNullable<Filters['category']>) =>
            setFilter({ category: category.length ? category : undefined })
          }
        />
        <Select
          allowClear
          placeholder={t.filters.status}
          style={{ width: 120 }}
          options={statusOptions}
          onChange={(status?: Filters['status']) => setFilter({ status })}
        />
        <Select
          allowClear
          placeholder={t.filters.mode}
          style={{ width: 120 }}
          options={modeOptions}
          onChange={(managementMode?: Filters['managementMode']) => setFilter({ managementMode })}
        />
        <Input.Search
          allowClear
          placeholder={t.filters.tag}
          style={{ width: 160 }}
          onSearch={(value) => setFilter({ tag: value.trim() || undefined })}
        />
      </Flex>
      {error && <QueryError error={error} />}
      <Table<MemberSummary>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
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
      {creating && (
        <MemberFormModal onClose={() => setCreating(false)} onSaved={(member) => navigate(`/members/${member.id}`)} />
      )}
    </Card>
  );
}
