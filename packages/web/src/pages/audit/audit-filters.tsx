import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { auditLabelsQuery } from '../../api/audit';
import type { AuditLogQuery } from '../../api/types';
import { auditText as t } from './audit.text';

export type AuditFilter = Pick<AuditLogQuery, 'entity' | 'entityId' | 'actor' | 'action' | 'from' | 'to' | 'logins'>;

type FilterForm = {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  logins?: boolean;
};

const blankToUndefined = (value: string | undefined) => value?.trim() || undefined;

export function AuditFilters({ onChange }: { onChange: (filter: AuditFilter) => void }) {
  const [form] = Form.useForm<FilterForm>();
  const labels = useQuery(auditLabelsQuery()).data;
  const options = (map: Record<string, string> | undefined) =>
    Object.entries(map ?? {}).map(([value, label]) => ({ value, label }));
  const apply = ({ entity, entityId, actor, action, range, logins }: FilterForm) =>
    onChange({
      entity: entity || undefined,
      entityId: blankToUndefined(entityId),
      actor: blankToUndefined(actor),
      action: action || undefined,
      from: range?.[0]?.toISOString(),
      to: range?.[1]?.toISOString(),
      logins: logins ? 'true' : undefined,
    });

  return (
    <Form<FilterForm> form={form} layout="inline" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
      <Form.Item label={t.filter.entity} name="entity">
        <Select allowClear style={{ width: 120 }} options={options(labels?.entities)} />
      </Form.Item>
      <Form.Item label={t.filter.entityId} name="entityId">
        <Input allowClear style={{ width: 120 }} />
      </Form.Item>
      <Form.Item label={t.filter.actor} name="actor">
        <Input allowClear placeholder={t.filter.actorPlaceholder} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={t.filter.action} name="action">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          options={options(labels?.actions)}
        />
      </Form.Item>
      <Form.Item label={t.filter.range} name="range">
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item label={t.filter.logins} name="logins" valuePropName="checked">
        <Switch onChange={() => form.submit()} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t.filter.search}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            apply({});
          }}
        >
          {t.filter.reset}
        </Button>
      </Form.Item>
    </Form>
  );
}
