import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Form, Input, Modal } from 'antd';
import { ACCOUNTS_KEY, resetAccountPassword } from '../../api/accounts';
import type { Account } from '../../api/types';
import { accountsText as t } from './accounts.text';
import { passwordRules } from './password-rules';
import { useFormError } from '../../lib/use-form-error';

type Values = { password: string; confirm: string };

/** Sets a temporary password for a user who forgot theirs; they must change it at their next login. */
export function AccountPasswordModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const name = account.displayName || account.username;
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: ({ password }: Values) => resetAccountPassword(account.id, password),
    onSuccess: async () => {
      message.success(t.password.done(name));
      await queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      open
      title={t.password.title(name)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t.password.hint} />
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item label={t.password.label} name="password" rules={passwordRules(t.password.required)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t.password.confirm}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: t.password.confirmRequired },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) throw new Error(t.password.mismatch);
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
