import { DUES_PAYMENT_METHOD_LABELS, fenToYuan } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import List from 'antd-mobile/es/components/list';
import { myDuesQuery } from '../../../api/dues';
import { LoadError, Loading } from '../../layout/query-state';
import { myDuesText as t } from './dues.text';

const cnMonth = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** 我的党费: paid up to, the monthly amount, the payments the branch recorded. */
export function MyDuesPage() {
  const { data, error, isPending, refetch } = useQuery(myDuesQuery());
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  return (
    <>
      <List mode="card" header={data.orgName}>
        <List.Item extra={<span data-testid="dues-paid-to">{data.paidTo ? cnMonth(data.paidTo) : t.noRecord}</span>}>
          {t.paidTo}
        </List.Item>
        <List.Item extra={data.monthlyFen === null ? t.notSet : t.yuan(fenToYuan(data.monthlyFen))}>
          {t.monthly}
        </List.Item>
        {data.monthsBehind !== null && (
          <List.Item>
            <span className={data.monthsBehind > 0 ? 'm-error' : undefined}>
              {data.monthsBehind > 0 ? t.behindMonths(data.monthsBehind) : t.upToDate}
            </span>
          </List.Item>
        )}
      </List>
      <List mode="card" header={t.payments}>
        {data.payments.length === 0 && <List.Item>{t.noRecord}</List.Item>}
        {data.payments.map((p) => (
          <List.Item
            key={p.id}
            description={`${p.paidOn} · ${DUES_PAYMENT_METHOD_LABELS[p.method]}`}
            extra={t.yuan(fenToYuan(p.amountFen))}
          >
            {t.months(p.fromMonth, p.toMonth, p.months)}
          </List.Item>
        ))}
      </List>
      <p className="m-muted" style={{ padding: '0 16px' }}>
        {t.offline}
      </p>
    </>
  );
}
