import { passwordProblem } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Form from 'antd-mobile/es/components/form';
import Input from 'antd-mobile/es/components/input';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { changePassword, logout, meQuery } from '../../../api/auth';
import { errorMessage } from '../../../api/errors';
import { putErrorOnField } from '../../../lib/field-errors';
import { Loading } from '../../layout/query-state';
import { mobileText } from '../../mobile.text';

const t = mobileText.password;
type PasswordForm = { currentPassword: string; newPassword: string; confirm: string };

/** The first login's forced password change (and any later one), on the phone. */
export function PasswordPage() {
  const { data: me } = useQuery(meQuery);
  const [form] = Form.useForm<PasswordForm>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // A 400 about one field (当前密码不正确) is shown under that field; anything else above the form.
  const [onField, setOnField] = useState(false);
  const mutation = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) => changePassword(currentPassword, newPassword),
    onError: (error) => setOnField(putErrorOnField(form, error)),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t.done });
      // If the server ended the session, the client has already gone to the login page.
      const fresh = await queryClient.fetchQuery({ ...meQuery, staleTime: 0 }).catch(() => null);
      if (fresh) void navigate('/', { replace: true });
    },
  });
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
  // Without a session the API client has already gone to the login page.
  if (!me) return <Loading />;
  return (
    <>
      {me.mustChangePassword && (
        <p className="m-muted" style={{ margin: '0 16px 8px' }}>
          {t.forced}
        </p>
      )}
      {mutation.error && !onField && (
        <p className="m-error" role="alert" style={{ margin: '0 16px 8px' }}>
          {errorMessage(mutation.error)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={(values: PasswordForm) => mutation.mutate(values)}
        footer={
          <div className="m-actions" style={{ margin: 0 }}>
            <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
              {t.submit}
            </Button>
            <Button block size="large" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              {t.logout}
            </Button>
          </div>
        }
      >
        <Form.Item name="currentPassword" label={t.current} rules={[{ required: true, message: t.currentRequired }]}>
          <Input type="password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.next}
          rules={[
            { required: true, message: t.nextRequired },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const problem = passwordProblem(value);
                if (problem) throw new Error(problem);
                if (value === form.getFieldValue('currentPassword')) throw new Error(t.sameAsCurrent);
              },
            },
          ]}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t.confirm}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t.confirmRequired },
            {
              validator: async (_, value: string | undefined) => {
                if (value && value !== form.getFieldValue('newPassword')) throw new Error(t.mismatch);
              },
            },
          ]}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </>
  );
}
