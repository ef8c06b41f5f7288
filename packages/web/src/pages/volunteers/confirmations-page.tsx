import { RECORD_SOURCE_LABELS, RECORD_STATUS_LABELS, type RecordSource, type RecordStatus } from '@gongjian/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { confirmRecord, recordsQuery, rejectRecord, VOLUNTEERS_KEY, type VolunteerRecord } from '../../api/volunteers';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { CorrectModal, fileLink } from './activity-page';
import { vt } from './volunteers.text';

const t = vt.confirmations;
type View = 'pending' | 'confirmed' | 'rejected' | 'all';

/** 服务确认: self-reported service waiting for the branch or community, and every record of the scope. */
export function ConfirmationsPage() {
  const [view, setView] = useState<View>('pending');
  const [page, setPage] = useState(1);
  const query = { status: view === 'all' ? undefined : view, page, pageSize: 20 } as const;
  const { data, error, isFetching } = useQuery(recordsQuery(query));
  const canWrite = useCan('volunteer.write');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [correcting, setCorrecting] = useState<VolunteerRecord | null>(null);
  const run = (fn: () => Promise<unknown>) =>
    fn().then(
      async () => {
        message.success(t.done);
        await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      },
      (e: unknown) => message.error(errorMessage(e)),
    );
  const reject = (r: VolunteerRecord) => {
    let note = '';
    modal.confirm({
      title: `${t.reject}：${r.name}`,
      content: <Input.TextArea rows={2} placeholder={t.rejectReason} onChange={(e) => (note = e.target.value)} />,
      onOk: () => run(() => rejectRecord(r.id, note)),
    });
  };
  const columns: TableColumnsType<VolunteerRecord> = [
    { title: t.column.name, key: 'name', width: 100, render: (_, r) => fileLink(r) },
    { title: t.column.servedOn, dataIndex: 'servedOn', width: 110 },
    {
      title: t.column.content,
      key: 'content',
      render: (_, r) => r.activityTitle ?? `${r.content ?? ''}（${RECORD_SOURCE_LABELS[r.source as RecordSource]}）`,
    },
    { title: t.column.hours, dataIndex: 'hours', width: 90 },
    { title: t.column.witness, dataIndex: 'witness', width: 120, render: (v: string | null) => v ?? '' },
    { title: t.column.org, dataIndex: 'recordOrgName', ellipsis: true },
    { title: t.column.status, dataIndex: 'status', width: 80, render: (v: RecordStatus) => RECORD_STATUS_LABELS[v] },
    {
      title: t.column.actions,
      key: 'actions',
      width: 170,
      render: (_, r) =>
        canWrite && (
          <Space>
            {r.status === 'pending' && (
              <>
                <Button size="small" type="primary" onClick={() => void run(() => confirmRecord(r.id))}>
                  {t.confirm}
                </Button>
                <Button size="small" onClick={() => reject(r)}>
                  {t.reject}
                </Button>
              </>
            )}
            {r.status === 'confirmed' && (
              <Button size="small" onClick={() => setCorrecting(r)}>
                {vt.detail.correct}
              </Button>
            )}
          </Space>
        ),
    },
  ];
  return (
    <Card
      title={t.title}
      extra={<ExportButton path="/api/volunteers/records/export" query={{ status: query.status }} label={t.export} />}
    >
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      <Tabs
        activeKey={view}
        onChange={(k) => {
          setView(k as View);
          setPage(1);
        }}
        items={[
          { key: 'pending', label: t.pending },
          { key: 'confirmed', label: t.confirmed },
          { key: 'rejected', label: t.rejected },
          { key: 'all', label: t.all },
        ]}
      />
      {error && <QueryError error={error} />}
      <Table<VolunteerRecord>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {correcting && <CorrectModal record={correcting} onClose={() => setCorrecting(null)} />}
    </Card>
  );
}
