import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { dueQuery } from '../../api/members';
import type { ProbationDue } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { ConvertModal } from './convert-modal';
import { membersText as t } from './members.text';

export function DuePage() {
  const { data, error, isFetching } = useQuery(dueQuery());
  const canWrite = useCan('member.write');
  const [converting, setConverting] = useState<ProbationDue>();
  return (
    <Card title={t.due.title} extra={<ExportButton path="/api/members/due-for-conversion/export" />}>
      <Alert type="info" showIcon message={t.due.hint} style={{ marginBottom: 16 }} />
      {error && <QueryError error={error} />}
      <Table<ProbationDue>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        pagination={false}
        columns={[
          {
            title: t.column.name,
            dataIndex: 'name',
            render: (n: string, m) => <Link to={`/members/${m.id}`}>{n}</Link>,
          },
          { title: t.column.org, dataIndex: 'orgName' },
          { title: t.column.joinedOn, dataIndex: 'joinedOn' },
          { title: t.due.endsOn, dataIndex: 'probationEndsOn' },
          {
            title: t.column.status,
            dataIndex: 'overdue',
            render: (overdue: boolean) => (
              <Tag color={overdue ? 'red' : 'gold'}>{overdue ? t.due.overdue : t.due.soon}</Tag>
            ),
          },
          {
            key: 'actions',
            render: (_, m) =>
              canWrite && (
                <Button size="small" onClick={() => setConverting(m)}>
                  {t.detail.convert}
                </Button>
              ),
          },
        ]}
      />
      {converting && <ConvertModal member={converting} onClose={() => setConverting(undefined)} />}
    </Card>
  );
}
