import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type DueItem, snoozeItem, WORKBENCH_KEY } from '../../api/workbench';
import { dateFieldProps } from '../members/date-field';
import { workbenchText as t } from './workbench.text';
import { useFormError } from '../../lib/use-form-error';

type Values = { until: string; reason: string };

/** 暂缓: the item leaves this account's workbench until the day chosen (at most 90 days), with a reason on record. */
export function SnoozeModal({ item, onClose }: { item: DueItem; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (values: Values) => snoozeItem({ key: item.key, ...values }),
    onSuccess: async () => {
      message.success(t.snooze.done);
      await queryClient.invalidateQueries({ queryKey: WORKBENCH_KEY });
      onClose();
    },
    onError: showError,
  });
  const outOfRange = (day: Dayjs) => !day.isAfter(dayjs(), 'day') || day.isAfter(dayjs().add(90, 'day'), 'day');
  return (
    <Modal
      open
      title={t.snooze.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <p>{item.title}</p>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ until: dayjs().add(7, 'day').format('YYYY-MM-DD') }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          label={t.snooze.until}
          name="until"
          rules={[{ required: true, message: t.snooze.required }]}
          {...dateFieldProps}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={outOfRange} />
        </Form.Item>
        <Form.Item
          label={t.snooze.reason}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t.snooze.reasonRequired }]}
        >
          <Input.TextArea maxLength={200} showCount rows={3} placeholder={t.snooze.reasonPlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
