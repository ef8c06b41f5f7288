import { previousServiceQuarter, type ServiceQuarter, serviceQuarterOf, servicePeriodLabel } from '@gongjian/shared';
import { Select } from 'antd';
import { todayString } from '../members/date-field';

/** The current quarter and the four before it, newest first. */
export function recentQuarters(today = todayString()): ServiceQuarter[] {
  const quarters = [serviceQuarterOf(today)];
  for (let i = 0; i < 4; i++) quarters.push(previousServiceQuarter(quarters[quarters.length - 1] as ServiceQuarter));
  return quarters;
}

export const quarterKey = (q: ServiceQuarter) => `${q.year}-${q.quarter}`;

export function QuarterSelect({ value, onChange }: { value: ServiceQuarter; onChange: (q: ServiceQuarter) => void }) {
  const quarters = recentQuarters();
  return (
    <Select
      aria-label="季度"
      value={quarterKey(value)}
      style={{ width: 180 }}
      options={quarters.map((q) => ({ value: quarterKey(q), label: servicePeriodLabel(q) }))}
      onChange={(key: string) => onChange(quarters.find((q) => quarterKey(q) === key) as ServiceQuarter)}
    />
  );
}
