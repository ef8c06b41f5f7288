import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ApiError, errorMessage } from '../../api/errors';
import { type Job, jobsQuery } from '../../api/jobs';
import { QueryError } from '../../components/query-error';
import { beijingTime, resultText } from './jobs-format';
import { JobRunButton } from './job-run-button';
import { JobRuns } from './job-runs';
import { JobStatus } from './job-status';
import { jobsText as t } from './jobs.text';

function LastRun({ job }: { job: Job }) {
  const running = job.running && <Tag color="processing">{t.status.running}</Tag>;
  if (!job.lastStatus) {
    return running || <Typography.Text type="secondary">{t.neverRun}</Typography.Text>;
  }
  const detail = job.lastStatus === 'error' ? job.lastError : resultText(job.lastResult);
  return (
    <Flex vertical gap={2}>
      <Space size={4}>
        <span>{beijingTime(job.lastFinishedAt ?? job.lastStartedAt)}</span>
        <JobStatus status={job.lastStatus} error={job.lastError} />
        {running}
      </Space>
      {detail && (
        <Typography.Text
          type={job.lastStatus === 'error' ? 'danger' : 'secondary'}
          style={{ fontSize: 12 }}
          data-testid="job-last-result"
        >
          {detail}
        </Typography.Text>
      )}
    </Flex>
  );
}

const columns: TableColumnsType<Job> = [
  {
    title: t.column.job,
    dataIndex: 'label',
    minWidth: 260,
    render: (label: string, job) => (
      <Flex vertical>
        <span>{label}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {job.name}
        </Typography.Text>
      </Flex>
    ),
  },
  { title: t.column.schedule, dataIndex: 'schedule', width: 200 },
  { title: t.column.last, key: 'last', width: 250, render: (_, job) => <LastRun job={job} /> },
  { title: t.column.next, dataIndex: 'nextRunAt', width: 170, render: (at: string) => beijingTime(at) },
  {
    title: t.column.counts,
    key: 'counts',
    width: 140,
    render: (_, job) => <span data-testid="job-counts">{t.counts(job.runs, job.failures)}</span>,
  },
  { title: t.column.actions, key: 'actions', width: 110, render: (_, job) => <JobRunButton job={job} /> },
];

/** 定时任务: the platform's scheduled jobs for its administrator (root organisation and `system.jobs`). */
export function JobsPage() {
  const { data, error, isFetching, refetch } = useQuery(jobsQuery);

  // A system administrator below the root organisation holds the permission but not the platform: say why.
  if (error instanceof ApiError && error.status === 403) {
    return (
      <Card title={t.title}>
        <Result status="403" title={t.forbidden} subTitle={errorMessage(error)} />
      </Card>
    );
  }

  return (
    <Card
      title={t.title}
      extra={
        <Button icon={<ReloadOutlined />} loading={isFetching} onClick={() => void refetch()}>
          {t.refresh}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t.intro}</Typography.Text>
        {error && <QueryError error={error} />}
        {(data || !error) && (
          <Table<Job>
            rowKey="name"
            size="middle"
            columns={columns}
            dataSource={data?.items}
            loading={isFetching && !data}
            pagination={false}
            locale={{ emptyText: t.empty }}
            expandable={{ expandedRowRender: (job) => <JobRuns name={job.name} /> }}
          />
        )}
      </Flex>
    </Card>
  );
}
