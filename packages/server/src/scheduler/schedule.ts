/** When a job runs: every N minutes after its last run, or daily at a time of day in Beijing (UTC+8, no DST). */
export type Schedule = { everyMinutes: number } | { dailyAt: `${number}:${number}` };

const HOUR = 3_600_000;
const BEIJING = 8 * HOUR;

/** The first time after `after` the schedule calls for. */
export function nextRun(schedule: Schedule, after: Date): Date {
  if ('everyMinutes' in schedule) return new Date(after.getTime() + schedule.everyMinutes * 60_000);
  const [hours, minutes] = schedule.dailyAt.split(':').map(Number) as [number, number];
  const local = new Date(after.getTime() + BEIJING);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hours, minutes) - BEIJING;
  return new Date(today > after.getTime() ? today : today + 24 * HOUR);
}

/** The schedule as the jobs page says it. */
export function scheduleText(schedule: Schedule): string {
  if ('everyMinutes' in schedule) {
    const m = schedule.everyMinutes;
    return m % 60 === 0 ? `每${m / 60}小时` : `每${m}分钟`;
  }
  return `每天 ${schedule.dailyAt}（北京时间）`;
}
