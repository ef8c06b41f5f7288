import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { cobuildFiguresQuery } from '../../api/joint-meetings';
import { jointText } from './joint-meetings.text';

const t = jointText.figures;

/** The co-building figures of the organisation (or the account's own): from the kept counters. */
export function CobuildFiguresBar({ orgId }: { orgId?: number }) {
  const { data } = useQuery(cobuildFiguresQuery(orgId));
  if (!data) return null;
  return (
    <Card size="small">
      <Row gutter={16}>
        <Col span={5}>
          <Statistic title={t.meetingsHeld} value={data.meetingsHeld} />
        </Col>
        <Col span={5}>
          <Statistic title={t.tasks} value={data.tasks} />
        </Col>
        <Col span={5}>
          <Statistic title={t.onTime} value={data.tasksOnTime} suffix={`/ ${data.tasksDone}`} />
        </Col>
        <Col span={5}>
          <Statistic title={t.needsMet} value={data.needsMet} suffix={`/ ${data.needs}`} />
        </Col>
        <Col span={4}>
          <Statistic title={t.projects} value={data.projectsDone} suffix={`/ ${data.projects}`} />
        </Col>
      </Row>
    </Card>
  );
}
