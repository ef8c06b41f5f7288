import { LAPSED_REASON_LABELS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Flex, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { lapsedQuery, type LapsedFlag } from '../../api/dues';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { duesText } from './dues.text';

const t = duesText.lapsed;

/** 组织关系预警: members four (told) or six (listed) months without dues or organisational life. */
export function LapsedPage() {
  const [orgId, setOrgId] = useState<number>();
  const [six, setSix] = useState(false);
  const [page, setPage] = useState(1);
  const filter = { ...(orgId && { orgId }), ...(six && { stage: 6 as const }) };
  const { data, error, isFetching } = useQuery(lapsedQuery({ ...filter, page, pageSize: 50 }));
  return (
    <Card title={t.title} extra={<ExportButton path="/api/lapsed/export" query={filter} />}>
      <Alert type="info" showIcon title={t.hint} style={{ marginBottom: 16 }} />
      <Flex gap="middle" align="center" style={{ marginBottom: 16 }}>
        <ScopePicker value={orgId} onChange={setOrgId} />
        <Checkbox checked={six} onChange={(e) => setSix(e.target.checked)}>
          {t.stage6}
        </Checkbox>
      </Flex>
      {error && <QueryError error={error} />}
      <Table<LapsedFlag>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        pagination={{ current: page, pageSize: 50, total: data?.total, onChange: setPage }}
        columns={[
          {
            title: duesText.column.name,
            dataIndex: 'name',
            render: (n: string, f) => <Link to={`/members/${f.memberId}`}>{n}</Link>,
          },
          { title: duesText.column.org, dataIndex: 'orgName' },
          { title: t.reason, dataIndex: 'reason', render: (r: LapsedFlag['reason']) => LAPSED_REASON_LABELS[r] },
          { title: t.months, dataIndex: 'months' },
          { title: t.since, dataIndex: 'since', render: (s: string | null) => s ?? '—' },
          {
            title: t.stage,
            dataIndex: 'stage',
            render: (s: number) =>
              s >= 6 ? <Tag color="red">{t.stage6Tag}</Tag> : <Tag color="gold">{t.stage4Tag}</Tag>,
          },
          { title: t.flaggedOn, dataIndex: 'flaggedOn' },
        ]}
      />
    </Card>
  );
}
