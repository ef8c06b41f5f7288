import {
  ASSIGNEE_TYPE_LABELS,
  type AssigneeType,
  CONTACT_PREF_LABELS,
  RATING_LABELS,
  REQUEST_CATEGORY_LABELS,
  REQUEST_EVENT_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  timeLeftLabel,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import {
  acceptRequest,
  closeRequest,
  confirmResident,
  declineRequest,
  dispatchOptionsQuery,
  dispatchRequest,
  finishRequest,
  mergeRequest,
  openRequest,
  progressRequest,
  type RequestDetail,
  requestQuery,
  REQUESTS_KEY,
  uploadStaffPhoto,
} from '../../api/requests';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { useFormError } from '../../lib/use-form-error';
import { rqt } from './requests.text';

const t = rqt.detail;
type Dialog = 'decline' | 'merge' | 'dispatch' | 'progress' | 'done' | null;

/** A request's page: what was asked, the timeline, photos, and the community's next steps. */
export function RequestPage() {
  const id = Number(useParams().id);
  const { data, error } = useQuery(requestQuery(id));
  const canWrite = useCan('serve.write');
  const [dialog, setDialog] = useState<Dialog>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: async () => {
      message.success('已保存');
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  const r = data;
  const s = r.status;
  const now = new Date();
  const actions = canWrite && (
    <Space wrap>
      {s === 'submitted' && (
        <Button type="primary" onClick={() => act.mutate(() => acceptRequest(id))}>
          {t.accept}
        </Button>
      )}
      {s === 'submitted' && <Button onClick={() => setDialog('decline')}>{t.decline}</Button>}
      {(s === 'submitted' || s === 'accepted') && <Button onClick={() => setDialog('merge')}>{t.merge}</Button>}
      {(s === 'accepted' || s === 'dispatched' || s === 'open') && (
        <Button type={s === 'accepted' ? 'primary' : 'default'} onClick={() => setDialog('dispatch')}>
          {t.dispatch}
        </Button>
      )}
      {s === 'accepted' && r.kind === 'wish' && (
        <Button onClick={() => act.mutate(() => openRequest(id))}>{t.open}</Button>
      )}
      {(s === 'dispatched' || s === 'in_progress') && (
        <Button onClick={() => setDialog('progress')}>{t.progress}</Button>
      )}
      {(s === 'dispatched' || s === 'in_progress') && <Button onClick={() => setDialog('done')}>{t.done}</Button>}
      {s === 'done' && <Button onClick={() => act.mutate(() => closeRequest(id))}>{t.close}</Button>}
    </Space>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {`${REQUEST_KIND_LABELS[r.kind]} 第${r.id}号`}
            <Tag color="blue">{REQUEST_STATUS_LABELS[s]}</Tag>
            {r.urgent && <Tag color="red">紧急</Tag>}
            {r.reopened && <Tag color="volcano">重办</Tag>}
          </Space>
        }
        extra={<Link to="/requests">{t.back}</Link>}
      >
        {!r.resident.confirmed && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t.unconfirmedWarning}
            action={
              canWrite && (
                <Button size="small" onClick={() => act.mutate(() => confirmResident(r.resident.id))}>
                  {t.confirmResident}
                </Button>
              )
            }
          />
        )}
        <Typography.Paragraph style={{ fontSize: 16 }}>{r.text}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
          <Descriptions.Item label="类别">{REQUEST_CATEGORY_LABELS[r.category]}</Descriptions.Item>
          <Descriptions.Item label={t.resident}>{r.resident.name}</Descriptions.Item>
          <Descriptions.Item label={t.phone}>{r.resident.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.building}>{r.buildingName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.address}>{r.resident.addressDetail ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.contact}>{CONTACT_PREF_LABELS[r.contactPref]}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatDateTime(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="响应时限">
            {r.respondBy
              ? `${formatDateTime(r.respondBy).slice(0, 16)}${r.respondedAt ? '' : `（${timeLeftLabel(r.respondBy, now)}）`}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="办结时限">
            {r.resolveBy
              ? `${formatDateTime(r.resolveBy).slice(0, 16)}${r.resolvedAt ? '' : `（${timeLeftLabel(r.resolveBy, now)}）`}`
              : '—'}
          </Descriptions.Item>
          {r.assigneeType && (
            <Descriptions.Item label="办理方">{`${ASSIGNEE_TYPE_LABELS[r.assigneeType]}：${r.assigneeName ?? ''}`}</Descriptions.Item>
          )}
          {r.declineReason && <Descriptions.Item label={t.declineReason}>{r.declineReason}</Descriptions.Item>}
          {r.mergedInto && (
            <Descriptions.Item label={t.mergedInto}>
              <Link to={`/requests/${r.mergedInto.id}`}>{`第${r.mergedInto.id}号：${r.mergedInto.text}`}</Link>
            </Descriptions.Item>
          )}
          {r.doneNote && <Descriptions.Item label={t.doneNote}>{r.doneNote}</Descriptions.Item>}
          {r.rating && (
            <Descriptions.Item label={t.rating}>
              {RATING_LABELS[r.rating]}
              {r.ratingComment ? `：${r.ratingComment}` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        <div style={{ marginTop: 16 }}>{actions}</div>
      </Card>
      {(s === 'submitted' || s === 'accepted') && (
        <Duplicates request={r} onMerge={(into) => act.mutate(() => mergeRequest(id, into))} />
      )}
      <Card title={t.timeline}>
        <Timeline
          items={r.events.map((e) => ({
            content: (
              <>
                <Typography.Text strong>{REQUEST_EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>
                <Typography.Text type="secondary">{` ${formatDateTime(e.at).slice(0, 16)} ${e.actorName ?? '系统'}`}</Typography.Text>
                {e.note && <div>{e.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      <Card
        title={t.photos}
        extra={
          canWrite &&
          r.photos.length < 3 && (
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              customRequest={({ file }) => act.mutate(() => uploadStaffPhoto(id, file as Blob))}
            >
              <Button size="small">{t.addPhoto}</Button>
            </Upload>
          )
        }
      >
        {r.photos.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Space wrap>
            {r.photos.map((p) => (
              <Image key={p.id} src={p.url} width={160} alt={`照片${p.id}`} />
            ))}
          </Space>
        )}
      </Card>
      {dialog && <StepDialog request={r} dialog={dialog} onClose={() => setDialog(null)} />}
    </Space>
  );
}

function Duplicates({ request, onMerge }: { request: RequestDetail; onMerge: (into: number) => void }) {
  const { data } = useQuery(dispatchOptionsQuery(request.id));
  const canWrite = useCan('serve.write');
  return (
    <Card title={t.duplicates} size="small">
      {!data || data.duplicates.length === 0 ? (
        <Typography.Text type="secondary">{t.noDuplicates}</Typography.Text>
      ) : (
        data.duplicates.map((d) => (
          <div key={d.id} style={{ marginBottom: 8 }}>
            <Link to={`/requests/${d.id}`}>{`第${d.id}号`}</Link> {d.text}（{REQUEST_STATUS_LABELS[d.status]}）
            {canWrite && (
              <Button size="small" style={{ marginLeft: 8 }} onClick={() => onMerge(d.id)}>
                {t.merge}
              </Button>
            )}
          </div>
        ))
      )}
    </Card>
  );
}

type StepValues = {
  reason?: string;
  note?: string;
  intoId?: number;
  assigneeType?: AssigneeType;
  memberId?: number;
  teamId?: number;
  unitId?: number;
};

function StepDialog({
  request,
  dialog,
  onClose,
}: {
  request: RequestDetail;
  dialog: Exclude<Dialog, null>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<StepValues>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [tag, setTag] = useState<string | undefined>();
  const options = useQuery({
    ...dispatchOptionsQuery(request.id, tag),
    enabled: dialog === 'dispatch' || dialog === 'merge',
  });
  const assigneeType = Form.useWatch('assigneeType', form);
  const save = useMutation({
    mutationFn: (v: StepValues) => {
      switch (dialog) {
        case 'decline':
          return declineRequest(request.id, v.reason ?? '');
        case 'merge':
          return mergeRequest(request.id, v.intoId as number);
        case 'progress':
          return progressRequest(request.id, v.note ?? '');
        case 'done':
          return finishRequest(request.id, v.note ?? '');
        case 'dispatch':
          return dispatchRequest(request.id, {
            assigneeType: v.assigneeType as AssigneeType,
            memberId: v.memberId,
            teamId: v.teamId,
            unitId: v.unitId,
            note: v.note || undefined,
          });
      }
    },
    onSuccess: async () => {
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
      onClose();
    },
    onError,
  });
  const o = options.data;
  const memberOptions = [
    ...(o?.gridMembers ?? []).map((m) => ({ value: m.id, label: `${m.name}（网格责任党员）` })),
    ...(o?.byTag ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}，${m.tags.join('、')}）` })),
  ];
  const title = { decline: t.decline, merge: t.merge, dispatch: t.dispatch, progress: t.progress, done: t.done }[
    dialog
  ];
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ assigneeType: o?.gridMembers.length ? 'grid' : 'member' }}
      >
        {dialog === 'decline' && (
          <Form.Item name="reason" label={t.reason} rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        )}
        {(dialog === 'progress' || dialog === 'done') && (
          <Form.Item
            name="note"
            label={dialog === 'done' ? t.doneHint : t.note}
            rules={[{ required: true, message: '请填写' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
        {dialog === 'merge' && (
          <Form.Item name="intoId" label={t.intoId} rules={[{ required: true, message: '请选择' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(o?.mergeTargets ?? []).map((m) => ({ value: m.id, label: `第${m.id}号：${m.text}` }))}
            />
          </Form.Item>
        )}
        {dialog === 'dispatch' && (
          <>
            <Form.Item name="assigneeType" label={t.assigneeType}>
              <Radio.Group
                options={(['grid', 'member', 'team', 'unit'] as const).map((a) => ({
                  value: a,
                  label: ASSIGNEE_TYPE_LABELS[a],
                }))}
              />
            </Form.Item>
            {(assigneeType === 'grid' || assigneeType === 'member') && (
              <>
                {assigneeType === 'member' && (
                  <Form.Item label={t.byTag}>
                    <Input.Search
                      placeholder={t.tagPlaceholder}
                      onSearch={(v) => setTag(v.trim() || undefined)}
                      allowClear
                    />
                  </Form.Item>
                )}
                <Form.Item name="memberId" label={t.member} rules={[{ required: true, message: '请选择党员' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={
                      assigneeType === 'grid' ? memberOptions.slice(0, o?.gridMembers.length ?? 0) : memberOptions
                    }
                  />
                </Form.Item>
              </>
            )}
            {assigneeType === 'team' && (
              <Form.Item name="teamId" label={t.team} rules={[{ required: true, message: '请选择服务队' }]}>
                <Select options={(o?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
            )}
            {assigneeType === 'unit' && (
              <Form.Item name="unitId" label={t.unit} rules={[{ required: true, message: '请选择驻区单位' }]}>
                <Select options={(o?.units ?? []).map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t.note}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
