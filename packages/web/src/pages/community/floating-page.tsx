import { ExportButton } from '../../components/export-button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  createFloating,
  endFloating,
  FLOATING_KEY,
  floatingQuery,
  floatingUnregisteredQuery,
  reportFloating,
} from '../../api/community';
import { errorMessage } from '../../api/errors';
import { api, unwrap } from '../../api/client';
import type { Floating, FloatingCreateInput, UnregisteredMember } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { dateFieldProps, todayString } from '../members/date-field';
import { floatingText as t } from './community.text';
import { useFormError } from '../../lib/use-form-error';

type Direction = 'out' | 'in';
type Due = 'transfer' | 'unreported' | 'unregistered' | undefined;
type Preset = { memberId: number; label: string };

export function FloatingPage() {
  const [direction, setDirection] = useState<Direction>('out');
  const [due, setDue] = useState<Due>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState<false | true | Preset>(false);
  const canWrite = useCan('member.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unregistered = direction === 'out' && due === 'unregistered';
  const listDue = due === 'unregistered' ? undefined : due;
  const { data, error, isFetching } = useQuery({
    ...floatingQuery({ direction, page, pageSize: 20, ...(listDue && { due: listDue }) }),
    enabled: !unregistered,
  });
  const act = useMutation({
    mutationFn: ({ id, kind }: { id: number; kind: 'report' | 'end' }) =>
      kind === 'report' ? reportFloating(id, todayString()) : endFloating(id, todayString()),
    onSuccess: async (_, { kind }) => {
      message.success(kind === 'report' ? t.reported : t.ended);
      await queryClient.invalidateQueries({ queryKey: FLOATING_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  // The one button at work spins, not every button of its kind.
  const busy = (id: number, kind: 'report' | 'end') =>
    act.isPending && act.variables.id === id && act.variables.kind === kind;
  const columns: TableColumnsType<Floating> = [
    { title: t.column.name, dataIndex: 'name', width: 100, ellipsis: true },
    { title: t.column.idNumber, dataIndex: 'idNumber', width: 180, render: (v: string | null) => v ?? '—' },
    { title: t.column.org, dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: t.column.place[direction], dataIndex: 'place', width: 160, ellipsis: true },
    {
      title: t.column.otherOrg[direction],
      dataIndex: 'otherOrgName',
      width: 160,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: t.column.since, dataIndex: 'since', width: 130 },
    {
      title: t.column.contact,
      dataIndex: 'contact',
      width: 130,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: t.column.certificateNo, dataIndex: 'certificateNo', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t.column.lastReportedOn, dataIndex: 'lastReportedOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t.column.flags,
      key: 'flags',
      width: 150,
      render: (_, f) => (
        <Space size={4}>
          {f.shouldTransfer && <Tag color="red">{t.shouldTransfer}</Tag>}
          {f.reportDue && <Tag color="gold">{t.unreported}</Tag>}
        </Space>
      ),
    },
    {
      title: t.column.actions,
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, f) =>
        canWrite && (
          <Space size="small">
            <Button
              size="small"
              loading={busy(f.id, 'report')}
              onClick={() => act.mutate({ id: f.id, kind: 'report' })}
            >
              {t.report}
            </Button>
            <Button size="small" loading={busy(f.id, 'end')} onClick={() => act.mutate({ id: f.id, kind: 'end' })}>
              {t.end}
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
          <ExportButton path="/api/floating-members/export" query={{ direction, due: listDue }} label={t.export} />
          {canWrite && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={direction}
        onChange={(key) => {
          setDirection(key as Direction);
          setPage(1);
        }}
        items={[
          { key: 'out', label: t.outflow },
          { key: 'in', label: t.inflow },
        ]}
      />
      <Radio.Group
        style={{ marginBottom: 16 }}
        value={due ?? 'all'}
        onChange={(e) => {
          setDue(e.target.value === 'all' ? undefined : (e.target.value as Due));
          setPage(1);
        }}
        options={[
          { value: 'all', label: t.due.all },
          ...(direction === 'out' ? [{ value: 'transfer', label: t.due.transfer }] : []),
          { value: 'unreported', label: t.due.unreported },
          ...(direction === 'out' ? [{ value: 'unregistered', label: t.due.unregistered }] : []),
        ]}
        optionType="button"
      />
      {unregistered ? (
        <UnregisteredTable onRegister={canWrite ? (preset) => setCreating(preset) : undefined} />
      ) : (
        <>
          {error && <QueryError error={error} />}
          <Table<Floating>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items}
            loading={isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
          />
        </>
      )}
      {creating && (
        <FloatingModal
          direction={creating === true ? direction : 'out'}
          preset={creating === true ? undefined : creating}
          onClose={() => setCreating(false)}
        />
      )}
    </Card>
  );
}

/** 流向未登记: members the roster calls 流动党员 with no open outflow, each with a button to register where they went. */
function UnregisteredTable({ onRegister }: { onRegister?: (preset: Preset) => void }) {
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery(floatingUnregisteredQuery({ page, pageSize: 20 }));
  const columns: TableColumnsType<UnregisteredMember> = [
    { title: t.column.name, dataIndex: 'name', width: 120, ellipsis: true },
    { title: t.column.phone, dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    {
      title: t.column.actions,
      key: 'actions',
      width: 120,
      render: (_, m) =>
        onRegister && (
          <Button size="small" onClick={() => onRegister({ memberId: m.memberId, label: `${m.name}（${m.orgName}）` })}>
            {t.registerPlace}
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

type FormValues = {
  memberId?: number;
  orgId?: number;
  name?: string;
  idNumber?: string;
  phone?: string;
  place: string;
  otherOrgName?: string;
  contact?: string;
  certificateNo?: string;
  fixedPlace: boolean;
  since: string;
};

function FloatingModal({ direction, preset, onClose }: { direction: Direction; preset?: Preset; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [options, setOptions] = useState<{ value: number; label: string }[]>(
    preset ? [{ value: preset.memberId, label: preset.label }] : [],
  );
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (v: FormValues) => {
      const common = {
        place: v.place,
        otherOrgName: v.otherOrgName || null,
        contact: v.contact || null,
        certificateNo: v.certificateNo || null,
        fixedPlace: v.fixedPlace,
        since: v.since,
      };
      const body: FloatingCreateInput =
        direction === 'out'
          ? { direction: 'out', memberId: v.memberId as number, ...common }
          : {
              direction: 'in',
              orgId: v.orgId as number,
              name: v.name as string,
              idNumber: v.idNumber || null,
              phone: v.phone || null,
              ...common,
            };
      return createFloating(body);
    },
    onSuccess: async () => {
      message.success(t.form.done);
      await queryClient.invalidateQueries({ queryKey: FLOATING_KEY });
      onClose();
    },
    onError: showError,
  });
  const search = async (q: string) => {
    if (!q.trim()) return;
    const found = await unwrap(api.GET('/api/members', { params: { query: { q: q.trim(), pageSize: 20 } } })).catch(
      () => null,
    );
    setOptions(found?.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` })) ?? []);
  };
  return (
    <Modal
      open
      width={640}
      title={direction === 'out' ? t.outflow : t.inflow}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ fixedPlace: true, since: todayString(), memberId: preset?.memberId }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Row gutter={16}>
          {direction === 'out' ? (
            <Col span={24}>
              <Form.Item label={t.form.member} name="memberId" rules={[{ required: true }]}>
                <Select
                  showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
                  placeholder={t.form.memberPlaceholder}
                  options={options}
                />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col span={12}>
                <Form.Item label={t.form.org} name="orgId" rules={[{ required: true }]}>
                  <OrgTreeSelect />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t.form.name} name="name" rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t.form.idNumber} name="idNumber">
                  <Input maxLength={18} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t.form.phone} name="phone">
                  <Input maxLength={11} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={12}>
            <Form.Item label={t.form.place} name="place" rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t.form.otherOrgName} name="otherOrgName">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t.form.contact} name="contact">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t.form.certificateNo} name="certificateNo">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t.form.since} name="since" rules={[{ required: true }]} {...dateFieldProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="fixedPlace" valuePropName="checked" label=" ">
              <Checkbox>{t.form.fixedPlace}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
