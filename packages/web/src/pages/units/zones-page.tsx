import { chinaToday } from '@gongjian/shared';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { endZone, UNITS_KEY, type Zone, type ZoneCoverage, zoneCoverageQuery, zonesQuery } from '../../api/units';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { unitsText } from './units.text';
import { ZoneFormModal } from './zone-form-modal';

const t = unitsText.zones;
const names = (refs: { name: string }[]) => (refs.length ? refs.map((r) => r.name).join('、') : '—');

const columns: TableColumnsType<Zone> = [
  {
    title: t.column.name,
    dataIndex: 'name',
    render: (n: string, z) => (
      <Space size={4}>
        {n}
        {z.endedOn && <Tag>已撤销</Tag>}
      </Space>
    ),
  },
  { title: t.column.org, key: 'org', render: (_, z) => z.org.name },
  { title: t.column.lead, key: 'lead', render: (_, z) => z.lead?.name ?? '—' },
  { title: t.column.communities, key: 'c', render: (_, z) => names(z.communities) },
  { title: t.column.organizations, key: 'o', render: (_, z) => names(z.organizations) },
  { title: t.column.units, key: 'u', render: (_, z) => names(z.units) },
  {
    title: t.column.count,
    key: 'count',
    width: 90,
    render: (_, z) => z.communities.length + z.organizations.length + z.units.length,
  },
];

type ChildRow = ZoneCoverage['byChild'][number];
const childColumns: TableColumnsType<ChildRow> = [
  { title: '组织', key: 'org', render: (_, r) => r.org.name },
  { title: unitsText.figures.zones, dataIndex: 'zones', width: 90 },
  { title: '社区', dataIndex: 'communities', width: 90 },
  {
    title: unitsText.figures.coverage,
    key: 'covered',
    render: (_, r) => `${r.coveredCommunities}（${t.percent(r.percent)}）`,
  },
  { title: unitsText.figures.organizations, dataIndex: 'organizations', width: 100 },
];

/** 党建协作区 (seed 000): the zones of a subtree and their live coverage of its communities. */
export function ZonesPage() {
  const canWrite = useCan('cobuild.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [form, setForm] = useState<{ zone?: Zone } | null>(null);
  const [ending, setEnding] = useState<Zone | null>(null);
  const [endOn, setEndOn] = useState<Dayjs>(dayjs(chinaToday()));
  const zones = useQuery(zonesQuery(orgId));
  const coverage = useQuery(zoneCoverageQuery(orgId));
  const end = useMutation({
    mutationFn: (z: Zone) => endZone(z.id, endOn.format('YYYY-MM-DD')),
    onSuccess: async () => {
      message.success(t.form.saved);
      setEnding(null);
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const c = coverage.data;
  return (
    <Flex vertical gap="middle">
      <Card title={t.coverage}>
        <Flex vertical gap="middle">
          <Flex gap="middle" align="center">
            <Typography.Text>{unitsText.registry.scope}</Typography.Text>
            <ScopePicker value={orgId} onChange={setOrgId} />
          </Flex>
          {coverage.error && <QueryError error={coverage.error} />}
          {c && (
            <Row gutter={16} data-testid="zone-coverage">
              <Col xs={12} md={6}>
                <Statistic title={unitsText.figures.zones} value={c.zones} suffix="个" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={unitsText.figures.coverage}
                  value={t.percent(c.percent)}
                  suffix={`（${c.coveredCommunities}/${c.communities}）`}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={unitsText.figures.organizations} value={c.organizations} suffix="个" />
              </Col>
            </Row>
          )}
          {c && c.byChild.length > 0 && (
            <Table<ChildRow>
              rowKey={(r) => r.org.id}
              size="small"
              pagination={false}
              columns={childColumns}
              dataSource={c.byChild}
            />
          )}
        </Flex>
      </Card>
      <Card
        title={t.title}
        extra={
          <Flex gap="small">
            <ExportButton path="/api/zones/export" query={{ orgId }} />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
                {t.create}
              </Button>
            )}
          </Flex>
        }
      >
        {zones.error && <QueryError error={zones.error} />}
        <Table<Zone>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={zones.isFetching}
          pagination={false}
          dataSource={zones.data?.items ?? []}
          columns={
            canWrite
              ? [
                  ...columns,
                  {
                    title: t.column.action,
                    key: 'action',
                    width: 110,
                    render: (_, z) =>
                      z.endedOn ? null : (
                        <Space>
                          <Typography.Link onClick={() => setForm({ zone: z })}>{t.edit}</Typography.Link>
                          <Typography.Link type="danger" onClick={() => setEnding(z)}>
                            {t.end}
                          </Typography.Link>
                        </Space>
                      ),
                  },
                ]
              : columns
          }
        />
      </Card>
      {form && <ZoneFormModal zone={form.zone} scopeOrgId={orgId} onClose={() => setForm(null)} />}
      {ending && (
        <Modal
          open
          title={`${t.endTitle}：${ending.name}`}
          onCancel={() => setEnding(null)}
          onOk={() => end.mutate(ending)}
          confirmLoading={end.isPending}
        >
          <Flex gap="small" align="center">
            {t.endedOn}
            <DatePicker value={endOn} onChange={(d) => d && setEndOn(d)} allowClear={false} />
          </Flex>
        </Modal>
      )}
    </Flex>
  );
}
