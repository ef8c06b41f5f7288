/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so that no time zone moves a date. */

/** China's offset from UTC: +08:00 all year round (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The date (YYYY-MM-DD) in China at an instant, now by default: the "today" of every rule, whatever time zone
 * the server runs in. A server on UTC would otherwise still be on yesterday from 00:00 to 08:00 Beijing time,
 * refuse a date the user's own calendar shows as today, and count deadlines one day late.
 */
export function chinaToday(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant (ISO 8601) as `2026-11-30 08:05` on the clock in China, for sheets handed in; '' for none. */
export function chinaDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Full years from a date of birth to a date (both YYYY-MM-DD): the age on that day. */
export function fullYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** Adds whole years (29 February falls back to 28 February in a common year). */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Days in a month of the proleptic Gregorian calendar (`month` 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Adds months, keeping the day where the month has it (31 January + 1 month = 28/29 February). Plain arithmetic
 * on the three numbers: an import checks several dates on each of 100,000 rows.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, daysInMonth(year, month)), 2)}`;
}
