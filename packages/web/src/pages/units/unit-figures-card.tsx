import { UNIT_KIND_LABELS, UNIT_KINDS, UNIT_RELATION_LABELS, UNIT_RELATIONS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, type TableColumnsType } from 'antd';
import { type UnitFigures, unitFiguresQuery } from '../../api/units';
import { QueryError } from '../../components/query-error';
import { unitsText } from './units.text';

const t = unitsText.figures;
type ChildRow = UnitFigures['children'][number];

const columns: TableColumnsType<ChildRow> = [
  { title: '组织', key: 'org', fixed: 'left', render: (_, r) => r.org.name },
  { title: t.units, key: 'units', align: 'right', render: (_, r) => r.figures.units },
  ...UNIT_KINDS.map((k) => ({
    title: UNIT_KIND_LABELS[k],
    key: k,
    align: 'right' as const,
    render: (_: unknown, r: ChildRow) => r.figures.byKind[k],
  })),
  ...UNIT_RELATIONS.map((rel) => ({
    title: UNIT_RELATION_LABELS[rel],
    key: rel,
    align: 'right' as const,
    render: (_: unknown, r: ChildRow) => r.figures.byRelation[rel],
  })),
  { title: t.partTime, key: 'partTime', align: 'right', render: (_, r) => r.figures.partTime },
];

/**
 * 数据概览's co-building part: a subtree's resident units by kind and management relation, the big committees'
 * part-time members (counters kept by triggers, read by key) and the collaboration zones' coverage.
 */
export function UnitFiguresCard({ orgId }: { orgId: number }) {
  const { data, error } = useQuery(unitFiguresQuery(orgId));
  return (
    <Card title={unitsText.figures.title} data-testid="unit-figures-card">
      {error && <QueryError error={error} />}
      {data && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={4}>
              <Statistic title={t.units} value={data.figures.units} suffix="个" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t.linked} value={data.figures.linked} suffix="个" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t.partTime} value={data.figures.partTime} suffix="名" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t.zones} value={data.coverage.zones} suffix="个" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t.coverage}
                value={unitsText.zones.percent(data.coverage.percent)}
                suffix={`（${data.coverage.coveredCommunities}/${data.coverage.communities}）`}
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t.organizations} value={data.coverage.organizations} suffix="个" />
            </Col>
          </Row>
          <Table<ChildRow>
            rowKey={(r) => r.org.id}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={columns}
            dataSource={[{ org: data.org, figures: data.figures }, ...data.children]}
          />
        </>
      )}
    </Card>
  );
}
