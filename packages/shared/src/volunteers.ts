/**
 * Volunteer service (党员志愿服务, DOMAIN §3): activity types, states and the hours rules, shared by the server
 * (zod, SQL), the console and the phone pages. Hours are the unit (志愿服务记录与证明出具办法), kept to one decimal.
 */

export const ACTIVITY_TYPES = [
  'clinic',
  'repair',
  'consulting',
  'dedication_day',
  'garrison',
  'pairing',
  'environment',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  clinic: '义诊',
  repair: '维修',
  consulting: '咨询',
  dedication_day: '党员奉献日',
  garrison: '驻地共建',
  pairing: '结对共建',
  environment: '环境整治',
  other: '其他',
};

/** The states an activity is put in explicitly; under way and finished follow from the time. */
export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled', 'confirmed'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** What an activity shows as: its explicit state, or for a published one where it stands in time. */
export const ACTIVITY_PHASES = ['draft', 'open', 'closed', 'under_way', 'finished', 'cancelled', 'confirmed'] as const;
export type ActivityPhase = (typeof ACTIVITY_PHASES)[number];
export const ACTIVITY_PHASE_LABELS: Record<ActivityPhase, string> = {
  draft: '草稿',
  open: '报名中',
  closed: '报名截止',
  under_way: '进行中',
  finished: '已结束',
  cancelled: '已取消',
  confirmed: '时长已确认',
};

export type ActivityTimes = { status: ActivityStatus; startsAt: string; endsAt: string; signupDeadline: string };

/** draft → published (open, closed, under way, finished: by the clock) → confirmed; or cancelled. */
export function activityPhase(a: ActivityTimes, now: Date): ActivityPhase {
  switch (a.status) {
    case 'draft':
    case 'cancelled':
    case 'confirmed':
      return a.status;
    case 'published': {
      const t = now.getTime();
      if (t >= Date.parse(a.endsAt)) return 'finished';
      if (t >= Date.parse(a.startsAt)) return 'under_way';
      return t < Date.parse(a.signupDeadline) ? 'open' : 'closed';
    }
  }
}

export const SIGNUP_STATUSES = ['signed_up', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  signed_up: '已报名',
  waiting: '候补',
  cancelled: '已取消',
};

export const RECORD_STATUSES = ['pending', 'confirmed', 'rejected', 'superseded'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const RECORD_STATUS_LABELS: Record<RecordStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '未确认',
  superseded: '已更正',
};
export const RECORD_SOURCES = ['activity', 'self'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];
export const RECORD_SOURCE_LABELS: Record<RecordSource, string> = { activity: '参加活动', self: '本人申报' };

/** Limits: one service report covers at most a day; a report comes within a year (records are timely). */
export const SELF_REPORT_MAX_HOURS = 24;
export const SELF_REPORT_MAX_AGE_DAYS = 365;
export const ACTIVITY_MAX_CAPACITY = 10_000;
/** An activity lasts at most this long (a multi-day event is still one activity). */
export const ACTIVITY_MAX_DAYS = 31;

/** Hours to one decimal, as they are stored and printed. */
export const roundHours = (hours: number) => Math.round(hours * 10) / 10;

/**
 * The hours an activity gives by default: its length, to the nearest half hour (a 2 h 20 min activity gives
 * 2.5 h), at least half an hour.
 */
export function activityLengthHours(startsAt: string, endsAt: string): number {
  const hours = (Date.parse(endsAt) - Date.parse(startsAt)) / 3_600_000;
  return Math.max(0.5, Math.round(hours * 2) / 2);
}

/** Why confirmed hours for one person are refused, or null: positive, one decimal, over the length with a reason. */
export function attendanceHoursProblem(
  hours: number,
  lengthHours: number,
  reason: string | null | undefined,
): string | null {
  if (!Number.isFinite(hours) || hours <= 0) return '应大于0';
  if (roundHours(hours) !== hours) return '最多一位小数';
  if (hours > lengthHours && !reason?.trim()) return `超过活动时长${lengthHours}小时，请填写原因`;
  return null;
}

/** Why a self-reported service is refused, or null. Dates are YYYY-MM-DD (China). */
export function selfReportProblem(
  input: { servedOn: string; hours: number },
  today: string,
): { field: 'servedOn' | 'hours'; problem: string } | null {
  if (input.servedOn > today) return { field: 'servedOn', problem: '不能晚于今天' };
  const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - SELF_REPORT_MAX_AGE_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  if (input.servedOn < earliest) return { field: 'servedOn', problem: `应在${SELF_REPORT_MAX_AGE_DAYS}天之内` };
  if (!Number.isFinite(input.hours) || input.hours <= 0) return { field: 'hours', problem: '应大于0' };
  if (roundHours(input.hours) !== input.hours) return { field: 'hours', problem: '最多一位小数' };
  if (input.hours > SELF_REPORT_MAX_HOURS) return { field: 'hours', problem: `一次最多${SELF_REPORT_MAX_HOURS}小时` };
  return null;
}

/** Why an activity's times are refused, or null (the field named is the one to correct). */
export function activityTimesProblem(a: {
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
}): { field: 'endsAt' | 'signupDeadline'; problem: string } | null {
  const start = Date.parse(a.startsAt);
  const end = Date.parse(a.endsAt);
  if (end <= start) return { field: 'endsAt', problem: '应晚于开始时间' };
  if (end - start > ACTIVITY_MAX_DAYS * 86_400_000)
    return { field: 'endsAt', problem: `活动最长${ACTIVITY_MAX_DAYS}天` };
  if (Date.parse(a.signupDeadline) > end) return { field: 'signupDeadline', problem: '不能晚于结束时间' };
  return null;
}

/** A place is free while fewer than the capacity are signed up (no capacity: always). */
export const hasPlace = (capacity: number | null, signedUp: number) => capacity === null || signedUp < capacity;

/** A member may sign up or cancel themselves only before the deadline. */
export const beforeDeadline = (signupDeadline: string, now: Date) => now.getTime() < Date.parse(signupDeadline);

/** Sum of hours (to one decimal, free of float drift). */
export const sumHours = (hours: readonly number[]) =>
  roundHours(hours.reduce((s, h) => s + Math.round(h * 10), 0) / 10);
