import {
  CONSULTATION_MATTER_LABELS,
  CONSULTATION_STATUS_LABELS,
  type ConsultationStatus,
  OPINION_LABELS,
  type Opinion,
} from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router';
import { type Consultation, consultationsQuery } from '../../api/consultations';
import type { Unit } from '../../api/units';
import { QueryError } from '../../components/query-error';
import { OPINION_COLOR, STATUS_COLOR } from './consultations-page';
import { ct } from './consultations.text';

const t = ct;

/** 本单位共建's part: the unit's consultations, open ones first, each opening its page. */
export function UnitConsultationsSection({ unit }: { unit: Unit }) {
  const { data, error, isFetching } = useQuery(consultationsQuery({ unitId: unit.id, page: 1, pageSize: 20 }));
  const columns: TableColumnsType<Consultation> = [
    {
      title: t.column.person,
      dataIndex: 'personName',
      width: 100,
      render: (v: string, c) => <Link to={`/consultations/unit/${c.id}`}>{v}</Link>,
    },
    {
      title: t.column.matter,
      dataIndex: 'matterKind',
      width: 120,
      render: (v: Consultation['matterKind']) => CONSULTATION_MATTER_LABELS[v],
    },
    { title: t.column.deadline, dataIndex: 'deadline', width: 110 },
    {
      title: t.column.opinion,
      dataIndex: 'opinion',
      width: 100,
      render: (v: Opinion | null) => (v ? <Tag color={OPINION_COLOR[v]}>{OPINION_LABELS[v]}</Tag> : t.none),
    },
    {
      title: t.column.status,
      dataIndex: 'status',
      width: 100,
      render: (v: ConsultationStatus) => <Tag color={STATUS_COLOR[v]}>{CONSULTATION_STATUS_LABELS[v]}</Tag>,
    },
  ];
  return (
    <>
      {error && <QueryError error={error} />}
      <Table<Consultation>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={false}
        footer={() => <Link to="/consultations/unit">{t.unitSection.more}</Link>}
      />
    </>
  );
}
