import {
  addDays,
  BOOKING_STATUS_LABELS,
  chinaToday,
  describeDay,
  WEEKDAY_LABELS,
  weekdayIndex,
} from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import Toast from 'antd-mobile/es/components/toast';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { bookSlot, dayQuery, FACILITIES_KEY, facilitiesQuery } from '../../../api/facilities';
import { LoadError, Loading } from '../../layout/query-state';
import { mft as t } from './facilities.text';

const DAYS = 7;

/** One facility: pick a day of the coming week, a free hour, say what for, book. */
export function BookPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = chinaToday();
  const [date, setDate] = useState(addDays(today, 1));
  const [slot, setSlot] = useState<{ from: string; to: string }>();
  const [purpose, setPurpose] = useState('');
  const [headcount, setHeadcount] = useState('1');
  const facilities = useQuery(facilitiesQuery());
  const facility = facilities.data?.items.find((f) => f.id === id);
  const day = useQuery(dayQuery(id, date));
  const book = useMutation({
    mutationFn: () => {
      if (!slot) throw new Error(t.choose);
      if (!purpose.trim()) throw new Error(t.purposeRequired);
      return bookSlot({
        facilityId: id,
        date,
        from: slot.from,
        to: slot.to,
        purpose: purpose.trim(),
        headcount: headcount.trim() ? Number(headcount) : null,
      });
    },
    onSuccess: async (b) => {
      Toast.show({ icon: 'success', content: b.status === 'pending' ? t.pending : t.booked });
      await queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
      void navigate('/facilities');
    },
    onError: async (e) => {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
      await queryClient.invalidateQueries({ queryKey: [...FACILITIES_KEY, 'day'] });
    },
  });
  if (facilities.isPending) return <Loading />;
  if (facilities.error) return <LoadError error={facilities.error} retry={() => void facilities.refetch()} />;
  if (!facility) return <LoadError error={new Error('场馆不存在或未向本社区开放')} />;
  return (
    <>
      <div className="m-card">
        <div className="m-hero-name" style={{ fontSize: 'var(--m-title-size, 18px)' }}>
          {facility.name}
        </div>
        <div className="m-muted">
          {facility.unitName} · {facility.needsApproval ? t.approval : t.direct} · {t.capacity(facility.capacity)}
        </div>
        {facility.note && <div className="m-muted">{facility.note}</div>}
      </div>
      <div className="m-section-title">{t.pickDay}</div>
      <div className="m-card" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {Array.from({ length: DAYS }, (_, i) => addDays(today, i)).map((d) => (
          <Button
            key={d}
            size="middle"
            data-date={d}
            color={d === date ? 'primary' : 'default'}
            fill={d === date ? 'solid' : 'outline'}
            onClick={() => {
              setDate(d);
              setSlot(undefined);
            }}
          >
            {d === today ? t.today : `${WEEKDAY_LABELS[weekdayIndex(d)]} ${d.slice(5)}`}
          </Button>
        ))}
      </div>
      <div className="m-section-title">
        {t.pickSlot} · {describeDay(facility.openingHours[weekdayIndex(date)] ?? [])}
      </div>
      <div className="m-card" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {day.isPending ? (
          <Loading />
        ) : day.error ? (
          <LoadError error={day.error} />
        ) : day.data.blackout ? (
          <span className="m-muted">{t.blackout}</span>
        ) : day.data.slots.length === 0 ? (
          <span className="m-muted">{t.noSlots}</span>
        ) : (
          day.data.slots.map((s) => {
            const chosen = slot?.from === s.from;
            return (
              <Button
                key={s.from}
                size="middle"
                data-slot={s.from}
                color={chosen ? 'primary' : 'default'}
                fill={chosen ? 'solid' : 'outline'}
                onClick={() => setSlot(s)}
              >
                {s.from}-{s.to}
              </Button>
            );
          })
        )}
      </div>
      {day.data && day.data.busy.length > 0 && (
        <div className="m-muted" style={{ padding: '0 16px' }}>
          {BOOKING_STATUS_LABELS.approved}：{day.data.busy.map((b) => `${b.from}-${b.to}`).join('、')}
        </div>
      )}
      <List mode="card">
        <List.Item title={t.purpose}>
          <Input
            aria-label={t.purpose}
            placeholder={t.purposePlaceholder}
            value={purpose}
            onChange={setPurpose}
            maxLength={200}
          />
        </List.Item>
        <List.Item title={t.headcount}>
          <Input
            aria-label={t.headcount}
            type="number"
            inputMode="numeric"
            min={1}
            max={facility.capacity}
            value={headcount}
            onChange={setHeadcount}
          />
        </List.Item>
      </List>
      <div style={{ padding: 16 }}>
        <Button block color="primary" size="large" loading={book.isPending} onClick={() => book.mutate()}>
          {t.book}
          {slot ? ` ${date.slice(5)} ${slot.from}-${slot.to}` : ''}
        </Button>
      </div>
    </>
  );
}
