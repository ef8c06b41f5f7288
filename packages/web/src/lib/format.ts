import dayjs from 'dayjs';

/** Accepts ISO strings and PostgreSQL's text form (`2026-01-02 03:04:05.6+08`), which browsers do not all parse. */
export function parseTimestamp(value: string): dayjs.Dayjs {
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return dayjs(iso);
}

export const formatDateTime = (value: string | null | undefined): string => {
  if (!value) return '—';
  const parsed = parseTimestamp(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : value;
};

export const formatDate = (value: string | null | undefined): string => value || '—';
