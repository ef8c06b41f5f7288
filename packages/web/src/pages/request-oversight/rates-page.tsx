import {
  chinaToday,
  COUNTER_LABELS,
  RATE_LABELS,
  RATE_METRICS,
  RATE_PERIOD_KINDS,
  type RatePeriodKind,
  ratePeriodOf,
  rateText,
  type Rates,
} from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Segmented, Select, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type RateRow, requestRatesQuery } from '../../api/request-oversight';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { ScopePicker } from '../org-checks/scope-picker';
import { ratesText as t } from './request-oversight.text';

const RATE_KEYS = Object.keys(RATE_LABELS) as (keyof Rates)[];

/** The periods to pick from: this one and those before it (12 months, 8 quarters, 5 years). */
function periodsOf(kind: RatePeriodKind, today: string): string[] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const count = { month: 12, quarter: 8, year: 5 }[kind];
  return Array.from({ length: count }, (_, i) => {
    if (kind === 'year') return String(y - i);
    const months = kind === 'month' ? i : i * 3;
    const total = y * 12 + (m - 1) - months;
    const day = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
    return ratePeriodOf(kind, day);
  });
}

const periodLabel = (key: string) =>
  key.includes('-Q')
    ? `${key.slice(0, 4)}年第${'一二三四'[Number(key.slice(-1)) - 1]}季度`
    : key.length === 4
      ? `${key}年`
      : `${key.slice(0, 4)}年${Number(key.slice(5))}月`;

/** 诉求办理“三率”: the rates of an organisation and its children over a month, quarter or year, from the counters. */
export function RequestRatesPage() {
  const today = chinaToday();
  const [picked, setPicked] = useState<number | undefined>();
  const [kind, setKind] = useState<RatePeriodKind>('quarter');
  const [period, setPeriod] = useState(() => ratePeriodOf('quarter', today));
  const options = useMemo(() => periodsOf(kind, today), [kind, today]);
  const { data, error } = useQuery(requestRatesQuery(picked, period));
  return (
    <Flex vertical gap="middle">
      <Card
        title={t.title}
        extra={<ExportButton path="/api/request-oversight/rates/export" query={{ orgId: picked, period }} />}
      >
        <Flex vertical gap="small">
          <Flex gap="middle" align="center" wrap>
            <ScopePicker value={picked} onChange={setPicked} />
            <Segmented
              value={kind}
              onChange={(v) => {
                const k = v as RatePeriodKind;
                setKind(k);
                setPeriod(ratePeriodOf(k, today));
              }}
              options={RATE_PERIOD_KINDS.map((k) => ({ value: k, label: t.periodKind[k] }))}
            />
            <Select
              aria-label={t.period}
              value={period}
              onChange={setPeriod}
              options={options.map((p) => ({ value: p, label: periodLabel(p) }))}
              style={{ width: 160 }}
            />
          </Flex>
          <Typography.Text type="secondary">{t.hint}</Typography.Text>
        </Flex>
      </Card>
      {error && <QueryError error={error} />}
      {data && (
        <>
          <Card title={`${data.org.orgName} · ${data.period.label}`}>
            <Flex gap="large" wrap data-testid="request-rates">
              {RATE_KEYS.map((k) => (
                <Statistic key={k} title={RATE_LABELS[k]} value={rateText(data.org.rates[k])} />
              ))}
              <Statistic title={COUNTER_LABELS.total} value={data.org.counters.total} />
              <Statistic title={COUNTER_LABELS.openOverdue} value={data.org.counters.openOverdue} />
            </Flex>
          </Card>
          <Card title={t.children}>
            <Table<RateRow>
              rowKey="orgId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={[data.org, ...data.children]}
              columns={[
                { title: t.name, dataIndex: 'orgName', key: 'name', fixed: 'left' },
                ...RATE_KEYS.map((k) => ({
                  title: RATE_LABELS[k],
                  key: k,
                  render: (_: unknown, r: RateRow) => rateText(r.rates[k]),
                })),
                ...RATE_METRICS.map((m) => ({
                  title: COUNTER_LABELS[m],
                  key: m,
                  render: (_: unknown, r: RateRow) => r.counters[m],
                })),
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
