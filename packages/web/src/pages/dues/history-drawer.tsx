import { DUES_PAYMENT_METHOD_LABELS, fenToYuan } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Popconfirm, Table } from 'antd';
import { DUES_KEY, deleteDuesPayment, memberDuesQuery, type DuesPayment } from '../../api/dues';
import { errorMessage } from '../../api/errors';
import { QueryError } from '../../components/query-error';
import { duesText as t } from './dues.text';

/** A member's payments, the latest of which may be taken back (entered by mistake). */
export function HistoryDrawer({
  memberId,
  name,
  canWrite,
  onClose,
}: {
  memberId: number;
  name: string;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { data, error, isFetching } = useQuery(memberDuesQuery(memberId));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const undo = useMutation({
    mutationFn: deleteDuesPayment,
    onSuccess: async () => {
      message.success(t.undone);
      await queryClient.invalidateQueries({ queryKey: DUES_KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Drawer open title={t.historyTitle(name)} onClose={onClose} size="large">
      {error && <QueryError error={error} />}
      <Table<DuesPayment>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.payments}
        pagination={false}
        columns={[
          {
            title: t.months,
            render: (_, p) => (p.fromMonth === p.toMonth ? p.fromMonth : `${p.fromMonth}～${p.toMonth}`),
          },
          { title: t.amount, dataIndex: 'amountFen', render: (f: number) => fenToYuan(f) },
          { title: t.method, dataIndex: 'method', render: (m: DuesPayment['method']) => DUES_PAYMENT_METHOD_LABELS[m] },
          { title: t.paidOn, dataIndex: 'paidOn' },
          {
            key: 'undo',
            render: (_, p) =>
              canWrite &&
              p.toMonth === data?.paidTo && (
                <Popconfirm title={t.undoConfirm} onConfirm={() => undo.mutate(p.id)}>
                  <Button size="small" danger>
                    {t.undo}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
