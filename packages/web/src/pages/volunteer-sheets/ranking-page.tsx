import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { type VolunteerRanking, volunteerRankingQuery } from '../../api/volunteer-sheets';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { rankingText as t } from './volunteer-sheets.text';

type Row = VolunteerRanking['items'][number];

/** 志愿服务排行: only where the local rule turns it on, and only for a period that has ended. */
export function VolunteerRankingPage() {
  const [picked, setPicked] = useState<number | undefined>();
  const [period, setPeriod] = useState<'quarter' | 'year'>('quarter');
  const { data, error, isFetching } = useQuery(volunteerRankingQuery(picked, period));
  const off = error instanceof ApiError && error.status === 409;
  const columns: TableColumnsType<Row> = [
    { title: t.column.rank, dataIndex: 'rank', width: 70 },
    { title: t.column.name, dataIndex: 'memberName' },
    { title: t.column.org, dataIndex: 'orgName' },
    { title: t.column.hours, dataIndex: 'hours', align: 'right' },
    ...(data?.pointsEnabled ? [{ title: t.column.points, dataIndex: 'points', align: 'right' as const }] : []),
    { title: t.column.activities, dataIndex: 'activities', align: 'right' },
  ];
  return (
    <Card
      title={t.title}
      extra={
        <Segmented
          value={period}
          onChange={(v) => setPeriod(v as 'quarter' | 'year')}
          options={[
            { value: 'quarter', label: t.period.quarter },
            { value: 'year', label: t.period.year },
          ]}
        />
      }
    >
      <Flex vertical gap="middle">
        <ScopePicker value={picked} onChange={setPicked} />
        {off && <Alert type="info" showIcon title={t.off} description={(error as ApiError).message} />}
        {error && !off && <QueryError error={error} />}
        {data && <Typography.Text type="secondary">{t.hint(data.period.label)}</Typography.Text>}
        {data && (
          <Table<Row>
            rowKey="memberId"
            size="small"
            columns={columns}
            dataSource={data.items}
            loading={isFetching}
            pagination={false}
            locale={{ emptyText: t.empty }}
          />
        )}
      </Flex>
    </Card>
  );
}
