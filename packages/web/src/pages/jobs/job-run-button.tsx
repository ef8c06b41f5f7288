import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { errorMessage } from '../../api/errors';
import { JOBS_KEY, type Job, runJobNow } from '../../api/jobs';
import { resultText } from './jobs-format';
import { jobsText as t } from './jobs.text';

/** 立即运行: runs the job in this server process and reports what it did; the list and its runs are read again. */
export function JobRunButton({ job }: { job: Job }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: () => runJobNow(job.name),
    onSuccess: (outcome) => {
      if (outcome.status === 'ok') message.success(t.run.ok(job.label, resultText(outcome.result)));
      else message.error(t.run.failed(job.label, outcome.error ?? ''));
    },
    // A 409 (another server process is running it) or a lost connection: the server's words.
    onError: (error) => message.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  });
  return (
    <Popconfirm
      title={t.run.confirm(job.label)}
      description={t.run.confirmHint}
      onConfirm={() => mutation.mutateAsync().catch(() => undefined)}
    >
      <Button size="small" icon={<PlayCircleOutlined />} loading={mutation.isPending}>
        {t.run.action}
      </Button>
    </Popconfirm>
  );
}
