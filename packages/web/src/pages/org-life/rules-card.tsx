import {
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  type MeetingType,
  RULE_FREQUENCIES,
  RULE_FREQUENCY_LABELS,
  RULE_MAX_LEAD_DAYS,
  type RuleFrequency,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Modal, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { ORG_LIFE_KEY, type OrgLifeRules, rulesQuery, setRules } from '../../api/org-life';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { orgLifeText } from './org-life.text';

const t = orgLifeText.rules;
type Effective = OrgLifeRules['effective'][number];
type Draft = Record<MeetingType, { frequency: RuleFrequency | 'inherit'; leadDays: number }>;

/** The rules holding for the chosen organisation, and a city's, district's or street's own, editable there. */
export function RulesCard({ orgId }: { orgId?: number }) {
  const { data, error } = useQuery(rulesQuery(orgId));
  const canWrite = useCan('orglife.write');
  const [editing, setEditing] = useState(false);
  const columns: TableColumnsType<Effective> = [
    { title: t.type, dataIndex: 'type', width: 120, render: (v: MeetingType) => MEETING_TYPE_LABELS[v] },
    { title: t.frequency, dataIndex: 'frequency', render: (v: RuleFrequency) => RULE_FREQUENCY_LABELS[v] },
    {
      title: t.leadDays,
      dataIndex: 'leadDays',
      width: 120,
      render: (v: number, r) => (r.frequency === 'none' ? '—' : v),
    },
    { title: t.source, dataIndex: 'source' },
  ];
  return (
    <Card
      title={data ? `${t.title}：${data.orgName}` : t.title}
      extra={
        data?.canSet &&
        canWrite && (
          <Button onClick={() => setEditing(true)} data-testid="edit-rules">
            {t.edit}
          </Button>
        )
      }
    >
      {error && <QueryError error={error} />}
      <Table<Effective> rowKey="type" size="small" columns={columns} dataSource={data?.effective} pagination={false} />
      {editing && data && <RulesModal rules={data} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function RulesModal({ rules, onClose }: { rules: OrgLifeRules; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(
    () =>
      Object.fromEntries(
        MEETING_TYPES.map((type) => {
          const own = rules.overrides.find((o) => o.type === type);
          const effective = rules.effective.find((e) => e.type === type);
          return [
            type,
            { frequency: own?.frequency ?? 'inherit', leadDays: own?.leadDays ?? effective?.leadDays ?? 7 },
          ];
        }),
      ) as Draft,
  );
  const save = useMutation({
    mutationFn: () =>
      setRules({
        orgId: rules.orgId,
        overrides: MEETING_TYPES.flatMap((type) => {
          const d = draft[type];
          return d.frequency === 'inherit' ? [] : [{ type, frequency: d.frequency, leadDays: d.leadDays }];
        }),
      }),
    onSuccess: async () => {
      message.success(t.saved);
      await queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`${t.edit}：${rules.orgName}`}
      onCancel={onClose}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      width={640}
    >
      <p>{t.hint}</p>
      <Table
        rowKey="type"
        size="small"
        pagination={false}
        dataSource={MEETING_TYPES.map((type) => ({ type }))}
        columns={[
          { title: t.type, dataIndex: 'type', render: (v: MeetingType) => MEETING_TYPE_LABELS[v] },
          {
            title: t.frequency,
            key: 'frequency',
            render: (_, { type }) => (
              <Select<RuleFrequency | 'inherit'>
                aria-label={`${MEETING_TYPE_LABELS[type]}${t.frequency}`}
                style={{ width: 200 }}
                value={draft[type].frequency}
                onChange={(frequency) => setDraft((d) => ({ ...d, [type]: { ...d[type], frequency } }))}
                options={[
                  { value: 'inherit', label: t.inherit },
                  ...RULE_FREQUENCIES.map((f) => ({ value: f, label: RULE_FREQUENCY_LABELS[f] })),
                ]}
              />
            ),
          },
          {
            title: t.leadDays,
            key: 'leadDays',
            render: (_, { type }) => (
              <InputNumber
                aria-label={`${MEETING_TYPE_LABELS[type]}${t.leadDays}`}
                min={1}
                max={RULE_MAX_LEAD_DAYS}
                disabled={draft[type].frequency === 'inherit' || draft[type].frequency === 'none'}
                value={draft[type].leadDays}
                onChange={(v) => setDraft((d) => ({ ...d, [type]: { ...d[type], leadDays: v ?? 1 } }))}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
