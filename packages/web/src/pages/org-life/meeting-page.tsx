import {
  ABSENCE_REASON_LABELS,
  ABSENCE_REASONS,
  type AbsenceReason,
  chinaToday,
  MEETING_STATUS_LABELS,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  type MeetingType,
  meetingVotes,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import {
  type AttendanceMark,
  correctMeeting,
  createMeeting,
  deleteMeeting,
  expectedQuery,
  finaliseMeeting,
  type Meeting,
  meetingQuery,
  ORG_LIFE_KEY,
  updateMeeting,
} from '../../api/org-life';
import { useCan, useMe } from '../../auth/use-me';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { dateFieldProps } from '../members/date-field';
import { MeetingAttachments } from './meeting-attachments';
import { orgLifeText } from './org-life.text';

const t = orgLifeText.form;

type Row = {
  memberId: number;
  name: string;
  voting: boolean;
  leaveReason?: AbsenceReason | null;
  leaveNote?: string | null;
};
type Mark = {
  status: 'present' | 'absent' | null;
  absenceReason?: AbsenceReason | null;
  absenceNote?: string | null;
  absenceJustified?: boolean;
};
type Values = {
  orgId?: number;
  type?: MeetingType;
  heldOn: string;
  startTime: string;
  endTime?: string;
  online: boolean;
  place?: string;
  hostName?: string;
  topic: string;
  minutes?: string;
  decisions?: string;
  guests?: string;
  votes?: { subject: string; result: string }[];
  reason?: string;
};

/** `/org-life/meetings/new` or `/org-life/meetings/:id`: the record form with the expected attendees to tick. */
export function MeetingPage() {
  const { id } = useParams();
  const meetingId = id && id !== 'new' ? Number(id) : undefined;
  const { data, error } = useQuery({ ...meetingQuery(meetingId ?? 0), enabled: meetingId !== undefined });
  if (meetingId === undefined) return <MeetingForm />;
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  return <MeetingForm key={`${data.id}:${data.revision}:${data.status}`} meeting={data} />;
}

function MeetingForm({ meeting }: { meeting?: Meeting }) {
  const { data: me } = useMe();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const canWrite = useCan('orglife.write');
  const [form] = Form.useForm<Values>();
  const onError = useFormError(form);
  const [orgId, setOrgId] = useState<number | undefined>(meeting?.orgId ?? (Number(search.get('orgId')) || me?.org.id));
  const [type, setType] = useState<MeetingType>(meeting?.type ?? 'general_assembly');
  const expected = useQuery({ ...expectedQuery(orgId ?? 0, type), enabled: !meeting && orgId !== undefined });
  const rows: Row[] = useMemo(
    () => meeting?.attendees ?? expected.data?.items ?? [],
    [meeting?.attendees, expected.data?.items],
  );
  const [marks, setMarks] = useState<Record<number, Mark>>(() =>
    Object.fromEntries(
      (meeting?.attendees ?? []).map((a) => [
        a.memberId,
        {
          status: a.status,
          absenceReason: a.absenceReason,
          absenceNote: a.absenceNote,
          absenceJustified: a.absenceReason === 'other' && a.absenceJustified,
        },
      ]),
    ),
  );
  const final = meeting?.status === 'final';
  const votes = meetingVotes(type);

  const mark = (memberId: number, change: Partial<Mark>) =>
    setMarks((m) => ({ ...m, [memberId]: { status: null, ...m[memberId], ...change } }));
  const allPresent = () =>
    setMarks(
      (m) =>
        Object.fromEntries(
          rows.map((r) => [r.memberId, m[r.memberId]?.status ? m[r.memberId] : { status: 'present' }]),
        ) as Record<number, Mark>,
    );

  const attendance = (): AttendanceMark[] =>
    rows
      .filter((r) => marks[r.memberId]?.status)
      .map((r) => {
        const m = marks[r.memberId] as Mark;
        return {
          memberId: r.memberId,
          status: m.status,
          ...(m.status === 'absent' && {
            absenceReason: m.absenceReason ?? null,
            absenceNote: m.absenceNote || null,
            ...(m.absenceReason === 'other' && { absenceJustified: m.absenceJustified === true }),
          }),
        };
      });
  const body = (v: Values) => ({
    heldOn: v.heldOn,
    startTime: v.startTime,
    endTime: v.endTime || null,
    online: v.online,
    place: v.place || null,
    hostName: v.hostName || null,
    topic: v.topic,
    minutes: v.minutes || null,
    decisions: v.decisions || null,
    guests: v.guests || null,
    votes: votes ? (v.votes ?? []).filter((x) => x?.subject) : [],
    attendance: attendance(),
  });

  const save = useMutation({
    mutationFn: async ({ values, then }: { values: Values; then: 'save' | 'finalise' | 'correct' }) => {
      if (then === 'correct' && meeting)
        return correctMeeting(meeting.id, { ...body(values), reason: values.reason ?? '' });
      const saved = meeting
        ? await updateMeeting(meeting.id, body(values))
        : await createMeeting({ orgId: orgId as number, type, ...body(values) });
      return then === 'finalise' ? finaliseMeeting(saved.id) : saved;
    },
    onSuccess: async (saved, { then }) => {
      message.success(then === 'finalise' ? t.finalised : then === 'correct' ? t.correctedDone : t.saved);
      await queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY });
      queryClient.setQueryData(meetingQuery(saved.id).queryKey, saved);
      if (!meeting) navigate(`/org-life/meetings/${saved.id}`, { replace: true });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deleteMeeting(meeting?.id as number),
    onSuccess: async () => {
      message.success(t.removed);
      await queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY });
      navigate('/org-life/meetings');
    },
    onError,
  });
  const submit = (then: 'save' | 'finalise' | 'correct') =>
    form
      .validateFields()
      .then((values) => save.mutate({ values, then }))
      .catch(() => undefined);

  const columns: TableColumnsType<Row> = [
    {
      title: '姓名',
      key: 'name',
      width: 220,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.name}
          {!r.voting && <Tag>{t.probationary}</Tag>}
          {r.leaveReason && (
            <Tag color="orange">{t.leave(ABSENCE_REASON_LABELS[r.leaveReason], r.leaveNote ?? null)}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t.attendance,
      key: 'status',
      width: 170,
      render: (_, r) => (
        <Radio.Group
          aria-label={`${r.name}${t.attendance}`}
          disabled={!canWrite}
          value={marks[r.memberId]?.status ?? undefined}
          onChange={(e) =>
            mark(r.memberId, {
              status: e.target.value,
              ...(e.target.value === 'absent' && r.leaveReason && { absenceReason: r.leaveReason }),
            })
          }
          options={[
            { value: 'present', label: t.present },
            { value: 'absent', label: t.absent },
          ]}
        />
      ),
    },
    {
      title: t.absenceReason,
      key: 'reason',
      width: 220,
      render: (_, r) =>
        marks[r.memberId]?.status === 'absent' && (
          <Space size={4} wrap>
            <Select<AbsenceReason>
              aria-label={`${r.name}${t.absenceReason}`}
              style={{ width: 110 }}
              value={marks[r.memberId]?.absenceReason ?? undefined}
              onChange={(v) => mark(r.memberId, { absenceReason: v })}
              options={ABSENCE_REASONS.map((v) => ({ value: v, label: ABSENCE_REASON_LABELS[v] }))}
            />
            {marks[r.memberId]?.absenceReason === 'other' && (
              <Checkbox
                aria-label={`${r.name}${t.justified}`}
                title={t.justifiedHint}
                checked={marks[r.memberId]?.absenceJustified === true}
                onChange={(e) => mark(r.memberId, { absenceJustified: e.target.checked })}
              >
                {t.justified}
              </Checkbox>
            )}
          </Space>
        ),
    },
    {
      title: t.absenceNote,
      key: 'note',
      render: (_, r) =>
        marks[r.memberId]?.status === 'absent' && (
          <Input
            aria-label={`${r.name}${t.absenceNote}`}
            value={marks[r.memberId]?.absenceNote ?? ''}
            maxLength={200}
            onChange={(e) => mark(r.memberId, { absenceNote: e.target.value })}
          />
        ),
    },
  ];

  const marked = rows.filter((r) => marks[r.memberId]?.status).length;
  const present = rows.filter((r) => marks[r.memberId]?.status === 'present').length;
  const heldOn = Form.useWatch('heldOn', form);
  const future = typeof heldOn === 'string' && heldOn > chinaToday();

  return (
    <Card
      title={
        <Space>
          {meeting ? `${t.title}：${meeting.orgName}` : t.newTitle}
          {meeting && <Tag color={final ? 'green' : 'default'}>{MEETING_STATUS_LABELS[meeting.status]}</Tag>}
        </Space>
      }
    >
      {final && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t.finalHint} />}
      {!final && future && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t.futureHint} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!canWrite}
        initialValues={{
          heldOn: meeting?.heldOn ?? chinaToday(),
          startTime: meeting?.startTime ?? '',
          endTime: meeting?.endTime ?? '',
          online: meeting?.online ?? false,
          place: meeting?.place ?? '',
          hostName: meeting?.hostName ?? '',
          topic: meeting?.topic ?? '',
          minutes: meeting?.minutes ?? '',
          decisions: meeting?.decisions ?? '',
          guests: meeting?.guests ?? '',
          votes: meeting?.votes ?? [],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t.org} required>
              {meeting ? (
                <Input value={meeting.orgName} disabled />
              ) : (
                <OrgTreeSelect value={orgId} placeholder={me?.org.name} onChange={(v) => setOrgId(v)} />
              )}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t.type} required>
              <Select<MeetingType>
                aria-label={t.type}
                value={type}
                disabled={Boolean(meeting)}
                onChange={setType}
                options={MEETING_TYPES.map((v) => ({ value: v, label: MEETING_TYPE_LABELS[v] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t.heldOn} name="heldOn" rules={[{ required: true }]} {...dateFieldProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              label={t.startTime}
              name="startTime"
              rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '时间格式应为HH:MM' }]}
            >
              <Input placeholder="19:30" maxLength={5} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              label={t.endTime}
              name="endTime"
              rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '时间格式应为HH:MM' }]}
            >
              <Input placeholder="21:00" maxLength={5} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t.place} name="place">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label=" " name="online" valuePropName="checked">
              <Checkbox>{t.online}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t.hostName} name="hostName">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t.topic} name="topic" rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>
          {t.attendance}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 12 }}>
            {t.counts(rows.length, present)}
            {meeting?.quorumNeeded != null &&
              `；${t.quorum(meeting.votingExpected, meeting.votingPresent, meeting.quorumNeeded)}`}
          </Typography.Text>
        </Typography.Title>
        {canWrite && !future && (
          <Button style={{ marginBottom: 8 }} onClick={allPresent} disabled={marked === rows.length && rows.length > 0}>
            {t.allPresent}
          </Button>
        )}
        {expected.error && <QueryError error={expected.error} />}
        <Table<Row>
          rowKey="memberId"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          loading={expected.isFetching}
          locale={{ emptyText: t.noExpected }}
          style={{ marginBottom: 16 }}
        />

        <Form.Item label={t.minutes} name="minutes">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
        </Form.Item>
        <Form.Item label={t.decisions} name="decisions">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        {votes && (
          <Form.Item label={t.votes}>
            <Form.List name="votes">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} style={{ display: 'flex', marginBottom: 8 }} align="baseline">
                      <Form.Item
                        name={[field.name, 'subject']}
                        rules={[{ required: true, message: '不能为空' }]}
                        noStyle
                      >
                        <Input placeholder={t.voteSubject} style={{ width: 320 }} maxLength={200} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'result']}
                        rules={[{ required: true, message: '不能为空' }]}
                        noStyle
                      >
                        <Input placeholder={t.voteResult} style={{ width: 220 }} maxLength={200} />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(field.name)}>
                        删除
                      </Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({ subject: '', result: '' })}>{t.addVote}</Button>
                </>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Form.Item label={t.guests} name="guests">
          <Input maxLength={500} />
        </Form.Item>
        <MeetingAttachments meeting={meeting} canWrite={canWrite} />
        {final && (
          <Form.Item label={t.reason} name="reason" rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={500} />
          </Form.Item>
        )}
      </Form>

      {canWrite && (
        <Space wrap>
          {final ? (
            <Button type="primary" loading={save.isPending} onClick={() => submit('correct')}>
              {t.correct}
            </Button>
          ) : (
            <>
              <Button loading={save.isPending} onClick={() => submit('save')}>
                {t.save}
              </Button>
              {!future && (
                <Button type="primary" loading={save.isPending} onClick={() => submit('finalise')}>
                  {t.finalise}
                </Button>
              )}
              {meeting && (
                <Popconfirm title={t.removeConfirm} onConfirm={() => remove.mutate()}>
                  <Button danger>{t.remove}</Button>
                </Popconfirm>
              )}
            </>
          )}
        </Space>
      )}

      {meeting && meeting.corrections.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t.corrections}
          </Typography.Title>
          {meeting.corrections.map((c) => (
            <Typography.Paragraph key={c.id}>
              {t.correctionLine(c.revision, c.correctedBy, c.createdAt, c.reason, c.before.topic)}
            </Typography.Paragraph>
          ))}
        </>
      )}
    </Card>
  );
}
