import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { type Booking, bookingsQuery, decideBooking, FACILITIES_KEY } from '../../api/facilities';
import { errorMessage } from '../../api/errors';
import type { Unit } from '../../api/units';
import { QueryError } from '../../components/query-error';
import { ft } from './facilities.text';

const t = ft;

/** 本单位共建's part: the unit's bookings waiting for its approval, approved or refused in place. */
export function UnitBookingsSection({ unit }: { unit: Unit }) {
  const { data, error, isFetching } = useQuery(bookingsQuery({ status: 'pending', page: 1, pageSize: 50 }));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (a: { id: number; approve: boolean }) => decideBooking(a.id, a.approve),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FACILITIES_KEY }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const items = (data?.items ?? []).filter((b) => b.unitId === unit.id);
  const columns: TableColumnsType<Booking> = [
    { title: t.column.name, dataIndex: 'facilityName', ellipsis: true },
    { title: t.column.date, dataIndex: 'date', width: 110 },
    { title: t.column.time, key: 'time', width: 110, render: (_, b) => `${b.from}-${b.to}` },
    { title: t.column.org, dataIndex: 'orgName', ellipsis: true },
    { title: t.column.purpose, dataIndex: 'purpose', ellipsis: true },
    {
      title: t.column.actions,
      key: 'a',
      width: 140,
      render: (_, b) =>
        b.mayDecide && (
          <Space size="small">
            <Button type="link" size="small" onClick={() => decide.mutate({ id: b.id, approve: true })}>
              {t.bookings.approve}
            </Button>
            <Button type="link" size="small" danger onClick={() => decide.mutate({ id: b.id, approve: false })}>
              {t.bookings.refuse}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <>
      {error && <QueryError error={error} />}
      <Table<Booking>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t.unitSection.empty }}
        footer={() => <Link to="/facilities/unit">{t.unitSection.more}</Link>}
      />
    </>
  );
}
