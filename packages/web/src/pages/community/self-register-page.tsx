import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { IN_SERVICE_KEY, myRegistrationQuery, registerSelf } from '../../api/community';
import { errorMessage } from '../../api/errors';
import { FullPageSpin } from '../../components/full-page-spin';
import { QueryError } from '../../components/query-error';
import { inServiceText as t } from './community.text';
import { CommunitySelect } from './in-service-page';

type Values = { communityId: number; residence?: string; wishes?: string };

/** A member registers with the community where they live, from their own login. */
export function SelfRegisterPage() {
  const { data, error, isPending } = useQuery(myRegistrationQuery);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (v: Values) => registerSelf(v),
    onSuccess: async () => {
      message.success(t.form.done);
      await queryClient.invalidateQueries({ queryKey: IN_SERVICE_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (isPending) return <FullPageSpin />;
  if (error || !data) return <QueryError error={error} />;
  return (
    <Card title={t.self.title} style={{ maxWidth: 640 }}>
      <Typography.Paragraph>{t.self.intro}</Typography.Paragraph>
      {!data.member && <Alert type="info" title={t.self.noMember} />}
      {data.registration && (
        <Alert
          type="success"
          message={t.self.registered(data.registration.communityName, data.registration.registeredOn)}
        />
      )}
      {data.member && !data.registration && (
        <Form<Values> layout="vertical" onFinish={(v) => mutation.mutate(v)}>
          <Form.Item label={t.form.community} name="communityId" rules={[{ required: true }]}>
            <CommunitySelect />
          </Form.Item>
          <Form.Item label={t.form.residence} name="residence">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t.form.wishes} name="wishes">
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {t.self.submit}
          </Button>
        </Form>
      )}
    </Card>
  );
}
