import {
  addDays,
  chinaToday,
  JOINT_MEETING_STATUS_LABELS,
  OUTCOME_KIND_LABELS,
  OUTCOME_KINDS,
  type OutcomeKind,
  TASK_STATE_LABELS,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  addOutcome,
  createJointMeeting,
  deleteJointMeeting,
  deleteOutcome,
  invitableQuery,
  JOINT_KEY,
  type JointMeeting,
  type JointOutcome,
  jointMeetingQuery,
  markAttendance,
  markHeld,
  minutesUrl,
  updateJointMeeting,
} from '../../api/joint-meetings';
import { useCan, useMe } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { dateFieldProps } from '../members/date-field';
import { jointText } from './joint-meetings.text';

const t = jointText;

/** `/joint-meetings/new` or `/joint-meetings/:id`: the plan, then the page used during the meeting. */
export function JointMeetingPage() {
  const { id } = useParams();
  const meetingId = id && id !== 'new' ? Number(id) : undefined;
  const { data, error } = useQuery({ ...jointMeetingQuery(meetingId ?? 0), enabled: meetingId !== undefined });
  if (meetingId === undefined) return <MeetingForm />;
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  return <MeetingRoom meeting={data} />;
}

type Values = {
  orgId?: number;
  title: string;
  heldOn: string;
  startTime: string;
  endTime?: string;
  place: string;
  hostName?: string;
  agenda?: string;
  unitIds?: number[];
  hostAttendees?: string;
  minutes?: string;
};

const bodyOf = (v: Values) => ({
  title: v.title,
  heldOn: v.heldOn,
  startTime: v.startTime,
  endTime: v.endTime || null,
  place: v.place,
  hostName: v.hostName || null,
  agenda: (v.agenda ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean),
  unitIds: v.unitIds ?? [],
  hostAttendees: v.hostAttendees || null,
  minutes: v.minutes || null,
});

const valuesOf = (m: JointMeeting): Values => ({
  orgId: m.orgId,
  title: m.title,
  heldOn: m.heldOn,
  startTime: m.startTime,
  endTime: m.endTime ?? undefined,
  place: m.place,
  hostName: m.hostName ?? undefined,
  agenda: m.agenda.join('\n'),
  unitIds: m.units.map((u) => u.unitId),
  hostAttendees: m.hostAttendees ?? undefined,
  minutes: m.minutes ?? undefined,
});

