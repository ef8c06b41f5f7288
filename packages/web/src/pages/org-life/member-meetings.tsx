import {
  ABSENCE_REASON_LABELS,
  ATTENDANCE_STATUS_LABELS,
  MEETING_TYPE_LABELS,
  type MeetingType,
} from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { memberMeetingsQuery, type MyMeeting } from '../../api/org-life';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { orgLifeText } from './org-life.text';

const t = orgLifeText.member;

/** A member's organisational life on their console page: the finalised meetings they were expected at. */
export function MemberMeetings({ memberId }: { memberId: number }) {
  const can = useCan('orglife.read');
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery({ ...memberMeetingsQuery(memberId, page), enabled: can });
  if (!can) return null;
  const columns: TableColumnsType<MyMeeting> = [
    { title: '日期', dataIndex: 'heldOn', width: 110 },
    { title: '类型', dataIndex: 'type', width: 100, render: (v: MeetingType) => MEETING_TYPE_LABELS[v] },
    { title: '组织', dataIndex: 'orgName', ellipsis: true },
    { title: '主题', dataIndex: 'topic', ellipsis: true },
    {
      title: '出席',
      key: 'attendance',
      width: 120,
      render: (_, m) =>
        m.attendance
          ? `${ATTENDANCE_STATUS_LABELS[m.attendance]}${m.absenceReason ? `（${ABSENCE_REASON_LABELS[m.absenceReason]}）` : ''}`
          : '—',
    },
  ];
  return (
    <Card title={t.title} size="small" style={{ marginTop: 16 }} data-testid="member-meetings">
      {error && <QueryError error={error} />}
      <Table<MyMeeting>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        locale={{ emptyText: t.empty }}
        pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      />
    </Card>
  );
}
