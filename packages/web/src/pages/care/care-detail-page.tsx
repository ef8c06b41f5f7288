import { CARE_NEED_LABELS, CARE_RULE_LABELS, chinaToday } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { CARE_KEY, type CareDetail, careDetailQuery, type CareVisit, endCare, recordVisit } from '../../api/care';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { useFormError } from '../../lib/use-form-error';
import { CareModal, standingTag, typeText } from './care-page';
import { ct } from './care.text';

const t = ct.detail;

/** One person of the register and their visits; a full view is on record (the server audits it). */
export function CareDetailPage() {
  const id = Number(useParams().id);
  const { data, error } = useQuery(careDetailQuery(id));
  const canWrite = useCan('care.write');
  const [dialog, setDialog] = useState<'visit' | 'edit' | 'end' | null>(null);
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  const none = t.none;
  const visitColumns: TableColumnsType<CareVisit> = [
    { title: ct.visitColumn.on, dataIndex: 'visitedOn', width: 120 },
    { title: ct.visitColumn.visitor, dataIndex: 'visitor', width: 140 },
    { title: ct.visitColumn.content, dataIndex: 'content', render: (v: string | null) => v ?? none },
    {
      title: ct.visitColumn.followUp,
      key: 'followUp',
      render: (_, v) => (v.followUp ? <Tag color="warning">{v.followUpNote ?? t.followUp}</Tag> : ''),
    },
  ];
  return (
    <Card
      title={
        <Space>
          <span>{data.name}</span>
          {standingTag(data)}
        </Space>
      }
      extra={
        <Space>
          <Link to="/care">{t.back}</Link>
          {canWrite && !data.endedOn && (
            <>
              <Button type="primary" onClick={() => setDialog('visit')}>
                {t.visit}
              </Button>
              {data.full && <Button onClick={() => setDialog('edit')}>{t.edit}</Button>}
              <Button danger onClick={() => setDialog('end')}>
                {t.end}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Alert
        type={data.full ? 'info' : 'warning'}
        showIcon
        title={data.full ? t.audited : ct.masked}
        style={{ marginBottom: 16 }}
      />
      <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }} bordered>
        <Descriptions.Item label={ct.column.org}>{data.orgName}</Descriptions.Item>
        <Descriptions.Item label={ct.column.types}>{typeText(data)}</Descriptions.Item>
        <Descriptions.Item label={ct.column.age}>{data.age ?? none}</Descriptions.Item>
        <Descriptions.Item label={ct.column.building}>
          {[data.buildingName, data.address].filter(Boolean).join(' ') || none}
        </Descriptions.Item>
        <Descriptions.Item label={ct.column.phone}>{data.phone ?? none}</Descriptions.Item>
        <Descriptions.Item label={t.guardian}>
          {[data.guardianName, data.guardianPhone].filter(Boolean).join(' ') || none}
        </Descriptions.Item>
        <Descriptions.Item label={ct.column.needs}>
          {data.needs.map((n) => CARE_NEED_LABELS[n]).join('、') || none}
        </Descriptions.Item>
        <Descriptions.Item label={ct.column.carer}>{data.carerName ?? none}</Descriptions.Item>
        <Descriptions.Item label={ct.column.rule}>
          {CARE_RULE_LABELS[data.rule]} {ct.every(data.intervalMonths)}
        </Descriptions.Item>
        <Descriptions.Item label={ct.column.last}>{data.lastVisitOn ?? none}</Descriptions.Item>
        <Descriptions.Item label={ct.column.next}>{data.nextVisitDue ?? none}</Descriptions.Item>
        <Descriptions.Item label={t.registeredOn}>{data.registeredOn}</Descriptions.Item>
        {data.endedOn && (
          <Descriptions.Item label={ct.ended}>
            {data.endedOn} {data.endReason}
          </Descriptions.Item>
        )}
        {data.notes && <Descriptions.Item label={t.notes}>{data.notes}</Descriptions.Item>}
      </Descriptions>
      <h3 style={{ marginTop: 24 }}>{t.visits}</h3>
      <Table<CareVisit>
        rowKey="id"
        size="small"
        columns={visitColumns}
        dataSource={data.visits}
        pagination={false}
        locale={{ emptyText: t.noVisits }}
      />
      {dialog === 'visit' && <VisitModal id={data.id} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <CareModal record={data} onClose={() => setDialog(null)} />}
      {dialog === 'end' && <EndModal record={data} onClose={() => setDialog(null)} />}
    </Card>
  );
}

type VisitValues = { visitedOn: Dayjs; visitor?: string; content: string; followUp?: boolean; followUpNote?: string };

function VisitModal({ id, onClose }: { id: number; onClose: () => void }) {
  const [form] = Form.useForm<VisitValues>();
  const onError = useFormError(form);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const followUp = Form.useWatch('followUp', form);
  const save = useMutation({
    mutationFn: (v: VisitValues) =>
      recordVisit(id, {
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        visitor: v.visitor || undefined,
        content: v.content,
        followUp: Boolean(v.followUp),
        followUpNote: v.followUp ? v.followUpNote || null : null,
      }),
    onSuccess: async () => {
      message.success(ct.visitForm.saved);
      await queryClient.invalidateQueries({ queryKey: CARE_KEY });
      await queryClient.invalidateQueries({ queryKey: ['workbench'] });
      onClose();
    },
    onError,
  });
  const today = chinaToday();
  return (
    <Modal
      open
      title={ct.visitForm.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<VisitValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ visitedOn: dayjs(today) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="visitedOn" label={ct.visitForm.visitedOn} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
        <Form.Item name="visitor" label={ct.visitForm.visitor}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="content"
          label={ct.visitForm.content}
          rules={[{ required: true, message: ct.visitForm.contentRequired }]}
        >
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        <Form.Item name="followUp" valuePropName="checked">
          <Checkbox>{ct.visitForm.followUp}</Checkbox>
        </Form.Item>
        {followUp && (
          <Form.Item name="followUpNote" label={ct.visitForm.followUpNote}>
            <Input maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function EndModal({ record, onClose }: { record: CareDetail; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => endCare(record.id, reason.trim()),
    onSuccess: async () => {
      message.success(t.endDone);
      await queryClient.invalidateQueries({ queryKey: CARE_KEY });
      onClose();
    },
    onError: (e: unknown) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={t.end}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okButtonProps={{ disabled: !reason.trim() }}
      confirmLoading={save.isPending}
    >
      <Input placeholder={t.endReason} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
