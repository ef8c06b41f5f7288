import {
  DUES_KIND_LABELS,
  DUES_KINDS,
  duesKindHasBase,
  duesStandardFen,
  fenToYuan,
  yuanToFen,
  type DuesKind,
} from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { DUES_KEY, saveDuesBase, type DuesRosterRow } from '../../api/dues';
import { useFormError } from '../../lib/use-form-error';
import { duesText } from './dues.text';

const t = duesText.baseForm;
type Values = { year: number; kind: DuesKind; base?: string; monthly?: string };

/** 核定基数: the kind and income give the standard amount (2008 rules), shown as it is typed; a member may pay more. */
export function BaseModal({ member, year, onClose }: { member: DuesRosterRow; year: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const kind = Form.useWatch('kind', form) ?? member.kind ?? 'employed';
  const base = Form.useWatch('base', form);
  const baseFen = base ? yuanToFen(base) : null;
  const standard = duesKindHasBase(kind)
    ? baseFen === null
      ? null
      : duesStandardFen(kind, baseFen)
    : duesStandardFen(kind, null);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      saveDuesBase({
        memberId: member.memberId,
        year: v.year,
        kind: v.kind,
        ...(duesKindHasBase(v.kind) && { baseFen: v.base ? (yuanToFen(v.base) ?? -1) : null }),
        ...(v.monthly && { monthlyFen: yuanToFen(v.monthly) ?? -1 }),
      }),
    onSuccess: async () => {
      message.success(t.done);
      await queryClient.invalidateQueries({ queryKey: DUES_KEY });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open
      title={`${t.title}：${member.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          year,
          kind: member.kind ?? 'employed',
          base: member.baseFen === null ? undefined : fenToYuan(member.baseFen),
          monthly:
            member.monthlyFen !== null && member.standardFen !== null && member.monthlyFen > member.standardFen
              ? fenToYuan(member.monthlyFen)
              : undefined,
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item label={duesText.year} name="year" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t.kind} name="kind" rules={[{ required: true }]}>
          <Select options={DUES_KINDS.map((k) => ({ value: k, label: DUES_KIND_LABELS[k] }))} />
        </Form.Item>
        {duesKindHasBase(kind) && (
          <Form.Item
            label={t.base}
            name="base"
            rules={[{ required: true }, { pattern: /^\d+(\.\d{1,2})?$/, message: '金额格式不正确' }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        <Typography.Paragraph>
          {t.standard}：{standard === null ? '—' : `${fenToYuan(standard)}元`}
        </Typography.Paragraph>
        <Form.Item
          label={t.monthly}
          name="monthly"
          rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '金额格式不正确' }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
