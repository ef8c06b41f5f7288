import {
  ACTIVITY_PHASE_LABELS,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  type ActivityPhase,
  type ActivityType,
  chinaDateTime,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Calendar,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type Activity,
  activitiesQuery,
  type ActivityInput,
  createActivity,
  teamsQuery,
  VOLUNTEERS_KEY,
} from '../../api/volunteers';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { vt } from './volunteers.text';

const t = vt.activities;
const PHASE_COLORS: Record<ActivityPhase, string> = {
  draft: 'default',
  open: 'green',
  closed: 'gold',
  under_way: 'blue',
  finished: 'purple',
  cancelled: 'default',
  confirmed: 'cyan',
};
export const PhaseTag = ({ phase }: { phase: ActivityPhase }) => (
  <Tag color={PHASE_COLORS[phase]}>{ACTIVITY_PHASE_LABELS[phase]}</Tag>
);
const typeOptions = ACTIVITY_TYPES.map((v) => ({ value: v, label: ACTIVITY_TYPE_LABELS[v] }));

/** 志愿服务活动: the scope's activities as a list or a month's calendar, and publishing a new one. */
export function ActivitiesPage() {
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [type, setType] = useState<ActivityType | undefined>();
  const [month, setMonth] = useState(dayjs());
  const [creating, setCreating] = useState(false);
  const canWrite = useCan('volunteer.write');
  const navigate = useNavigate();
  const filter = { q: q || undefined, type };
  const list = useQuery({ ...activitiesQuery({ ...filter, page, pageSize: 20 }), enabled: view === 'list' });
  const monthQuery = useQuery({
    ...activitiesQuery({
      ...filter,
      from: month.startOf('month').format('YYYY-MM-DD'),
      to: month.endOf('month').format('YYYY-MM-DD'),
      page: 1,
      pageSize: 200,
    }),
    enabled: view === 'calendar',
  });
  const columns: TableColumnsType<Activity> = [
    {
      title: t.column.title,
      dataIndex: 'title',
      render: (v: string, a) => <Link to={`/volunteers/activities/${a.id}`}>{v}</Link>,
    },
    { title: t.column.type, dataIndex: 'type', width: 100, render: (v: ActivityType) => ACTIVITY_TYPE_LABELS[v] },
    {
      title: t.column.org,
      dataIndex: 'orgName',
      ellipsis: true,
      render: (v: string, a) => (a.teamName ? `${v} · ${a.teamName}` : v),
    },
    {
      title: t.column.time,
      key: 'time',
      width: 190,
      render: (_, a) => `${chinaDateTime(a.startsAt)}–${chinaDateTime(a.endsAt).slice(11)}`,
    },
    { title: t.column.place, dataIndex: 'place', ellipsis: true },
    {
      title: t.column.places,
      key: 'places',
      width: 100,
      render: (_, a) => `${a.signedUp}/${a.capacity ?? t.unlimited}${a.waiting ? ` +${a.waiting}` : ''}`,
    },
    { title: t.column.phase, dataIndex: 'phase', width: 100, render: (v: ActivityPhase) => <PhaseTag phase={v} /> },
  ];
  const byDay = new Map<string, Activity[]>();
  for (const a of monthQuery.data?.items ?? []) {
    const day = chinaDateTime(a.startsAt).slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), a]);
  }
  return (
    <Card
      title={t.title}
      extra={
        <Space>
          <ExportButton path="/api/volunteers/activities/export" query={filter} label={t.export} />
          {canWrite && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t.create}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t.search}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t.allTypes}
          options={typeOptions}
          value={type}
          onChange={(v: ActivityType | undefined) => {
            setType(v);
            setPage(1);
          }}
          style={{ width: 160 }}
        />
      </Space>
      <Tabs
        activeKey={view}
        onChange={(k) => setView(k as 'list' | 'calendar')}
        items={[
          { key: 'list', label: t.list },
          { key: 'calendar', label: t.calendar },
        ]}
      />
      {view === 'list' ? (
        <>
          {list.error && <QueryError error={list.error} />}
          <Table<Activity>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
          />
        </>
      ) : (
        <>
          {monthQuery.error && <QueryError error={monthQuery.error} />}
          <Calendar
            value={month}
            onPanelChange={(d) => setMonth(d)}
            onSelect={(d, info) => info.source !== 'date' && setMonth(d)}
            cellRender={(d: Dayjs, info) =>
              info.type === 'date' ? (
                <div>
                  {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map((a) => (
                    <div key={a.id}>
                      <Badge
                        status={
                          a.phase === 'cancelled' ? 'default' : a.phase === 'confirmed' ? 'success' : 'processing'
                        }
                        text={
                          <a onClick={() => void navigate(`/volunteers/activities/${a.id}`)}>
                            {chinaDateTime(a.startsAt).slice(11)} {a.title}
                          </a>
                        }
                      />
                    </div>
                  ))}
                </div>
              ) : (
                info.originNode
              )
            }
          />
        </>
      )}
      {creating && <ActivityModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

type FormValues = {
  orgId: number;
  teamId?: number;
  title: string;
  type: ActivityType;
  time: [Dayjs, Dayjs];
  signupDeadline: Dayjs;
  place: string;
  capacity?: number | null;
  cohostOrgId?: number;
  tags?: string[];
  description?: string;
};

function ActivityModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const onError = useFormError(form, { startsAt: 'time', endsAt: 'time' });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const orgId = Form.useWatch('orgId', form);
  const teams = useQuery({ ...teamsQuery({ orgId }), enabled: orgId !== undefined });
  const save = useMutation({
    mutationFn: ({ values, publish }: { values: FormValues; publish: boolean }) => {
      const body: ActivityInput = {
        orgId: values.orgId,
        teamId: values.teamId ?? null,
        title: values.title,
        type: values.type,
        startsAt: values.time[0].format(),
        endsAt: values.time[1].format(),
        signupDeadline: values.signupDeadline.format(),
        place: values.place,
        capacity: values.capacity ?? null,
        tags: values.tags ?? [],
        cohostOrgId: values.cohostOrgId ?? null,
        description: values.description || null,
        publish,
      };
      return createActivity(body);
    },
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      onClose();
      void navigate(`/volunteers/activities/${a.id}`);
    },
    onError,
  });
  const submit = (publish: boolean) =>
    void form.validateFields().then(
      (values) => save.mutate({ values, publish }),
      () => undefined,
    );
  return (
    <Modal
      open
      title={vt.form.title}
      onCancel={onClose}
      width={640}
      footer={[
        <Button key="draft" onClick={() => submit(false)} loading={save.isPending}>
          {vt.form.draft}
        </Button>,
        <Button key="publish" type="primary" onClick={() => submit(true)} loading={save.isPending}>
          {vt.form.publish}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="orgId" label={vt.form.org} rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="teamId" label={vt.form.team}>
          <Select
            allowClear
            options={(teams.data?.items ?? [])
              .filter((x) => x.orgId === orgId)
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={vt.form.name} rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="type" label={vt.form.type} rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={typeOptions} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="capacity" label={vt.form.capacity}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="time" label={vt.form.time} rules={[{ required: true, message: '请选择活动时间' }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={[vt.form.start, vt.form.end]}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="signupDeadline"
          label={vt.form.deadline}
          rules={[{ required: true, message: '请选择报名截止时间' }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={vt.form.deadline}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="place" label={vt.form.place} rules={[{ required: true, message: '请填写地点' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="cohostOrgId" label={vt.form.cohost}>
          <OrgTreeSelect placeholder={vt.form.cohostHint} />
        </Form.Item>
        <Form.Item name="tags" label={vt.form.tags}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="description" label={vt.form.description}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
