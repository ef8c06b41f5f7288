import {
  chinaToday,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  periodKeys,
  STANDING_LABELS,
  type Standing,
} from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { type BranchStanding, type Figures, figuresQuery, standingsQuery } from '../../api/org-life';
import { useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { QueryError } from '../../components/query-error';
import { orgLifeText } from './org-life.text';
import { RulesCard } from './rules-card';

const t = orgLifeText.standings;
const COLOR: Record<Standing, string> = { at_risk: 'red', due: 'gold', done: 'green' };

/** Each branch's standing this month, quarter and year; the community's and street's table of branches at risk. */
export function StandingsPage() {
  const { data: me } = useMe();
  const [orgId, setOrgId] = useState<number>();
  const [atRiskOnly, setAtRiskOnly] = useState(false);
  const { data, error, isFetching } = useQuery(
    standingsQuery({ ...(orgId && { orgId }), ...(atRiskOnly && { atRiskOnly: 'true' as const }) }),
  );
  const columns: TableColumnsType<BranchStanding> = [
    { title: t.column.branch, dataIndex: 'orgName', width: 240 },
    { title: t.column.parent, dataIndex: 'parentName', width: 180, render: (v: string | null) => v ?? '—' },
    {
      title: t.column.overall,
      dataIndex: 'status',
      width: 100,
      render: (s: Standing) => <Tag color={COLOR[s]}>{STANDING_LABELS[s]}</Tag>,
    },
    {
      title: t.column.detail,
      key: 'detail',
      render: (_, b) => (
        <Space size={[4, 4]} wrap>
          {b.standings.map((s) => (
            <Tag key={s.type} color={COLOR[s.status]} title={`${s.periodLabel}，截止${s.deadline}，剩${s.daysLeft}天`}>
              {MEETING_TYPE_LABELS[s.type]}：{STANDING_LABELS[s.status]}
              {s.status === 'at_risk' ? `（剩${s.daysLeft}天）` : ''}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t.title}
        extra={
          <ExportButton
            path="/api/org-life/standings/export"
            query={{ orgId, ...(atRiskOnly && { atRiskOnly: 'true' as const }) }}
            label={t.export}
          />
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <div style={{ width: 320 }}>
            <OrgTreeSelect value={orgId} placeholder={me?.org.name} onChange={(id) => setOrgId(id)} />
          </div>
          <Space>
            <Switch checked={atRiskOnly} onChange={setAtRiskOnly} aria-label={t.atRiskOnly} />
            {t.atRiskOnly}
          </Space>
        </Space>
        {data && (
          <Typography.Paragraph data-testid="standings-counts">
            {t.counts(data.branches, data.atRisk, data.due, data.done)}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
        {error && <QueryError error={error} />}
        <Table<BranchStanding>
          data-testid="standings-table"
          rowKey="orgId"
          size="middle"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
      </Card>
      <FiguresCard orgId={orgId} />
      <RulesCard orgId={orgId} />
    </Space>
  );
}

function FiguresCard({ orgId }: { orgId?: number }) {
  const keys = periodKeys(chinaToday());
  const [period, setPeriod] = useState(keys.quarter);
  const { data, error, isFetching } = useQuery(figuresQuery({ ...(orgId && { orgId }), period }));
  type Row = Figures['children'][number];
  const columns: TableColumnsType<Row> = [
    { title: t.figureColumns.org, dataIndex: 'orgName', width: 220 },
    { title: t.figureColumns.branches, dataIndex: 'branches', width: 90 },
    ...MEETING_TYPES.filter((type) => type !== 'other').map((type) => ({
      title: MEETING_TYPE_LABELS[type],
      key: type,
      render: (_: unknown, r: Row) => {
        const c = r.byType.find((x) => x.type === type);
        return c ? t.figureCell(c.held, c.branchesDone) : '—';
      },
    })),
    {
      title: t.figureColumns.attendance,
      dataIndex: 'attendanceRate',
      width: 90,
      render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`),
    },
  ];
  return (
    <Card
      title={`${t.figures}${data ? `：${data.periodLabel}` : ''}`}
      extra={
        <Space>
          <Select
            aria-label={t.period}
            value={period}
            onChange={setPeriod}
            style={{ width: 140 }}
            options={[keys.month, keys.quarter, keys.year].map((p) => ({ value: p, label: p }))}
          />
          <ExportButton path="/api/org-life/figures/export" query={{ orgId, period }} label={t.exportFigures} />
        </Space>
      }
    >
      {error && <QueryError error={error} />}
      <Table<Row>
        rowKey="orgId"
        size="small"
        columns={columns}
        dataSource={data ? [data, ...data.children] : []}
        loading={isFetching}
        pagination={false}
        // The rows' own `children` are the child organisations' figures, listed flat here, not as a tree.
        childrenColumnName="none"
        scroll={{ x: 1000 }}
      />
    </Card>
  );
}
