import { Alert, Table, Typography } from 'antd';
import type { ImportReport } from '../../api/types';
import { importText } from './import.text';

const t = importText.preview;
type Change = ImportReport['changes'][number];

/** What a re-import will change, member by member and field by field (old → new), before anything is written. */
export function ImportPreview({ report }: { report: ImportReport }) {
  if (report.updated === 0) {
    return report.existing > 0 ? <Alert type="info" showIcon title={t.none} style={{ marginBottom: 16 }} /> : null;
  }
  return (
    <>
      <Typography.Title level={5}>{t.title(report.updated)}</Typography.Title>
      <Table<Change>
        size="small"
        rowKey="row"
        aria-label={t.changes}
        dataSource={report.changes}
        pagination={report.changes.length > 20 ? { pageSize: 20 } : false}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t.row, dataIndex: 'row', width: 80 },
          { title: t.name, dataIndex: 'name', width: 120 },
          {
            title: t.changes,
            key: 'changes',
            render: (_, c) => (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {c.changes.map((f) => (
                  <li key={f.field}>
                    {f.label}：<Typography.Text delete>{f.from}</Typography.Text> →{' '}
                    <Typography.Text strong>{f.to}</Typography.Text>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {report.changesTruncated && <Alert type="info" title={t.truncated} style={{ marginBottom: 16 }} />}
    </>
  );
}
