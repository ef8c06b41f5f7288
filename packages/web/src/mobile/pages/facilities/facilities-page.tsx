import { BOOKING_STATUS_LABELS, describeWeek, FACILITY_KIND_LABELS } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Dialog from 'antd-mobile/es/components/dialog';
import List from 'antd-mobile/es/components/list';
import Tabs from 'antd-mobile/es/components/tabs';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { type Booking, bookingsQuery, cancelBooking, FACILITIES_KEY, facilitiesQuery } from '../../../api/facilities';
import { LoadError, Loading } from '../../layout/query-state';
import { mft as t } from './facilities.text';

/** The facilities opened to my community, and my bookings. */
export function FacilitiesPage() {
  const [view, setView] = useState<'offered' | 'mine'>('offered');
  return (
    <>
      <Tabs activeKey={view} onChange={(k) => setView(k as 'offered' | 'mine')}>
        <Tabs.Tab title={t.offered} key="offered" />
        <Tabs.Tab title={t.mine} key="mine" />
      </Tabs>
      {view === 'offered' ? <Offered /> : <Mine />}
    </>
  );
}

function Offered() {
  const { data, error, isPending, refetch } = useQuery(facilitiesQuery());
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  return (
    <List mode="card">
      {data.items.length === 0 && <List.Item>{t.none}</List.Item>}
      {data.items.map((f) => (
        <List.Item
          key={f.id}
          data-testid={`facility-${f.id}`}
          description={
            <>
              <div>
                {f.unitName} · {FACILITY_KIND_LABELS[f.kind]} · {t.capacity(f.capacity)}
              </div>
              <div>{describeWeek(f.openingHours)}</div>
              <div>{f.needsApproval ? t.approval : t.direct}</div>
            </>
          }
        >
          <Link className="m-row-link" to={`/facilities/${f.id}`}>
            {f.name}
          </Link>
        </List.Item>
      ))}
    </List>
  );
}

function Mine() {
  const { data, error, isPending, refetch } = useQuery(bookingsQuery({ page: 1, pageSize: 50 }));
  if (isPending) return <Loading />;
  if (error) return <LoadError error={error} retry={() => void refetch()} />;
  return (
    <List mode="card">
      {data.items.length === 0 && <List.Item>{t.noBookings}</List.Item>}
      {data.items.map((b) => (
        <MyBooking key={b.id} booking={b} />
      ))}
    </List>
  );
}

function MyBooking({ booking: b }: { booking: Booking }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelBooking(b.id),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t.cancelled });
      await queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorMessage(e) }),
  });
  return (
    <List.Item
      data-testid={`booking-${b.id}`}
      description={
        <>
          <div>
            {b.date} {b.from}-{b.to} · {BOOKING_STATUS_LABELS[b.status]}
          </div>
          <div>{b.purpose}</div>
          {b.decisionNote && <div>{b.decisionNote}</div>}
          {b.mayCancel && (
            <div style={{ marginTop: 8 }}>
              <Button
                size="middle"
                loading={cancel.isPending}
                onClick={async () => {
                  if (await Dialog.confirm({ content: t.cancelConfirm })) cancel.mutate();
                }}
              >
                {t.cancel}
              </Button>
            </div>
          )}
        </>
      }
    >
      {b.facilityName}
    </List.Item>
  );
}
