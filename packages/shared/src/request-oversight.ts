/**
 * Oversight of residents' requests (三级联动, DOMAIN §5, seed 002; 北京《接诉即办工作条例》): the time a community
 * has to respond to and to resolve a request, what moves it up to the street and the district, and the rates the
 * work is judged by. Pure rules: no I/O. The server keeps the counters these rates are made of.
 */
import { monthPeriod, quarterPeriod, yearPeriod } from './org-life.js';
import { DEFAULT_REQUEST_DEADLINES } from './requests.js';

/** Hours to respond (first acceptance or decline) and to resolve (done), counted from the submission. */
export type DeadlineRule = { respondHours: number; resolveHours: number };

/** The platform's defaults (requests.ts): respond within 24 h, resolve within 7 days. */
export const DEFAULT_DEADLINE: DeadlineRule = DEFAULT_REQUEST_DEADLINES.normal;
/** Urgent categories (`isUrgentCategory`): respond within 2 h, resolve within 24 h. */
export const URGENT_DEADLINE: DeadlineRule = DEFAULT_REQUEST_DEADLINES.urgent;

/** Bounds of a setting: at least an hour; at most 90 days. */
export const MIN_DEADLINE_HOURS = 1;
export const MAX_DEADLINE_HOURS = 90 * 24;

/** One organisation's own setting for a category: a null field inherits from the organisation above. */
export type DeadlineSetting = { respondHours: number | null; resolveHours: number | null };

/** The platform's default for a category, by whether the category is urgent. */
export function defaultDeadline(urgent: boolean): DeadlineRule {
  return urgent ? URGENT_DEADLINE : DEFAULT_DEADLINE;
}

/**
 * The rule in force for a category: the settings of the organisations above the request's community, root first
 * (city, then district …), each field taken from the nearest that sets it, else the platform's default.
 */
export function effectiveDeadline(settings: readonly DeadlineSetting[], urgent: boolean): DeadlineRule {
  const rule = { ...defaultDeadline(urgent) };
  for (const s of settings) {
    if (s.respondHours !== null) rule.respondHours = s.respondHours;
    if (s.resolveHours !== null) rule.resolveHours = s.resolveHours;
  }
  return rule;
}

/** A setting's problems (field → message), before it is saved: respond after resolve makes no sense. */
export function deadlineSettingProblems(rule: DeadlineRule): Partial<Record<keyof DeadlineRule, string>> {
  const problems: Partial<Record<keyof DeadlineRule, string>> = {};
  for (const key of ['respondHours', 'resolveHours'] as const) {
    const v = rule[key];
    if (!Number.isInteger(v) || v < MIN_DEADLINE_HOURS || v > MAX_DEADLINE_HOURS)
      problems[key] = `应为 ${MIN_DEADLINE_HOURS}–${MAX_DEADLINE_HOURS} 之间的整数小时`;
  }
  if (!problems.respondHours && !problems.resolveHours && rule.respondHours > rule.resolveHours)
    problems.respondHours = '响应时限不能长于办结时限';
  return problems;
}

const HOUR_MS = 3_600_000;

/** The deadlines of a request submitted at `submittedAt` under a rule (ISO 8601 instants). */
export function deadlinesOf(submittedAt: Date, rule: DeadlineRule): { respondBy: string; resolveBy: string } {
  const t = submittedAt.getTime();
  return {
    respondBy: new Date(t + rule.respondHours * HOUR_MS).toISOString(),
    resolveBy: new Date(t + rule.resolveHours * HOUR_MS).toISOString(),
  };
}

// ---- escalation (三级联动) ----

/** 0 the community holds it, 1 the street's queue, 2 the district's. */
export const ESCALATION_LEVELS = [0, 1, 2] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = { 0: '社区', 1: '街道', 2: '区' };

/**
 * When a request held at a level moves up again: the deadline it missed plus the time the community had to
 * resolve it (its span, submission → resolve_by). A request due in 7 days reaches the street after 7 days and
 * the district 7 days later; an urgent one after 24 h and 24 h more. Sent back down, it gets a new deadline
 * (`returnDeadline`), and missing that one moves it up again by the same rule.
 */
export function nextEscalationAt(missed: string, submittedAt: string, resolveBy: string): string {
  const span = Math.max(Date.parse(resolveBy) - Date.parse(submittedAt), HOUR_MS);
  return new Date(Date.parse(missed) + span).toISOString();
}

/** Bounds of the days a higher level gives when it sends a request back. */
export const MIN_RETURN_DAYS = 1;
export const MAX_RETURN_DAYS = 30;
export const DEFAULT_RETURN_DAYS = 3;
/** The instructions sent down with a request: required, at most this long. */
export const MAX_INSTRUCTIONS = 500;

/** The new deadline of a request sent back `days` days from `now`. */
export function returnDeadline(now: Date, days: number): string {
  return new Date(now.getTime() + days * 24 * HOUR_MS).toISOString();
}

