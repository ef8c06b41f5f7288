import { CARE_TYPE_LABELS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import List from 'antd-mobile/es/components/list';
import Tag from 'antd-mobile/es/components/tag';
import { useNavigate } from 'react-router';
import { type CareResident, myCareQuery } from '../../../api/care';
import { myGridsQuery } from '../../../api/grids';
import { LoadError, Loading } from '../../layout/query-state';
import { mct as t } from './care.text';

export const typeLine = (r: Pick<CareResident, 'types' | 'livesAlone' | 'leftBehind' | 'age'>) =>
  [
    ...r.types.map((type) => CARE_TYPE_LABELS[type]),
    ...(r.livesAlone ? [t.alone] : []),
    ...(r.leftBehind ? [t.leftBehind] : []),
    ...(r.age !== null ? [t.age(r.age)] : []),
  ].join(' · ');

/** My grid (党员责任区) and the people I look after, the overdue first. */
export function CarePage() {
  return (
    <>
      <MyGrids />
      <MyPeople />
    </>
  );
}

function MyGrids() {
  const { data, error, isPending, refetch } = useQuery(myGridsQuery);
  return (
    <section aria-labelledby="m-my-grids">
      <h2 className="m-section-title" id="m-my-grids">
        {t.myGrids}
      </h2>
      {isPending && <Loading />}
      {error && <LoadError error={error} retry={() => void refetch()} />}
      {data && data.items.length === 0 && <p className="m-card m-muted">{t.noGrid}</p>}
      {data && data.items.length > 0 && (
        <List mode="card">
          {data.items.map((g) => (
            <List.Item key={g.gridId} description={t.gridLine(g.buildings, g.households)}>
              {t.grid(g.gridName, g.orgName)}
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}

function MyPeople() {
  const navigate = useNavigate();
  const { data, error, isPending, refetch } = useQuery(myCareQuery);
  return (
    <section aria-labelledby="m-my-people">
      <h2 className="m-section-title" id="m-my-people">
        {t.myPeople}
      </h2>
      {isPending && <Loading />}
      {error && <LoadError error={error} retry={() => void refetch()} />}
      {data && data.items.length === 0 && <p className="m-card m-muted">{t.none}</p>}
      {data && data.items.length > 0 && (
        <List mode="card" data-testid="my-people">
          {data.items.map((r) => (
            <List.Item
              key={r.id}
              clickable
              onClick={() => void navigate(`/care/${r.id}`)}
              description={
                <>
                  <div>{typeLine(r)}</div>
                  <div>
                    {r.standing === 'overdue' ? (
                      <Tag color="danger" fill="outline">
                        {t.overdue}
                      </Tag>
                    ) : r.standing === 'due_soon' ? (
                      <Tag color="#ad4e00" fill="outline">
                        {t.dueSoon}
                      </Tag>
                    ) : null}{' '}
                    {t.next(r.nextVisitDue)}
                  </div>
                </>
              }
            >
              {r.name}
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}
