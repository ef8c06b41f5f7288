import {
  CONSULTATION_MATTER_LABELS,
  CONSULTATION_MATTERS,
  CONSULTATION_STATUS_LABELS,
  CONSULTATION_STATUSES,
  type ConsultationMatter,
  type ConsultationStatus,
  OPINION_LABELS,
  type Opinion,
  addDays,
  chinaToday,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  askConsultation,
  candidatesQuery,
  type Consultation,
  CONSULTATIONS_KEY,
  consultationsQuery,
} from '../../api/consultations';
import { unitChoicesQuery } from '../../api/facilities';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { ct } from './consultations.text';

const t = ct;
export const STATUS_COLOR: Record<ConsultationStatus, string> = {
  asked: 'orange',
  answered: 'blue',
  done: 'green',
  withdrawn: 'default',
};
export const OPINION_COLOR: Record<Opinion, string> = { agree: 'green', disagree: 'red', reserved: 'gold' };

/** 事前征求意见: what the community was asked (or, for a liaison, what its unit asked), open ones first. */
export function ConsultationsPage({ unitView = false }: { unitView?: boolean }) {
  const [status, setStatus] = useState<ConsultationStatus>();
  const [page, setPage] = useState(1);
  const [asking, setAsking] = useState(false);
  const { data, error, isFetching } = useQuery(consultationsQuery({ status, page, pageSize: 20 }));
  const base = unitView ? '/consultations/unit' : '/consultations';
  const columns: TableColumnsType<Consultation> = [
    {
      title: t.column.person,
      dataIndex: 'personName',
      width: 110,
      render: (v: string, c) => <Link to={`${base}/${c.id}`}>{v}</Link>,
    },
    {
      title: t.column.matter,
      key: 'm',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{CONSULTATION_MATTER_LABELS[c.matterKind]}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.matter}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t.column.unit, dataIndex: 'unitName', ellipsis: true },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    {
      title: t.column.deadline,
      dataIndex: 'deadline',
      width: 130,
      render: (v: string, c) => (
        <Space size={4}>
          {v}
          {c.overdue && <Tag color="red">{t.overdue}</Tag>}
        </Space>
      ),
    },
    {
      title: t.column.opinion,
      dataIndex: 'opinion',
      width: 100,
      render: (v: Opinion | null) => (v ? <Tag color={OPINION_COLOR[v]}>{OPINION_LABELS[v]}</Tag> : t.none),
    },
    {
      title: t.column.status,
      dataIndex: 'status',
      width: 100,
      render: (v: ConsultationStatus) => <Tag color={STATUS_COLOR[v]}>{CONSULTATION_STATUS_LABELS[v]}</Tag>,
    },
  ];
  return (
    <Card
      title={unitView ? t.unitTitle : t.title}
      extra={
        <Space>
          <Select<ConsultationStatus | undefined>
            allowClear
            placeholder={t.all}
            style={{ width: 120 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={CONSULTATION_STATUSES.map((s) => ({ value: s, label: CONSULTATION_STATUS_LABELS[s] }))}
          />
          <ExportButton path="/api/consultations/export" query={{ status }} label={t.export} />
          {unitView && (
            <Button type="primary" onClick={() => setAsking(true)}>
              {t.ask}
            </Button>
          )}
        </Space>
      }
    >
      {error && <QueryError error={error} />}
      <Table<Consultation>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      {asking && <AskModal onClose={() => setAsking(false)} />}
    </Card>
  );
}

type AskForm = {
  unitId: number;
  matterKind: ConsultationMatter;
  matter: string;
  by: 'member' | 'idNumber';
  memberId?: number;
  idNumber?: string;
  personName?: string;
  deadline: dayjs.Dayjs;
};

function AskModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<AskForm>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useQuery(unitChoicesQuery(true));
  const unitId = Form.useWatch('unitId', form) ?? units.data?.[0]?.id;
  const by = Form.useWatch('by', form) ?? 'member';
  const candidates = useQuery({ ...candidatesQuery(unitId ?? 0), enabled: unitId !== undefined });
  const save = useMutation({
    mutationFn: (v: AskForm) =>
      askConsultation({
        unitId: v.unitId ?? unitId,
        matterKind: v.matterKind,
        matter: v.matter,
        deadline: v.deadline.format('YYYY-MM-DD'),
        ...(v.by === 'idNumber' ? { idNumber: v.idNumber, personName: v.personName } : { memberId: v.memberId }),
      }),
    onSuccess: async () => {
      message.success(t.form.asked);
      await queryClient.invalidateQueries({ queryKey: CONSULTATIONS_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={t.ask}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={600}
      destroyOnHidden
    >
      <Form<AskForm>
        form={form}
        layout="vertical"
        initialValues={{ matterKind: 'outstanding_member', by: 'member', deadline: dayjs(addDays(chinaToday(), 7)) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="unitId" label={t.form.unit} initialValue={units.data?.[0]?.id}>
          <Select
            loading={units.isFetching}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.orgName}）` }))}
            placeholder={units.data?.[0]?.name}
          />
        </Form.Item>
        <Form.Item name="matterKind" label={t.form.matterKind}>
          <Radio.Group
            options={CONSULTATION_MATTERS.map((m) => ({ value: m, label: CONSULTATION_MATTER_LABELS[m] }))}
          />
        </Form.Item>
        <Form.Item name="matter" label={t.form.matter} rules={[{ required: true, message: '请填写事项说明' }]}>
          <Input.TextArea maxLength={500} rows={2} placeholder="如：拟评选该同志为本年度优秀共产党员" />
        </Form.Item>
        <Form.Item name="by" label={t.form.by}>
          <Radio.Group
            options={[
              { value: 'member', label: t.form.byMember },
              { value: 'idNumber', label: t.form.byIdNumber },
            ]}
          />
        </Form.Item>
        {by === 'member' ? (
          <Form.Item
            name="memberId"
            label={t.form.member}
            rules={[{ required: true, message: '请选择报到党员' }]}
            extra={candidates.data && candidates.data.items.length === 0 ? t.form.noCandidates : undefined}
          >
            <Select
              loading={candidates.isFetching}
              showSearch={{ optionFilterProp: 'label' }}
              options={(candidates.data?.items ?? []).map((c) => ({
                value: c.memberId,
                label: `${c.name}（${c.orgName}，${c.registeredOn} 报到${c.communityName}）`,
              }))}
            />
          </Form.Item>
        ) : (
          <Space wrap>
            <Form.Item name="personName" label={t.form.personName} rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={20} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="idNumber" label={t.form.idNumber} rules={[{ required: true, message: '请填写身份证号' }]}>
              <Input maxLength={18} style={{ width: 240 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="deadline" label={t.form.deadline} rules={[{ required: true, message: '请选择答复期限' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
