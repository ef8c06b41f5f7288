/**
 * Party dues (党费), by 中组部《关于中国共产党党费收缴、使用和管理的规定》(2008): the monthly amount from the member's
 * base, and the calendar of months paid. Amounts are integers of fen (分) everywhere; months are `YYYY-MM`.
 */

/** What the amount is computed from: income after tax (employed), pension (retired), or a flat 0.2 yuan. */
export const DUES_KINDS = ['employed', 'retired', 'student', 'unemployed', 'low_income'] as const;
export type DuesKind = (typeof DUES_KINDS)[number];
export const DUES_KIND_LABELS: Record<DuesKind, string> = {
  employed: '在职（按税后月收入）',
  retired: '离退休（按养老金）',
  student: '学生',
  unemployed: '下岗失业',
  low_income: '生活困难',
};

/** Kinds whose amount is computed from a base (yuan of income or pension a month). */
export function duesKindHasBase(kind: DuesKind): boolean {
  return kind === 'employed' || kind === 'retired';
}

/** Students, the unemployed and members on low income pay 0.2 yuan a month. */
export const DUES_FLAT_FEN = 20;

/** The brackets as [upper bound in fen (inclusive), rate in ‰]; the last has no bound. */
const BRACKETS: Record<'employed' | 'retired', readonly (readonly [number, number])[]> = {
  employed: [
    [300_000, 5],
    [500_000, 10],
    [1_000_000, 15],
    [Number.POSITIVE_INFINITY, 20],
  ],
  retired: [
    [500_000, 5],
    [Number.POSITIVE_INFINITY, 10],
  ],
};

/** The rate (‰) of a base: employed ≤3000 yuan 5‰, ≤5000 10‰, ≤10000 15‰, above 20‰; retired ≤5000 5‰, above 10‰. */
export function duesRatePermille(kind: 'employed' | 'retired', baseFen: number): number {
  for (const [upTo, rate] of BRACKETS[kind]) if (baseFen <= upTo) return rate;
  return 0; // unreachable: the last bound is infinite
}

/**
 * The standard monthly amount in fen: the whole base (not by parts, as the 2008 rules read) at its bracket's
 * rate, rounded to the fen (half up); 20 fen for the flat kinds. A member may pay more (`monthlyFen` ≥ this).
 */
export function duesStandardFen(kind: DuesKind, baseFen: number | null): number {
  switch (kind) {
    case 'employed':
    case 'retired': {
      const base = Math.max(0, baseFen ?? 0);
      return Math.round((base * duesRatePermille(kind, base)) / 1000);
    }
    case 'student':
    case 'unemployed':
    case 'low_income':
      return DUES_FLAT_FEN;
  }
}

