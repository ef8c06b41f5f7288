import {
  chinaToday,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  UNIT_RELATION_LABELS,
  UNIT_RELATIONS,
  type UnitKind,
  type UnitRelation,
} from '@gongjian/shared';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Input,
  Modal,
  Row,
  Select,
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
import { endUnit, type Unit, unitFiguresQuery, UNITS_KEY, unitsQuery } from '../../api/units';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { UnitFormModal } from './unit-form-modal';
import { unitsText } from './units.text';

const t = unitsText.registry;

const columns: TableColumnsType<Unit> = [
  {
    title: t.column.name,
    dataIndex: 'name',
    render: (name: string, u) => (
      <Space size={4}>
        {name}
        {u.newOrgId !== null && <Tag color="blue">{t.column.newOrg}</Tag>}
        {u.endedOn && <Tag>{t.column.ended}</Tag>}
      </Space>
    ),
  },
  { title: t.column.kind, dataIndex: 'kind', width: 100, render: (k: UnitKind) => UNIT_KIND_LABELS[k] },
  { title: t.column.relation, dataIndex: 'relation', width: 100, render: (r: UnitRelation) => UNIT_RELATION_LABELS[r] },
  { title: t.column.org, key: 'org', render: (_, u) => u.org.name },
  {
    title: t.column.contact,
    key: 'contact',
    render: (_, u) => [u.contactName, u.contactPhone].filter(Boolean).join(' ') || '—',
  },
  { title: t.column.partyMembers, dataIndex: 'partyMembers', width: 70, render: (n: number | null) => n ?? '—' },
  { title: t.column.partyOrg, key: 'partyOrg', render: (_, u) => u.partyOrg?.name ?? '—' },
  { title: t.column.liaison, key: 'liaison', render: (_, u) => u.liaison?.displayName ?? '—' },
];

/** 驻区单位名录: the registry of a subtree, its figures, registering and editing units. */
export function UnitsPage() {
  const canWrite = useCan('cobuild.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [relation, setRelation] = useState<UnitRelation | undefined>();
  const [showEnded, setShowEnded] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [form, setForm] = useState<{ unit?: Unit; link?: boolean } | null>(null);
  const [ending, setEnding] = useState<Unit | null>(null);
  const [endOn, setEndOn] = useState<Dayjs>(dayjs(chinaToday()));
  const query = { orgId, kind, relation, q: q || undefined, ended: showEnded ? undefined : ('false' as const) };
  const list = useQuery(unitsQuery({ ...query, page, pageSize }));
  const figures = useQuery(unitFiguresQuery(orgId));
  const end = useMutation({
    mutationFn: (u: Unit) => endUnit(u.id, endOn.format('YYYY-MM-DD')),
    onSuccess: async () => {
      message.success(t.ended);
      setEnding(null);
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const f = figures.data?.figures;
  const cover = figures.data?.coverage;

  return (
    <Flex vertical gap="middle">
      <Card title={t.overview}>
        <Flex vertical gap="middle">
          <Flex gap="middle" align="center">
            <Typography.Text>{t.scope}</Typography.Text>
            <ScopePicker value={orgId} onChange={(id) => (setOrgId(id), setPage(1))} />
          </Flex>
          {figures.error && <QueryError error={figures.error} />}
          {f && cover && (
            <Row gutter={16} data-testid="unit-figures">
              <Col xs={12} md={6} lg={3}>
                <Statistic title={unitsText.figures.units} value={f.units} suffix="个" />
              </Col>
              <Col xs={12} md={6} lg={3}>
                <Statistic title={unitsText.figures.linked} value={f.linked} suffix="个" />
              </Col>
              <Col xs={12} md={6} lg={3}>
                <Statistic title={unitsText.figures.partTime} value={f.partTime} suffix="名" />
              </Col>
              <Col xs={12} md={6} lg={3}>
                <Statistic title={unitsText.figures.zones} value={cover.zones} suffix="个" />
              </Col>
              <Col xs={12} md={6} lg={4}>
                <Statistic
                  title={unitsText.figures.coverage}
                  value={`${cover.coveredCommunities}/${cover.communities}`}
                  suffix={cover.percent === null ? '' : `（${cover.percent}%）`}
                />
              </Col>
              <Col xs={24} lg={8}>
                <Typography.Text type="secondary">
                  {UNIT_KINDS.filter((k) => f.byKind[k])
                    .map((k) => `${UNIT_KIND_LABELS[k]} ${f.byKind[k]}`)
                    .join('　')}
                  <br />
                  {UNIT_RELATIONS.map((r) => `${UNIT_RELATION_LABELS[r]} ${f.byRelation[r]}`).join('　')}
                </Typography.Text>
              </Col>
            </Row>
          )}
        </Flex>
      </Card>
      <Card
        title={t.title}
        extra={
          <Flex gap="small">
            <ExportButton path="/api/units/export" query={query} />
            {canWrite && (
              <>
                <Button onClick={() => setForm({ link: true })}>{t.fromNewOrg}</Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
                  {t.create}
                </Button>
              </>
            )}
          </Flex>
        }
      >
        <Flex gap="middle" wrap style={{ marginBottom: 16 }}>
          <Select<UnitKind | undefined>
            allowClear
            placeholder={t.kindAll}
            style={{ width: 140 }}
            value={kind}
            onChange={(v) => (setKind(v), setPage(1))}
            options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          />
          <Select<UnitRelation | undefined>
            allowClear
            placeholder={t.relationAll}
            style={{ width: 140 }}
            value={relation}
            onChange={(v) => (setRelation(v), setPage(1))}
            options={UNIT_RELATIONS.map((r) => ({ value: r, label: UNIT_RELATION_LABELS[r] }))}
          />
          <Input.Search
            allowClear
            placeholder={t.search}
            style={{ maxWidth: 280 }}
            onSearch={(v) => (setQ(v.trim()), setPage(1))}
          />
          <Checkbox checked={showEnded} onChange={(e) => (setShowEnded(e.target.checked), setPage(1))}>
            {t.showEnded}
          </Checkbox>
        </Flex>
        {list.error && <QueryError error={list.error} />}
        <Table<Unit>
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={
            canWrite
              ? [
                  ...columns,
                  {
                    title: t.column.action,
                    key: 'action',
                    width: 110,
                    render: (_, u) =>
                      u.endedOn ? null : (
                        <Space>
                          <Typography.Link onClick={() => setForm({ unit: u })}>{t.column.edit}</Typography.Link>
                          <Typography.Link type="danger" onClick={() => setEnding(u)}>
                            {t.column.end}
                          </Typography.Link>
                        </Space>
                      ),
                  },
                ]
              : columns
          }
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (p, s) => (setPage(p), setPageSize(s)),
          }}
        />
      </Card>
      {form && <UnitFormModal unit={form.unit} link={form.link} scopeOrgId={orgId} onClose={() => setForm(null)} />}
      {ending && (
        <Modal
          open
          title={`${t.endTitle}：${ending.name}`}
          onCancel={() => setEnding(null)}
          onOk={() => end.mutate(ending)}
          confirmLoading={end.isPending}
        >
          <Flex gap="small" align="center">
            {t.endOn}
            <DatePicker value={endOn} onChange={(d) => d && setEndOn(d)} allowClear={false} />
          </Flex>
        </Modal>
      )}
    </Flex>
  );
}
