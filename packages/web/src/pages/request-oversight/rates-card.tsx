import { chinaToday, COUNTER_LABELS, RATE_LABELS, ratePeriodOf, rateText, type Rates } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Statistic } from 'antd';
import { Link } from 'react-router';
import { requestRatesQuery } from '../../api/request-oversight';
import { QueryError } from '../../components/query-error';
import { ratesText as t } from './request-oversight.text';

/** 数据概览's serving-residents part: this quarter's rates of the subtree, read from the counters by key. */
export function RequestRatesCard({ orgId }: { orgId: number }) {
  const period = ratePeriodOf('quarter', chinaToday());
  const { data, error } = useQuery(requestRatesQuery(orgId, period));
  return (
    <Card
      title={`${t.title}（${data?.period.label ?? period}）`}
      extra={<Link to="/request-oversight/rates">详情</Link>}
    >
      {error && <QueryError error={error} />}
      {data && (
        <Flex gap="large" wrap data-testid="request-rates-card">
          {(Object.keys(RATE_LABELS) as (keyof Rates)[]).map((k) => (
            <Statistic key={k} title={RATE_LABELS[k]} value={rateText(data.org.rates[k])} />
          ))}
          <Statistic title={COUNTER_LABELS.total} value={data.org.counters.total} />
          <Statistic title={COUNTER_LABELS.openOverdue} value={data.org.counters.openOverdue} />
        </Flex>
      )}
    </Card>
  );
}
