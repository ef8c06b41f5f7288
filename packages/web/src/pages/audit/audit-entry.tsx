import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Space, Typography } from 'antd';
import { revealAuditLog } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import type { AuditLogEntry } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { AuditDiff, type DiffLabels } from './audit-diff';
import { auditText as t } from './audit.text';

/**
 * An entry's before and after. ID numbers and phones come masked; who may see them whole can reveal them
 * here, one entry at a time, and the server puts each reveal on record.
 */
export function AuditEntry({ log, labels }: { log: AuditLogEntry; labels?: DiffLabels }) {
  const canReveal = useCan('member.sensitive');
  const { message } = App.useApp();
  const reveal = useMutation({
    mutationFn: () => revealAuditLog(log.id),
    onSuccess: () => message.info(t.revealed),
    onError: (e) => message.error(errorMessage(e)),
  });
  const shown = reveal.data ?? log;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {log.masked && !reveal.data && (
        <Space>
          <Typography.Text type="secondary">{t.maskedNote}</Typography.Text>
          {canReveal && (
            <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
              {t.reveal}
            </Button>
          )}
        </Space>
      )}
      <AuditDiff before={shown.before} after={shown.after} labels={labels} />
    </Space>
  );
}
