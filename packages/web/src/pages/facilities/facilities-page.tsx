import {
  BOOKING_STATUS_LABELS,
  BOOKING_STATUSES,
  type BookingStatus,
  chinaToday,
  describeWeek,
  FACILITY_KIND_LABELS,
  FACILITY_KINDS,
  type FacilityKind,
  WEEKDAY_LABELS,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  type Booking,
  bookingsQuery,
  bookSlot,
  cancelBooking,
  createFacility,
  decideBooking,
  FACILITIES_KEY,
  type Facility,
  facilitiesQuery,
  unitChoicesQuery,
  updateFacility,
} from '../../api/facilities';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { ft } from './facilities.text';
import { WeekCalendar } from './week-calendar';

const t = ft;
const STATUS_COLOR: Record<BookingStatus, string> = {
  pending: 'orange',
  approved: 'green',
  refused: 'default',
  cancelled: 'default',
};

/**
 * 共享设施: the facilities of the scope's resident units (or, for a liaison, its own unit's), a week calendar of
 * the one chosen, its bookings to approve or cancel, and booking a slot for a community.
 */
export function FacilitiesPage({ unitView = false }: { unitView?: boolean }) {
  const today = chinaToday();
  const canBook = useCan('cobuild.write');
  const canRegister = useCan(unitView ? 'cobuild.unit' : 'cobuild.write');
  const { data, error, isFetching } = useQuery(facilitiesQuery({ includeClosed: 'true' }));
  const [chosen, setChosen] = useState<number>();
  const [editing, setEditing] = useState<Facility | 'new'>();
  const [booking, setBooking] = useState<Facility>();
  const facilities = data?.items ?? [];
  const current = facilities.find((f) => f.id === chosen) ?? facilities[0];
  const columns: TableColumnsType<Facility> = [
    {
      title: t.column.name,
      dataIndex: 'name',
      render: (v: string, f) => (
        <Space orientation="vertical" size={0}>
          <a onClick={() => setChosen(f.id)}>{v}</a>
          {f.closedOn && <Tag>{t.closed}</Tag>}
        </Space>
      ),
    },
    { title: t.column.unit, dataIndex: 'unitName', ellipsis: true },
    { title: t.column.kind, dataIndex: 'kind', width: 90, render: (v: FacilityKind) => FACILITY_KIND_LABELS[v] },
    { title: t.column.capacity, dataIndex: 'capacity', width: 90 },
    {
      title: t.column.hours,
      key: 'hours',
      render: (_, f) => <Typography.Text style={{ fontSize: 12 }}>{describeWeek(f.openingHours)}</Typography.Text>,
    },
    {
      title: t.column.approval,
      dataIndex: 'needsApproval',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="orange">{t.needsApproval}</Tag> : <Tag>{t.noApproval}</Tag>),
    },
    {
      title: t.column.communities,
      key: 'c',
      ellipsis: true,
      render: (_, f) => f.communities.map((c) => c.name).join('、'),
    },
    {
      title: t.column.actions,
      key: 'a',
      width: 160,
      render: (_, f) => (
        <Space size="small">
          <Button type="link" size="small" onClick={() => setChosen(f.id)}>
            {t.calendar}
          </Button>
          {canBook && !f.closedOn && (
            <Button type="link" size="small" onClick={() => setBooking(f)}>
              {t.book}
            </Button>
          )}
          {f.mayManage && (
            <Button type="link" size="small" onClick={() => setEditing(f)}>
              {t.edit}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={unitView ? t.unitTitle : t.title}
        extra={
          canRegister && (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t.create}
            </Button>
          )
        }
      >
        {error && <QueryError error={error} />}
        <Table<Facility>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={facilities}
          loading={isFetching}
          pagination={false}
        />
      </Card>
      {current && <WeekCalendar key={current.id} facility={current} today={today} />}
      {current && <BookingsCard facility={current} />}
      {editing && (
        <FacilityModal
          facility={editing === 'new' ? undefined : editing}
          liaison={unitView}
          onClose={() => setEditing(undefined)}
        />
      )}
      {booking && <BookModal facility={booking} onClose={() => setBooking(undefined)} />}
    </Space>
  );
}

function BookingsCard({ facility }: { facility: Facility }) {
  const [status, setStatus] = useState<BookingStatus>();
  const [page, setPage] = useState(1);
  const query = { facilityId: facility.id, status, page, pageSize: 20 };
  const { data, error, isFetching } = useQuery(bookingsQuery(query));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (a: { id: number; kind: 'approve' | 'refuse' | 'cancel' }) =>
      a.kind === 'cancel' ? cancelBooking(a.id) : decideBooking(a.id, a.kind === 'approve'),
    onSuccess: async (b) => {
      message.success(BOOKING_STATUS_LABELS[b.status]);
      await queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
    },
    onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
  });
  const columns: TableColumnsType<Booking> = [
    { title: t.column.date, dataIndex: 'date', width: 110 },
    { title: t.column.time, key: 'time', width: 110, render: (_, b) => `${b.from}-${b.to}` },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.column.booker, dataIndex: 'bookerName', width: 120, ellipsis: true },
    { title: t.column.purpose, dataIndex: 'purpose', ellipsis: true },
    { title: t.column.headcount, dataIndex: 'headcount', width: 70, render: (v: number | null) => v ?? t.none },
    {
      title: t.column.status,
      dataIndex: 'status',
      width: 90,
      render: (v: BookingStatus) => <Tag color={STATUS_COLOR[v]}>{BOOKING_STATUS_LABELS[v]}</Tag>,
    },
    {
      title: t.column.actions,
      key: 'a',
      width: 170,
      render: (_, b) => (
        <Space size="small">
          {b.mayDecide && (
            <>
              <Button type="link" size="small" onClick={() => act.mutate({ id: b.id, kind: 'approve' })}>
                {t.bookings.approve}
              </Button>
              <Button type="link" size="small" danger onClick={() => act.mutate({ id: b.id, kind: 'refuse' })}>
                {t.bookings.refuse}
              </Button>
            </>
          )}
          {b.mayCancel && (
            <Popconfirm title={t.bookings.cancelConfirm} onConfirm={() => act.mutate({ id: b.id, kind: 'cancel' })}>
              <Button type="link" size="small">
                {t.bookings.cancel}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={`${t.bookings.title} · ${facility.name}`}
      extra={
        <Space>
          <Select<BookingStatus | undefined>
            allowClear
            placeholder={t.bookings.all}
            style={{ width: 120 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={BOOKING_STATUSES.map((s) => ({ value: s, label: BOOKING_STATUS_LABELS[s] }))}
          />
          <ExportButton
            path="/api/facility-bookings/export"
            query={{ facilityId: facility.id, status }}
            label={t.bookings.export}
          />
        </Space>
      }
    >
      {error && <QueryError error={error} />}
      <Table<Booking>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}

type FacilityForm = {
  unitId: number;
  name: string;
  kind: FacilityKind;
  capacity: number;
  address?: string;
  hours: string[];
  blackoutDates: string[];
  needsApproval: boolean;
  communityIds?: number[];
  note?: string;
  closed?: boolean;
};

const RANGE = /^\s*(\d{2}:\d{2})\s*[-–—~]\s*(\d{2}:\d{2})\s*$/;
/** "08:00-12:00,14:00-18:00" → ranges; undefined when a part is not a range. */
function parseDay(text: string | undefined) {
  const parts = (text ?? '').split(/[,，、;；]/).filter((p) => p.trim());
  const ranges = parts.map((p) => RANGE.exec(p)).map((m) => (m ? { from: m[1] as string, to: m[2] as string } : null));
  return ranges.every((r) => r !== null) ? (ranges as { from: string; to: string }[]) : undefined;
}

function FacilityModal({ facility, liaison, onClose }: { facility?: Facility; liaison: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FacilityForm>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useQuery({ ...unitChoicesQuery(liaison), enabled: !facility });
  const save = useMutation({
    mutationFn: async (v: FacilityForm) => {
      const openingHours = v.hours.map((d) => parseDay(d) ?? []);
      const own = facility?.communities[0]?.id;
      const body = {
        name: v.name,
        kind: v.kind,
        capacity: v.capacity,
        address: v.address || null,
        openingHours,
        blackoutDates: v.blackoutDates ?? [],
        needsApproval: v.needsApproval,
        note: v.note || null,
        communityIds: (v.communityIds ?? []).filter((c) => c !== own),
      };
      return facility
        ? updateFacility(facility.id, { ...body, closed: v.closed })
        : createFacility({ ...body, unitId: v.unitId });
    },
    onSuccess: async () => {
      message.success(t.form.saved);
      await queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
      onClose();
    },
    onError,
  });
  const initial: Partial<FacilityForm> = facility
    ? {
        name: facility.name,
        kind: facility.kind,
        capacity: facility.capacity,
        address: facility.address ?? undefined,
        hours: facility.openingHours.map((d) => d.map((r) => `${r.from}-${r.to}`).join(',')),
        blackoutDates: facility.blackoutDates,
        needsApproval: facility.needsApproval,
        communityIds: facility.communities.map((c) => c.id),
        note: facility.note ?? undefined,
        closed: Boolean(facility.closedOn),
      }
    : {
        kind: 'gym',
        capacity: 50,
        hours: Array.from({ length: 7 }, () => '08:00-18:00'),
        blackoutDates: [],
        needsApproval: false,
      };
  return (
    <Modal
      open
      title={facility ? `${t.edit} ${facility.name}` : t.create}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<FacilityForm> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {!facility && (
          <Form.Item name="unitId" label={t.form.unit} rules={[{ required: true, message: '请选择驻区单位' }]}>
            <Select
              loading={units.isFetching}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.orgName}）` }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="name" label={t.form.name} rules={[{ required: true, message: '请填写设施名称' }]}>
            <Input maxLength={50} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="kind" label={t.form.kind}>
            <Select
              style={{ width: 120 }}
              options={FACILITY_KINDS.map((k) => ({ value: k, label: FACILITY_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="capacity" label={t.form.capacity} rules={[{ required: true, message: '请填写容纳人数' }]}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t.form.address}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t.form.hours} required>
          {WEEKDAY_LABELS.map((label, i) => (
            <Form.Item
              key={label}
              name={['hours', i]}
              noStyle
              rules={[
                {
                  validator: async (_, v?: string) =>
                    parseDay(v) ? undefined : Promise.reject(new Error(t.form.badHours)),
                },
              ]}
            >
              <Input addonBefore={label} placeholder="08:00-12:00,14:00-18:00" style={{ marginBottom: 4 }} />
            </Form.Item>
          ))}
        </Form.Item>
        <Form.Item name="blackoutDates" label={t.form.blackout} extra={t.form.blackoutHint}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
        </Form.Item>
        <Form.Item name="communityIds" label={t.form.communities}>
          <CommunitiesSelect />
        </Form.Item>
        <Space>
          <Form.Item name="needsApproval" label={t.form.needsApproval} valuePropName="checked">
            <Switch />
          </Form.Item>
          {facility && (
            <Form.Item name="closed" label={t.form.closed} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="note" label={t.form.note}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Community ids one at a time from the tree (the unit's street's communities are accepted by the server). */
function CommunitiesSelect({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const [adding, setAdding] = useState<number>();
  return (
    <Space wrap>
      <Select<number[]>
        mode="multiple"
        value={value}
        onChange={onChange}
        open={false}
        style={{ minWidth: 200 }}
        options={(value ?? []).map((v) => ({ value: v, label: `#${v}` }))}
      />
      <div style={{ width: 240 }}>
        <OrgTreeSelect
          value={adding}
          onChange={(v) => {
            setAdding(undefined);
            if (typeof v === 'number' && !(value ?? []).includes(v)) onChange?.([...(value ?? []), v]);
          }}
          placeholder="添加社区"
        />
      </div>
    </Space>
  );
}

type BookForm = {
  orgId?: number;
  date: dayjs.Dayjs;
  from: string;
  to: string;
  purpose: string;
  headcount?: number;
  contactName?: string;
  contactPhone?: string;
};

const HALF_HOURS = Array.from(
  { length: 49 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);

function BookModal({ facility, onClose }: { facility: Facility; onClose: () => void }) {
  const [form] = Form.useForm<BookForm>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: BookForm) =>
      bookSlot({
        facilityId: facility.id,
        orgId: v.orgId,
        date: v.date.format('YYYY-MM-DD'),
        from: v.from,
        to: v.to,
        purpose: v.purpose,
        headcount: v.headcount ?? null,
        contactName: v.contactName || null,
        contactPhone: v.contactPhone || null,
      }),
    onSuccess: async (b) => {
      message.success(b.status === 'pending' ? t.bookForm.pending : t.bookForm.done);
      await queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
      onClose();
    },
    onError,
  });
  const times = HALF_HOURS.map((h) => ({ value: h, label: h === '24:00' ? '24:00' : h }));
  return (
    <Modal
      open
      title={`${t.bookForm.title} · ${facility.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<BookForm>
        form={form}
        layout="vertical"
        initialValues={{ orgId: facility.communities[0]?.id, date: dayjs().add(1, 'day') }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="orgId" label={t.bookForm.community} rules={[{ required: true, message: '请选择社区' }]}>
          <Select options={facility.communities.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="date" label={t.bookForm.date} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="from" label={t.bookForm.from} rules={[{ required: true, message: '请选择开始时间' }]}>
            <Select style={{ width: 100 }} options={times} showSearch />
          </Form.Item>
          <Form.Item name="to" label={t.bookForm.to} rules={[{ required: true, message: '请选择结束时间' }]}>
            <Select style={{ width: 100 }} options={times} showSearch />
          </Form.Item>
        </Space>
        <Form.Item name="purpose" label={t.bookForm.purpose} rules={[{ required: true, message: '请填写用途' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="headcount" label={t.bookForm.headcount}>
            <InputNumber min={1} max={facility.capacity} />
          </Form.Item>
          <Form.Item name="contactName" label={t.bookForm.contactName}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t.bookForm.contactPhone}>
            <Input maxLength={11} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
