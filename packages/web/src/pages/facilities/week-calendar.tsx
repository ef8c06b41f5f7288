import { BOOKING_STATUS_LABELS, describeDay, WEEKDAY_LABELS, weekOf } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { calendarQuery, type Facility } from '../../api/facilities';
import { QueryError } from '../../components/query-error';
import { ft } from './facilities.text';

const t = ft.week;
const STATUS_COLOR = { pending: 'orange', approved: 'green', refused: 'default', cancelled: 'default' } as const;

/** One facility's week, Monday first: each day's opening hours and the bookings holding a slot. */
export function WeekCalendar({ facility, today }: { facility: Facility; today: string }) {
  const [anchor, setAnchor] = useState(today);
  const days = weekOf(anchor);
  const from = days[0] as string;
  const to = days[6] as string;
  const { data, error } = useQuery(calendarQuery(facility.id, from, to));
  const shift = (n: number) => setAnchor(dayjs(anchor).add(n, 'day').format('YYYY-MM-DD'));
  return (
    <Card
      size="small"
      title={`${facility.name} · ${from} 至 ${to}`}
      extra={
        <Space>
          <Button size="small" onClick={() => shift(-7)}>
            {t.prev}
          </Button>
          <Button size="small" onClick={() => setAnchor(today)}>
            {t.thisWeek}
          </Button>
          <Button size="small" onClick={() => shift(7)}>
            {t.next}
          </Button>
        </Space>
      }
    >
      {error && <QueryError error={error} />}
      <div
        className="facility-week"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(110px, 1fr))', gap: 8, overflowX: 'auto' }}
      >
        {days.map((date, i) => {
          const open = facility.openingHours[i] ?? [];
          const blackout = facility.blackoutDates.includes(date);
          const bookings = (data?.bookings ?? []).filter((b) => b.date === date);
          return (
            <div
              key={date}
              data-date={date}
              style={{
                border: '1px solid #f0f0f0',
                borderRadius: 6,
                padding: 8,
                minHeight: 120,
                background: date === today ? '#e6f4ff' : blackout ? '#fafafa' : undefined,
              }}
            >
              <Typography.Text strong>
                {WEEKDAY_LABELS[i]} {date.slice(5)}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {blackout ? t.blackout : open.length === 0 ? t.closedDay : describeDay(open)}
                </Typography.Text>
              </div>
              {bookings.map((b) => (
                <div key={b.id} style={{ marginTop: 6, fontSize: 12, lineHeight: 1.4 }}>
                  <Tag color={STATUS_COLOR[b.status]} style={{ marginInlineEnd: 4 }}>
                    {b.from}-{b.to}
                  </Tag>
                  <div>{b.orgName}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {b.purpose}
                    {b.status === 'pending' ? `（${BOOKING_STATUS_LABELS.pending}）` : ''}
                  </Typography.Text>
                </div>
              ))}
              {!blackout && open.length > 0 && bookings.length === 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.empty}
                </Typography.Text>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}
