/**
 * Organisational life (组织生活, DOMAIN §8): the meeting types of 三会一课 and the rest, how often each must be held
 * (《中国共产党支部工作条例（试行）》2018, and the common local rule of a 党课 a quarter), the periods they are counted
 * in, a branch's standing in each (done / due / at risk: a reminder before it falls behind, 事前提醒) and the quorum of
 * a 党员大会 that votes. No I/O: the server, the pages and the tests use the same rules.
 */
import type { OrgType } from './org-types.js';
import { daysInMonth } from './dates.js';

export const MEETING_TYPES = [
  'general_assembly',
  'committee',
  'party_group',
  'party_class',
  'theme_day',
  'life_meeting',
  'appraisal_meeting',
  'other',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  general_assembly: '党员大会',
  committee: '支委会',
  party_group: '党小组会',
  party_class: '党课',
  theme_day: '主题党日',
  life_meeting: '组织生活会',
  appraisal_meeting: '民主评议会',
  other: '其他',
};

export const MEETING_STATUSES = ['draft', 'final'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = { draft: '草稿', final: '已定稿' };

export const ATTENDANCE_STATUSES = ['present', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = { present: '出席', absent: '缺席' };

export const ABSENCE_REASONS = ['sick', 'personal', 'official', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];
export const ABSENCE_REASON_LABELS: Record<AbsenceReason, string> = {
  sick: '病假',
  personal: '事假',
  official: '公假',
  other: '其他',
};

/**
 * Whether an absence counts as one with 正当理由 (党章 §9: only 无正当理由 absences make organisational life missed).
 * 病假, 事假 and 公假 are reasons the branch granted by their kind; 其他 is 正当 only when the branch judged it so (the
 * secretary's tick, `absenceJustified` on the attendance row).
 */
export function absenceJustified(reason: AbsenceReason | null, judgedJustified: boolean): boolean {
  if (reason === null) return false;
  return reason === 'other' ? judgedJustified : true;
}

/** What a file kept with a meeting's record is. */
export const MEETING_ATTACHMENT_KINDS = ['sign_in', 'slides', 'photo', 'other'] as const;
export type MeetingAttachmentKind = (typeof MEETING_ATTACHMENT_KINDS)[number];
export const MEETING_ATTACHMENT_KIND_LABELS: Record<MeetingAttachmentKind, string> = {
  sign_in: '签到表',
  slides: '课件',
  photo: '会议照片',
  other: '其他材料',
};
/** Attachments one meeting may have. */
export const MEETING_ATTACHMENTS_MAX = 20;

/** Organisation types that hold meetings of their own: those with members or a group (not 市委/区委/街道党工委). */
export const MEETING_ORG_TYPES: readonly OrgType[] = [
  'community_committee',
  'big_community_committee',
  'primary_committee',
  'general_branch',
  'branch',
  'joint_branch',
  'floating_branch',
  'temporary_branch',
  'retired_branch',
  'grid_branch',
  'group',
];

/** Organisations whose standing is kept: the branches (a group's meetings count for its branch). */
export const STANDING_ORG_TYPES: readonly OrgType[] = [
  'branch',
  'joint_branch',
  'floating_branch',
  'temporary_branch',
  'retired_branch',
  'grid_branch',
];

/** Localities that may set their own rules (city, district, street; inherited down the tree, the nearest holds). */
export const RULE_ORG_TYPES: readonly OrgType[] = ['city_committee', 'district_committee', 'street_committee'];

/**
 * How often a meeting type must be held: each month, quarter or year, once a year in the fourth quarter (组织生活会,
 * 民主评议: the year's work is reviewed at its end), or not required.
 */
export const RULE_FREQUENCIES = ['month', 'quarter', 'year', 'year_q4', 'none'] as const;
export type RuleFrequency = (typeof RULE_FREQUENCIES)[number];
export const RULE_FREQUENCY_LABELS: Record<RuleFrequency, string> = {
  month: '每月至少一次',
  quarter: '每季度至少一次',
  year: '每年至少一次',
  year_q4: '每年一次（第四季度）',
  none: '不作要求',
};

/** Which branches a rule applies to: all, those with a committee (7 or more full members), those with groups. */
export type RuleScope = 'all' | 'with_committee' | 'with_groups';

export type MeetingRule = {
  type: MeetingType;
  frequency: RuleFrequency;
  /** Days before the period's end (today included) from which a branch that has not held one is at risk. */
  leadDays: number;
  appliesTo: RuleScope;
};

/**
 * The defaults (支部工作条例 2018): 党员大会 a quarter; 支委会 and 党小组会 a month; 党课 a quarter (a common local
 * rule: the 条例 asks for at least one a year from the secretary); 主题党日 a month; 组织生活会 and 民主评议 a year,
 * in the fourth quarter. A quarterly or yearly one is at risk in the period's last month (a quarter with 3 weeks left
 * and no 党员大会 is at risk), a monthly one in its last week.
 */
export const DEFAULT_MEETING_RULES: readonly MeetingRule[] = [
  { type: 'general_assembly', frequency: 'quarter', leadDays: 31, appliesTo: 'all' },
  { type: 'committee', frequency: 'month', leadDays: 7, appliesTo: 'with_committee' },
  { type: 'party_group', frequency: 'month', leadDays: 7, appliesTo: 'with_groups' },
  { type: 'party_class', frequency: 'quarter', leadDays: 31, appliesTo: 'all' },
  { type: 'theme_day', frequency: 'month', leadDays: 7, appliesTo: 'all' },
  { type: 'life_meeting', frequency: 'year_q4', leadDays: 31, appliesTo: 'all' },
  { type: 'appraisal_meeting', frequency: 'year_q4', leadDays: 31, appliesTo: 'all' },
];

/** Lead days allowed in an override. */
export const RULE_MAX_LEAD_DAYS = 92;

/** A locality's rule for a type (org_life_rules), nearest first. */
export type RuleOverride = { type: MeetingType; frequency: RuleFrequency; leadDays: number };

/**
 * The rules holding for an organisation: the defaults, each replaced by the nearest locality's override of its type
 * (`overrides` nearest first: the district's before the city's). A type with no default (其他) gets one only from an
 * override; `none` leaves the type out.
 */
export function effectiveRules(overrides: readonly RuleOverride[]): MeetingRule[] {
  const rules: MeetingRule[] = [];
  for (const type of MEETING_TYPES) {
    const base = DEFAULT_MEETING_RULES.find((r) => r.type === type);
    const own = overrides.find((o) => o.type === type);
    const frequency = own?.frequency ?? base?.frequency ?? 'none';
    if (frequency === 'none') continue;
    rules.push({
      type,
      frequency,
      leadDays: own?.leadDays ?? base?.leadDays ?? 7,
      appliesTo: base?.appliesTo ?? 'all',
    });
  }
  return rules;
}

/** What a rule needs to know of a branch to say whether it applies. */
export type BranchFacts = { fullMembers: number; hasGroups: boolean };

/** A branch of 7 or more full members has a committee (支部委员会) that meets monthly. */
export const COMMITTEE_MIN_FULL_MEMBERS = 7;

export function ruleApplies(rule: Pick<MeetingRule, 'appliesTo'>, facts: BranchFacts): boolean {
  switch (rule.appliesTo) {
    case 'all':
      return true;
    case 'with_committee':
      return facts.fullMembers >= COMMITTEE_MIN_FULL_MEMBERS;
    case 'with_groups':
      return facts.hasGroups;
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A counting period: its key in org_life_counts (`2026-12`, `2026-Q4`, `2026`), first and last day, a label. */
export type Period = { key: string; start: string; end: string; label: string };

export function monthPeriod(day: string): Period {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return {
    key: `${y}-${pad2(m)}`,
    start: `${y}-${pad2(m)}-01`,
    end: `${y}-${pad2(m)}-${pad2(daysInMonth(y, m))}`,
    label: `${y}年${m}月`,
  };
}

export function quarterPeriod(day: string): Period {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  const last = q * 3;
  return {
    key: `${y}-Q${q}`,
    start: `${y}-${pad2(last - 2)}-01`,
    end: `${y}-${pad2(last)}-${pad2(daysInMonth(y, last))}`,
    label: `${y}年第${'一二三四'[q - 1]}季度`,
  };
}

export function yearPeriod(day: string): Period {
  const y = day.slice(0, 4);
  return { key: y, start: `${y}-01-01`, end: `${y}-12-31`, label: `${y}年` };
}

/** The period a frequency counts in, around a day. */
export function periodOf(frequency: Exclude<RuleFrequency, 'none'>, day: string): Period {
  switch (frequency) {
    case 'month':
      return monthPeriod(day);
    case 'quarter':
      return quarterPeriod(day);
    case 'year':
    case 'year_q4':
      return yearPeriod(day);
  }
}

/** Days from `today` to `end`, both included (the last day of a period has 1 day left). */
export function daysLeft(today: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000) + 1;
}

export const STANDINGS = ['done', 'due', 'at_risk'] as const;
export type Standing = (typeof STANDINGS)[number];
export const STANDING_LABELS: Record<Standing, string> = { done: '已完成', due: '待开展', at_risk: '临期未开' };

export type TypeStanding = {
  type: MeetingType;
  frequency: Exclude<RuleFrequency, 'none'>;
  status: Standing;
  /** The period counted (`2026-Q4`) and its last day: the deadline. */
  period: string;
  periodLabel: string;
  deadline: string;
  daysLeft: number;
  /** Finalised meetings of the type in the period. */
  held: number;
};

/**
 * A branch's standing for one rule on `today`: done when it held one in the period, at risk when it has not and the
 * period has `leadDays` or fewer days left, due otherwise. A 第四季度 rule before the fourth quarter is due (for the
 * year) and never at risk.
 */
export function standingOf(rule: MeetingRule, today: string, held: number): TypeStanding | null {
  if (rule.frequency === 'none') return null;
  const period = periodOf(rule.frequency, today);
  const left = daysLeft(today, period.end);
  const inWindow = rule.frequency !== 'year_q4' || today >= `${today.slice(0, 4)}-10-01`;
  const status: Standing = held > 0 ? 'done' : inWindow && left <= rule.leadDays ? 'at_risk' : 'due';
  return {
    type: rule.type,
    frequency: rule.frequency,
    status,
    period: period.key,
    periodLabel: period.label,
    deadline: period.end,
    daysLeft: left,
    held,
  };
}

/** A branch's standings by its rules: `held(periodKey, type)` reads its counters. */
export function branchStandings(
  rules: readonly MeetingRule[],
  facts: BranchFacts,
  today: string,
  held: (period: string, type: MeetingType) => number,
): TypeStanding[] {
  const out: TypeStanding[] = [];
  for (const rule of rules) {
    if (rule.frequency === 'none' || !ruleApplies(rule, facts)) continue;
    const period = periodOf(rule.frequency, today);
    const s = standingOf(rule, today, held(period.key, rule.type));
    if (s) out.push(s);
  }
  return out;
}

/** The worst of a branch's standings: at risk before due before done (done when nothing is required). */
export function overallStanding(standings: readonly Pick<TypeStanding, 'status'>[]): Standing {
  if (standings.some((s) => s.status === 'at_risk')) return 'at_risk';
  if (standings.some((s) => s.status === 'due')) return 'due';
  return 'done';
}

/**
 * The period keys a rule counts in on a day, for the counters' reads: the month, quarter and year of the day, each
 * as org_life_counts keys them.
 */
export function periodKeys(day: string): { month: string; quarter: string; year: string } {
  return { month: monthPeriod(day).key, quarter: quarterPeriod(day).key, year: yearPeriod(day).key };
}

/**
 * 党员大会 quorum (支部工作条例 §15): a vote needs more than half of the members with voting rights present;
 * probationary members have none. No voting members: never quorate.
 */
export function isQuorate(votingExpected: number, votingPresent: number): boolean {
  return votingExpected > 0 && votingPresent * 2 > votingExpected;
}

/** The fewest voting members present for a quorum. */
export function quorumNeeded(votingExpected: number): number {
  return Math.floor(votingExpected / 2) + 1;
}

/** Only a 党员大会 votes on the branch's decisions (it has a quorum); other meetings record no vote. */
export function meetingVotes(type: MeetingType): boolean {
  return type === 'general_assembly';
}

/** Meeting times are `HH:MM`, Beijing time. */
export const MEETING_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Whether a meeting on `heldOn` at `startTime` (Beijing) has begun at `now`: one that has not cannot be recorded as
 * held (attendance, finalising).
 */
export function meetingHasBegun(heldOn: string, startTime: string, now: Date = new Date()): boolean {
  const start = Date.parse(`${heldOn}T${startTime}:00+08:00`);
  return start <= now.getTime();
}
