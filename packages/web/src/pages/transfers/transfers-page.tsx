import { TRANSFER_KIND_LABELS, TRANSFER_STATUS_LABELS } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { MEMBERS_KEY } from '../../api/members';
import {
  acceptTransfer,
  letterUrl,
  recordReceipt,
  returnTransfer,
  TRANSFERS_KEY,
  transfersQuery,
} from '../../api/transfers';
import type { Transfer } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { dateFieldProps, todayString } from '../members/date-field';
import { IncomingModal } from './incoming-modal';
import { transfersText as t } from './transfers.text';
import { useFormError } from '../../lib/use-form-error';

// Letter numbers and names stay on one line (a long reason beside them wraps instead of squeezing them).
const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });

function StatusTag({ transfer }: { transfer: Transfer }) {
  if (transfer.expired) return <Tag color="red">{t.expired}</Tag>;
  if (transfer.receiptOverdue) return <Tag color="red">{t.receiptOverdue}</Tag>;
  const color =
    transfer.status === 'pending' || transfer.status === 'issued'
      ? 'gold'
      : transfer.status === 'returned'
        ? 'default'
        : 'green';
  return <Tag color={color}>{TRANSFER_STATUS_LABELS[transfer.status]}</Tag>;
}

export function TransfersPage() {
  const [box, setBox] = useState<'in' | 'out'>('in');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [returning, setReturning] = useState<Transfer>();
  const [receipt, setReceipt] = useState<Transfer>();
  const [incoming, setIncoming] = useState(false);
  const canWrite = useCan('member.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, error, isFetching } = useQuery(
    transfersQuery({ box, page, pageSize: 20, ...(overdue && box === 'out' && { receiptOverdue: 'true' as const }) }),
  );
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: TRANSFERS_KEY });
    await queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });
  };
  const accept = useMutation({
    mutationFn: (id: number) => acceptTransfer(id),
    onSuccess: async () => {
      message.success(t.accepted);
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<Transfer> = [
    { title: t.column.letterNo, dataIndex: 'letterNo', onCell: oneLine },
    { title: t.column.member, dataIndex: 'memberName', onCell: oneLine },
    { title: t.column.from, dataIndex: 'fromOrgName' },
    { title: t.column.to, dataIndex: 'toOrgName' },
    { title: t.column.kind, dataIndex: 'kind', render: (k: Transfer['kind']) => TRANSFER_KIND_LABELS[k] },
    { title: t.column.issuedOn, dataIndex: 'issuedOn' },
    { title: t.column.validUntil, dataIndex: 'validUntil' },
    { title: t.column.duesPaidTo, dataIndex: 'duesPaidTo' },
    {
      title: t.column.status,
      key: 'status',
      render: (_, tr) =>
        tr.status === 'returned' && tr.returnReason ? (
          // Why it came back, where the sender looks for what to do next.
          <Space orientation="vertical" size={2}>
            <StatusTag transfer={tr} />
            <Typography.Text type="secondary" data-testid="return-reason">
              {t.returnReason}：{tr.returnReason}
            </Typography.Text>
          </Space>
        ) : (
          <StatusTag transfer={tr} />
        ),
    },
    {
      title: t.column.actions,
      key: 'actions',
      render: (_, tr) => (
        <Space size="small">
          {canWrite && tr.canDecide && (
            <Button
              size="small"
              type="primary"
              loading={accept.isPending && accept.variables === tr.id}
              onClick={() => accept.mutate(tr.id)}
            >
              {t.accept}
            </Button>
          )}
          {canWrite && tr.kind === 'internal' && tr.status === 'pending' && box === 'in' && (
            <Button size="small" onClick={() => setReturning(tr)}>
              {t.return}
            </Button>
          )}
          {canWrite && tr.canRecordReceipt && (
            <Button size="small" onClick={() => setReceipt(tr)}>
              {t.receipt}
            </Button>
          )}
          <Button size="small" type="link" href={letterUrl(tr.id)} target="_blank">
            {t.print}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t.title}
      extra={
        <Space>
          <ExportButton
            path="/api/transfers/export"
            query={{ box, receiptOverdue: overdue && box === 'out' ? 'true' : undefined }}
          />
          {canWrite && (
            <Button type="primary" onClick={() => setIncoming(true)}>
              {t.incoming}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={box}
        onChange={(key) => {
          setBox(key as 'in' | 'out');
          setPage(1);
        }}
        items={[
          { key: 'in', label: t.inbox },
          { key: 'out', label: t.outbox },
        ]}
        tabBarExtraContent={
          box === 'out' && (
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
              {t.overdueOnly}
            </Checkbox>
          )
        }
      />
      {error && <QueryError error={error} />}
      <Table<Transfer>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {returning && (
        <ReasonModal
          title={`${t.return}：${returning.memberName}`}
          onClose={() => setReturning(undefined)}
          onSubmit={async (reason) => {
            await returnTransfer(returning.id, reason);
            message.success(t.returned);
            await refresh();
          }}
        />
      )}
      {receipt && (
        <ReceiptModal
          transfer={receipt}
          onClose={() => setReceipt(undefined)}
          onSubmit={async (receivedOn) => {
            await recordReceipt(receipt.id, receivedOn);
            message.success(t.receiptDone);
            await refresh();
          }}
        />
      )}
      {incoming && <IncomingModal onClose={() => setIncoming(false)} onSaved={refresh} />}
    </Card>
  );
}

function ReasonModal(props: { title: string; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const [form] = Form.useForm<{ reason: string }>();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: { reason: string }) => props.onSubmit(v.reason),
    onSuccess: props.onClose,
    onError: showError,
  });
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item label={t.returnReason} name="reason" rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={200} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReceiptModal(props: { transfer: Transfer; onClose: () => void; onSubmit: (date: string) => Promise<void> }) {
  const [form] = Form.useForm<{ receivedOn: string }>();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: { receivedOn: string }) => props.onSubmit(v.receivedOn),
    onSuccess: props.onClose,
    onError: showError,
  });
  return (
    <Modal
      open
      title={`${t.receipt}：${props.transfer.memberName}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ receivedOn: todayString() }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item label={t.receiptDate} name="receivedOn" rules={[{ required: true }]} {...dateFieldProps}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
