import { useQuery } from '@tanstack/react-query';
import { Table, Typography, type TableColumnsType } from 'antd';
import { type JobRun, jobRunsQuery } from '../../api/jobs';
import { QueryError } from '../../components/query-error';
import { beijingTime, resultText, runDuration } from './jobs-format';
import { JobStatus } from './job-status';
import { jobsText as t } from './jobs.text';

const columns: TableColumnsType<JobRun> = [
  { title: t.runs.startedAt, dataIndex: 'startedAt', width: 180, render: (at: string) => beijingTime(at) },
  {
    title: t.runs.duration,
    key: 'duration',
    width: 100,
    render: (_, run) => runDuration(run.startedAt, run.finishedAt),
  },
  {
    title: t.runs.status,
    dataIndex: 'status',
    width: 80,
    render: (status: JobRun['status'], run) => <JobStatus status={status} error={run.error} />,
  },
  {
    title: t.runs.detail,
    key: 'detail',
    render: (_, run) =>
      run.status === 'error' ? (
        <Typography.Text type="danger">{run.error}</Typography.Text>
      ) : (
        <Typography.Text>{resultText(run.result) || '—'}</Typography.Text>
      ),
  },
  { title: t.runs.dueAt, dataIndex: 'dueAt', width: 180, render: (at: string) => beijingTime(at) },
  {
    title: t.runs.runner,
    dataIndex: 'runner',
    width: 220,
    render: (runner: string) => (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {runner}
      </Typography.Text>
    ),
  },
];

/** A job's last 20 runs, newest first (the expanded row of the jobs table). */
export function JobRuns({ name }: { name: string }) {
  const { data, error, isPending } = useQuery(jobRunsQuery(name));
  return (
    <div data-testid={`job-runs-${name}`}>
      <Typography.Text strong>{t.runs.title}</Typography.Text>
      {error && <QueryError error={error} />}
      <Table<JobRun>
        rowKey="id"
        size="small"
        style={{ marginTop: 8 }}
        columns={columns}
        dataSource={data?.items}
        loading={isPending && !error}
        pagination={false}
        locale={{ emptyText: t.runs.empty }}
      />
    </div>
  );
}
