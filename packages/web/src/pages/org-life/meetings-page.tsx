import { MEETING_STATUS_LABELS, MEETING_TYPE_LABELS, MEETING_TYPES, type MeetingType } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { meetingsQuery, type MeetingSummary, yearlyRecordUrl } from '../../api/org-life';
import { useCan, useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { orgLifeText } from './org-life.text';

const t = orgLifeText.meetings;

/** A subtree's meetings, newest first: the branch secretary's notebook, the community's and street's view of it. */
export function MeetingsPage() {
  const { data: me } = useMe();
  const [orgId, setOrgId] = useState<number>();
  const [type, setType] = useState<MeetingType>();
  const [page, setPage] = useState(1);
  const canWrite = useCan('orglife.write');
  const navigate = useNavigate();
  const root = orgId ?? me?.org.id;
  const query = { page, pageSize: 20, ...(orgId && { orgId }), ...(type && { type }) };
  const { data, error, isFetching } = useQuery(meetingsQuery(query));
  const columns: TableColumnsType<MeetingSummary> = [
    { title: t.column.heldOn, key: 'heldOn', width: 150, render: (_, m) => `${m.heldOn} ${m.startTime}` },
    { title: t.column.type, dataIndex: 'type', width: 110, render: (v: MeetingType) => MEETING_TYPE_LABELS[v] },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.column.topic, dataIndex: 'topic', ellipsis: true },
    {
      title: t.column.attendance,
      key: 'attendance',
      width: 150,
      render: (_, m) => (
        <Space size={4}>
          {`${m.expectedCount}/${m.presentCount}`}
          {m.quorate !== null && <Tag color={m.quorate ? 'green' : 'red'}>{t.quorate(m.quorate)}</Tag>}
        </Space>
      ),
    },
    { title: t.column.leave, dataIndex: 'leaveCount', width: 70, render: (n: number) => (n ? n : '—') },
    {
      title: t.column.status,
      key: 'status',
      width: 150,
      render: (_, m) => (
        <Space size={4}>
          <Tag color={m.status === 'final' ? 'green' : 'default'}>{MEETING_STATUS_LABELS[m.status]}</Tag>
          {m.revision > 0 && <Tag color="orange">{t.corrected(m.revision)}</Tag>}
        </Space>
      ),
    },
    {
      title: t.column.actions,
      key: 'actions',
      width: 90,
      render: (_, m) => (
        <Link to={`/org-life/meetings/${m.id}`}>{m.status === 'draft' && canWrite ? t.record : t.open}</Link>
      ),
    },
  ];
  return (
    <Card
      title={t.title}
      extra={
        <Space wrap>
          <ExportButton path="/api/org-life/meetings/export" query={{ orgId, type }} label={t.export} />
          {root && (
            <Button href={yearlyRecordUrl(root, new Date().getFullYear())} target="_blank">
              {t.print}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" onClick={() => navigate(`/org-life/meetings/new${orgId ? `?orgId=${orgId}` : ''}`)}>
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320 }}>
          <OrgTreeSelect
            value={orgId}
            placeholder={me?.org.name ?? t.org}
            onChange={(id) => {
              setOrgId(id);
              setPage(1);
            }}
          />
        </div>
        <Select<MeetingType | 'all'>
          style={{ width: 160 }}
          value={type ?? 'all'}
          aria-label={t.type}
          onChange={(v) => {
            setType(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t.allTypes },
            ...MEETING_TYPES.map((v) => ({ value: v, label: MEETING_TYPE_LABELS[v] })),
          ]}
        />
      </Space>
      {error && <QueryError error={error} />}
      <Table<MeetingSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
    </Card>
  );
}
