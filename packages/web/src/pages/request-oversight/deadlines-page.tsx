import { REQUEST_CATEGORY_LABELS } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, InputNumber, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import {
  DEADLINES_KEY,
  type DeadlineCategory,
  type DeadlineSettings,
  deadlinesQuery,
  saveDeadline,
} from '../../api/request-oversight';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { deadlinesText as t } from './request-oversight.text';

type Draft = { respondHours: number | null; resolveHours: number | null };

/** One category's own setting, edited in its row and saved alone. */
function OwnCell({ row, orgId, editable }: { row: DeadlineCategory; orgId: number; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({
    respondHours: row.own?.respondHours ?? null,
    resolveHours: row.own?.resolveHours ?? null,
  });
  const save = useMutation({
    mutationFn: () => saveDeadline(orgId, { category: row.category, ...draft }),
    onSuccess: async () => {
      message.success(t.saved);
      await queryClient.invalidateQueries({ queryKey: DEADLINES_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Flex gap="small" align="center" wrap>
      <InputNumber
        aria-label={`${REQUEST_CATEGORY_LABELS[row.category]}${t.respondHours}`}
        min={1}
        max={2160}
        precision={0}
        placeholder={t.inherit}
        value={draft.respondHours}
        disabled={!editable}
        onChange={(v) => setDraft((d) => ({ ...d, respondHours: v ?? null }))}
        style={{ width: 130 }}
        prefix="响应"
      />
      <InputNumber
        aria-label={`${REQUEST_CATEGORY_LABELS[row.category]}${t.resolveHours}`}
        min={1}
        max={2160}
        precision={0}
        placeholder={t.inherit}
        value={draft.resolveHours}
        disabled={!editable}
        onChange={(v) => setDraft((d) => ({ ...d, resolveHours: v ?? null }))}
        style={{ width: 130 }}
        prefix="办结"
      />
      {editable && (
        <Button size="small" type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          {t.save}
        </Button>
      )}
    </Flex>
  );
}

function DeadlinesTable({ data, editable }: { data: DeadlineSettings; editable: boolean }) {
  return (
    <Table<DeadlineCategory>
      rowKey="category"
      size="small"
      pagination={false}
      dataSource={data.categories}
      columns={[
        {
          title: t.category,
          key: 'category',
          render: (_, r) => (
            <>
              {REQUEST_CATEGORY_LABELS[r.category]} {r.urgent && <Tag color="red">{t.urgent}</Tag>}
            </>
          ),
        },
        {
          title: t.respondHours,
          key: 'respond',
          render: (_, r) => (
            <>
              {t.hours(r.effective.respondHours)}
              <Typography.Text type="secondary">
                （{t.setBy(r.effective.respondSetBy?.orgName ?? null)}）
              </Typography.Text>
            </>
          ),
        },
        {
          title: t.resolveHours,
          key: 'resolve',
          render: (_, r) => (
            <>
              {t.hours(r.effective.resolveHours)}
              <Typography.Text type="secondary">
                （{t.setBy(r.effective.resolveSetBy?.orgName ?? null)}）
              </Typography.Text>
            </>
          ),
        },
        ...(data.settable
          ? [
              {
                title: `${t.own}（小时，留空${t.inherit}）`,
                key: 'own',
                render: (_: unknown, r: DeadlineCategory) => (
                  <OwnCell key={`${data.org.id}:${r.category}`} row={r} orgId={data.org.id} editable={editable} />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** 诉求办理时限: the deadlines per category in force at an organisation; a city or district sets its own. */
export function RequestDeadlinesPage() {
  const [picked, setPicked] = useState<number | undefined>();
  const canWrite = useCan('serve.write');
  const { data, error } = useQuery(deadlinesQuery(picked));
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
        <Card title={t.effective}>
          {!data.settable && <Alert type="info" showIcon title={t.notSettable} style={{ marginBottom: 12 }} />}
          <DeadlinesTable data={data} editable={Boolean(data.settable && canWrite)} />
        </Card>
      )}
    </Flex>
  );
}
