import { chinaDateTime } from '@gongjian/shared';
import { jobsText as t } from './jobs.text';

/**
 * An instant from PostgreSQL's text form (`2026-12-06 03:30:00.123456+00`, or an ISO string) in milliseconds;
 * NaN if it is neither. Browsers do not all parse the text form, nor more than three fractional digits.
 */
export function instantMs(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(value.trim());
  if (!m) return Date.parse(value);
  const fraction = m[3] ? m[3].slice(0, 4).padEnd(4, '0') : '';
  const zone =
    m[4] === 'Z' ? 'Z' : `${(m[4] as string).slice(0, 3)}:${(m[4] as string).replace(':', '').slice(3) || '00'}`;
  return Date.parse(`${m[1]}T${m[2]}${fraction}${zone}`);
}

/** `2026-12-06 11:30:00` on the clock in China (the platform's time, whatever the browser's), '—' for none. */
export function beijingTime(value: string | null): string {
  if (!value) return '—';
  const ms = instantMs(value);
  if (Number.isNaN(ms)) return value;
  const iso = new Date(ms).toISOString();
  // China's offset is whole hours: the seconds are the same on every clock.
  return `${chinaDateTime(iso)}:${iso.slice(17, 19)}`;
}

/** How long a run took, '—' while unfinished. */
export function runDuration(startedAt: string, finishedAt: string | null): string {
  if (!finishedAt) return '—';
  const ms = instantMs(finishedAt) - instantMs(startedAt);
  return Number.isNaN(ms) ? '—' : t.duration(Math.max(0, Math.round(ms)));
}

const valueText = (value: unknown): string => {
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
};

/** A run's result in one line: `删除会话：3`, `不一致的计数：0，已重算：否`; '' for none. */
export function resultText(result: Record<string, unknown> | null): string {
  if (!result) return '';
  return Object.entries(result)
    .map(([key, value]) => `${t.resultKeys[key] ?? key}：${valueText(value)}`)
    .join('，');
}
