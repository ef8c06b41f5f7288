import { CARE_NEED_LABELS, chinaToday } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Checkbox from 'antd-mobile/es/components/checkbox';
import Form from 'antd-mobile/es/components/form';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import TextArea from 'antd-mobile/es/components/text-area';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useParams } from 'react-router';
import { CARE_KEY, myCareDetailQuery, recordMyVisit } from '../../../api/care';
import { errorMessage } from '../../../api/errors';
import { WORKBENCH_KEY } from '../../../api/workbench';
import { putErrorOnField } from '../../../lib/field-errors';
import { LoadError, Loading } from '../../layout/query-state';
import { typeLine } from './care-page';
import { mct as t } from './care.text';

type Values = { visitedOn: string; content: string; followUp: boolean; followUpNote: string };

/** One person I look after, whole (the server records the view), their visits, and a visit to record. */
export function PersonPage() {
  const id = Number(useParams().id);
  const { data, error, isPending, refetch } = useQuery(myCareDetailQuery(id));
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  return (
    <>
      <List mode="card" header={data.name}>
        <List.Item description={t.every(data.intervalMonths)}>{typeLine(data)}</List.Item>
        {data.phone && (
          <List.Item extra={<a href={`tel:${data.phone}`}>{t.call}</a>} description={t.phone}>
            {data.phone}
          </List.Item>
        )}
        {(data.buildingName || data.address) && (
          <List.Item description={t.address}>{[data.buildingName, data.address].filter(Boolean).join(' ')}</List.Item>
        )}
        {data.guardianName && (
          <List.Item description={t.guardian}>
            {data.guardianName}{' '}
            {data.guardianPhone ? <a href={`tel:${data.guardianPhone}`}>{data.guardianPhone}</a> : null}
          </List.Item>
        )}
        {data.needs.length > 0 && (
          <List.Item description={t.needs}>{data.needs.map((n) => CARE_NEED_LABELS[n]).join('、')}</List.Item>
        )}
        {data.notes && <List.Item description={t.notes}>{data.notes}</List.Item>}
        <List.Item description={t.last(data.lastVisitOn)}>{t.next(data.nextVisitDue)}</List.Item>
      </List>
      <p className="m-card m-muted">{t.audited}</p>
      <VisitForm id={id} />
      <List mode="card" header={t.visits}>
        {data.visits.length === 0 && <List.Item>{t.noVisits}</List.Item>}
        {data.visits.map((v) => (
          <List.Item key={v.id} description={`${v.visitedOn} · ${v.visitor}`}>
            {v.content}
            {v.followUp && v.followUpNote ? `（${v.followUpNote}）` : ''}
          </List.Item>
        ))}
      </List>
    </>
  );
}

function VisitForm({ id }: { id: number }) {
  const [form] = Form.useForm<Values>();
  const [onField, setOnField] = useState(false);
  const queryClient = useQueryClient();
  const followUp = Form.useWatch('followUp', form);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      recordMyVisit(id, {
        visitedOn: v.visitedOn,
        content: v.content,
        followUp: v.followUp,
        followUpNote: v.followUp ? v.followUpNote || null : null,
      }),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t.form.sent });
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: CARE_KEY });
      await queryClient.invalidateQueries({ queryKey: WORKBENCH_KEY });
    },
    onError: (error) => setOnField(putErrorOnField(form, error)),
  });
  const required = [{ required: true, whitespace: true, message: t.form.required }];
  return (
    <>
      {mutation.error && !onField && (
        <p className="m-card m-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
      <h2 className="m-section-title">{t.record}</h2>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ visitedOn: chinaToday(), content: '', followUp: false, followUpNote: '' }}
        onFinish={(v: Values) => mutation.mutate(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={mutation.isPending}>
            {t.form.submit}
          </Button>
        }
      >
        <Form.Item name="visitedOn" label={t.form.visitedOn} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="content" label={t.form.content} rules={required}>
          <TextArea maxLength={1000} rows={3} placeholder={t.form.contentPlaceholder} />
        </Form.Item>
        <Form.Item name="followUp" valuePropName="checked">
          <Checkbox>{t.form.followUp}</Checkbox>
        </Form.Item>
        {followUp && (
          <Form.Item name="followUpNote" label={t.form.followUpNote}>
            <Input maxLength={500} clearable />
          </Form.Item>
        )}
      </Form>
    </>
  );
}
