/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so that no time zone moves a date. */

/** Adds whole years (29 February falls back to 28 February in a common year). */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Adds months, keeping the day where the month has it (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
