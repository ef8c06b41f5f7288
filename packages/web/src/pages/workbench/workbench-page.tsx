import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type DueItem, workbenchQuery } from '../../api/workbench';
import { QueryError } from '../../components/query-error';
import { SnoozeModal } from './snooze-modal';
import { workbenchText as t } from './workbench.text';

/** 工作台: what falls due in the account's scope, one card per source, the most pressing first. */
export function WorkbenchPage() {
  const { data, error, isPending } = useQuery(workbenchQuery);
  const [snoozing, setSnoozing] = useState<DueItem>();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.intro}
      </Typography.Paragraph>
      {error && <QueryError error={error} />}
      {isPending && <Spin />}
      {data && data.sources.length === 0 && (
        <Card>
          <Empty description={t.empty} />
        </Card>
      )}
      {data?.sources.map((source) => (
        <Card
          key={source.name}
          size="small"
          data-source={source.name}
          title={
            <Space>
              {source.label}
              <Badge count={source.total} color={source.overdue > 0 ? 'red' : 'gold'} overflowCount={999} />
            </Space>
          }
          extra={
            <Typography.Text type="secondary">
              {t.counts(source.total, source.overdue)}
              {source.snoozed > 0 && `，${t.snoozed(source.snoozed)}`}
            </Typography.Text>
          }
        >
          <Table<DueItem>
            rowKey="key"
            size="small"
            showHeader={false}
            pagination={false}
            dataSource={source.items}
            footer={source.total > source.items.length ? () => t.more(source.items.length, source.total) : undefined}
            columns={[
              {
                key: 'state',
                width: 96,
                render: (_, item) => (
                  <Tag color={item.overdue ? 'red' : 'gold'}>{item.overdue ? t.overdue : t.soon}</Tag>
                ),
              },
              { dataIndex: 'title' },
              { key: 'due', width: 140, render: (_, item) => t.dueOn(item.dueOn, item.overdue) },
              {
                dataIndex: 'orgName',
                width: 200,
                render: (name: string | null) => <Typography.Text type="secondary">{name}</Typography.Text>,
              },
              {
                key: 'act',
                width: 130,
                render: (_, item) => (
                  <Space size="middle">
                    <Link to={item.link}>{t.act}</Link>
                    <Typography.Link onClick={() => setSnoozing(item)}>{t.snoozeAction}</Typography.Link>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ))}
      {snoozing && <SnoozeModal item={snoozing} onClose={() => setSnoozing(undefined)} />}
    </Space>
  );
}
