import { chinaToday, RECORD_SOURCE_LABELS, RECORD_STATUS_LABELS, type RecordStatus } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Space, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { certificateHref, memberFileQuery, residentFileQuery, type VolunteerRecord } from '../../api/volunteers';
import { QueryError } from '../../components/query-error';
import { vt } from './volunteers.text';

const t = vt.file;

/** 志愿者档案: a member's (or a resident volunteer's) hours, teams and records; a member's certificate. */
export function VolunteerFilePage({ kind }: { kind: 'member' | 'resident' }) {
  const id = Number(useParams().id);
  const { data, error } = useQuery(kind === 'member' ? memberFileQuery(id) : residentFileQuery(id));
  const today = chinaToday();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)]);
  if (error) return <QueryError error={error} />;
  if (!data) return <Card loading />;
  const columns: TableColumnsType<VolunteerRecord> = [
    { title: vt.confirmations.column.servedOn, dataIndex: 'servedOn', width: 110 },
    {
      title: vt.confirmations.column.content,
      key: 'content',
      render: (_, r) => r.activityTitle ?? `${r.content ?? ''}（${RECORD_SOURCE_LABELS[r.source]}）`,
    },
    { title: vt.confirmations.column.hours, dataIndex: 'hours', width: 90 },
    { title: vt.confirmations.column.org, dataIndex: 'recordOrgName', ellipsis: true },
    {
      title: vt.confirmations.column.status,
      dataIndex: 'status',
      width: 90,
      render: (v: RecordStatus) => RECORD_STATUS_LABELS[v],
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`${t.title}：${data.name}`}>
        <Space size="large" wrap>
          <Statistic title={t.hoursYear} value={data.hoursThisYear} />
          <Statistic title={t.hoursTotal} value={data.hoursTotal} />
          <Statistic title={t.activitiesYear} value={data.activitiesThisYear} />
          {data.memberId !== null && (
            <Statistic title={t.requestsYear} value={data.requestsThisYear} suffix={`/ 累计 ${data.requestsTotal}`} />
          )}
        </Space>
        <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
          <Descriptions.Item label={vt.detail.column.org}>{data.orgName}</Descriptions.Item>
          {data.phone && <Descriptions.Item label={vt.residents.phone}>{data.phone}</Descriptions.Item>}
          {data.tags.length > 0 && (
            <Descriptions.Item label={vt.residents.tags}>{data.tags.join('、')}</Descriptions.Item>
          )}
          <Descriptions.Item label={t.teams}>
            {data.teams.length === 0
              ? '—'
              : data.teams.map((team) => (
                  <Tag key={team.id} color={team.leader ? 'red' : undefined}>
                    {team.name}
                    {team.leader ? `（${t.leader}）` : ''}
                    {team.area ? ` · ${team.area}` : ''}
                  </Tag>
                ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {kind === 'member' && (
        <Card title={t.certificate}>
          <Space wrap>
            <span>{t.period}</span>
            <DatePicker.RangePicker
              value={period}
              allowClear={false}
              onChange={(v) => v && v[0] && v[1] && setPeriod([v[0], v[1]])}
            />
            <Button
              type="primary"
              href={certificateHref(id, period[0].format('YYYY-MM-DD'), period[1].format('YYYY-MM-DD'))}
              target="_blank"
            >
              {t.print}
            </Button>
          </Space>
        </Card>
      )}
      <Card title={t.records}>
        <Table<VolunteerRecord>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.records}
          pagination={{ pageSize: 20 }}
        />
      </Card>
    </Space>
  );
}
