import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Badge from 'antd-mobile/es/components/badge';
import Button from 'antd-mobile/es/components/button';
import List from 'antd-mobile/es/components/list';
import Tag from 'antd-mobile/es/components/tag';
import { Link, useNavigate } from 'react-router';
import { logout, meQuery } from '../../../api/auth';
import { myRegistrationQuery } from '../../../api/community';
import { ApiError } from '../../../api/errors';
import { myProfileQuery } from '../../../api/me';
import { unreadCountQuery } from '../../../api/notifications';
import { workbenchQuery } from '../../../api/workbench';
import { LoadError, Loading } from '../../layout/query-state';
import { mobileText } from '../../mobile.text';
import { tilesFor } from '../../modules';
import { ResidentHome } from '../requests/resident-home';

const t = mobileText.home;

/** A phone page the item links to (`/m/register` → `/register`), or none: a console page is not for the phone. */
const phonePath = (link: string) => (link.startsWith('/m/') ? link.slice(2) : null);

/** The member's home: who and where they are, what is coming up, their 双报到, and the modules' tiles. */
/**
 * The home's reads, asked for together as the app starts (app.tsx), not each when its part first renders: one
 * round trip, not two, on a slow network. m.html preloads the same URLs.
 */
export function prefetchHome(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(myProfileQuery);
  void queryClient.prefetchQuery(workbenchQuery);
  void queryClient.prefetchQuery(myRegistrationQuery);
  void queryClient.prefetchQuery(meQuery);
  void queryClient.prefetchQuery(unreadCountQuery);
}

export function HomePage() {
  const { data: me } = useQuery(meQuery);
  // A resident's login has its own home (requests and micro-wishes), not a member's.
  if (me?.role === 'resident') return <ResidentHome />;
  return <MemberHome />;
}

function MemberHome() {
  const profile = useQuery(myProfileQuery);
  if (profile.isPending) return <Loading />;
  if (profile.error instanceof ApiError && profile.error.status === 404) return <NoMember />;
  if (profile.error) return <LoadError error={profile.error} retry={() => void profile.refetch()} />;
  const { name, branch, parent } = profile.data;
  return (
    <>
      <section className="m-hero" aria-label={t.greeting(name)}>
        <h1 className="m-hero-name">{t.greeting(name)}</h1>
        <p className="m-hero-line">
          {t.branch}：{branch.name}
        </p>
        {parent && (
          <p className="m-hero-line">
            {t.parent}：{parent.name}
          </p>
        )}
        <Unread />
      </section>
      <Upcoming />
      <Registration />
      <Tiles />
      <SignOut />
    </>
  );
}

/** The unread messages' count; nothing at all when it cannot be read. */
function Unread() {
  const { data } = useQuery(unreadCountQuery);
  if (!data || data.unread === 0) return null;
  return (
    <p className="m-hero-line" data-testid="unread">
      <Link to="/messages" className="m-hero-link">
        {/* The dot repeats the words beside it, for the eye only. */}
        <span aria-hidden style={{ marginRight: 8 }}>
          <Badge content={data.unread} />
        </span>
        {t.unread(data.unread)}
      </Link>
    </p>
  );
}

function Upcoming() {
  const navigate = useNavigate();
  const { data, error, isPending, refetch } = useQuery(workbenchQuery);
  const items = (data?.sources ?? [])
    .flatMap((s) => s.items)
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
  return (
    <section aria-labelledby="m-upcoming" data-upcoming-ready={isPending ? undefined : ''}>
      <h2 className="m-section-title" id="m-upcoming">
        {t.upcoming}
      </h2>
      {isPending && <Loading />}
      {error && <LoadError error={error} retry={() => void refetch()} />}
      {data && items.length === 0 && <p className="m-card m-muted">{t.noUpcoming}</p>}
      {items.length > 0 && (
        <List mode="card" style={{ margin: '0 var(--m-gap)' }}>
          {items.map((item) => {
            const path = phonePath(item.link);
            return (
              <List.Item
                key={item.key}
                description={
                  item.overdue ? (
                    <Tag color="danger" fill="outline">
                      {t.overdue} {item.dueOn}
                    </Tag>
                  ) : (
                    t.dueOn(item.dueOn)
                  )
                }
                clickable={path !== null}
                onClick={path === null ? undefined : () => void navigate(path)}
              >
                {item.title}
              </List.Item>
            );
          })}
        </List>
      )}
    </section>
  );
}

function Registration() {
  const navigate = useNavigate();
  const { data } = useQuery(myRegistrationQuery);
  if (!data?.member) return null;
  const registration = data.registration;
  return (
    <section aria-labelledby="m-registration">
      <h2 className="m-section-title" id="m-registration">
        {t.registration}
      </h2>
      <List mode="card" style={{ margin: '0 var(--m-gap)' }}>
        {registration ? (
          <List.Item>{t.registered(registration.communityName, registration.registeredOn)}</List.Item>
        ) : (
          <List.Item clickable extra={t.register} onClick={() => void navigate('/register')}>
            {t.notRegistered}
          </List.Item>
        )}
      </List>
    </section>
  );
}

function Tiles() {
  const { data: me } = useQuery(meQuery);
  const tiles = tilesFor(me?.permissions ?? []);
  if (tiles.length === 0) return null;
  return (
    <nav aria-labelledby="m-services">
      <h2 className="m-section-title" id="m-services">
        {t.services}
      </h2>
      <div className="m-tiles">
        {tiles.map((tile) => (
          <Link key={tile.to} className="m-tile" to={tile.to}>
            <span className="m-tile-glyph" style={{ background: tile.color }} aria-hidden>
              {tile.glyph}
            </span>
            {tile.label}
          </Link>
        ))}
      </div>
    </nav>
  );
}

function SignOut({ inCard = false }: { inCard?: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
  return (
    <div className={inCard ? 'm-actions m-actions-flush' : 'm-actions'}>
      <Button block loading={mutation.isPending} onClick={() => mutation.mutate()}>
        {t.logout}
      </Button>
    </div>
  );
}

/** A login linked to no member profile (staff): the phone pages are a member's; the console is theirs. */
function NoMember() {
  return (
    <div className="m-card" role="alert">
      <p style={{ marginTop: 0, fontWeight: 600 }}>{t.noMember}</p>
      <p className="m-muted">{t.noMemberHint}</p>
      <Button block color="primary" onClick={() => window.location.assign('/')}>
        {t.console}
      </Button>
      <SignOut inCard />
    </div>
  );
}
