import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Modal } from 'antd';
import { convertMember, MEMBERS_KEY } from '../../api/members';
import { dateFieldProps, todayString } from './date-field';
import { membersText as t } from './members.text';
import { useFormError } from '../../lib/use-form-error';

export function ConvertModal({ member, onClose }: { member: { id: number; name: string }; onClose: () => void }) {
  const [form] = Form.useForm<{ fullMemberOn: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (values: { fullMemberOn: string }) => convertMember(member.id, values.fullMemberOn),
    onSuccess: async () => {
      message.success(t.convert.done);
      await queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open
      title={`${t.convert.title}：${member.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fullMemberOn: todayString() }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item label={t.convert.date} name="fullMemberOn" rules={[{ required: true }]} {...dateFieldProps}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
