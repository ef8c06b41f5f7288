import { JOINT_MEETING_STATUS_LABELS, JOINT_MEETING_STATUSES, type JointMeetingStatus } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { jointMeetingsQuery, type JointMeetingSummary } from '../../api/joint-meetings';
import { useCan, useMe } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { CobuildFiguresBar } from './figures-bar';
import { jointText } from './joint-meetings.text';

const t = jointText.list;

/** A subtree's joint meetings, newest first, with the co-building figures above. */
export function JointMeetingsPage() {
  const { data: me } = useMe();
  const [orgId, setOrgId] = useState<number>();
  const [status, setStatus] = useState<JointMeetingStatus>();
  const [page, setPage] = useState(1);
  const canWrite = useCan('cobuild.write');
  const navigate = useNavigate();
  const query = { page, pageSize: 20, ...(orgId && { orgId }), ...(status && { status }) };
  const { data, error, isFetching } = useQuery(jointMeetingsQuery(query));
  const columns: TableColumnsType<JointMeetingSummary> = [
    { title: t.column.heldOn, key: 'heldOn', width: 150, render: (_, m) => `${m.heldOn} ${m.startTime}` },
    { title: t.column.title, dataIndex: 'title', ellipsis: true },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true, width: 200 },
    { title: t.column.place, dataIndex: 'place', ellipsis: true, width: 200 },
    { title: t.column.attendance, key: 'att', width: 100, render: (_, m) => `${m.present}/${m.invited}` },
    { title: t.column.tasks, key: 'tasks', width: 120, render: (_, m) => `${m.tasks}（${m.openTasks}）` },
    {
      title: t.column.status,
      dataIndex: 'status',
      width: 90,
      render: (s: JointMeetingStatus) => (
        <Tag color={s === 'held' ? 'green' : 'blue'}>{JOINT_MEETING_STATUS_LABELS[s]}</Tag>
      ),
    },
    {
      title: t.column.actions,
      key: 'actions',
      width: 80,
      render: (_, m) => <Link to={`/joint-meetings/${m.id}`}>{t.open}</Link>,
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <CobuildFiguresBar orgId={orgId} />
      <Card
        title={t.title}
        extra={
          canWrite && (
            <Button type="primary" onClick={() => navigate(`/joint-meetings/new${orgId ? `?orgId=${orgId}` : ''}`)}>
              {t.create}
            </Button>
          )
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
          <Select<JointMeetingStatus | 'all'>
            style={{ width: 140 }}
            aria-label={t.status}
            value={status ?? 'all'}
            onChange={(v) => {
              setStatus(v === 'all' ? undefined : v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t.all },
              ...JOINT_MEETING_STATUSES.map((s) => ({ value: s, label: JOINT_MEETING_STATUS_LABELS[s] })),
            ]}
          />
        </Space>
        {error && <QueryError error={error} />}
        <Table<JointMeetingSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
        />
      </Card>
    </Space>
  );
}
