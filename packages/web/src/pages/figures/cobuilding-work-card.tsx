import { chinaToday } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { consultationFiguresQuery } from '../../api/consultations';
import { facilityFiguresQuery } from '../../api/facilities';
import { cobuildFiguresQuery } from '../../api/joint-meetings';
import { QueryError } from '../../components/query-error';
import { figuresText } from './figures.text';

const t = figuresText.cobuildingWork;

/** "3 / 4": done of all, or a dash when there is nothing to count. */
const ofAll = (done: number, all: number) => (all === 0 ? '—' : `${done} / ${all}`);

/**
 * 数据概览's co-building work of a subtree (DOMAIN §4): joint meetings held and their tasks done on time, needs met
 * and projects, this year's facility bookings, consultations answered on time — each read from its module's
 * counters (kept by triggers), never from the records.
 */
export function CobuildingWorkCard({ orgId }: { orgId: number }) {
  const year = chinaToday().slice(0, 4);
  const work = useQuery(cobuildFiguresQuery(orgId));
  const bookings = useQuery(facilityFiguresQuery(orgId));
  const consulted = useQuery(consultationFiguresQuery(orgId));
  const error = work.error ?? bookings.error ?? consulted.error;
  const booked = bookings.data?.rows.find((r) => r.orgId === orgId);
  const asked = consulted.data?.rows.find((r) => r.orgId === orgId);
  return (
    <Card title={t.title} data-testid="cobuilding-work-card">
      {error && <QueryError error={error} />}
      {work.data && (
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Statistic title={t.meetings} value={work.data.meetingsHeld} suffix="次" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t.tasksOnTime} value={ofAll(work.data.tasksOnTime, work.data.tasks)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t.needsMet} value={ofAll(work.data.needsMet, work.data.needs)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t.projectsDone} value={ofAll(work.data.projectsDone, work.data.projects)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t.bookings(year, booked?.pending ?? 0)} value={booked?.approved ?? 0} suffix="次" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t.consultations(year)} value={ofAll(asked?.answeredOnTime ?? 0, asked?.asked ?? 0)} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
