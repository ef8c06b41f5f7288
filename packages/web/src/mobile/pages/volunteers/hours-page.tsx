import { chinaToday, RECORD_STATUS_LABELS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import List from 'antd-mobile/es/components/list';
import { Link } from 'react-router';
import { certificateHref, myFileQuery } from '../../../api/volunteers';
import { LoadError, Loading } from '../../layout/query-state';
import { mvt as t } from './volunteers.text';

/** My hours (confirmed only), my records with their state, the certificate of this year. */
export function HoursPage() {
  const { data, error, isPending, refetch } = useQuery(myFileQuery());
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  const today = chinaToday();
  return (
    <>
      <List mode="card" header={data.name}>
        <List.Item extra={<span data-testid="hours-year">{data.hoursThisYear}</span>}>{t.hoursYear}</List.Item>
        <List.Item extra={<span data-testid="hours-total">{data.hoursTotal}</span>}>{t.hoursTotal}</List.Item>
        <List.Item extra={data.activitiesThisYear}>{t.activitiesYear}</List.Item>
        <List.Item description={t.certificateHint}>
          <a
            className="m-row-link"
            href={certificateHref('me', `${today.slice(0, 4)}-01-01`, today)}
            target="_blank"
            rel="noreferrer"
          >
            {t.certificate}
          </a>
        </List.Item>
        <List.Item>
          <Link className="m-row-link" to="/volunteers/report">
            {t.report}
          </Link>
        </List.Item>
      </List>
      <List mode="card" header={t.records}>
        {data.records.length === 0 && <List.Item>{t.noRecords}</List.Item>}
        {data.records.map((r) => (
          <List.Item
            key={r.id}
            description={`${r.servedOn} · ${r.recordOrgName} · ${RECORD_STATUS_LABELS[r.status]}`}
            extra={`${r.hours}小时`}
          >
            {r.activityTitle ?? r.content}
          </List.Item>
        ))}
      </List>
    </>
  );
}
