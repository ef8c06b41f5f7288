import { Tag, Tooltip } from 'antd';
import { jobsText as t } from './jobs.text';

/** 成功 / 失败 of a run; a failure's tag shows its error on hover. */
export function JobStatus({ status, error }: { status: 'ok' | 'error'; error: string | null }) {
  if (status === 'ok') return <Tag color="success">{t.status.ok}</Tag>;
  const tag = <Tag color="error">{t.status.error}</Tag>;
  return error ? <Tooltip title={error}>{tag}</Tooltip> : tag;
}
