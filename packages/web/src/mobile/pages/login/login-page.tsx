import { useMutation, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { login, meQuery } from '../../../api/auth';
import { errorMessage } from '../../../api/errors';
import { mobileText } from '../../mobile.text';
import { mrt } from '../requests/requests.text';

const t = mobileText.login;

/**
 * The same login as the console's (/api/auth/login, the same session cookie), sized for a phone. A plain form
 * (two fields, both required): the first page after a session ended must not wait for antd-mobile's Form.
 */
export function LoginPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (me) => {
      // Nothing cached for a previous account may leak into this session.
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, me);
      void navigate(me.mustChangePassword ? '/password' : '/', { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = !username.trim() ? t.usernameRequired : !password ? t.passwordRequired : null;
    setMissing(problem);
    if (!problem) mutation.mutate();
  };
  const error = missing ?? (mutation.error ? errorMessage(mutation.error) : null);
  return (
    <form onSubmit={submit} noValidate>
      <p className="m-muted" style={{ margin: '0 var(--m-gap) 8px' }}>
        {t.intro}
      </p>
      <List mode="card">
        <List.Item title={<label htmlFor="m-username">{t.username}</label>}>
          <Input
            id="m-username"
            name="username"
            placeholder={t.username}
            autoComplete="username"
            autoCapitalize="off"
            value={username}
            onChange={setUsername}
            clearable
          />
        </List.Item>
        <List.Item title={<label htmlFor="m-password">{t.password}</label>}>
          <Input
            id="m-password"
            name="password"
            type="password"
            placeholder={t.password}
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
          />
        </List.Item>
      </List>
      {error && (
        <p className="m-error" role="alert" style={{ margin: '0 var(--m-gap) 8px' }}>
          {error}
        </p>
      )}
      <div className="m-actions" style={{ marginTop: 0 }}>
        <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
          {t.submit}
        </Button>
        <p className="m-muted">{t.forgot}</p>
        <p>
          <Link to="/join" style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}>
            {mrt.joinLink}
          </Link>
        </p>
      </div>
    </form>
  );
}
