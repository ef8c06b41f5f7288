import { ExportButton } from '../../components/export-button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  endRegistration,
  findCommunities,
  IN_SERVICE_KEY,
  inServiceQuery,
  registerInService,
} from '../../api/community';
import { errorMessage } from '../../api/errors';
import type { Registration } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { todayString } from '../members/date-field';
import { inServiceText as t } from './community.text';
import { useFormError } from '../../lib/use-form-error';

type View = 'community' | 'unit';

export function InServicePage() {
  const [view, setView] = useState<View>('community');
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const canWrite = useCan('member.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, error, isFetching } = useQuery(inServiceQuery({ view, page, pageSize: 20 }));
  const end = useMutation({
    mutationFn: (id: number) => endRegistration(id, todayString()),
    onSuccess: async () => {
      message.success(t.ended);
      await queryClient.invalidateQueries({ queryKey: IN_SERVICE_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<Registration> = [
    { title: t.column.name, dataIndex: 'memberName' },
    { title: t.column.phone, dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    view === 'community'
      ? { title: t.column.unit, dataIndex: 'unitOrgName' }
      : { title: t.column.community, dataIndex: 'communityName' },
    { title: t.column.residence, dataIndex: 'residence', render: (v: string | null) => v ?? '—' },
    { title: t.column.wishes, dataIndex: 'wishes', render: (v: string | null) => v ?? '—' },
    { title: t.column.registeredOn, dataIndex: 'registeredOn' },
    { title: t.column.hours, dataIndex: 'serviceHours' },
    {
      title: t.column.actions,
      key: 'actions',
      render: (_, r) =>
        canWrite && (
          <Button size="small" onClick={() => end.mutate(r.id)}>
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
          <ExportButton path="/api/in-service/export" query={{ view }} label={t.export} />
          {canWrite && (
            <Button type="primary" onClick={() => setRegistering(true)}>
              {t.register}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={view}
        onChange={(key) => {
          setView(key as View);
          setPage(1);
        }}
        items={[
          { key: 'community', label: t.community },
          { key: 'unit', label: t.unit },
        ]}
      />
      {error && <QueryError error={error} />}
      <Table<Registration>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {registering && <RegisterModal onClose={() => setRegistering(false)} />}
    </Card>
  );
}

export function CommunitySelect(props: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const search = async (q: string) => {
    if (!q.trim()) return;
    const found = await findCommunities(q.trim()).catch(() => ({ items: [] }));
    setOptions(found.items.map((c) => ({ value: c.id, label: c.name })));
  };
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      placeholder={t.form.communityPlaceholder}
      options={options}
    />
  );
}

type Values = { idNumber: string; communityId: number; residence?: string; wishes?: string };

function RegisterModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: Values) => registerInService(v),
    onSuccess: async () => {
      message.success(t.form.done);
      await queryClient.invalidateQueries({ queryKey: IN_SERVICE_KEY });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal open title={t.register} onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item label={t.form.idNumber} name="idNumber" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item label={t.form.community} name="communityId" rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item label={t.form.residence} name="residence">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t.form.wishes} name="wishes">
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