/** The plan of a meeting: when, where, the agenda and the units invited. */
function MeetingForm({ meeting, onDone }: { meeting?: JointMeeting; onDone?: () => void }) {
  const { data: me } = useMe();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onError = useFormError(form);
  const [orgId, setOrgId] = useState<number | undefined>(meeting?.orgId ?? (Number(search.get('orgId')) || me?.org.id));
  const units = useQuery({ ...invitableQuery(orgId ?? 0), enabled: orgId !== undefined });
  const save = useMutation({
    mutationFn: (v: Values) =>
      meeting
        ? updateJointMeeting(meeting.id, bodyOf(v))
        : createJointMeeting({ orgId: orgId as number, ...bodyOf(v) }),
    onSuccess: async (saved) => {
      message.success(t.form.saved);
      queryClient.setQueryData(jointMeetingQuery(saved.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: [...JOINT_KEY, 'list'] });
      if (meeting) onDone?.();
      else navigate(`/joint-meetings/${saved.id}`, { replace: true });
    },
    onError,
  });
  const initial: Values = meeting
    ? valuesOf(meeting)
    : { title: t.form.defaultName, heldOn: chinaToday(), startTime: '09:30', place: '', unitIds: [] };
  return (
    <Card title={meeting ? t.form.edit : t.form.newTitle}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 760 }}
      >
        {!meeting && (
          <Form.Item label={t.form.org} required>
            <OrgTreeSelect value={orgId} onChange={(id) => setOrgId(id)} placeholder={me?.org.name} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t.form.name} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="heldOn" label={t.form.heldOn} rules={[{ required: true }]} {...dateFieldProps}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="startTime" label={t.form.startTime} rules={[{ required: true, pattern: /^\d{2}:\d{2}$/ }]}>
            <Input style={{ width: 100 }} placeholder="09:30" />
          </Form.Item>
          <Form.Item name="endTime" label={t.form.endTime} rules={[{ pattern: /^\d{2}:\d{2}$/ }]}>
            <Input style={{ width: 100 }} placeholder="11:00" />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t.form.place} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="hostName" label={t.form.hostName}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="agenda" label={t.form.agenda}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="unitIds" label={t.form.units}>
          <Select
            mode="multiple"
            loading={units.isLoading}
            optionFilterProp="label"
            options={(units.data?.items ?? []).map((u) => ({ value: u.unitId, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="hostAttendees" label={t.form.hostAttendees}>
          <Input maxLength={1000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t.form.save}
          </Button>
          {meeting && <Button onClick={onDone}>{t.form.cancel}</Button>}
        </Space>
      </Form>
    </Card>
  );
}

/** The page that works during the meeting: attendance ticks and outcomes go to the server one by one. */
function MeetingRoom({ meeting }: { meeting: JointMeeting }) {
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canWrite = useCan('cobuild.write');
  const onError = useFormError(undefined);
  const put = (saved: JointMeeting) => queryClient.setQueryData(jointMeetingQuery(saved.id).queryKey, saved);
  const held = useMutation({
    mutationFn: () => markHeld(meeting.id),
    onSuccess: (saved) => {
      put(saved);
      message.success(t.meeting.heldDone);
      void queryClient.invalidateQueries({ queryKey: [...JOINT_KEY, 'list'] });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deleteJointMeeting(meeting.id),
    onSuccess: async () => {
      message.success(t.form.removed);
      await queryClient.invalidateQueries({ queryKey: [...JOINT_KEY, 'list'] });
      navigate('/joint-meetings');
    },
    onError,
  });
  if (editing) return <MeetingForm meeting={meeting} onDone={() => setEditing(false)} />;
  const writable = canWrite && meeting.begun;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {meeting.title}
            <Tag color={meeting.status === 'held' ? 'green' : 'blue'}>
              {JOINT_MEETING_STATUS_LABELS[meeting.status]}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button href={minutesUrl(meeting.id)} target="_blank">
              {t.meeting.print}
            </Button>
            {canWrite && <Button onClick={() => setEditing(true)}>{t.form.edit}</Button>}
            {canWrite && meeting.status === 'planned' && meeting.begun && (
              <Popconfirm title={t.meeting.heldConfirm} onConfirm={() => held.mutate()}>
                <Button type="primary">{t.meeting.held}</Button>
              </Popconfirm>
            )}
            {canWrite && meeting.status === 'planned' && meeting.outcomes.length === 0 && (
              <Popconfirm title={t.form.removeConfirm} onConfirm={() => remove.mutate()}>
                <Button danger>{t.form.remove}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Typography.Paragraph>
          {meeting.orgName} · {meeting.heldOn} {meeting.startTime}
          {meeting.endTime ? `—${meeting.endTime}` : ''} · {meeting.place}
          {meeting.hostName ? ` · ${t.form.hostName}：${meeting.hostName}` : ''}
        </Typography.Paragraph>
        {!meeting.begun && <Alert type="info" showIcon title={t.meeting.notBegun} />}
        <Typography.Title level={5}>{t.meeting.agenda}</Typography.Title>
        {meeting.carried.length > 0 && (
          <div data-testid="carried">
            <Typography.Text strong>{t.meeting.carried}</Typography.Text>
            <ul>
              {meeting.carried.map((c) => (
                <li key={c.id}>
                  {c.text}（{c.ownerName}，{t.meeting.due}
                  {c.dueOn}）{c.overdue && <Tag color="red">{t.meeting.overdue}</Tag>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {meeting.agenda.length ? (
          <ol>
            {meeting.agenda.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
        ) : (
          meeting.carried.length === 0 && <Typography.Text type="secondary">{t.meeting.noAgenda}</Typography.Text>
        )}
      </Card>
      <AttendanceCard meeting={meeting} writable={writable} onSaved={put} />
      <OutcomesCard meeting={meeting} writable={writable} onSaved={put} />
      <MinutesCard meeting={meeting} writable={canWrite} onSaved={put} />
    </Space>
  );
}

type CardProps = { meeting: JointMeeting; writable: boolean; onSaved: (m: JointMeeting) => void };
type UnitRow = JointMeeting['units'][number];

function AttendanceCard({ meeting, writable, onSaved }: CardProps) {
  const onError = useFormError(undefined);
  const [names, setNames] = useState<Record<number, string>>(() =>
    Object.fromEntries(meeting.units.map((u) => [u.unitId, u.attendees ?? ''])),
  );
  const mark = useMutation({
    mutationFn: (v: { unitId: number; present: boolean | null; attendees: string | null }) =>
      markAttendance(meeting.id, v),
    onSuccess: onSaved,
    onError,
  });
  const columns: TableColumnsType<UnitRow> = [
    { title: t.meeting.unit, dataIndex: 'name' },
    {
      title: t.meeting.present,
      key: 'present',
      width: 90,
      render: (_, u) => (
        <Checkbox
          aria-label={`${u.name}${t.meeting.present}`}
          checked={u.present === true}
          disabled={!writable}
          onChange={(e) =>
            mark.mutate({ unitId: u.unitId, present: e.target.checked, attendees: names[u.unitId] || null })
          }
        />
      ),
    },
    {
      title: t.meeting.attendees,
      key: 'attendees',
      render: (_, u) => (
        <Input
          aria-label={`${u.name}${t.meeting.attendees}`}
          placeholder={t.meeting.attendeesPlaceholder}
          disabled={!writable}
          value={names[u.unitId] ?? ''}
          onChange={(e) => setNames((n) => ({ ...n, [u.unitId]: e.target.value }))}
          onBlur={() => {
            const value = names[u.unitId] || null;
            if (value !== u.attendees)
              mark.mutate({ unitId: u.unitId, present: value ? true : u.present, attendees: value });
          }}
        />
      ),
    },
  ];
  return (
    <Card title={`${t.meeting.attendance}（${meeting.present}/${meeting.invited}）`}>
      <Table<UnitRow>
        rowKey="unitId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={meeting.units}
        locale={{ emptyText: t.meeting.noUnits }}
      />
    </Card>
  );
}

type OutcomeValues = { kind: OutcomeKind; text: string; owner?: string; dueOn?: string };

function OutcomesCard({ meeting, writable, onSaved }: CardProps) {
  const [form] = Form.useForm<OutcomeValues>();
  const onError = useFormError(form, { ownerUnitId: 'owner', ownerOrgId: 'owner' });
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form) ?? 'decision';
  const add = useMutation({
    mutationFn: (v: OutcomeValues) => {
      const task = v.kind === 'task';
      const [type, id] = (v.owner ?? '').split(':');
      return addOutcome(meeting.id, {
        kind: v.kind,
        text: v.text,
        ...(task && {
          dueOn: v.dueOn ?? null,
          ownerUnitId: type === 'unit' ? Number(id) : null,
          ownerOrgId: type === 'org' ? Number(id) : null,
        }),
      });
    },
    onSuccess: (saved) => {
      onSaved(saved);
      message.success(t.meeting.added);
      form.setFieldsValue({ text: '' });
    },
    onError,
  });
  const remove = useMutation({ mutationFn: (id: number) => deleteOutcome(id), onSuccess: onSaved, onError });
  const columns: TableColumnsType<JointOutcome> = [
    { title: t.meeting.kind, dataIndex: 'kind', width: 70, render: (k: OutcomeKind) => OUTCOME_KIND_LABELS[k] },
    { title: t.meeting.text, dataIndex: 'text' },
    { title: t.meeting.owner, dataIndex: 'ownerName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: t.meeting.due, dataIndex: 'dueOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t.meeting.state,
      key: 'state',
      width: 100,
      render: (_, o) =>
        o.state ? (
          <Tag color={o.state === 'overdue' ? 'red' : o.state === 'open' ? 'blue' : 'green'}>
            {TASK_STATE_LABELS[o.state]}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 70,
      render: (_, o) =>
        writable && o.progress.length === 0 ? (
          <Button type="link" size="small" onClick={() => remove.mutate(o.id)}>
            {t.meeting.remove}
          </Button>
        ) : null,
    },
  ];
  const owners = [
    { value: `org:${meeting.orgId}`, label: `${meeting.orgName}${t.meeting.community}` },
    ...meeting.units.map((u) => ({ value: `unit:${u.unitId}`, label: u.name })),
  ];
  return (
    <Card title={t.meeting.outcomes}>
      <Table<JointOutcome>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={meeting.outcomes}
        style={{ marginBottom: 16 }}
      />
      {writable && (
        <Form<OutcomeValues>
          form={form}
          layout="inline"
          initialValues={{ kind: 'decision', dueOn: addDays(meeting.heldOn, 14) }}
          onFinish={(v) => add.mutate(v)}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="kind">
            <Radio.Group
              optionType="button"
              options={OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t.meeting.textPlaceholder }]}>
            <Input aria-label={t.meeting.text} placeholder={t.meeting.textPlaceholder} style={{ width: 320 }} />
          </Form.Item>
          {kind === 'task' && (
            <>
              <Form.Item name="owner" rules={[{ required: true, message: t.meeting.ownerPlaceholder }]}>
                <Select
                  aria-label={t.meeting.owner}
                  placeholder={t.meeting.ownerPlaceholder}
                  style={{ width: 220 }}
                  options={owners}
                />
              </Form.Item>
              <Form.Item name="dueOn" {...dateFieldProps}>
                <DatePicker aria-label={t.meeting.due} allowClear={false} />
              </Form.Item>
            </>
          )}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t.meeting.add}
            </Button>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}

function MinutesCard({ meeting, writable, onSaved }: CardProps) {
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const onError = useFormError(undefined);
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: () => updateJointMeeting(meeting.id, { ...bodyOf(valuesOf(meeting)), minutes: minutes || null }),
    onSuccess: (saved) => {
      onSaved(saved);
      message.success(t.form.saved);
    },
    onError,
  });
  return (
    <Card
      title={t.form.minutes}
      extra={
        writable && (
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t.meeting.minutesSave}
          </Button>
        )
      }
    >
      <Input.TextArea
        aria-label={t.form.minutes}
        value={minutes}
        readOnly={!writable}
        onChange={(e) => setMinutes(e.target.value)}
        autoSize={{ minRows: 4 }}
      />
    </Card>
  );
}
