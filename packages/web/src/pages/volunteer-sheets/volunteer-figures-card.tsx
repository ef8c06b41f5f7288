import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Statistic, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { type VolunteerFigures, volunteerFiguresQuery } from '../../api/volunteer-sheets';
import { QueryError } from '../../components/query-error';
import { todayString } from '../members/date-field';
import { figuresText as t } from './volunteer-sheets.text';

type FigureRow = VolunteerFigures['org'];

const sum = (r: FigureRow, metric: 'activities' | 'hours' | 'records') =>
  Math.round(r.quarters.reduce((n, q) => n + q[metric], 0) * 10) / 10;

/**
 * 数据概览's volunteering part: a subtree's teams, resident volunteers, and per quarter its activities, confirmed
 * hours and service records (人次) — counters kept as rollups (volunteer_figures), read by key.
 */
export function VolunteerFiguresCard({ orgId }: { orgId: number }) {
  const thisYear = Number(todayString().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const { data, error } = useQuery(volunteerFiguresQuery(orgId, year));
  const quarterColumns = [1, 2, 3, 4].map((q) => ({
    title: t.quarter(q),
    children: (['activities', 'hours'] as const).map((metric) => ({
      title: t[metric],
      key: `${q}-${metric}`,
      align: 'right' as const,
      render: (_: unknown, r: FigureRow) => r.quarters[q - 1]?.[metric] ?? 0,
    })),
  }));
  const columns: TableColumnsType<FigureRow> = [
    { title: t.name, dataIndex: 'orgName', fixed: 'left' },
    { title: t.teams, dataIndex: 'teams', align: 'right' },
    { title: t.residents, dataIndex: 'residents', align: 'right' },
    ...quarterColumns,
    { title: `${t.total}${t.hours}`, key: 'hours', align: 'right', render: (_, r) => sum(r, 'hours') },
  ];
  return (
    <Card
      title={t.title}
      extra={
        <Select
          aria-label={t.year}
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
        />
      }
    >
      {error && <QueryError error={error} />}
      {data && (
        <>
          <Row gutter={16} data-testid="volunteer-figures" style={{ marginBottom: 16 }}>
            <Col span={4}>
              <Statistic title={t.teams} value={data.org.teams} />
            </Col>
            <Col span={4}>
              <Statistic title={t.residents} value={data.org.residents} />
            </Col>
            <Col span={5}>
              <Statistic title={`${t.total}${t.activities}`} value={sum(data.org, 'activities')} />
            </Col>
            <Col span={5}>
              <Statistic title={`${t.total}${t.hours}`} value={sum(data.org, 'hours')} />
            </Col>
            <Col span={6}>
              <Statistic title={`${t.total}${t.records}`} value={sum(data.org, 'records')} />
            </Col>
          </Row>
          <Table<FigureRow>
            rowKey="orgId"
            size="small"
            bordered
            columns={columns}
            dataSource={[data.org, ...data.children]}
            pagination={data.children.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 'max-content' }}
          />
        </>
      )}
    </Card>
  );
}
