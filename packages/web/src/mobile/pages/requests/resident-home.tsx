import { REQUEST_STATUS_LABELS } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import List from 'antd-mobile/es/components/list';
import { Link, useNavigate } from 'react-router';
import { logout } from '../../../api/auth';
import { myRequestsQuery, myResidenceQuery } from '../../../api/requests';
import { LoadError, Loading } from '../../layout/query-state';
import { RESIDENT_TILES } from './tiles';
import { mrt } from './requests.text';

const t = mrt.home;

/** A resident's home: who and where they are, the tiles (submit, micro-wish, my requests), the latest requests. */
export function ResidentHome() {
  const me = useQuery(myResidenceQuery);
  const mine = useQuery(myRequestsQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const out = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
  if (me.isPending) return <Loading />;
  if (me.error) return <LoadError error={me.error} retry={() => void me.refetch()} />;
  const r = me.data;
  return (
    <>
      <section className="m-hero" aria-label={t.greeting(r.name)}>
        <h1 className="m-hero-name">{t.greeting(r.name)}</h1>
        <p className="m-hero-line">
          {t.community}：{r.community.name}
          {r.building ? ` ${r.building.name}` : ''}
        </p>
      </section>
      {!r.confirmed && <p className="m-card m-muted">{t.unconfirmed}</p>}
      <nav aria-labelledby="m-resident-services">
        <h2 className="m-section-title" id="m-resident-services">
          {t.services}
        </h2>
        <div className="m-tiles">
          {RESIDENT_TILES.map((tile) => (
            <Link key={tile.to} className="m-tile" to={tile.to}>
              <span className="m-tile-glyph" style={{ background: tile.color }} aria-hidden>
                {tile.glyph}
              </span>
              {tile.label}
            </Link>
          ))}
        </div>
      </nav>
      <section aria-labelledby="m-resident-recent">
        <h2 className="m-section-title" id="m-resident-recent">
          {t.recent}
        </h2>
        {mine.data && mine.data.items.length === 0 && <p className="m-card m-muted">{t.none}</p>}
        {mine.data && mine.data.items.length > 0 && (
          <List mode="card" style={{ margin: '0 var(--m-gap)' }}>
            {mine.data.items.slice(0, 5).map((item) => (
              <List.Item
                key={item.id}
                clickable
                description={REQUEST_STATUS_LABELS[item.status]}
                onClick={() => void navigate(`/requests/mine/${item.id}`)}
              >
                {item.text}
              </List.Item>
            ))}
          </List>
        )}
      </section>
      <div className="m-actions">
        <Button block loading={out.isPending} onClick={() => out.mutate()}>
          {t.logout}
        </Button>
      </div>
    </>
  );
}
