import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import {
  saveVolunteerRules,
  VOLUNTEER_RULES_KEY,
  type VolunteerRules,
  type VolunteerSetting,
  volunteerRulesQuery,
} from '../../api/volunteer-sheets';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { rulesText as t } from './volunteer-sheets.text';

type Switch = 'inherit' | 'on' | 'off';
type FormValues = {
  yearlyTargetHours: number | null;
  pointsEnabled: Switch;
  pointsPerHour: number | null;
  pointsPerActivity: Record<string, number | null>;
  rankingEnabled: Switch;
};

const toSwitch = (v: boolean | null): Switch => (v === null ? 'inherit' : v ? 'on' : 'off');
const fromSwitch = (v: Switch): boolean | null => (v === 'inherit' ? null : v === 'on');
const SWITCH_OPTIONS = [
  { value: 'inherit', label: t.inherit },
  { value: 'on', label: t.on },
  { value: 'off', label: t.off },
];

function toForm(own: VolunteerSetting | null): FormValues {
  return {
    yearlyTargetHours: own?.yearlyTargetHours ?? null,
    pointsEnabled: toSwitch(own?.pointsEnabled ?? null),
    pointsPerHour: own?.pointsPerHour ?? null,
    pointsPerActivity: { ...(own?.pointsPerActivity ?? {}) },
    rankingEnabled: toSwitch(own?.rankingEnabled ?? null),
  };
}

function toSetting(v: FormValues): VolunteerSetting {
  const perActivity = Object.fromEntries(
    Object.entries(v.pointsPerActivity ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  return {
    yearlyTargetHours: v.yearlyTargetHours ?? null,
    pointsEnabled: fromSwitch(v.pointsEnabled),
    pointsPerHour: v.pointsPerHour ?? null,
    pointsPerActivity: Object.keys(perActivity).length > 0 ? perActivity : null,
    rankingEnabled: fromSwitch(v.rankingEnabled),
  };
}

function Effective({ rules }: { rules: VolunteerRules }) {
  const e = rules.effective;
  const by = (f: keyof typeof e.setBy) => (
    <Typography.Text type="secondary"> （{t.setBy(e.setBy[f]?.orgName ?? null)}）</Typography.Text>
  );
  const perActivity = Object.entries(e.pointsPerActivity)
    .map(([type, n]) => `${ACTIVITY_TYPE_LABELS[type as keyof typeof ACTIVITY_TYPE_LABELS] ?? type} ${n}`)
    .join('，');
  return (
    <Descriptions column={1} size="small" bordered data-testid="effective-rules">
      <Descriptions.Item label={t.field.yearlyTargetHours}>
        {e.yearlyTargetHours === null ? t.none : `${e.yearlyTargetHours} ${t.hours}`}
        {by('yearlyTargetHours')}
      </Descriptions.Item>
      <Descriptions.Item label={t.field.pointsEnabled}>
        {e.pointsEnabled ? t.on : t.off}
        {by('pointsEnabled')}
      </Descriptions.Item>
      {e.pointsEnabled && (
        <>
          <Descriptions.Item label={t.field.pointsPerHour}>
            {e.pointsPerHour}
            {by('pointsPerHour')}
          </Descriptions.Item>
          <Descriptions.Item label={t.field.pointsPerActivity}>
            {perActivity || t.none}
            {by('pointsPerActivity')}
          </Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={t.field.rankingEnabled}>
        {e.rankingEnabled ? t.on : t.off}
        {by('rankingEnabled')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 志愿服务规则: the local rules of a city or district, field by field inherited below. */
export function VolunteerRulesPage() {
  const [picked, setPicked] = useState<number | undefined>();
  const canWrite = useCan('volunteer.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, error } = useQuery(volunteerRulesQuery(picked));
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (data) form.setFieldsValue(toForm(data.own));
  }, [data, form]);
  const save = useMutation({
    mutationFn: (values: FormValues) => saveVolunteerRules((data as VolunteerRules).org.id, toSetting(values)),
    onSuccess: async (saved) => {
      message.success(t.saved);
      queryClient.setQueryData(volunteerRulesQuery(picked).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: VOLUNTEER_RULES_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const editable = Boolean(data?.settable && canWrite);
  return (
    <Flex vertical gap="middle">
      <Card title={t.title}>
        <Flex vertical gap="small">
          <Flex gap="middle" align="center" wrap>
            <Typography.Text>{t.org}</Typography.Text>
            <ScopePicker value={picked} onChange={setPicked} />
            {data && <Typography.Text strong>{data.org.name}</Typography.Text>}
          </Flex>
          <Typography.Text type="secondary">{t.hint}</Typography.Text>
        </Flex>
      </Card>
      {error && <QueryError error={error} />}
      {data && (
        <Flex gap="middle" wrap align="start">
          <Card title={t.effective} style={{ flex: '1 1 420px' }}>
            <Effective rules={data} />
          </Card>
          <Card title={t.own} style={{ flex: '1 1 420px' }}>
            {!data.settable && <Alert type="info" showIcon title={t.notSettable} />}
            {data.settable && (
              <Form<FormValues>
                form={form}
                layout="vertical"
                disabled={!editable}
                onFinish={(values) => save.mutate(values)}
                initialValues={toForm(data.own)}
              >
                <Form.Item name="yearlyTargetHours" label={t.field.yearlyTargetHours} extra={t.emptyInherits}>
                  <InputNumber min={0.5} max={1000} step={0.5} suffix={t.hours} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name="pointsEnabled" label={t.field.pointsEnabled}>
                  <Select options={SWITCH_OPTIONS} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name="pointsPerHour" label={t.field.pointsPerHour} extra={t.emptyInherits}>
                  <InputNumber min={0} max={100} step={0.5} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item label={t.field.pointsPerActivity} extra={t.emptyInherits}>
                  <Flex gap="small" wrap>
                    {ACTIVITY_TYPES.map((type) => (
                      <Form.Item key={type} name={['pointsPerActivity', type]} noStyle>
                        <InputNumber min={0} max={100} prefix={ACTIVITY_TYPE_LABELS[type]} style={{ width: 170 }} />
                      </Form.Item>
                    ))}
                  </Flex>
                </Form.Item>
                <Form.Item name="rankingEnabled" label={t.field.rankingEnabled}>
                  <Select options={SWITCH_OPTIONS} style={{ width: 200 }} />
                </Form.Item>
                {editable && (
                  <Button type="primary" htmlType="submit" loading={save.isPending}>
                    {t.save}
                  </Button>
                )}
              </Form>
            )}
          </Card>
        </Flex>
      )}
    </Flex>
  );
}