/** 1234 fen → "12.34". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.34" (or "12.3", "12") → 1234 fen; null for anything that is not a non-negative amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const DUES_PAYMENT_METHODS = ['cash', 'transfer'] as const;
export type DuesPaymentMethod = (typeof DUES_PAYMENT_METHODS)[number];
export const DUES_PAYMENT_METHOD_LABELS: Record<DuesPaymentMethod, string> = { cash: '现金', transfer: '转账' };

/** The month (`YYYY-MM`) `n` months after `month`. */
export function duesMonthAdd(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (0 when `to` is before `from`). */
export function duesMonthCount(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return Math.max(0, index(to) - index(from) + 1);
}

/** The months `from`…`to`, both included. */
export function duesMonthRange(from: string, to: string): string[] {
  return Array.from({ length: duesMonthCount(from, to) }, (_, i) => duesMonthAdd(from, i));
}

/**
 * The last month whose dues are due on `today` (YYYY-MM-DD): last month. This month's dues may be paid during the
 * month, so a member paid up to last month owes nothing yet.
 */
export function duesLastDueMonth(today: string): string {
  return duesMonthAdd(today.slice(0, 7), -1);
}

/** How many months a member paid up to `paidTo` is behind on `today`: the months after it up to last month. */
export function duesMonthsBehind(paidTo: string, today: string): number {
  return duesMonthCount(duesMonthAdd(paidTo, 1), duesLastDueMonth(today));
}

/**
 * 党章 §9: six consecutive months without organisational life or dues counts as leaving the party. The branch is
 * told at four (early enough to act) and the member is listed at six.
 */
export const LAPSED_WARN_MONTHS = 4;
export const LAPSED_LIST_MONTHS = 6;
export const LAPSED_REASONS = ['dues', 'org_life'] as const;
export type LapsedReason = (typeof LAPSED_REASONS)[number];
export const LAPSED_REASON_LABELS: Record<LapsedReason, string> = {
  dues: '连续未交党费',
  org_life: '连续未参加组织生活',
};

/** The stage (4 or 6) a member reaches after `months` months without dues or organisational life; null below 4. */
export function lapsedStage(months: number): 4 | 6 | null {
  if (months >= LAPSED_LIST_MONTHS) return LAPSED_LIST_MONTHS;
  if (months >= LAPSED_WARN_MONTHS) return LAPSED_WARN_MONTHS;
  return null;
}

/**
 * Whole months from a day of last activity (a meeting attended) to `today`: 4 from 2026-08-07 on 2026-12-07, still
 * 3 on 2026-12-06.
 */
export function lapsedMonthsSince(day: string, today: string): number {
  let months =
    (Number(today.slice(0, 4)) - Number(day.slice(0, 4))) * 12 + Number(today.slice(5, 7)) - Number(day.slice(5, 7));
  if (today.slice(8, 10) < day.slice(8, 10)) months -= 1;
  return Math.max(0, months);
}

/** Where a payment provider would plug in (no provider is reachable here: none is wired, none is faked). */
export type DuesPaymentProvider = {
  readonly name: string;
  /** Starts an online payment of `amountFen` for the months; returns where the member goes to pay. */
  createPayment(input: {
    memberId: number;
    months: readonly string[];
    amountFen: number;
  }): Promise<{ providerRef: string; payUrl: string }>;
  /** The provider's notice that a payment went through, checked and read into a payment to record. */
  verifyNotice(body: unknown): Promise<{ providerRef: string; amountFen: number; paidOn: string } | null>;
};

/* ---------------------------------------------------------------------------------------------------------------
 * Democratic appraisal of members (民主评议党员), yearly: self-assessment, mutual assessment, the branch meeting's
 * grading. 优秀 at most one third of those graded; probationary members take part but are not graded.
 */

export const APPRAISAL_STAGES = ['assessing', 'grading', 'closed'] as const;
export type AppraisalStage = (typeof APPRAISAL_STAGES)[number];
export const APPRAISAL_STAGE_LABELS: Record<AppraisalStage, string> = {
  assessing: '自评互评',
  grading: '支部评定',
  closed: '已完成',
};

export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basic: '基本合格',
  unqualified: '不合格',
};

/** What follows 不合格 (recorded only: the platform never acts on it). */
export const APPRAISAL_MEASURES = ['correct', 'persuade', 'expel'] as const;
export type AppraisalMeasure = (typeof APPRAISAL_MEASURES)[number];
export const APPRAISAL_MEASURE_LABELS: Record<AppraisalMeasure, string> = {
  correct: '限期改正',
  persuade: '劝退',
  expel: '除名',
};

/** The most 优秀 grades among `graded` members (those to be graded: the full members of the appraisal). */
export function excellentCap(graded: number): number {
  return Math.floor(Math.max(0, graded) / 3);
}

/** The grading's problems, in Chinese: more 优秀 than a third, a 不合格 without its measure. */
export function appraisalProblems(
  entries: readonly { probationary: boolean; grade: AppraisalGrade | null; measure: AppraisalMeasure | null }[],
): string[] {
  const graded = entries.filter((e) => !e.probationary);
  const excellent = graded.filter((e) => e.grade === 'excellent').length;
  const problems: string[] = [];
  const cap = excellentCap(graded.length);
  if (excellent > cap) problems.push(`优秀不得超过参评正式党员的三分之一（${graded.length}人中至多${cap}人）`);
  if (graded.some((e) => e.grade === 'unqualified' && !e.measure)) problems.push('评为不合格的，须注明处理措施');
  return problems;
}
