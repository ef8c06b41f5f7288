import { isClosedServicePeriod, type ServiceQuarter, serviceQuarterOf, servicePeriodLabel } from '@gongjian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import {
  generateSheets,
  markSheetsSent,
  type ResidenceSheet,
  type SheetUnit,
  sheetPrintUrl,
  SHEETS_KEY,
  sheetsPrintUrl,
  sheetsQuery,
  sheetUnitsQuery,
} from '../../api/volunteer-sheets';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { QueryError } from '../../components/query-error';
import { todayString } from '../members/date-field';
import { QuarterSelect } from './quarter-select';
import { sheetsText as t } from './volunteer-sheets.text';

const hours = (n: number) => `${n} 小时`;

function SheetDetail({ sheet, onClose }: { sheet: ResidenceSheet | null; onClose: () => void }) {
  return (
    <Modal
      open={sheet !== null}
      onCancel={onClose}
      title={sheet ? t.detail.title(sheet.memberName) : ''}
      width={720}
      footer={
        sheet && (
          <Button type="primary" href={sheetPrintUrl(sheet.id)} target="_blank">
            {t.print}
          </Button>
        )
      }
    >
      {sheet && (
        <Descriptions column={2} bordered size="small" data-testid="sheet-detail">
          <Descriptions.Item label={t.quarter} span={2}>
            {servicePeriodLabel({ year: sheet.year, quarter: sheet.quarter as ServiceQuarter['quarter'] })}（
            {t.detail.asOf} {sheet.asOf}）
          </Descriptions.Item>
          <Descriptions.Item label={t.column.name}>{sheet.memberName}</Descriptions.Item>
          <Descriptions.Item label={t.column.memberOrg}>{sheet.memberOrgName}</Descriptions.Item>
          <Descriptions.Item label={t.column.unit}>{sheet.unitOrgName}</Descriptions.Item>
          <Descriptions.Item label={t.column.community}>{sheet.communityName}</Descriptions.Item>
          <Descriptions.Item label={t.column.registeredOn}>{sheet.registeredOn}</Descriptions.Item>
          <Descriptions.Item label={t.column.target}>
            {sheet.targetHours === null ? '—' : hours(sheet.targetHours)}
          </Descriptions.Item>
          <Descriptions.Item label={t.column.quarterActivities}>{sheet.quarterActivities} 次</Descriptions.Item>
          <Descriptions.Item label={t.column.quarterHours}>{hours(sheet.quarterHours)}</Descriptions.Item>
          <Descriptions.Item label={t.column.yearActivities}>{sheet.yearActivities} 次</Descriptions.Item>
          <Descriptions.Item label={t.column.yearHours}>{hours(sheet.yearHours)}</Descriptions.Item>
          <Descriptions.Item label={t.column.requests} span={2}>
            {sheet.requestsFulfilled} 件
          </Descriptions.Item>
          <Descriptions.Item label={t.column.state} span={2}>
            {sheet.sentOn ? t.sent(sheet.sentOn) : t.notSent}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}

/** 在职党员社区表现反馈表: a quarter's sheets by unit, each member's sheet, print, export, mark as sent. */
export function ResidenceSheetsPage() {
  const [quarter, setQuarter] = useState<ServiceQuarter>(() => serviceQuarterOf(todayString()));
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<ResidenceSheet | null>(null);
  const canWrite = useCan('volunteer.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = { year: quarter.year, quarter: quarter.quarter };
  // Only a quarter that has ended is sent to the units: a running quarter's sheets are a preview.
  const closed = isClosedServicePeriod(quarter, todayString());
  const units = useQuery(sheetUnitsQuery(q));
  const sheets = useQuery(sheetsQuery({ ...q, page, pageSize: 20 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: SHEETS_KEY });
  const generate = useMutation({
    mutationFn: () => generateSheets(q),
    onSuccess: async (r) => {
      message.success(t.generated(r.sheets, r.asOf));
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const send = useMutation({
    mutationFn: (u: SheetUnit) => markSheetsSent({ ...q, communityId: u.communityId, unitOrgId: u.unitOrgId }),
    onSuccess: async (r) => {
      message.success(t.markedSent(r.units, r.sheets));
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const unitColumns: TableColumnsType<SheetUnit> = [
    { title: t.column.community, dataIndex: 'communityName' },
    { title: t.column.unit, dataIndex: 'unitOrgName' },
    { title: t.column.count, dataIndex: 'sheets', align: 'right' },
    {
      title: t.column.state,
      key: 'state',
      render: (_, u) => (u.sentOn ? <Tag color="green">{t.sent(u.sentOn)}</Tag> : <Tag>{t.notSent}</Tag>),
    },
    {
      title: t.column.actions,
      key: 'actions',
      render: (_, u) => (
        <Space>
          <Button size="small" href={sheetsPrintUrl({ ...q, unitOrgId: u.unitOrgId })} target="_blank">
            {t.printAll}
          </Button>
          <ExportButton path="/api/residence-sheets/export" query={{ ...q, unitOrgId: u.unitOrgId }} label={t.export} />
          {canWrite && closed && !u.sentOn && (
            <Button size="small" onClick={() => send.mutate(u)} loading={send.isPending}>
              {t.markSent}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const columns: TableColumnsType<ResidenceSheet> = [
    {
      title: t.column.name,
      key: 'name',
      render: (_, s) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(s)}>
          {s.memberName}
        </Button>
      ),
    },
    { title: t.column.unit, dataIndex: 'unitOrgName' },
    { title: t.column.community, dataIndex: 'communityName' },
    { title: t.column.registeredOn, dataIndex: 'registeredOn' },
    { title: t.column.quarterActivities, dataIndex: 'quarterActivities', align: 'right' },
    { title: t.column.quarterHours, dataIndex: 'quarterHours', align: 'right' },
    { title: t.column.yearHours, dataIndex: 'yearHours', align: 'right' },
    {
      title: t.column.target,
      dataIndex: 'targetHours',
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t.column.actions,
      key: 'actions',
      render: (_, s) => (
        <Space>
          <Button size="small" onClick={() => setOpen(s)}>
            {t.view}
          </Button>
          <Button size="small" href={sheetPrintUrl(s.id)} target="_blank">
            {t.print}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Card
        title={t.title}
        extra={
          <Space>
            <QuarterSelect
              value={quarter}
              onChange={(next) => {
                setQuarter(next);
                setPage(1);
              }}
            />
            {canWrite && (
              <Button type="primary" onClick={() => generate.mutate()} loading={generate.isPending}>
                {t.generate}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Text type="secondary">{t.hint}</Typography.Text>
      </Card>
      {(units.error || sheets.error) && <QueryError error={units.error ?? sheets.error} />}
      <Card title={t.units} extra={<ExportButton path="/api/residence-sheets/export" query={q} label={t.export} />}>
        <Table<SheetUnit>
          rowKey={(u) => `${u.communityId}-${u.unitOrgId}`}
          size="small"
          columns={unitColumns}
          dataSource={units.data?.items ?? []}
          loading={units.isFetching}
          pagination={false}
          locale={{ emptyText: t.none }}
        />
      </Card>
      <Card title={t.sheets}>
        <Table<ResidenceSheet>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={sheets.data?.items ?? []}
          loading={sheets.isFetching}
          locale={{ emptyText: t.none }}
          pagination={{ current: page, pageSize: 20, total: sheets.data?.total ?? 0, onChange: setPage }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <SheetDetail sheet={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
