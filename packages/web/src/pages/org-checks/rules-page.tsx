import { ORG_TYPE_LABELS, RULE_LABELS, type OrgType, type RuleCode } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { rulesQuery } from '../../api/org-system';
import type { RuleViolationItem } from '../../api/types';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { orgChecksText as t } from './org-checks.text';
import { ScopePicker } from './scope-picker';

const columns: TableColumnsType<RuleViolationItem> = [
  {
    title: t.column.org,
    dataIndex: 'orgName',
    render: (name: string, v) => <Link to={`/orgs?id=${v.orgId}`}>{name}</Link>,
  },
  { title: t.column.type, dataIndex: 'orgType', width: 130, render: (type: OrgType) => ORG_TYPE_LABELS[type] },
  { title: t.column.parent, dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
  {
    title: t.column.rule,
    dataIndex: 'rule',
    width: 170,
    render: (rule: RuleCode) => <Tag color="orange">{RULE_LABELS[rule]}</Tag>,
  },
  { title: t.column.reason, dataIndex: 'reason' },
];

export function RulesPage() {
  const [orgId, setOrgId] = useState<number | undefined>();
  const { data, error, isFetching } = useQuery(rulesQuery(orgId));
  return (
    <Card title={t.rulesTitle} extra={<ExportButton path="/api/org-rules/export" query={{ orgId }} />}>
      <Flex vertical gap="middle">
        <Flex gap="middle" align="center" wrap>
          <Typography.Text>{t.scope}</Typography.Text>
          <ScopePicker value={orgId} onChange={setOrgId} />
          {data && <Typography.Text type="secondary">{t.checked(data.checkedOrgs, data.items.length)}</Typography.Text>}
        </Flex>
        {error && <QueryError error={error} />}
        <Table<RuleViolationItem>
          rowKey={(v) => `${v.orgId}-${v.rule}`}
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={data?.items}
          locale={{ emptyText: t.noRules }}
          pagination={{ pageSize: 20, showSizeChanger: true }}
        />
      </Flex>
    </Card>
  );
}
