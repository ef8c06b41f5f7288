import { CO_CATEGORY_LABELS, type CoCategory, NEED_STATUS_LABELS, type NeedStatus } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  addUnitResource,
  CO_LISTS_KEY,
  type CoNeed,
  type CoResource,
  claimNeed,
  unitNeedsQuery,
  unitResourcesQuery,
  type UnitResourceInput,
} from '../../api/co-lists';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { coListsText } from './co-lists.text';
import { ResourceFields } from './resource-form';

const t = coListsText;

/** The unit liaison's needs to claim (its unit's community) and those it claimed. */
export function UnitNeedsSection({ unit }: { unit: { id: number } }) {
  const { data, error, isFetching } = useQuery(unitNeedsQuery());
  const [claiming, setClaiming] = useState<CoNeed>();
  const columns: TableColumnsType<CoNeed> = [
    { title: t.column.title, dataIndex: 'title' },
    { title: t.column.category, dataIndex: 'category', width: 100, render: (v: CoCategory) => CO_CATEGORY_LABELS[v] },
    { title: t.column.org, dataIndex: 'orgName', width: 160 },
    {
      title: t.column.status,
      dataIndex: 'status',
      width: 90,
      render: (v: NeedStatus) => <Tag>{NEED_STATUS_LABELS[v]}</Tag>,
    },
    {
      title: t.column.actions,
      key: 'a',
      width: 80,
      render: (_, n) =>
        n.status === 'open' ? (
          <Button type="link" size="small" onClick={() => setClaiming(n)}>
            {t.unit.claim}
          </Button>
        ) : null,
    },
  ];
  // Open needs are the unit's community's for any of its units to claim; claimed ones show under their unit.
  const items = data?.items.filter((n) => n.status === 'open' || n.claimedUnitId === unit.id);
  return (
    <div data-testid="unit-needs">
      {error && <QueryError error={error} />}
      <Table<CoNeed>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t.unit.empty }}
      />
      {claiming && <ClaimModal need={claiming} onClose={() => setClaiming(undefined)} />}
    </div>
  );
}

function ClaimModal({ need, onClose }: { need: CoNeed; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const onError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { note?: string }) => claimNeed(need.id, v.note || null),
    onSuccess: async () => {
      message.success(t.unit.claimed);
      await queryClient.invalidateQueries({ queryKey: CO_LISTS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={`${t.unit.claim}：${need.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="note" label={t.unit.note}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The liaison's own unit's resources, and a form to offer one more (for its first registered unit). */
export function UnitResourcesSection({ unit }: { unit: { id: number } }) {
  const { data, error, isFetching } = useQuery(unitResourcesQuery());
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<UnitResourceInput>();
  const onError = useFormError(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: addUnitResource,
    onSuccess: async () => {
      message.success(t.form.saved);
      await queryClient.invalidateQueries({ queryKey: CO_LISTS_KEY });
      form.resetFields();
      setAdding(false);
    },
    onError,
  });
  const columns: TableColumnsType<CoResource> = [
    { title: t.column.title, dataIndex: 'title' },
    { title: t.column.category, dataIndex: 'category', width: 100, render: (v: CoCategory) => CO_CATEGORY_LABELS[v] },
    { title: t.column.availability, dataIndex: 'availability', width: 180, render: (v: string | null) => v ?? '—' },
    {
      title: t.column.status,
      key: 's',
      width: 100,
      render: (_, r) => (r.committed ? <Tag color="orange">{t.committed}</Tag> : <Tag color="green">可用</Tag>),
    },
  ];
  return (
    <div data-testid="unit-resources">
      <Button onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>
        {t.unit.addResource}
      </Button>
      {error && <QueryError error={error} />}
      <Table<CoResource>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items.filter((r) => r.unitId === unit.id)}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t.unit.empty }}
      />
      <Modal
        open={adding}
        title={t.unit.addResource}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
      >
        <Form<UnitResourceInput> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <ResourceFields />
        </Form>
      </Modal>
    </div>
  );
}
