import {
  CONSULTATION_MATTER_LABELS,
  CONSULTATION_STATUS_LABELS,
  OPINION_LABELS,
  OPINIONS,
  type Opinion,
  chinaToday,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  answerConsultation,
  type ConsultationDetail,
  CONSULTATIONS_KEY,
  consultationQuery,
  recordOutcome,
  recordOverride,
  revealIdNumber,
} from '../../api/consultations';
import { errorMessage } from '../../api/errors';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { useFormError } from '../../lib/use-form-error';
import { OPINION_COLOR, STATUS_COLOR } from './consultations-page';
import { ct } from './consultations.text';

const t = ct;

/** One consultation: the matter, the person's records beside the community's answer, the unit's outcome. */
export function ConsultationPage() {
  const id = Number(useParams().id);
  const { data, error } = useQuery(consultationQuery(id));
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Summary c={data} />
          {data.mayAnswer && <AnswerCard c={data} />}
          {data.mayClose && <CloseCard c={data} />}
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <RecordsCard c={data} />
      </Col>
    </Row>
  );
}

function Summary({ c }: { c: ConsultationDetail }) {
  const sensitive = useCan('member.sensitive');
  const [full, setFull] = useState<string | null>();
  const { message } = App.useApp();
  return (
    <Card
      title={`${t.detail.title}：${c.personName}`}
      extra={<Tag color={STATUS_COLOR[c.status]}>{CONSULTATION_STATUS_LABELS[c.status]}</Tag>}
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.detail.matter}>
          {CONSULTATION_MATTER_LABELS[c.matterKind]}：{c.matter}
        </Descriptions.Item>
        <Descriptions.Item label={t.detail.person}>{c.personName}</Descriptions.Item>
        {c.idNumber && (
          <Descriptions.Item label={t.detail.idNumber}>
            <Space>
              {full ?? c.idNumber}
              {sensitive && full === undefined && (
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    revealIdNumber(c.id).then(
                      (r) => setFull(r.idNumber),
                      (e: unknown) => message.error(errorMessage(e)),
                    )
                  }
                >
                  {t.detail.reveal}
                </Button>
              )}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t.detail.unit}>{c.unitName}</Descriptions.Item>
        <Descriptions.Item label={t.detail.org}>{c.orgName}</Descriptions.Item>
        <Descriptions.Item label={t.detail.deadline}>
          <Space>
            {c.deadline}
            {c.overdue && <Tag color="red">{t.overdue}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t.detail.asked}>
          {c.createdByName} · {formatDateTime(c.createdAt)}
        </Descriptions.Item>
        {c.opinion && (
          <Descriptions.Item label={t.detail.opinion}>
            <Space orientation="vertical" size={0}>
              <Space>
                <Tag color={OPINION_COLOR[c.opinion]}>{OPINION_LABELS[c.opinion]}</Tag>
                <Typography.Text type="secondary">
                  {c.answeredByName} · {formatDateTime(c.answeredAt)} ·{' '}
                  {c.answeredOnTime ? t.detail.onTime : t.detail.late}
                </Typography.Text>
              </Space>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{c.opinionReason}</Typography.Paragraph>
            </Space>
          </Descriptions.Item>
        )}
        {c.overrideDocNo && (
          <Descriptions.Item label={t.detail.override}>
            {c.overrideBy} {c.overrideDocNo}（{c.overrideOn}）
          </Descriptions.Item>
        )}
        {c.outcomeNote && <Descriptions.Item label={t.detail.outcome}>{c.outcomeNote}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

function RecordsCard({ c }: { c: ConsultationDetail }) {
  const r = c.records;
  return (
    <Card title={t.detail.records} className="consultation-records">
      {!r ? (
        <Typography.Text type="secondary">{t.detail.noRecords}</Typography.Text>
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t.detail.registrations}>
            {r.registrations.length === 0 ? (
              t.detail.noRegistration
            ) : (
              <Space orientation="vertical" size={0}>
                {r.registrations.map((g) => (
                  <span key={`${g.communityId}-${g.registeredOn}`}>
                    {g.registeredOn} 报到 {g.communityName}
                    {g.endedOn ? `（${g.endedOn} 结束）` : ''}
                  </span>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t.detail.hours}>
            {r.confirmedHours} {t.detail.hoursUnit}（{r.confirmedRecords} {t.detail.recordsUnit}）
          </Descriptions.Item>
          <Descriptions.Item label={t.detail.requests}>
            {r.requestsFulfilled ?? <Typography.Text type="secondary">{r.requestsNote}</Typography.Text>}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: CONSULTATIONS_KEY });
}

function AnswerCard({ c }: { c: ConsultationDetail }) {
  const [form] = Form.useForm<{ opinion: Opinion; reason: string }>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const refresh = useRefresh();
  const save = useMutation({
    mutationFn: (v: { opinion: Opinion; reason: string }) => answerConsultation(c.id, v),
    onSuccess: async () => {
      message.success(t.answer.done);
      await refresh();
    },
    onError,
  });
  return (
    <Card title={t.answer.title}>
      <Form form={form} layout="vertical" initialValues={{ opinion: 'agree' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="opinion" label={t.answer.opinion}>
          <Radio.Group options={OPINIONS.map((o) => ({ value: o, label: OPINION_LABELS[o] }))} />
        </Form.Item>
        <Form.Item name="reason" label={t.answer.reason} rules={[{ required: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={1000} placeholder={t.answer.reasonHint} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t.answer.submit}
        </Button>
      </Form>
    </Card>
  );
}

function CloseCard({ c }: { c: ConsultationDetail }) {
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [note, setNote] = useState('');
  const [overriding, setOverriding] = useState(false);
  const close = useMutation({
    mutationFn: (outcome: 'done' | 'withdrawn') => recordOutcome(c.id, { outcome, note: note || null }),
    onSuccess: async () => {
      message.success(t.close.closed);
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card title={t.detail.outcome}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {c.blockedReason && <Alert type="warning" showIcon title={t.detail.blocked} description={c.blockedReason} />}
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t.close.doneNote}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Space>
          <Button type="primary" loading={close.isPending} onClick={() => close.mutate('done')}>
            {t.close.done}
          </Button>
          {c.opinion !== 'agree' && !c.overrideDocNo && (
            <Button onClick={() => setOverriding(true)}>{t.close.override}</Button>
          )}
          <Popconfirm title={t.close.withdrawConfirm} onConfirm={() => close.mutate('withdrawn')}>
            <Button danger>{t.close.withdraw}</Button>
          </Popconfirm>
        </Space>
      </Space>
      {overriding && <OverrideModal id={c.id} onClose={() => setOverriding(false)} />}
    </Card>
  );
}

type OverrideForm = { overrideBy: string; overrideDocNo: string; overrideOn: dayjs.Dayjs };

function OverrideModal({ id, onClose }: { id: number; onClose: () => void }) {
  const [form] = Form.useForm<OverrideForm>();
  const onError = useFormError(form);
  const refresh = useRefresh();
  const save = useMutation({
    mutationFn: (v: OverrideForm) =>
      recordOverride(id, {
        overrideBy: v.overrideBy,
        overrideDocNo: v.overrideDocNo,
        overrideOn: v.overrideOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={t.close.override}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<OverrideForm>
        form={form}
        layout="vertical"
        initialValues={{ overrideOn: dayjs(chinaToday()) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="overrideBy" label={t.close.overrideBy} rules={[{ required: true, message: '请填写决定机关' }]}>
          <Input maxLength={50} placeholder="如：区委组织部" />
        </Form.Item>
        <Form.Item
          name="overrideDocNo"
          label={t.close.overrideDocNo}
          rules={[{ required: true, message: '请填写文号' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="overrideOn" label={t.close.overrideOn} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
