import { coverageRateText, MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { orgFiguresQuery } from '../../api/orgs';
import type { OrgFigures } from '../../api/types';
import { useCan, useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { FullPageSpin } from '../../components/full-page-spin';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { RequestRatesCard } from '../request-oversight/rates-card';
import { VolunteerFiguresCard } from '../volunteer-sheets/volunteer-figures-card';
import { UnitFiguresCard } from '../units/unit-figures-card';
import { CategoryChart } from './category-chart';
import { CobuildingWorkCard } from './cobuilding-work-card';
import { figuresText as t } from './figures.text';

const rateText = (c: OrgFigures, rate: number) => coverageRateText(c.newOrgs.total, rate);
const rateStatistic = (c: OrgFigures, rate: number) =>
  c.newOrgs.total === 0 ? { value: '—' } : { value: rate, precision: 1, suffix: '%' };

const percent = (part: number, total: number) => (total === 0 ? '0.0' : ((part / total) * 100).toFixed(1));

/** Live figures of a subtree (DOMAIN §9): members by status, gender and category; coverage of new organisations. */
export function FiguresPage() {
  const { data: me } = useMe();
  const canReadVolunteering = useCan('volunteer.read');
  const canReadServing = useCan('serve.read');
  const canReadCobuilding = useCan('cobuild.read');
  const [picked, setPicked] = useState<number | undefined>();
  const orgId = picked ?? me?.org.id;
  const figures = useQuery({ ...orgFiguresQuery(orgId ?? 0), enabled: orgId !== undefined });
  const data = figures.data;

  const columns: TableColumnsType<OrgFigures> = [
    {
      title: t.column.name,
      key: 'name',
      render: (_, c) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setPicked(c.org.id)}>
          {c.org.name}
        </Button>
      ),
    },
    { title: t.column.total, key: 'total', align: 'right', render: (_, c) => c.members.total },
    { title: t.column.full, key: 'full', align: 'right', render: (_, c) => c.members.full },
    { title: t.column.probationary, key: 'probationary', align: 'right', render: (_, c) => c.members.probationary },
    ...MEMBER_CATEGORIES.map((category) => ({
      title: MEMBER_CATEGORY_LABELS[category],
      key: category,
      align: 'right' as const,
      render: (_: unknown, c: OrgFigures) => c.members.byCategory[category] ?? 0,
    })),
    { title: t.column.newOrgs, key: 'newOrgs', align: 'right', render: (_, c) => c.newOrgs.total },
    { title: t.column.orgRate, key: 'orgRate', align: 'right', render: (_, c) => rateText(c, c.newOrgs.orgRate) },
    { title: t.column.workRate, key: 'workRate', align: 'right', render: (_, c) => rateText(c, c.newOrgs.workRate) },
  ];

  return (
    <Flex vertical gap="middle">
      <Card title={t.title}>
        <Flex vertical gap="small">
          <Flex gap="middle" align="center" wrap>
            <Typography.Text>{t.scope}</Typography.Text>
            <ScopePicker value={picked} onChange={setPicked} />
            {data && <Typography.Text strong>{data.org.name}</Typography.Text>}
          </Flex>
          <Typography.Text type="secondary">{t.hint}</Typography.Text>
        </Flex>
      </Card>
      {figures.error && <QueryError error={figures.error} />}
      {!data && !figures.error && <FullPageSpin />}
      {data && (
        <>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t.members} style={{ height: '100%' }}>
                <Row gutter={16} data-testid="member-figures">
                  <Col span={6}>
                    <Statistic title={t.total} value={data.members.total} suffix={t.unit.people} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={t.full} value={data.members.full} suffix={t.unit.people} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={t.probationary} value={data.members.probationary} suffix={t.unit.people} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={t.female} value={data.members.female} suffix={t.unit.people} />
                    <Typography.Text type="secondary">
                      {t.femaleShare(percent(data.members.female, data.members.total))}
                    </Typography.Text>
                  </Col>
                </Row>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t.byCategory}
                </Typography.Title>
                {data.members.total > 0 ? <CategoryChart members={data.members} /> : <Empty />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t.coverage} style={{ height: '100%' }}>
                <Row gutter={[16, 24]} data-testid="coverage-rates">
                  <Col span={8}>
                    <Statistic title={t.newOrgs} value={data.newOrgs.total} suffix={t.unit.orgs} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t.orgRate} {...rateStatistic(data, data.newOrgs.orgRate)} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t.workRate} {...rateStatistic(data, data.newOrgs.workRate)} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t.blank} value={data.newOrgs.blank} suffix={t.unit.orgs} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t.employees} value={data.newOrgs.employees} suffix={t.unit.people} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t.partyMembers} value={data.newOrgs.partyMembers} suffix={t.unit.people} />
                  </Col>
                </Row>
              </Card>
            </Col>
          </Row>
          <Card
            title={t.children}
            extra={<ExportButton path="/api/organizations/{id}/figures/export" pathParams={{ id: data.org.id }} />}
          >
            <Table<OrgFigures>
              rowKey={(c) => c.org.id}
              size="small"
              columns={columns}
              dataSource={data.children}
              pagination={data.children.length > 50 ? { pageSize: 50 } : false}
              locale={{ emptyText: t.noChildren }}
              scroll={{ x: 'max-content' }}
            />
          </Card>
          {canReadVolunteering && <VolunteerFiguresCard orgId={data.org.id} />}
          {canReadServing && <RequestRatesCard orgId={data.org.id} />}
          {canReadCobuilding && <UnitFiguresCard orgId={data.org.id} />}
          {canReadCobuilding && <CobuildingWorkCard orgId={data.org.id} />}
        </>
      )}
    </Flex>
  );
}
