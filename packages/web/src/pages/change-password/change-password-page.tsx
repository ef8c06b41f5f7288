import { passwordProblem } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { changePassword, meQuery } from '../../api/auth';
import { errorMessage } from '../../api/errors';
import { putErrorOnField } from '../../lib/field-errors';
import { useMe } from '../../auth/use-me';
import { AuthCard } from '../../components/auth-card';
import { FullPageSpin } from '../../components/full-page-spin';
import { useLogout } from '../../layout/use-logout';
import { changePasswordText as t } from './change-password.text';

type PasswordForm = { currentPassword: string; newPassword: string; confirm: string };

export function ChangePasswordPage() {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const [form] = Form.useForm<PasswordForm>();
  // A 400 about one field (当前密码不正确) is shown beside that field; anything else above the form.
  const [onField, setOnField] = useState(false);
  const mutation = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) => changePassword(currentPassword, newPassword),
    onError: (error) => setOnField(putErrorOnField(form, error)),
    onSuccess: async () => {
      message.success(t.success);
      // If the server ended the session, the client has already gone to /login.
      const fresh = await queryClient.fetchQuery({ ...meQuery, staleTime: 0 }).catch(() => null);
      if (fresh) navigate('/', { replace: true });
    },
  });

  // Without a session the API client has already redirected to /login.
  if (!me) return <FullPageSpin />;

  return (
    <AuthCard title={t.title}>
      {me.mustChangePassword && <Alert type="warning" showIcon title={t.forced} style={{ marginBottom: 16 }} />}
      {mutation.error && !onField && (
        <Alert type="error" showIcon title={errorMessage(mutation.error)} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item label={t.current} name="currentPassword" rules={[{ required: true, message: t.currentRequired }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t.next}
          name="newPassword"
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t.nextRequired },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const problem = passwordProblem(value);
                if (problem) throw new Error(problem);
                if (value === getFieldValue('currentPassword')) throw new Error(t.sameAsCurrent);
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t.confirm}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t.confirmRequired },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t.mismatch);
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Flex gap="small" vertical>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t.submit}
          </Button>
          {me.mustChangePassword ? (
            <Button block loading={logout.isPending} onClick={() => logout.mutate()}>
              {t.logout}
            </Button>
          ) : (
            <Button block onClick={() => navigate(-1)}>
              {t.cancel}
            </Button>
          )}
        </Flex>
      </Form>
    </AuthCard>
  );
}
