import { REQUEST_EVENT_LABELS } from '@gongjian/shared';
import Steps from 'antd-mobile/es/components/steps';
import type { RequestEvent } from '../../../api/requests';

/** China's time of an instant: `12-07 14:30`. */
export const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');

/** A request's steps, oldest first: what, when, by whom, the note. */
export function RequestTimeline({ events }: { events: readonly RequestEvent[] }) {
  return (
    <div className="m-card">
      <Steps direction="vertical" current={events.length - 1}>
        {events.map((e) => (
          <Steps.Step
            key={e.id}
            status="finish"
            title={`${REQUEST_EVENT_LABELS[e.kind] ?? e.kind} · ${chinaTime(e.at)}${e.actorName ? ` · ${e.actorName}` : ''}`}
            description={e.note ?? undefined}
          />
        ))}
      </Steps>
    </div>
  );
}
