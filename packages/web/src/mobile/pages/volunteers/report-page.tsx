import { chinaToday } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Form from 'antd-mobile/es/components/form';
import Input from 'antd-mobile/es/components/input';
import Radio from 'antd-mobile/es/components/radio';
import Space from 'antd-mobile/es/components/space';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { reportService, VOLUNTEERS_KEY } from '../../../api/volunteers';
import { putErrorOnField } from '../../../lib/field-errors';
import { mvt as t } from './volunteers.text';

type Values = { servedOn: string; hours: string; content: string; witness: string; confirmBy: 'own' | 'community' };

/** Service done outside any activity: counted once the branch or the community confirms it. */
export function ReportPage() {
  const [form] = Form.useForm<Values>();
  const [onField, setOnField] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: (v: Values) => reportService({ ...v, hours: Number(v.hours) }),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t.form.sent });
      await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      void navigate('/volunteers/hours');
    },
    onError: (error) => setOnField(putErrorOnField(form, error)),
  });
  const required = [{ required: true, whitespace: true, message: t.form.required }];
  return (
    <>
      <p className="m-card m-muted">{t.form.hint}</p>
      {mutation.error && !onField && (
        <p className="m-card m-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ servedOn: chinaToday(), hours: '', content: '', witness: '', confirmBy: 'own' }}
        onFinish={(v: Values) => mutation.mutate(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
            {t.form.submit}
          </Button>
        }
      >
        <Form.Item name="servedOn" label={t.form.servedOn} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="hours" label={t.form.hours} rules={required}>
          <Input type="number" inputMode="decimal" min={0.5} max={24} step={0.5} />
        </Form.Item>
        <Form.Item name="content" label={t.form.content} rules={required}>
          <Input maxLength={300} clearable />
        </Form.Item>
        <Form.Item name="witness" label={t.form.witness} rules={required}>
          <Input maxLength={60} clearable />
        </Form.Item>
        <Form.Item name="confirmBy" label={t.form.confirmBy}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="own">{t.form.own}</Radio>
              <Radio value="community">{t.form.community}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
    </>
  );
}
