/**
 * Vulnerable residents (困难群体, DOMAIN §5, seed 002): who is on a community's register, what they need, and how
 * often someone must visit them. The visit rules are data (`DEFAULT_VISIT_RULES`); when the next visit falls due
 * and whether it is overdue are pure functions of the record and "today", shared by the server (which keeps
 * `next_visit_due` with them), the console and the phone pages.
 */
import { addMonths } from './dates.js';
import { addDays } from './members.js';
import { surnameOnly } from './requests.js';

export const CARE_TYPES = ['elderly', 'child', 'disabled', 'dibao', 'poor', 'low_income', 'special_care'] as const;
export type CareType = (typeof CARE_TYPES)[number];
export const CARE_TYPE_LABELS: Record<CareType, string> = {
  elderly: '老年人',
  child: '儿童',
  disabled: '残疾人',
  dibao: '低保户',
  poor: '贫困户',
  low_income: '低收入',
  special_care: '优抚对象',
};

export const CARE_NEEDS = [
  'daily_care',
  'meals',
  'medical',
  'companionship',
  'home_repair',
  'study',
  'policy',
  'employment',
  'safety',
  'other',
] as const;
export type CareNeed = (typeof CARE_NEEDS)[number];
export const CARE_NEED_LABELS: Record<CareNeed, string> = {
  daily_care: '生活照料',
  meals: '助餐',
  medical: '就医陪护',
  companionship: '精神慰藉',
  home_repair: '居家维修',
  study: '学业辅导',
  policy: '政策帮扶',
  employment: '就业帮扶',
  safety: '安全巡查',
  other: '其他',
};

/**
 * What a visit rule is keyed by: a type, or a type with its flag (an elderly person living alone, a left-behind
 * child) where the flag asks for visits more often.
 */
export const CARE_RULE_KEYS = [
  'elderly_alone',
  'elderly',
  'child_left_behind',
  'child',
  'disabled',
  'dibao',
  'poor',
  'low_income',
  'special_care',
] as const;
export type CareRuleKey = (typeof CARE_RULE_KEYS)[number];
export const CARE_RULE_LABELS: Record<CareRuleKey, string> = {
  elderly_alone: '独居老人',
  elderly: '老年人',
  child_left_behind: '留守儿童',
  child: '儿童',
  disabled: '残疾人',
  dibao: '低保户',
  poor: '贫困户',
  low_income: '低收入',
  special_care: '优抚对象',
};

/** A visit at least every `months` months. */
export type VisitRules = Record<CareRuleKey, number>;

/** The platform's defaults: the most vulnerable monthly, the others each quarter, low income every half year. */
export const DEFAULT_VISIT_RULES: VisitRules = {
  elderly_alone: 1,
  elderly: 3,
  child_left_behind: 1,
  child: 3,
  disabled: 3,
  dibao: 3,
  poor: 3,
  low_income: 6,
  special_care: 3,
};

/** Days before the due date from which a visit shows as coming due (workbench, phone). */
export const CARE_DUE_SOON_DAYS = 7;

export const CARE_LIMITS = {
  name: 50,
  address: 200,
  notes: 1000,
  guardianName: 50,
  visitor: 100,
  content: 1000,
  followUpNote: 500,
  endReason: 200,
} as const;

/** What the rules read of a person on the register. */
export type CarePerson = { types: readonly CareType[]; livesAlone: boolean; leftBehind: boolean };

/** The rule keys that apply to a person: one per type, the flagged variant where its flag is set. */
export function careRuleKeys(person: CarePerson): CareRuleKey[] {
  return person.types.map((type): CareRuleKey => {
    switch (type) {
      case 'elderly':
        return person.livesAlone ? 'elderly_alone' : 'elderly';
      case 'child':
        return person.leftBehind ? 'child_left_behind' : 'child';
      case 'disabled':
      case 'dibao':
      case 'poor':
      case 'low_income':
      case 'special_care':
        return type;
    }
  });
}

/** How often a person must be visited: the most frequent of the rules that apply (someone of two types is visited as often as the stricter asks). */
export function visitIntervalMonths(person: CarePerson, rules: VisitRules = DEFAULT_VISIT_RULES): number {
  return Math.min(...careRuleKeys(person).map((key) => rules[key]));
}

