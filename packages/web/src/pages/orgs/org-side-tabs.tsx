import { RULE_LABELS, type RuleCode } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Flex, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { auditLogsQuery } from '../../api/audit';
import { rulesQuery } from '../../api/org-system';
import type { OrgDetail } from '../../api/types';
import { useCan } from '../../auth/use-me';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { orgSystemText as t } from './org-system.text';
import { TeamHistoryTable } from './org-team-tab';

export function OrgMembersTab({ org }: { org: OrgDetail }) {
  return (
    <Flex vertical gap="middle">
      {[
        { title: t.members.subtree, full: org.fullMembers, probationary: org.probationaryMembers },
        { title: t.members.direct, full: org.directFullMembers, probationary: org.directProbationaryMembers },
      ].map((row) => (
        <div key={row.title}>
          <Typography.Text strong>{row.title}</Typography.Text>
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col span={8}>
              <Statistic title={t.members.full} value={row.full} suffix="人" />
            </Col>
            <Col span={8}>
              <Statistic title={t.members.probationary} value={row.probationary} suffix="人" />
            </Col>
            <Col span={8}>
              <Statistic title={t.members.total} value={row.full + row.probationary} suffix="人" />
            </Col>
          </Row>
        </div>
      ))}
      <Typography.Text type="secondary">{t.members.source}</Typography.Text>
    </Flex>
  );
}

export function OrgRulesTab({ orgId }: { orgId: number }) {
  const { data, error, isPending } = useQuery(rulesQuery(orgId, 'self'));
  if (error) return <QueryError error={error} />;
  if (!isPending && data.items.length === 0) return <Alert type="success" showIcon title={t.rules.none} />;
  return (
    <List
      loading={isPending}
      dataSource={data?.items}
      renderItem={(v) => (
        <List.Item>
          <List.Item.Meta title={<Tag color="orange">{RULE_LABELS[v.rule as RuleCode]}</Tag>} description={v.reason} />
        </List.Item>
      )}
    />
  );
}

export function OrgHistoryTab({ org }: { org: OrgDetail }) {
  const canAudit = useCan('audit.read');
  const audit = useQuery({
    ...auditLogsQuery({ entity: 'organization', entityId: String(org.id), page: 1, pageSize: 50 }),
    enabled: canAudit,
  });
  return (
    <Flex vertical gap="middle">
      <Typography.Text strong>{t.team.history}</Typography.Text>
      <TeamHistoryTable orgId={org.id} />
      <Typography.Text strong>{t.history.audit}</Typography.Text>
      {canAudit ? (
        <Table
          rowKey="id"
          size="small"
          loading={audit.isPending}
          dataSource={audit.data?.items}
          pagination={false}
          columns={[
            { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
            { title: '操作人', dataIndex: 'actorName', width: 120 },
            { title: '操作', dataIndex: 'actionLabel' },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t.history.noAudit}</Typography.Text>
      )}
    </Flex>
  );
}
