import { ACTIVITY_PHASE_LABELS, ACTIVITY_TYPE_LABELS, chinaDateTime } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import List from 'antd-mobile/es/components/list';
import Tabs from 'antd-mobile/es/components/tabs';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { cancelMySignup, type MyActivity, myActivitiesQuery, signUp, VOLUNTEERS_KEY } from '../../../api/volunteers';
import { LoadError, Loading } from '../../layout/query-state';
import { mvt as t } from './volunteers.text';

/** Activities open to me and those I signed up for; sign up, join the waiting list, cancel before the deadline. */
export function ActivitiesPage() {
  const [view, setView] = useState<'open' | 'mine'>('open');
  const { data, error, isPending, refetch } = useQuery(myActivitiesQuery(view));
  return (
    <>
      <Tabs activeKey={view} onChange={(k) => setView(k as 'open' | 'mine')}>
        <Tabs.Tab title={t.open} key="open" />
        <Tabs.Tab title={t.mine} key="mine" />
      </Tabs>
      {isPending ? (
        <Loading />
      ) : error ? (
        <LoadError error={error} retry={() => void refetch()} />
      ) : (
        <List mode="card">
          {data.items.length === 0 && <List.Item>{t.none}</List.Item>}
          {data.items.map((a) => (
            <ActivityItem key={a.id} activity={a} />
          ))}
        </List>
      )}
      <List mode="card">
        <List.Item>
          <Link className="m-row-link" to="/volunteers/hours">
            {t.myHours}
          </Link>
        </List.Item>
        <List.Item>
          <Link className="m-row-link" to="/volunteers/report">
            {t.report}
          </Link>
        </List.Item>
      </List>
    </>
  );
}

function ActivityItem({ activity: a }: { activity: MyActivity }) {
  const queryClient = useQueryClient();
  const done = async (text: string) => {
    Toast.show({ icon: 'success', content: text });
    await queryClient.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
  };
  const join = useMutation({
    mutationFn: () => signUp(a.id),
    onSuccess: (r) => done(r.status === 'waiting' ? t.waitingToast(r.position) : t.signedUpToast),
    onError: (e) => Toast.show({ icon: 'fail', content: errorMessage(e) }),
  });
  const leave = useMutation({
    mutationFn: () => cancelMySignup(a.id),
    onSuccess: () => done(t.cancelledToast),
    onError: (e) => Toast.show({ icon: 'fail', content: errorMessage(e) }),
  });
  const open = a.phase === 'open';
  const full = a.capacity !== null && a.signedUp >= a.capacity;
  return (
    <List.Item
      data-testid={`activity-${a.id}`}
      description={
        <>
          <div>
            {chinaDateTime(a.startsAt)}–{chinaDateTime(a.endsAt).slice(11)} · {a.place}
          </div>
          <div>
            {ACTIVITY_TYPE_LABELS[a.type]} · {t.places(a.signedUp, a.capacity)} · {ACTIVITY_PHASE_LABELS[a.phase]}
          </div>
          {open && <div>{t.deadline(chinaDateTime(a.signupDeadline))}</div>}
          {a.tags.length > 0 && <div>{t.wanted(a.tags)}</div>}
          {a.mySignup && (
            <div className="m-section-title" style={{ padding: 0 }}>
              {a.mySignup === 'waiting' ? t.waiting(a.myPosition) : t.signedUp}
            </div>
          )}
          {open && (
            <div style={{ marginTop: 8 }}>
              {a.mySignup ? (
                <Button size="middle" onClick={() => leave.mutate()} loading={leave.isPending}>
                  {t.cancel}
                </Button>
              ) : (
                <Button size="middle" color="primary" onClick={() => join.mutate()} loading={join.isPending}>
                  {full ? t.join : t.signUp}
                </Button>
              )}
            </div>
          )}
        </>
      }
    >
      {a.title}
    </List.Item>
  );
}
