import { ExportButton } from '../../components/export-button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  endRegistration,
  findCommunities,
  IN_SERVICE_KEY,
  inServiceQuery,
  inServiceUnregisteredQuery,
  registerInService,
} from '../../api/community';
import { errorMessage } from '../../api/errors';
import type { Registration, UnregisteredMember } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { todayString } from '../members/date-field';
import { inServiceText as t } from './community.text';
import { useFormError } from '../../lib/use-form-error';

type View = 'community' | 'unit' | 'unregistered';
type Preset = { memberId: number; label: string };

export function InServicePage() {
  const [view, setView] = useState<View>('community');
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState<false | true | Preset>(false);
  const canWrite = useCan('member.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const listView = view === 'unregistered' ? 'unit' : view;
  const { data, error, isFetching } = useQuery({
    ...inServiceQuery({ view: listView, page, pageSize: 20 }),
    enabled: view !== 'unregistered',
  });
  const end = useMutation({
    mutationFn: (id: number) => endRegistration(id, todayString()),
    onSuccess: async () => {
      message.success(t.ended);
      await queryClient.invalidateQueries({ queryKey: IN_SERVICE_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<Registration> = [
    { title: t.column.name, dataIndex: 'memberName', width: 100, ellipsis: true },
    { title: t.column.phone, dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
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
          <Button size="small" loading={end.isPending && end.variables === r.id} onClick={() => end.mutate(r.id)}>
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
          <ExportButton path="/api/in-service/export" query={{ view: listView }} label={t.export} />
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
          { key: 'unregistered', label: t.unregistered },
        ]}
      />
      {view === 'unregistered' ? (
        <UnregisteredTable onRegister={canWrite ? (preset) => setRegistering(preset) : undefined} />
      ) : (
        <>
          {error && <QueryError error={error} />}
          <Table<Registration>
            scroll={{ x: 'max-content' }}
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items}
            loading={isFetching}
            pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
          />
        </>
      )}
      {registering && (
        <RegisterModal member={registering === true ? undefined : registering} onClose={() => setRegistering(false)} />
      )}
    </Card>
  );
}

/** 未报到: the scope's 在职党员 who have not registered with a community, each with a button to register them. */
function UnregisteredTable({ onRegister }: { onRegister?: (preset: Preset) => void }) {
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery(inServiceUnregisteredQuery({ page, pageSize: 20 }));
  const columns: TableColumnsType<UnregisteredMember> = [
    { title: t.column.name, dataIndex: 'name', width: 120, ellipsis: true },
    { title: t.column.phone, dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t.column.unit, dataIndex: 'orgName', ellipsis: true },
    {
      title: t.column.actions,
      key: 'actions',
      width: 120,
      render: (_, m) =>
        onRegister && (
          <Button size="small" onClick={() => onRegister({ memberId: m.memberId, label: `${m.name}（${m.orgName}）` })}>
            {t.register}
          </Button>
        ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t.unregisteredHint}</Typography.Paragraph>
      {error && <QueryError error={error} />}
      <Table<UnregisteredMember>
        scroll={{ x: 'max-content' }}
        rowKey="memberId"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
    </>
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

type Values = { idNumber?: string; communityId: number; residence?: string; wishes?: string };

/** By ID number at the counter, or for a member of the scope picked from 未报到. */
function RegisterModal({ member, onClose }: { member?: Preset; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: ({ idNumber, ...v }: Values) =>
      registerInService(member ? { ...v, memberId: member.memberId } : { ...v, idNumber }),
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
        {member ? (
          <Form.Item label={t.form.member}>
            <Input value={member.label} disabled />
          </Form.Item>
        ) : (
          <Form.Item label={t.form.idNumber} name="idNumber" rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={18} />
          </Form.Item>
        )}
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
