import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { login, meQuery } from '../../api/auth';
import { errorMessage } from '../../api/errors';
import { AuthCard } from '../../components/auth-card';
import { loginText as t } from './login.text';

type LoginForm = { username: string; password: string };

export function LoginPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: ({ username, password }: LoginForm) => login(username, password),
    onSuccess: (me) => {
      // Nothing cached for a previous account may leak into this session.
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, me);
      navigate(me.mustChangePassword ? '/change-password' : '/', { replace: true });
    },
  });

  return (
    <AuthCard title={t.title}>
      {mutation.error && (
        <Alert type="error" showIcon title={errorMessage(mutation.error)} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<LoginForm> size="large" onFinish={(values) => mutation.mutate(values)} autoComplete="on">
        <Form.Item name="username" rules={[{ required: true, message: t.usernameRequired }]}>
          <Input prefix={<UserOutlined />} placeholder={t.username} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" rules={[{ required: true, message: t.passwordRequired }]}>
          <Input.Password prefix={<LockOutlined />} placeholder={t.password} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
          {t.submit}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        {t.forgot}
      </Typography.Paragraph>
    </AuthCard>
  );
}
