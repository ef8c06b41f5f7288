import {
  ACTIVITY_TYPE_LABELS,
  chinaDateTime,
  RECORD_STATUS_LABELS,
  type RecordStatus,
  SIGNUP_STATUS_LABELS,
  type SignupStatus,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../api/errors';
import {
  activityQuery,
  type ActivityDetail,
  addSignup,
  cancelActivity,
  confirmAttendance,
  correctRecord,
  publishActivity,
  removeSignup,
  type Signup,
  VOLUNTEERS_KEY,
  type VolunteerRecord,
} from '../../api/volunteers';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { MemberSelect } from '../accounts/member-select';
import { PhaseTag } from './activities-page';
import { vt } from './volunteers.text';

const t = vt.detail;
const personKey = (p: { memberId: number | null; residentId: number | null }) =>
  p.memberId ? `m${p.memberId}` : `r${p.residentId}`;
export const fileLink = (p: { memberId: number | null; residentId: number | null; name: string }) => (
  <Link to={p.memberId ? `/volunteers/members/${p.memberId}` : `/volunteers/residents/${p.residentId}`}>{p.name}</Link>
);

/** One activity: its facts, its list (add, remove), then attendance and hours once it is over. */
export function ActivityPage() {
  const id = Number(useParams().id);
  const { data, error } = useQuery(activityQuery(id));
  const canWrite = useCan('volunteer.write');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
  const act = (fn: () => Promise<unknown>, done: string) =>
    fn().then(
      async () => {
        message.success(done);
        await refresh();
      },
      (e: unknown) => message.error(errorMessage(e)),
    );
  const [adding, setAdding] = useState<number | null>(null);
  const [addingKind, setAddingKind] = useState<'member' | 'resident'>('member');
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  const editable = canWrite && (data.status === 'draft' || data.status === 'published');
  const cancel = () => {
    let reason = '';
    modal.confirm({
      title: t.cancel,
      content: <Input.TextArea rows={2} placeholder={t.cancelReason} onChange={(e) => (reason = e.target.value)} />,
      onOk: () => act(() => cancelActivity(id, reason), t.cancelled),
    });
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {data.title}
            <PhaseTag phase={data.phase} />
          </Space>
        }
        extra={
          <Space>
            <ExportButton path="/api/volunteers/activities/{id}/export" pathParams={{ id }} label={t.export} />
            {editable && data.status === 'draft' && (
              <Button type="primary" onClick={() => void act(() => publishActivity(id), t.published)}>
                {t.publish}
              </Button>
            )}
            {editable && (
              <Button danger onClick={cancel}>
                {t.cancel}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={vt.form.type}>{ACTIVITY_TYPE_LABELS[data.type]}</Descriptions.Item>
          <Descriptions.Item label={vt.form.org}>
            {data.orgName}
            {data.teamName ? ` · ${data.teamName}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={vt.form.time}>
            {chinaDateTime(data.startsAt)} – {chinaDateTime(data.endsAt)}（{data.lengthHours}小时）
          </Descriptions.Item>
          <Descriptions.Item label={vt.form.deadline}>{chinaDateTime(data.signupDeadline)}</Descriptions.Item>
          <Descriptions.Item label={vt.form.place}>{data.place}</Descriptions.Item>
          <Descriptions.Item label={vt.activities.column.places}>
            {data.signedUp}/{data.capacity ?? vt.activities.unlimited}
            {data.waiting ? `（候补 ${data.waiting}）` : ''}
          </Descriptions.Item>
          {data.tags.length > 0 && <Descriptions.Item label={vt.form.tags}>{data.tags.join('、')}</Descriptions.Item>}
          {data.cohostOrgName && <Descriptions.Item label="共建单位">{data.cohostOrgName}</Descriptions.Item>}
          {data.cancelReason && <Descriptions.Item label="取消原因">{data.cancelReason}</Descriptions.Item>}
          {data.description && <Descriptions.Item label={vt.form.description}>{data.description}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {data.status === 'confirmed' ? (
        <RecordsCard records={data.records} canWrite={canWrite} />
      ) : (
        <Card
          title={`${t.signups}（${t.signupCount(data.signedUp, data.waiting)}）`}
          extra={
            data.status === 'published' &&
            canWrite && (
              <Space>
                <Segmented<'member' | 'resident'>
                  value={addingKind}
                  onChange={(v) => {
                    setAddingKind(v);
                    setAdding(null);
                  }}
                  options={[
                    { value: 'member', label: '党员' },
                    { value: 'resident', label: '登记居民' },
                  ]}
                />
                <div style={{ width: 240 }}>
                  {addingKind === 'member' ? (
                    <MemberSelect value={adding} onChange={setAdding} />
                  ) : (
                    <ResidentSelect value={adding} onChange={setAdding} />
                  )}
                </div>
                <Button
                  disabled={adding === null}
                  onClick={() =>
                    adding !== null &&
                    void addSignup(id, addingKind === 'member' ? { memberId: adding } : { residentId: adding }).then(
                      async (r) => {
                        message.success(t.added(r.status));
                        setAdding(null);
                        await refresh();
                      },
                      (e: unknown) => message.error(errorMessage(e)),
                    )
                  }
                >
                  {t.add}
                </Button>
              </Space>
            )
          }
        >
          {data.phase === 'finished' && canWrite ? (
            <AttendanceTable activity={data} onDone={refresh} />
          ) : (
            <SignupTable
              activity={data}
              canWrite={editable}
              onRemove={(s) => void act(() => removeSignup(s.id), t.remove)}
            />
          )}
        </Card>
      )}
    </Space>
  );
}

function SignupTable({
  activity,
  canWrite,
  onRemove,
}: {
  activity: ActivityDetail;
  canWrite: boolean;
  onRemove: (s: Signup) => void;
}) {
  const rows = activity.signups.filter((s) => s.status !== 'cancelled');
  const columns: TableColumnsType<Signup> = [
    { title: t.column.name, key: 'name', render: (_, s) => fileLink(s) },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.column.status, dataIndex: 'status', render: (v: SignupStatus) => SIGNUP_STATUS_LABELS[v] },
    { title: t.column.by, dataIndex: 'addedByOrganiser', render: (v: boolean) => (v ? t.byOrganiser : t.bySelf) },
    {
      title: '',
      key: 'actions',
      render: (_, s) =>
        canWrite && (
          <Button size="small" onClick={() => onRemove(s)}>
            {t.remove}
          </Button>
        ),
    },
  ];
  return (
    <>
      {activity.status === 'published' && activity.phase !== 'finished' && (
        <Typography.Paragraph type="secondary">{t.notYet}</Typography.Paragraph>
      )}
      <Table<Signup> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} />
    </>
  );
}

/**
 * 出勤与时长: everyone signed up is ticked with the activity's length; untick who did not come, change a few hours
 * (over the length asks for a reason), confirm once. Built for a list of 200: one table, no per-row saving.
 */
function AttendanceTable({ activity, onDone }: { activity: ActivityDetail; onDone: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const rows = activity.signups.filter((s) => s.status !== 'cancelled');
  const [selected, setSelected] = useState<string[]>(rows.filter((s) => s.status === 'signed_up').map(personKey));
  const [hours, setHours] = useState<Record<string, number>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const length = activity.lengthHours;
  const confirm = useMutation({
    mutationFn: () =>
      confirmAttendance(activity.id, {
        entries: rows
          .filter((s) => selected.includes(personKey(s)))
          .map((s) => ({
            ...(s.memberId ? { memberId: s.memberId } : { residentId: s.residentId as number }),
            hours: hours[personKey(s)] ?? length,
            reason: reasons[personKey(s)] || null,
          })),
      }),
    onSuccess: async () => {
      message.success(t.confirmed);
      await onDone();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<Signup> = [
    { title: t.column.name, key: 'name', render: (_, s) => fileLink(s) },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.column.status, dataIndex: 'status', width: 90, render: (v: SignupStatus) => SIGNUP_STATUS_LABELS[v] },
    {
      title: t.hours,
      key: 'hours',
      width: 130,
      render: (_, s) => (
        <InputNumber
          aria-label={`${s.name}${t.hours}`}
          min={0.5}
          max={9999}
          step={0.5}
          precision={1}
          value={hours[personKey(s)] ?? length}
          disabled={!selected.includes(personKey(s))}
          onChange={(v) => setHours((h) => ({ ...h, [personKey(s)]: v ?? length }))}
        />
      ),
    },
    {
      title: t.reason,
      key: 'reason',
      render: (_, s) =>
        (hours[personKey(s)] ?? length) > length && (
          <Input
            aria-label={`${s.name}${t.reason}`}
            size="small"
            value={reasons[personKey(s)] ?? ''}
            onChange={(e) => setReasons((r) => ({ ...r, [personKey(s)]: e.target.value }))}
          />
        ),
    },
  ];
  return (
    <>
      <Alert type="info" showIcon title={t.attendanceHint(length)} style={{ marginBottom: 12 }} />
      <Table<Signup>
        rowKey={personKey}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 560 }}
        virtual={rows.length > 100}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          columnTitle: undefined,
        }}
      />
      <Button type="primary" style={{ marginTop: 12 }} loading={confirm.isPending} onClick={() => confirm.mutate()}>
        {t.confirm(selected.length)}
      </Button>
    </>
  );
}

function RecordsCard({ records, canWrite }: { records: VolunteerRecord[]; canWrite: boolean }) {
  const [correcting, setCorrecting] = useState<VolunteerRecord | null>(null);
  const columns: TableColumnsType<VolunteerRecord> = [
    { title: t.column.name, key: 'name', render: (_, r) => fileLink(r) },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.column.hours, dataIndex: 'hours', width: 80 },
    { title: t.column.status2, dataIndex: 'status', width: 90, render: (v: RecordStatus) => RECORD_STATUS_LABELS[v] },
    { title: t.column.reason, dataIndex: 'reason', render: (v: string | null) => v ?? '' },
    {
      title: '',
      key: 'actions',
      width: 80,
      render: (_, r) =>
        canWrite &&
        r.status === 'confirmed' && (
          <Button size="small" onClick={() => setCorrecting(r)}>
            {t.correct}
          </Button>
        ),
    },
  ];
  return (
    <Card title={t.records}>
      <Table<VolunteerRecord> rowKey="id" size="small" columns={columns} dataSource={records} pagination={false} />
      {correcting && <CorrectModal record={correcting} onClose={() => setCorrecting(null)} />}
    </Card>
  );
}

export function CorrectModal({ record, onClose }: { record: VolunteerRecord; onClose: () => void }) {
  const [form] = Form.useForm<{ hours: number; reason: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { hours: number; reason: string }) => correctRecord(record.id, v.hours, v.reason),
    onSuccess: async () => {
      message.success(t.corrected);
      await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`${t.correctTitle}：${record.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ hours: record.hours }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="hours" label={t.hours} rules={[{ required: true }]}>
          <InputNumber min={0.5} max={9999} step={0.5} precision={1} />
        </Form.Item>
        <Form.Item name="reason" label={t.correctReason} rules={[{ required: true, message: '请填写更正原因' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Picks a resident volunteer the community registered (志愿者档案 of residents), by name or phone. */
function ResidentSelect({ value, onChange }: { value: number | null; onChange: (value: number | null) => void }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const search = async (q: string) => {
    const found = await unwrap(
      api.GET('/api/volunteers/residents', { params: { query: { q: q.trim() || undefined, pageSize: 20 } } }),
    ).catch(() => null);
    setOptions(found?.items.map((r) => ({ value: r.id, label: `${r.name}（${r.orgName}）` })) ?? []);
  };
  return (
    <Select
      allowClear
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange(v ?? null)}
      onFocus={() => void search('')}
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      placeholder="搜索登记的居民志愿者"
      notFoundContent="没有找到登记的居民志愿者"
      options={options}
      aria-label="居民志愿者"
    />
  );
}
