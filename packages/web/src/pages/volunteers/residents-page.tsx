import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/errors';
import { createResident, endResident, type Resident, residentsQuery, VOLUNTEERS_KEY } from '../../api/volunteers';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { vt } from './volunteers.text';

const t = vt.residents;

/** 居民志愿者: residents the community registered (no ID number), with their specialties and hours. */
export function ResidentsPage() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const { data, error, isFetching } = useQuery(residentsQuery({ q: q || undefined, page, pageSize: 20 }));
  const canWrite = useCan('volunteer.write');
  const [creating, setCreating] = useState(false);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const columns: TableColumnsType<Resident> = [
    {
      title: t.name,
      dataIndex: 'name',
      render: (v: string, r) => <Link to={`/volunteers/residents/${r.id}`}>{v}</Link>,
    },
    { title: t.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.phone, dataIndex: 'phone', render: (v: string | null) => v ?? '' },
    { title: t.address, dataIndex: 'address', render: (v: string | null) => v ?? '' },
    { title: t.tags, dataIndex: 'tags', render: (v: string[]) => v.join('、') },
    { title: t.hoursYear, dataIndex: 'hoursThisYear', width: 90 },
    { title: t.hoursTotal, dataIndex: 'hoursTotal', width: 90 },
    {
      title: '',
      key: 'actions',
      width: 80,
      render: (_, r) =>
        canWrite && (
          <Button
            size="small"
            onClick={() =>
              void endResident(r.id).then(
                () => queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY }),
                (e: unknown) => message.error(errorMessage(e)),
              )
            }
          >
            {t.end}
          </Button>
        ),
    },
  ];
  return (
    <Card
      title={t.title}
      extra={
        <Space>
          <ExportButton path="/api/volunteers/residents/export" query={{ q: q || undefined }} label={t.export} />
          {canWrite && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <Input.Search
        allowClear
        placeholder={t.search}
        style={{ width: 240, marginBottom: 12 }}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {error && <QueryError error={error} />}
      <Table<Resident>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {creating && <ResidentModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function ResidentModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ orgId: number; name: string; phone?: string; address?: string; tags?: string[] }>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: createResident,
    onSuccess: async () => {
      message.success(t.created);
      await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal open title={t.create} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate({ ...v, phone: v.phone || null, address: v.address || null, tags: v.tags ?? [] })}
      >
        <Form.Item name="orgId" label={t.org} rules={[{ required: true, message: '请选择社区' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label={t.phone}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="address" label={t.address}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="tags" label={t.tags}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
