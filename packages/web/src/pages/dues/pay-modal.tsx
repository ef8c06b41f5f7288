import { DUES_PAYMENT_METHOD_LABELS, DUES_PAYMENT_METHODS, yuanToFen } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DUES_KEY, recordDuesBatch, recordDuesPayment, type DuesRosterRow } from '../../api/dues';
import { useFormError } from '../../lib/use-form-error';
import { dateFieldProps, todayString } from '../members/date-field';
import { duesText } from './dues.text';

const t = duesText.pay;

type Values = {
  toMonth: string;
  fromMonth?: string;
  amount?: string;
  method: 'cash' | 'transfer';
  paidOn: string;
  note?: string;
};

const monthField = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(`${v}-01`) : undefined }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM') : undefined),
};

/** Records dues for one member (with an amount) or several at once (each at their monthly amount). */
export function PayModal({ members, onClose }: { members: DuesRosterRow[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const queryClient = useQueryClient();
  const single = members.length === 1 ? members[0] : undefined;
  const needsStart = members.some((m) => m.paidTo === null);
  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      if (single) {
        const amountFen = v.amount ? (yuanToFen(v.amount) ?? -1) : undefined;
        await recordDuesPayment({
          memberId: single.memberId,
          toMonth: v.toMonth,
          ...(v.fromMonth && single.paidTo === null && { fromMonth: v.fromMonth }),
          ...(amountFen !== undefined && { amountFen }),
          method: v.method,
          paidOn: v.paidOn,
          ...(v.note && { note: v.note }),
        });
        return 1;
      }
      const res = await recordDuesBatch({
        memberIds: members.map((m) => m.memberId),
        toMonth: v.toMonth,
        ...(v.fromMonth && { fromMonth: v.fromMonth }),
        method: v.method,
        paidOn: v.paidOn,
      });
      return res.items.length;
    },
    onSuccess: async (n) => {
      message.success(t.done(n));
      await queryClient.invalidateQueries({ queryKey: DUES_KEY });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal open title={t.title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending}>
      <p>
        {t.members}：{members.map((m) => m.name).join('、')}
      </p>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          toMonth: dayjs().subtract(1, 'month').format('YYYY-MM'),
          method: 'cash',
          paidOn: todayString(),
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item label={t.toMonth} name="toMonth" rules={[{ required: true }]} {...monthField}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        {needsStart && (
          <Form.Item
            label={t.fromMonth}
            name="fromMonth"
            extra={t.fromHint}
            rules={[{ required: true }]}
            {...monthField}
          >
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
        )}
        {single && (
          <Form.Item
            label={t.amount}
            name="amount"
            rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '金额格式不正确' }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        <Form.Item label={t.method} name="method">
          <Radio.Group
            options={DUES_PAYMENT_METHODS.map((m) => ({ value: m, label: DUES_PAYMENT_METHOD_LABELS[m] }))}
          />
        </Form.Item>
        <Form.Item label={t.paidOn} name="paidOn" rules={[{ required: true }]} {...dateFieldProps}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {single && (
          <Form.Item label={t.note} name="note">
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
