import {
  CARE_NEED_LABELS,
  CARE_NEEDS,
  CARE_RULE_LABELS,
  CARE_TYPE_LABELS,
  CARE_TYPES,
  type CareType,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  CARE_KEY,
  type CareDetail,
  careListQuery,
  type CareQuery,
  type CareResident,
  createCare,
  updateCare,
} from '../../api/care';
import { buildingsQuery } from '../../api/grids';
import { useCan, useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { MemberSelect } from '../accounts/member-select';
import { ct } from './care.text';

const COMMUNITY_TYPES = ['community_committee', 'big_community_committee'];

export const standingTag = (r: Pick<CareResident, 'standing' | 'endedOn'>) =>
  r.endedOn ? (
    <Tag>{ct.ended}</Tag>
  ) : r.standing === 'overdue' ? (
    <Tag color="error">{ct.standing.overdue}</Tag>
  ) : r.standing === 'due_soon' ? (
    <Tag color="warning">{ct.standing.due_soon}</Tag>
  ) : (
    <Tag color="success">{ct.standing.ok}</Tag>
  );

export const typeText = (r: Pick<CareResident, 'types' | 'livesAlone' | 'leftBehind'>) =>
  [
    ...r.types.map((t) => CARE_TYPE_LABELS[t]),
    ...(r.livesAlone ? [ct.alone] : []),
    ...(r.leftBehind ? [ct.leftBehind] : []),
  ].join('、');

/** 困难群体名册: masked for accounts above the community, the overdue first, with the visit rule of each. */
export function CarePage() {
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [orgId, setOrgId] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const type = (params.get('type') as CareType | null) ?? undefined;
  const standing = (params.get('standing') as 'overdue' | 'due' | null) ?? undefined;
  const filter = { orgId, type, standing, q: q || undefined };
  const query: CareQuery = { ...filter, page, pageSize: 20 };
  const { data, error, isFetching } = useQuery(careListQuery(query));
  const canWrite = useCan('care.write');
  const { data: me } = useMe();
  const [creating, setCreating] = useState(false);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };
  const columns: TableColumnsType<CareResident> = [
    { title: ct.column.name, dataIndex: 'name', render: (v: string, r) => <Link to={`/care/${r.id}`}>{v}</Link> },
    { title: ct.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: ct.column.types, key: 'types', render: (_, r) => typeText(r) },
    { title: ct.column.age, dataIndex: 'age', width: 60, render: (v: number | null) => v ?? '' },
    {
      title: ct.column.building,
      key: 'building',
      render: (_, r) => [r.buildingName, r.address].filter(Boolean).join(' '),
    },
    { title: ct.column.phone, dataIndex: 'phone', render: (v: string | null) => v ?? '' },
    {
      title: ct.column.needs,
      dataIndex: 'needs',
      render: (v: CareResident['needs']) => v.map((n) => CARE_NEED_LABELS[n]).join('、'),
    },
    { title: ct.column.carer, dataIndex: 'carerName', render: (v: string | null) => v ?? '' },
    {
      title: ct.column.rule,
      key: 'rule',
      render: (_, r) => `${CARE_RULE_LABELS[r.rule]} ${ct.every(r.intervalMonths)}`,
    },
    { title: ct.column.last, dataIndex: 'lastVisitOn', render: (v: string | null) => v ?? '' },
    { title: ct.column.next, dataIndex: 'nextVisitDue', render: (v: string | null) => v ?? '' },
    { title: ct.column.standing, key: 'standing', render: (_, r) => standingTag(r) },
  ];
  const seesMasked = me !== undefined && !COMMUNITY_TYPES.includes(me.org.type);
  return (
    <Card
      title={ct.title}
      extra={
        <Space>
          <ExportButton path="/api/care/residents/export" query={filter} label={ct.export} />
          {canWrite && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {ct.create}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {seesMasked && (
          <div style={{ width: 260 }}>
            <OrgTreeSelect value={orgId} placeholder={ct.org} onChange={(v) => (setOrgId(v), setPage(1))} />
          </div>
        )}
        <Select
          style={{ width: 140 }}
          value={type ?? ''}
          onChange={(v) => set('type', v || undefined)}
          options={[
            { value: '', label: ct.allTypes },
            ...CARE_TYPES.map((t) => ({ value: t, label: CARE_TYPE_LABELS[t] })),
          ]}
        />
        <Select
          style={{ width: 160 }}
          value={standing ?? ''}
          aria-label={ct.column.standing}
          onChange={(v) => set('standing', v || undefined)}
          options={[
            { value: '', label: ct.allStandings },
            { value: 'overdue', label: ct.standing.overdue },
            { value: 'due', label: ct.standing.due },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={ct.search}
          style={{ width: 200 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        {seesMasked && <Typography.Text type="secondary">{ct.masked}</Typography.Text>}
      </Space>
      {error && <QueryError error={error} />}
      <Table<CareResident>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1200 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      />
      {creating && <CareModal record={null} onClose={() => setCreating(false)} />}
    </Card>
  );
}

type CareValues = {
  orgId?: number;
  name: string;
  types: CareType[];
  birthYear?: number | null;
  livesAlone?: boolean;
  leftBehind?: boolean;
  buildingId?: number | null;
  address?: string;
  phone?: string;
  needs?: CareResident['needs'];
  guardianName?: string;
  guardianPhone?: string;
  carerMemberId?: number | null;
  notes?: string;
};

/** The register's form, new or an edit of a record seen whole. */
export function CareModal({ record, onClose }: { record: CareDetail | null; onClose: () => void }) {
  const [form] = Form.useForm<CareValues>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const own = me && COMMUNITY_TYPES.includes(me.org.type) ? me.org.id : undefined;
  const picked = Form.useWatch('orgId', form);
  const orgId = record?.orgId ?? picked ?? own;
  const buildings = useQuery(buildingsQuery(orgId));
  const types = Form.useWatch('types', form) ?? [];
  const save = useMutation({
    mutationFn: (v: CareValues) => {
      const body = {
        name: v.name,
        types: v.types,
        birthYear: v.birthYear ?? null,
        livesAlone: Boolean(v.livesAlone),
        leftBehind: Boolean(v.leftBehind),
        buildingId: v.buildingId ?? null,
        address: v.address || null,
        phone: v.phone || null,
        needs: v.needs ?? [],
        guardianName: v.guardianName || null,
        guardianPhone: v.guardianPhone || null,
        carerMemberId: v.carerMemberId ?? null,
        notes: v.notes || null,
      };
      return record ? updateCare(record.id, body) : createCare({ ...body, orgId: orgId as number });
    },
    onSuccess: async () => {
      message.success(record ? ct.form.saved : ct.form.created);
      await queryClient.invalidateQueries({ queryKey: CARE_KEY });
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={record ? ct.form.titleEdit : ct.form.titleNew}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
    >
      <Form<CareValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          record
            ? {
                name: record.name,
                types: record.types,
                birthYear: record.birthYear,
                livesAlone: record.livesAlone,
                leftBehind: record.leftBehind,
                buildingId: record.buildingId,
                address: record.address ?? undefined,
                phone: record.phone ?? undefined,
                needs: record.needs,
                guardianName: record.guardianName ?? undefined,
                guardianPhone: record.guardianPhone ?? undefined,
                carerMemberId: record.carerMemberId,
                notes: record.notes ?? undefined,
              }
            : { types: [], needs: [] }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {!record && own === undefined && (
          <Form.Item name="orgId" label={ct.form.org} rules={[{ required: true, message: ct.form.required }]}>
            <OrgTreeSelect disabled={(o) => !COMMUNITY_TYPES.includes(o.type)} />
          </Form.Item>
        )}
        <Space align="start" wrap>
          <Form.Item name="name" label={ct.form.name} rules={[{ required: true, message: ct.form.required }]}>
            <Input maxLength={50} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="birthYear" label={ct.form.birthYear}>
            <InputNumber min={1900} max={2100} style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.Item name="types" label={ct.form.types} rules={[{ required: true, message: ct.form.typesRequired }]}>
          <Checkbox.Group options={CARE_TYPES.map((t) => ({ value: t, label: CARE_TYPE_LABELS[t] }))} />
        </Form.Item>
        <Space>
          {types.includes('elderly') && (
            <Form.Item name="livesAlone" valuePropName="checked">
              <Checkbox>{ct.form.livesAlone}</Checkbox>
            </Form.Item>
          )}
          {types.includes('child') && (
            <Form.Item name="leftBehind" valuePropName="checked">
              <Checkbox>{ct.form.leftBehind}</Checkbox>
            </Form.Item>
          )}
        </Space>
        <Space align="start" wrap>
          <Form.Item name="buildingId" label={ct.form.building}>
            <Select
              allowClear
              style={{ width: 180 }}
              options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
          <Form.Item name="address" label={ct.form.address}>
            <Input maxLength={200} style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item name="phone" label={ct.form.phone}>
            <Input maxLength={16} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="guardianName" label={ct.form.guardianName}>
            <Input maxLength={50} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="guardianPhone" label={ct.form.guardianPhone}>
            <Input maxLength={16} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="needs" label={ct.form.needs}>
          <Checkbox.Group options={CARE_NEEDS.map((n) => ({ value: n, label: CARE_NEED_LABELS[n] }))} />
        </Form.Item>
        <Form.Item name="carerMemberId" label={ct.form.carer}>
          <MemberSelect
            initial={
              record?.carerMemberId && record.carerName ? { id: record.carerMemberId, name: record.carerName } : null
            }
          />
        </Form.Item>
        <Form.Item name="notes" label={ct.form.notes}>
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
