/**
 * Shared facilities of resident units (共享设施, seed 002: schools, hospitals, libraries opened to residents): kinds,
 * opening hours by weekday, blackout dates and the slot rules, shared by the server (zod, checks before the
 * database's exclusion constraint), the console's week calendar and the phone's free slots. Times are China's
 * wall-clock times (`HH:MM`) on China dates; a booking lies within one day's opening hours.
 */

export const FACILITY_KINDS = ['gym', 'library', 'meeting_room', 'activity_room', 'playground', 'other'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
export const FACILITY_KIND_LABELS: Record<FacilityKind, string> = {
  gym: '体育馆',
  library: '图书馆',
  meeting_room: '会议室',
  activity_room: '活动室',
  playground: '操场',
  other: '其他',
};

export const BOOKING_STATUSES = ['pending', 'approved', 'refused', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  pending: '待审批',
  approved: '已预约',
  refused: '未同意',
  cancelled: '已取消',
};
/** The states that hold the slot (the exclusion constraint's predicate). */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['pending', 'approved'];

export const BOOKER_KINDS = ['community', 'resident'] as const;
export type BookerKind = (typeof BOOKER_KINDS)[number];
export const BOOKER_KIND_LABELS: Record<BookerKind, string> = { community: '社区', resident: '居民' };

/** Monday first, as the week calendar shows it; index 0 = 周一 … 6 = 周日. */
export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** `HH:MM`, 00:00–24:00. */
export const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export type TimeRange = { from: string; to: string };
/** Seven days of ranges, Monday first; a day without ranges is closed. */
export type OpeningHours = readonly (readonly TimeRange[])[];

export const minutesOf = (hm: string): number => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
export const timeOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0 = Monday … 6 = Sunday, of a China date `yyyy-mm-dd`. */
export function weekdayIndex(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day + 6) % 7;
}

/** What is wrong with a week of opening hours, or null: seven days, each range from < to, not overlapping. */
export function openingHoursProblem(hours: OpeningHours): string | null {
  if (hours.length !== 7) return '应填写周一至周日七天的开放时间';
  for (const [i, day] of hours.entries()) {
    const sorted = [...day].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    for (const [j, r] of sorted.entries()) {
      if (!TIME_PATTERN.test(r.from) || !TIME_PATTERN.test(r.to)) return `${WEEKDAY_LABELS[i]}的时间应为“时:分”`;
      if (minutesOf(r.from) >= minutesOf(r.to)) return `${WEEKDAY_LABELS[i]} ${r.from}-${r.to}：结束时间应晚于开始时间`;
      const prev = sorted[j - 1];
      if (prev && minutesOf(prev.to) > minutesOf(r.from)) return `${WEEKDAY_LABELS[i]}的开放时段有重叠`;
    }
  }
  if (hours.every((d) => d.length === 0)) return '至少应有一天开放';
  return null;
}

export type SlotRules = { openingHours: OpeningHours; blackoutDates: readonly string[] };

/**
 * Why a slot may not be booked, or null: the end after the start, the day not a blackout date, and the slot inside
 * one of that weekday's opening ranges. The overlap with other bookings is the database's to refuse.
 */
export function slotProblem(rules: SlotRules, date: string, from: string, to: string): string | null {
  if (!TIME_PATTERN.test(from) || !TIME_PATTERN.test(to)) return '时间应为“时:分”';
  if (minutesOf(from) >= minutesOf(to)) return '结束时间应晚于开始时间';
  if (rules.blackoutDates.includes(date)) return `${date}为闭馆日，不开放预约`;
  const day = rules.openingHours[weekdayIndex(date)] ?? [];
  if (day.length === 0) return `${WEEKDAY_LABELS[weekdayIndex(date)]}不开放`;
  const inside = day.some((r) => minutesOf(r.from) <= minutesOf(from) && minutesOf(to) <= minutesOf(r.to));
  if (!inside) return `所选时段不在开放时间内（${WEEKDAY_LABELS[weekdayIndex(date)]} ${describeDay(day)}）`;
  return null;
}

export const describeDay = (day: readonly TimeRange[]): string =>
  day.length === 0 ? '不开放' : day.map((r) => `${r.from}-${r.to}`).join('、');

/**
 * The free parts of a day: its opening ranges minus the busy ranges (bookings holding a slot), in order. A
 * blackout date has none.
 */
export function freeRanges(rules: SlotRules, date: string, busy: readonly TimeRange[]): TimeRange[] {
  if (rules.blackoutDates.includes(date)) return [];
  const taken = [...busy].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  const free: TimeRange[] = [];
  for (const open of [...(rules.openingHours[weekdayIndex(date)] ?? [])].sort(
    (a, b) => minutesOf(a.from) - minutesOf(b.from),
  )) {
    let start = minutesOf(open.from);
    const end = minutesOf(open.to);
    for (const b of taken) {
      const bFrom = minutesOf(b.from);
      const bTo = minutesOf(b.to);
      if (bTo <= start || bFrom >= end) continue;
      if (bFrom > start) free.push({ from: timeOf(start), to: timeOf(bFrom) });
      start = Math.max(start, bTo);
    }
    if (start < end) free.push({ from: timeOf(start), to: timeOf(end) });
  }
  return free;
}

/** The hour-long slots a phone offers to tap in a day's free ranges (a shorter rest at a range's end too). */
export function hourSlots(free: readonly TimeRange[]): TimeRange[] {
  const slots: TimeRange[] = [];
  for (const r of free) {
    for (let m = minutesOf(r.from); m < minutesOf(r.to); m += 60) {
      slots.push({ from: timeOf(m), to: timeOf(Math.min(m + 60, minutesOf(r.to))) });
    }
  }
  return slots;
}

/** A week's 7 days (Monday first) holding `date`. */
export function weekOf(date: string): string[] {
  const start = new Date(`${date}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - weekdayIndex(date));
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(start);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });
}

/** A week of opening hours in few words: consecutive days with the same ranges together (周一至周五 16:30-21:00；周六、周日 …). */
export function describeWeek(hours: OpeningHours): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= hours.length; i++) {
    const same = i < hours.length && describeDay(hours[i] ?? []) === describeDay(hours[start] ?? []);
    if (same) continue;
    const day = hours[start] ?? [];
    if (day.length > 0) {
      const span = i - 1 - start;
      const days =
        span === 0
          ? WEEKDAY_LABELS[start]
          : span === 1
            ? `${WEEKDAY_LABELS[start]}、${WEEKDAY_LABELS[i - 1]}`
            : `${WEEKDAY_LABELS[start]}至${WEEKDAY_LABELS[i - 1]}`;
      parts.push(`${days} ${describeDay(day)}`);
    }
    start = i;
  }
  return parts.length === 0 ? '不开放' : parts.join('；');
}