// ---- reminders before the deadline (事前提醒) ----

/**
 * The moment a deadline comes within the last quarter of its time (from `start`, the submission): the community
 * is reminded from then on, not only once it has passed.
 */
export function remindFrom(start: string, deadline: string): string {
  const s = Date.parse(start);
  const d = Date.parse(deadline);
  return new Date(d - Math.max(d - s, 0) / 4).toISOString();
}

// ---- rates (响应率, 解决率, 满意率, 按时办结率) ----

/**
 * The counters of a set of requests (an organisation's subtree over a period of submission), as the server keeps
 * them. Requests merged into another are not counted (the one kept is); declined ones count as responded and,
 * never resolved, against 解决率.
 */
export type RateCounters = {
  /** Requests submitted in the period. */
  total: number;
  /** Due to respond: responded, or past respond_by without a response. */
  dueRespond: number;
  /** Responded by respond_by. */
  respondedInTime: number;
  /** Resolved (done, or closed after done). */
  resolved: number;
  /** Resolved by resolve_by. */
  resolvedInTime: number;
  /** Not resolved and past resolve_by (kept by the escalation job, which sees the deadline pass). */
  openOverdue: number;
  /** Rated by the resident. */
  rated: number;
  /** Rated 满意 or 基本满意. */
  satisfied: number;
};

export const RATE_METRICS = [
  'total',
  'dueRespond',
  'respondedInTime',
  'resolved',
  'resolvedInTime',
  'openOverdue',
  'rated',
  'satisfied',
] as const satisfies readonly (keyof RateCounters)[];
export type RateMetric = (typeof RATE_METRICS)[number];

export const EMPTY_COUNTERS: RateCounters = {
  total: 0,
  dueRespond: 0,
  respondedInTime: 0,
  resolved: 0,
  resolvedInTime: 0,
  openOverdue: 0,
  rated: 0,
  satisfied: 0,
};

export type Rates = {
  /** 响应率: responded in time / all due to respond. */
  responseRate: number | null;
  /** 解决率: resolved / all. */
  resolutionRate: number | null;
  /** 满意率: (满意 + 基本满意) / rated (unrated is never satisfied, and not counted). */
  satisfactionRate: number | null;
  /** 按时办结率: resolved in time / (resolved + open and overdue): overdue open work cannot hide. */
  onTimeRate: number | null;
};

export const RATE_LABELS: Record<keyof Rates, string> = {
  responseRate: '响应率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  onTimeRate: '按时办结率',
};

export const COUNTER_LABELS: Record<RateMetric, string> = {
  total: '诉求总数',
  dueRespond: '应响应',
  respondedInTime: '按时响应',
  resolved: '已解决',
  resolvedInTime: '按时办结',
  openOverdue: '超期未办结',
  rated: '已评价',
  satisfied: '满意和基本满意',
};

/** A ratio, null when nothing was counted (shown as "—", never as 0 % or 100 %). */
const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function ratesOf(c: RateCounters): Rates {
  return {
    responseRate: ratio(c.respondedInTime, c.dueRespond),
    resolutionRate: ratio(c.resolved, c.total),
    satisfactionRate: ratio(c.satisfied, c.rated),
    onTimeRate: ratio(c.resolvedInTime, c.resolved + c.openOverdue),
  };
}

/** A rate as the pages show it: `87.5%`, `—` for none. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function addCounters(a: RateCounters, b: RateCounters): RateCounters {
  const out = { ...a };
  for (const m of RATE_METRICS) out[m] += b[m];
  return out;
}

// ---- periods ----

export const RATE_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type RatePeriodKind = (typeof RATE_PERIOD_KINDS)[number];

/** The counters are kept per month of submission (China's date); a quarter or a year is the sum of its months. */
export type RatePeriod = { key: string; label: string; months: string[] };

const PERIOD_KEY = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/;

/** A period key (`2026-12`, `2026-Q4`, `2026`) as its months, or null when it is not one. */
export function ratePeriod(key: string): RatePeriod | null {
  const m = PERIOD_KEY.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { key, label: monthPeriod(`${key}-01`).label, months: [key] };
  }
  if (m[3] !== undefined) {
    const q = Number(m[3]);
    const months = [1, 2, 3].map((i) => `${year}-${pad((q - 1) * 3 + i)}`);
    return { key, label: quarterPeriod(`${months[0]}-01`).label, months };
  }
  return {
    key,
    label: yearPeriod(`${year}-01-01`).label,
    months: Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`),
  };
}

/** The period of a kind that holds a day (the current month, quarter or year by default). */
export function ratePeriodOf(kind: RatePeriodKind, day: string): string {
  switch (kind) {
    case 'month':
      return monthPeriod(day).key;
    case 'quarter':
      return quarterPeriod(day).key;
    case 'year':
      return yearPeriod(day).key;
  }
}
