import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { ACCOUNTS_KEY, setAccountMember } from '../../api/accounts';
import type { Account } from '../../api/types';
import { accountsText as t } from './accounts.text';
import { MemberSelect } from './member-select';
import { useFormError } from '../../lib/use-form-error';

/** Links an account to a member profile, or clears the link (an empty choice). */
export function AccountMemberModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const [form] = Form.useForm<{ memberId: number | null }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (memberId: number | null) => setAccountMember(account.id, memberId),
    onSuccess: async (updated) => {
      message.success(updated.member ? t.member.linked(updated.member.name) : t.member.cleared);
      await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open
      title={t.member.title(account.displayName || account.username)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ memberId: account.member?.id ?? null }}
        onFinish={(values) => mutation.mutate(values.memberId ?? null)}
      >
        <Form.Item label={t.member.label} name="memberId" extra={t.member.hint}>
          <MemberSelect initial={account.member} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
