import { DUES_KIND_LABELS, fenToYuan } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  InputNumber,
  Row,
  Statistic,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { duesRosterQuery, duesTotalsQuery, type DuesRosterRow } from '../../api/dues';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { BaseModal } from './base-modal';
import { HistoryDrawer } from './history-drawer';
import { PayModal } from './pay-modal';
import { duesText as t } from './dues.text';

const thisYear = dayjs().year();

function Totals({ orgId, year }: { orgId?: number; year: number }) {
  const { data } = useQuery(duesTotalsQuery({ orgId, year }));
  const thisMonth = dayjs().format('YYYY-MM');
  const month = data?.months.find((m) => m.month === thisMonth)?.amountFen ?? 0;
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="dues-totals">
      <Col span={4}>
        <Statistic title={t.stat.year} value={data ? fenToYuan(data.yearFen) : '—'} />
      </Col>
      <Col span={4}>
        <Statistic title={t.stat.month} value={data ? fenToYuan(month) : '—'} />
      </Col>
      <Col span={4}>
        <Statistic title={t.stat.upToDate} value={data?.upToDate ?? '—'} />
      </Col>
      <Col span={4}>
        <Statistic title={t.stat.behind} value={data?.behind ?? '—'} />
      </Col>
      <Col span={4}>
        <Statistic title={t.stat.behind4} value={data?.behind4 ?? '—'} />
      </Col>
      <Col span={4}>
        <Statistic title={t.stat.noRecord} value={data?.noRecord ?? '—'} />
      </Col>
    </Row>
  );
}

/** 党费收缴: bases, paid up to and who is behind, payments recorded for many members at once, the totals. */
export function DuesPage() {
  const [orgId, setOrgId] = useState<number>();
  const [year, setYear] = useState(thisYear);
  const [behind, setBehind] = useState(false);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<DuesRosterRow[]>([]);
  const [paying, setPaying] = useState<DuesRosterRow[]>();
  const [basing, setBasing] = useState<DuesRosterRow>();
  const [history, setHistory] = useState<DuesRosterRow>();
  const canWrite = useCan('orglife.write');
  const query = { page, pageSize: 100, year, ...(orgId && { orgId }), ...(behind && { behind: 'true' as const }) };
  const { data, error, isFetching } = useQuery(duesRosterQuery(query));
  const columns: TableColumnsType<DuesRosterRow> = [
    {
      title: t.column.name,
      dataIndex: 'name',
      render: (n: string, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setHistory(r)}>
          {n}
        </Button>
      ),
    },
    { title: t.column.org, dataIndex: 'orgName' },
    {
      title: t.column.kind,
      dataIndex: 'kind',
      render: (k: DuesRosterRow['kind']) => (k ? DUES_KIND_LABELS[k] : t.notSet),
    },
    { title: t.column.base, dataIndex: 'baseFen', render: (f: number | null) => (f === null ? '—' : fenToYuan(f)) },
    {
      title: t.column.monthly,
      dataIndex: 'monthlyFen',
      render: (f: number | null) => (f === null ? '—' : fenToYuan(f)),
    },
    { title: t.column.paidTo, dataIndex: 'paidTo', render: (m: string | null) => m ?? t.noRecord },
    {
      title: t.column.behind,
      dataIndex: 'monthsBehind',
      render: (n: number | null) =>
        n === null ? (
          <Tag>{t.noRecord}</Tag>
        ) : n === 0 ? (
          <Tag color="green">{t.upToDate}</Tag>
        ) : (
          <Tag color={n >= 4 ? 'red' : 'gold'}>{t.behindMonths(n)}</Tag>
        ),
    },
    {
      key: 'actions',
      render: (_, r) =>
        canWrite && (
          <Flex gap="small">
            <Button size="small" onClick={() => setPaying([r])}>
              {t.record}
            </Button>
            <Button size="small" onClick={() => setBasing(r)}>
              {t.base}
            </Button>
          </Flex>
        ),
    },
  ];
  return (
    <Card
      title={t.title}
      extra={
        <Flex gap="small">
          <ExportButton
            label={t.exportRoster}
            path="/api/dues/members/export"
            query={{ year, ...(orgId && { orgId }), ...(behind && { behind: 'true' as const }) }}
          />
          <ExportButton
            label={t.exportTotals}
            path="/api/dues/totals/export"
            query={{ year, ...(orgId && { orgId }) }}
          />
        </Flex>
      }
    >
      <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
        <ScopePicker
          value={orgId}
          onChange={(id) => {
            setOrgId(id);
            setPage(1);
            setSelected([]);
          }}
        />
        <span>
          {t.year}{' '}
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 100 }} />
        </span>
        <Checkbox
          checked={behind}
          onChange={(e) => {
            setBehind(e.target.checked);
            setPage(1);
          }}
        >
          {t.behindOnly}
        </Checkbox>
        {canWrite && (
          <Button type="primary" disabled={selected.length === 0} onClick={() => setPaying(selected)}>
            {selected.length ? t.recordSelected(selected.length) : t.record}
          </Button>
        )}
      </Flex>
      <Totals orgId={orgId} year={year} />
      {error && <QueryError error={error} />}
      <Table<DuesRosterRow>
        rowKey="memberId"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        columns={columns}
        rowSelection={
          canWrite
            ? { selectedRowKeys: selected.map((s) => s.memberId), onChange: (_, rows) => setSelected(rows) }
            : undefined
        }
        pagination={{ current: page, pageSize: 100, total: data?.total, onChange: setPage, showSizeChanger: false }}
      />
      {paying && (
        <PayModal
          members={paying}
          onClose={() => {
            setPaying(undefined);
            setSelected([]);
          }}
        />
      )}
      {basing && <BaseModal member={basing} year={year} onClose={() => setBasing(undefined)} />}
      {history && (
        <HistoryDrawer
          memberId={history.memberId}
          name={history.name}
          canWrite={canWrite}
          onClose={() => setHistory(undefined)}
        />
      )}
    </Card>
  );
}
