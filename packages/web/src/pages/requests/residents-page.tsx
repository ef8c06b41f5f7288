import {
  CONTACT_PREFS,
  CONTACT_PREF_LABELS,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  REQUEST_KIND_LABELS,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/errors';
import { buildingsQuery } from '../../api/grids';
import {
  confirmResident,
  createRequestFor,
  createResident,
  REQUESTS_KEY,
  residentsQuery,
  revealResident,
  type ServiceResident,
} from '../../api/requests';
import { useCan } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { useFormError } from '../../lib/use-form-error';
import { rqt } from './requests.text';

const t = rqt.residents;

/** 居民: residents waiting for their residence to be confirmed first; register an elder; enter a request for them. */
export function ResidentsPage() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [unconfirmed, setUnconfirmed] = useState(false);
  const { data, error, isFetching } = useQuery(
    residentsQuery({ q: q || undefined, unconfirmed: unconfirmed ? 'true' : undefined, page, pageSize: 20 }),
  );
  const canWrite = useCan('serve.write');
  const canReveal = useCan('member.sensitive');
  const [creating, setCreating] = useState(false);
  const [requestFor, setRequestFor] = useState<ServiceResident | null>(null);
  const [revealed, setRevealed] = useState<Record<number, string | null>>({});
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: confirmResident,
    onSuccess: async () => {
      message.success('已确认');
      await queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<ServiceResident> = [
    { title: t.name, dataIndex: 'name', width: 100 },
    { title: t.org, dataIndex: 'orgName', ellipsis: true },
    {
      title: t.phone,
      dataIndex: 'phone',
      width: 170,
      render: (v: string | null, r) =>
        v === null ? (
          '—'
        ) : (
          <Space size={4}>
            {revealed[r.id] ?? v}
            {canReveal && revealed[r.id] === undefined && (
              <Button
                size="small"
                type="link"
                onClick={() =>
                  void revealResident(r.id).then(
                    (x) => setRevealed((m) => ({ ...m, [r.id]: x.phone })),
                    (e: unknown) => message.error(errorMessage(e)),
                  )
                }
              >
                {t.reveal}
              </Button>
            )}
          </Space>
        ),
    },
    { title: t.building, dataIndex: 'buildingName', width: 80, render: (v: string | null) => v ?? '' },
    { title: t.address, dataIndex: 'addressDetail', width: 100, render: (v: string | null) => v ?? '' },
    { title: t.account, dataIndex: 'hasAccount', width: 80, render: (v: boolean) => (v ? '是' : '否') },
    {
      title: t.confirmed,
      dataIndex: 'confirmedAt',
      width: 150,
      render: (v: string | null) =>
        v ? (
          <Tag color="green">{`${t.confirmedTag} ${formatDateTime(v).slice(0, 10)}`}</Tag>
        ) : (
          <Tag color="gold">{t.unconfirmedTag}</Tag>
        ),
    },
    { title: t.requests, dataIndex: 'requests', width: 70 },
    {
      title: '',
      key: 'actions',
      width: 170,
      render: (_, r) =>
        canWrite && (
          <Space size={4}>
            {!r.confirmedAt && (
              <Button size="small" type="primary" onClick={() => confirm.mutate(r.id)}>
                {t.confirm}
              </Button>
            )}
            <Button size="small" onClick={() => setRequestFor(r)}>
              {t.newRequest}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <Card
      title={t.title}
      extra={
        canWrite && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t.create}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          style={{ width: 220 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Checkbox
          checked={unconfirmed}
          onChange={(e) => {
            setUnconfirmed(e.target.checked);
            setPage(1);
          }}
        >
          {t.onlyUnconfirmed}
        </Checkbox>
      </Space>
      {error && <QueryError error={error} />}
      <Table<ServiceResident>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      {creating && <ResidentModal onClose={() => setCreating(false)} />}
      {requestFor && <RequestModal resident={requestFor} onClose={() => setRequestFor(null)} />}
    </Card>
  );
}

function ResidentModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{
    orgId: number;
    name: string;
    phone?: string;
    buildingId?: number;
    addressDetail?: string;
  }>();
  const orgId = Form.useWatch('orgId', form);
  const buildings = useQuery(buildingsQuery(orgId));
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: createResident,
    onSuccess: async () => {
      message.success(t.created);
      await queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
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
        onFinish={(v) =>
          save.mutate({
            ...v,
            phone: v.phone || null,
            buildingId: v.buildingId ?? null,
            addressDetail: v.addressDetail || null,
          })
        }
      >
        <Form.Item name="orgId" label={t.org} rules={[{ required: true, message: '请选择社区' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label={`${t.phone}（可不填）`}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="buildingId" label={t.building}>
          <Select allowClear options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="addressDetail" label={t.address}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RequestModal({ resident, onClose }: { resident: ServiceResident; onClose: () => void }) {
  const [form] = Form.useForm<{
    kind: 'request' | 'wish';
    category: (typeof REQUEST_CATEGORIES)[number];
    text: string;
    contactPref: (typeof CONTACT_PREFS)[number];
  }>();
  const onError = useFormError(form);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: createRequestFor,
    onSuccess: async (made) => {
      await queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
      onClose();
      void navigate(`/requests/${made.id}`);
    },
    onError,
  });
  return (
    <Modal
      open
      title={`${t.newRequest}：${resident.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'request', contactPref: 'phone' }}
        onFinish={(v) => save.mutate({ ...v, residentId: resident.id, buildingId: resident.buildingId ?? undefined })}
      >
        <Form.Item name="kind" label="类型">
          <Select options={(['request', 'wish'] as const).map((k) => ({ value: k, label: REQUEST_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: REQUEST_CATEGORY_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="text" label="内容" rules={[{ required: true, message: '请填写内容' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="contactPref" label="联系方式">
          <Select options={CONTACT_PREFS.map((c) => ({ value: c, label: CONTACT_PREF_LABELS[c] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