/** The rule that sets the interval, for the page's "独居老人 每月" line. */
export function governingRule(person: CarePerson, rules: VisitRules = DEFAULT_VISIT_RULES): CareRuleKey {
  const keys = careRuleKeys(person);
  return keys.reduce((best, key) => (rules[key] < rules[best] ? key : best), keys[0]!);
}

/**
 * The day the next visit falls due: the interval after the last visit, or after the day the person was put on
 * the register when nobody has visited yet. Null once the person is off the register.
 */
export function nextVisitDue(
  person: CarePerson & { lastVisitOn: string | null; registeredOn: string; endedOn?: string | null },
  rules: VisitRules = DEFAULT_VISIT_RULES,
): string | null {
  if (person.endedOn) return null;
  return addMonths(person.lastVisitOn ?? person.registeredOn, visitIntervalMonths(person, rules));
}

export type VisitStanding = 'overdue' | 'due_soon' | 'ok';

/** Overdue the day after the due date; coming due within `CARE_DUE_SOON_DAYS` days of it. */
export function visitStanding(due: string | null, today: string): VisitStanding {
  if (!due) return 'ok';
  if (due < today) return 'overdue';
  return due <= addDays(today, CARE_DUE_SOON_DAYS) ? 'due_soon' : 'ok';
}

export const isVisitOverdue = (due: string | null, today: string): boolean => visitStanding(due, today) === 'overdue';

/** Whole days a visit is overdue (0 when not). */
export function daysOverdue(due: string | null, today: string): number {
  if (!due || due >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

/** A person's age in the year of `today` (the register holds a birth year, not a date). */
export function ageInYear(birthYear: number | null, today: string): number | null {
  return birthYear === null ? null : Number(today.slice(0, 4)) - birthYear;
}

/** A name as those who may not see the register whole see it: 王秀兰 → 王**. */
export const maskCareName = surnameOnly;

/** Age at which a resident counts as elderly (老年人权益保障法: 60). */
export const ELDERLY_AGE = 60;

/**
 * Cross-field checks the form runs before sending and the server runs again: a field and its problem. An
 * elderly person needs a birth year (60 or older this year); 独居 only for the elderly, 留守 only for children.
 */
export function careProblems(
  input: { types: readonly CareType[]; birthYear: number | null; livesAlone: boolean; leftBehind: boolean },
  today: string,
): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  const year = Number(today.slice(0, 4));
  if (new Set(input.types).size !== input.types.length) problems.push({ field: 'types', problem: '类别重复' });
  if (input.birthYear !== null && (input.birthYear < year - 120 || input.birthYear > year))
    problems.push({ field: 'birthYear', problem: `应在${year - 120}至${year}之间` });
  if (input.types.includes('elderly')) {
    if (input.birthYear === null) problems.push({ field: 'birthYear', problem: '老年人须填写出生年份' });
    else if (year - input.birthYear < ELDERLY_AGE)
      problems.push({ field: 'birthYear', problem: `老年人应年满${ELDERLY_AGE}周岁` });
  }
  if (input.livesAlone && !input.types.includes('elderly'))
    problems.push({ field: 'livesAlone', problem: '独居仅适用于老年人' });
  if (input.leftBehind && !input.types.includes('child'))
    problems.push({ field: 'leftBehind', problem: '留守仅适用于儿童' });
  return problems;
}

/** A grid's households against the 300–500 guideline (seed 004): a warning on the page, never a refusal. */
export const GRID_HOUSEHOLDS_MIN = 300;
export const GRID_HOUSEHOLDS_MAX = 500;
export function gridSizeWarning(households: number): string | null {
  if (households === 0) return null;
  if (households < GRID_HOUSEHOLDS_MIN) return `户数${households}，少于一般的${GRID_HOUSEHOLDS_MIN}户`;
  if (households > GRID_HOUSEHOLDS_MAX) return `户数${households}，多于一般的${GRID_HOUSEHOLDS_MAX}户`;
  return null;
}

/**
 * Building names of a bulk add (1–12号楼): `from` to `to` with the suffix, at most 200 at once. Empty when the
 * range is backwards or too long.
 */
export const BUILDINGS_BULK_MAX = 200;
export function buildingRange(from: number, to: number, prefix = '', suffix = '号楼'): string[] {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || to - from + 1 > BUILDINGS_BULK_MAX)
    return [];
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}${suffix}`);
}
