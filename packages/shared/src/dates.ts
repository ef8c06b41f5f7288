/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so that no time zone moves a date. */

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
