/**
 * Local rules of volunteer service (志愿服务地方规则): a yearly target of service hours for in-service members,
 * points (积分) and a ranking — set by the city or a district, inherited below. Points and rankings are off
 * unless a locality turns them on (2026 国办: no compulsory points rankings), and a ranking only ever counts a
 * closed period, so nobody is ranked on a quarter still under way. Pure rules: no I/O.
 */

/** Largest yearly target of hours a locality may set (a year has 8,760 hours; 1,000 is already generous). */
export const MAX_TARGET_HOURS = 1000;
/** Largest number of points per hour or per activity. */
export const MAX_POINTS = 100;

/** One organisation's own setting: `null` inherits the nearest organisation above that sets it. */
export type VolunteerRuleSetting = {
  yearlyTargetHours: number | null;
  pointsEnabled: boolean | null;
  pointsPerHour: number | null;
  /** Points per confirmed activity of a type (activity type code → points), instead of its hours' points. */
  pointsPerActivity: Readonly<Record<string, number>> | null;
  rankingEnabled: boolean | null;
};

export const EMPTY_VOLUNTEER_SETTING: VolunteerRuleSetting = {
  yearlyTargetHours: null,
  pointsEnabled: null,
  pointsPerHour: null,
  pointsPerActivity: null,
  rankingEnabled: null,
};

/** The rules in force for an organisation, every field decided. */
export type VolunteerRules = {
  /** No target when null: the sheets show the hours alone. */
  yearlyTargetHours: number | null;
  pointsEnabled: boolean;
  pointsPerHour: number;
  pointsPerActivity: Readonly<Record<string, number>>;
  rankingEnabled: boolean;
};

export const DEFAULT_VOLUNTEER_RULES: VolunteerRules = {
  yearlyTargetHours: null,
  pointsEnabled: false,
  pointsPerHour: 1,
  pointsPerActivity: {},
  rankingEnabled: false,
};

export const VOLUNTEER_RULE_FIELDS = [
  'yearlyTargetHours',
  'pointsEnabled',
  'pointsPerHour',
  'pointsPerActivity',
  'rankingEnabled',
] as const satisfies readonly (keyof VolunteerRuleSetting)[];
export type VolunteerRuleField = (typeof VOLUNTEER_RULE_FIELDS)[number];

export const VOLUNTEER_RULE_LABELS: Record<VolunteerRuleField, string> = {
  yearlyTargetHours: '在职党员年度服务时长目标（小时）',
  pointsEnabled: '启用志愿服务积分',
  pointsPerHour: '每小时积分',
  pointsPerActivity: '按活动类型计分（每次活动）',
  rankingEnabled: '显示排行',
};

/** The organisations whose setting applies, from the root down to the organisation itself. */
export type RuleChainLink = { orgId: number; orgName: string; setting: VolunteerRuleSetting | null };

export type EffectiveVolunteerRules = VolunteerRules & {
  /** Which organisation set each field (null: the platform's default). */
  setBy: Record<VolunteerRuleField, { orgId: number; orgName: string } | null>;
};

/**
 * The rules in force at the end of a chain (root first): each field from the nearest organisation that sets it,
 * else the default. A district's 50 h holds over the city's 40 h; a district that sets nothing takes the city's.
 */
export function effectiveVolunteerRules(chain: readonly RuleChainLink[]): EffectiveVolunteerRules {
  const rules: Record<string, unknown> = { ...DEFAULT_VOLUNTEER_RULES };
  const setBy = Object.fromEntries(VOLUNTEER_RULE_FIELDS.map((f) => [f, null])) as EffectiveVolunteerRules['setBy'];
  for (const link of chain) {
    if (!link.setting) continue;
    for (const field of VOLUNTEER_RULE_FIELDS) {
      const value = link.setting[field];
      if (value === null || value === undefined) continue;
      rules[field] = value;
      setBy[field] = { orgId: link.orgId, orgName: link.orgName };
    }
  }
  return { ...(rules as VolunteerRules), setBy };
}

