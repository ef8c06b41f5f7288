import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestCategory,
  type RequestStatus,
  timeLeftLabel,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/errors';
import {
  OVERSIGHT_KEY,
  oversightQueueQuery,
  type QueueItem,
  returnRequest,
  takeRequest,
} from '../../api/request-oversight';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { formatDateTime, parseTimestamp } from '../../lib/format';
import { ScopePicker } from '../org-checks/scope-picker';
import { queueText as t } from './request-oversight.text';

type Action = { kind: 'take' | 'sendBack'; item: QueueItem };

function ActionModal({ action, onClose }: { action: Action | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note?: string; instructions: string; days: number }>();
  const run = useMutation({
    mutationFn: (v: { note?: string; instructions: string; days: number }) =>
      action!.kind === 'take'
        ? takeRequest(action!.item.id, v.note || undefined)
        : returnRequest(action!.item.id, { instructions: v.instructions, days: v.days }),
    onSuccess: async () => {
      message.success(t.done[action!.kind]);
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: OVERSIGHT_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={action !== null}
      title={action?.kind === 'take' ? t.takeTitle : t.sendBackTitle}
      okText={action?.kind === 'take' ? t.take : t.sendBack}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {action && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
          #{action.item.id} {action.item.text}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ days: 3 }} onFinish={(v) => run.mutate(v)}>
        {action?.kind === 'take' ? (
          <Form.Item name="note" label={t.takeNote}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="instructions"
              label={t.instructions}
              rules={[{ required: true, whitespace: true, message: t.instructionsRequired }]}
            >
              <Input.TextArea rows={4} maxLength={500} showCount />
            </Form.Item>
            <Form.Item name="days" label={t.days}>
              <InputNumber min={1} max={30} precision={0} suffix={t.daysUnit} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

const requestCell = (r: QueueItem) => (
  <Space orientation="vertical" size={0}>
    <Link to={`/requests/${r.id}`}>
      #{r.id} {r.text.length > 40 ? `${r.text.slice(0, 40)}…` : r.text}
    </Link>
    <Typography.Text type="secondary">
      {REQUEST_CATEGORY_LABELS[r.category as RequestCategory] ?? r.category} ·{' '}
      {REQUEST_STATUS_LABELS[r.status as RequestStatus] ?? r.status}
      {r.urgent && (
        <Tag color="red" style={{ marginLeft: 8 }}>
          紧急
        </Tag>
      )}
    </Typography.Text>
  </Space>
);

const left = (deadline: string | null) => {
  if (!deadline) return '—';
  const label = timeLeftLabel(parseTimestamp(deadline).toISOString(), new Date());
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type={label.startsWith('超时') ? 'danger' : undefined}>{label}</Typography.Text>
      <Typography.Text type="secondary">{formatDateTime(deadline)}</Typography.Text>
    </Space>
  );
};

/**
 * 督办队列 / 上级退回: the requests held by a street or district of the account's scope (take them, or send them
 * back with instructions), or those sent back to the account's communities.
 */
export function OversightQueuePage({ view }: { view: 'escalated' | 'returned' }) {
  const [picked, setPicked] = useState<number | undefined>();
  const [level, setLevel] = useState<string>('all');
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<Action | null>(null);
  const canWrite = useCan('serve.write');
  const { data, error, isFetching } = useQuery(
    oversightQueueQuery({
      view,
      page,
      pageSize: 20,
      ...(picked !== undefined && { orgId: picked }),
      ...(view === 'escalated' && level !== 'all' && { level: Number(level) as 1 | 2 }),
    }),
  );
  const columns =
    view === 'escalated'
      ? [
          { title: t.column.text, key: 'text', render: (_: unknown, r: QueueItem) => requestCell(r) },
          { title: t.column.org, dataIndex: 'orgName', key: 'org' },
          {
            title: t.column.holder,
            key: 'holder',
            render: (_: unknown, r: QueueItem) => (
              <>
                <Tag color={r.escalationLevel === 2 ? 'volcano' : 'orange'}>{t.levels[r.escalationLevel]}</Tag>
                {r.escalationOrgName}
              </>
            ),
          },
          { title: t.column.reason, dataIndex: 'reason', key: 'reason', width: 260 },
          { title: t.column.escalateAt, key: 'at', render: (_: unknown, r: QueueItem) => left(r.escalateAt) },
          {
            title: t.column.taken,
            key: 'taken',
            render: (_: unknown, r: QueueItem) =>
              r.takenAt ? <Tag color="blue">{t.taken(r.takenByName)}</Tag> : <Tag>{t.notTaken}</Tag>,
          },
          ...(canWrite
            ? [
                {
                  title: t.column.actions,
                  key: 'actions',
                  render: (_: unknown, r: QueueItem) => (
                    <Space>
                      {!r.takenAt && (
                        <Button size="small" onClick={() => setAction({ kind: 'take', item: r })}>
                          {t.take}
                        </Button>
                      )}
                      <Button size="small" onClick={() => setAction({ kind: 'sendBack', item: r })}>
                        {t.sendBack}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]
      : [
          { title: t.column.text, key: 'text', render: (_: unknown, r: QueueItem) => requestCell(r) },
          { title: t.column.org, dataIndex: 'orgName', key: 'org' },
          { title: t.column.returnNote, dataIndex: 'returnNote', key: 'note', width: 320 },
          {
            title: t.column.returnedAt,
            key: 'returnedAt',
            render: (_: unknown, r: QueueItem) => (r.returnedAt ? formatDateTime(r.returnedAt) : '—'),
          },
          { title: t.column.deadline, key: 'deadline', render: (_: unknown, r: QueueItem) => left(r.escalateAt) },
        ];
  return (
    <Flex vertical gap="middle">
      <Card title={view === 'escalated' ? t.title : t.returnedTitle}>
        <Flex vertical gap="small">
          <Flex gap="middle" align="center" wrap>
            <ScopePicker
              value={picked}
              onChange={(v) => {
                setPicked(v);
                setPage(1);
              }}
            />
            {view === 'escalated' && (
              <Segmented
                value={level}
                onChange={(v) => {
                  setLevel(String(v));
                  setPage(1);
                }}
                options={['all', '1', '2'].map((k) => ({ value: k, label: t.levels[k] }))}
              />
            )}
          </Flex>
          <Typography.Text type="secondary">{view === 'escalated' ? t.hint : t.returnedHint}</Typography.Text>
        </Flex>
      </Card>
      {error && <QueryError error={error} />}
      <Card>
        <Table<QueueItem>
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={data?.items ?? []}
          columns={columns}
          locale={{ emptyText: t.empty }}
          pagination={{
            current: page,
            pageSize: 20,
            total: data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
        />
      </Card>
      <ActionModal action={action} onClose={() => setAction(null)} />
    </Flex>
  );
}