/** What a setting may hold, as [field, problem] pairs (empty when fine). */
export function volunteerSettingProblems(setting: VolunteerRuleSetting): [VolunteerRuleField, string][] {
  const problems: [VolunteerRuleField, string][] = [];
  const { yearlyTargetHours: target, pointsPerHour, pointsPerActivity } = setting;
  if (target !== null && !(target > 0 && target <= MAX_TARGET_HOURS && Number.isInteger(target * 2)))
    problems.push(['yearlyTargetHours', `应为0.5到${MAX_TARGET_HOURS}之间的小时数（可含半小时）`]);
  if (pointsPerHour !== null && !(pointsPerHour >= 0 && pointsPerHour <= MAX_POINTS))
    problems.push(['pointsPerHour', `应在0到${MAX_POINTS}之间`]);
  for (const [type, points] of Object.entries(pointsPerActivity ?? {})) {
    if (!(points >= 0 && points <= MAX_POINTS)) {
      problems.push(['pointsPerActivity', `${type}的积分应在0到${MAX_POINTS}之间`]);
      break;
    }
  }
  return problems;
}

/** A confirmed service record as the points rule reads it: its hours, and its activity's type (none when self-reported). */
export type ServiceRecord = { hours: number; activityType: string | null };

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Points of confirmed records: an activity of a type with its own points counts those points once; every other
 * record (self-reported service included) counts its hours times the points per hour. Zero when points are off.
 */
export function servicePoints(rules: VolunteerRules, records: readonly ServiceRecord[]): number {
  if (!rules.pointsEnabled) return 0;
  let points = 0;
  for (const r of records) {
    const perActivity = r.activityType === null ? undefined : rules.pointsPerActivity[r.activityType];
    points += perActivity ?? r.hours * rules.pointsPerHour;
  }
  return round2(points);
}

/** Hours against the yearly target: share done (0–1, capped) and whether it is met; no target → null. */
export function targetProgress(hours: number, target: number | null): { share: number; met: boolean } | null {
  if (target === null || target <= 0) return null;
  return { share: Math.min(1, round2(hours / target)), met: hours >= target };
}

// ---- quarters and closed periods ----

export type ServiceQuarter = { year: number; quarter: 1 | 2 | 3 | 4 };
/** A ranking's or sheet's period: a quarter, or a whole year (quarter null). */
export type ServicePeriod = { year: number; quarter: 1 | 2 | 3 | 4 | null };

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

/** The quarter a date (YYYY-MM-DD) falls in. */
export function serviceQuarterOf(date: string): ServiceQuarter {
  const month = Number(date.slice(5, 7));
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as ServiceQuarter['quarter'] };
}

/** First and last day of a quarter or a year, inclusive. */
export function servicePeriodRange(period: ServicePeriod): { from: string; to: string } {
  if (period.quarter === null) return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
  return {
    from: `${period.year}-${pad(period.quarter * 3 - 2)}-01`,
    to: `${period.year}-${QUARTER_END[period.quarter - 1]}`,
  };
}

/** A period is closed once its last day is past (China's date): only then may a ranking count it. */
export function isClosedServicePeriod(period: ServicePeriod, today: string): boolean {
  return servicePeriodRange(period).to < today;
}

/** The quarter before a quarter. */
export function previousServiceQuarter(q: ServiceQuarter): ServiceQuarter {
  return q.quarter === 1
    ? { year: q.year - 1, quarter: 4 }
    : { year: q.year, quarter: (q.quarter - 1) as ServiceQuarter['quarter'] };
}

/** The latest quarter whose last day is past. */
export function lastClosedServiceQuarter(today: string): ServiceQuarter {
  return previousServiceQuarter(serviceQuarterOf(today));
}

/** 2026年第3季度 / 2026年度. */
export function servicePeriodLabel(period: ServicePeriod): string {
  return period.quarter === null ? `${period.year}年度` : `${period.year}年第${period.quarter}季度`;
}

/**
 * The dates a quarter's sheet counts: the quarter (up to today while it runs: 截至) and the year up to the same
 * day. A sheet of a quarter not yet begun has nothing to count.
 */
export function sheetWindow(
  q: ServiceQuarter,
  today: string,
): { from: string; to: string; yearFrom: string; asOf: string } | null {
  const { from, to } = servicePeriodRange(q);
  if (from > today) return null;
  const asOf = to < today ? to : today;
  return { from, to: asOf, yearFrom: `${q.year}-01-01`, asOf };
}
