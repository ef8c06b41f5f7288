import { describe, expect, it } from 'vitest';
import {
  appraisalProblems,
  duesMonthAdd,
  duesMonthRange,
  duesMonthsBehind,
  duesStandardFen,
  excellentCap,
  fenToYuan,
  lapsedMonthsSince,
  lapsedStage,
  yuanToFen,
  type AppraisalGrade,
  type DuesKind,
} from '../src/index.js';

describe('duesStandardFen (2008 rules)', () => {
  it.each<[DuesKind, number | null, number]>([
    // employed, by monthly income after tax (fen): ≤3000 0.5%, ≤5000 1%, ≤10000 1.5%, above 2%
    ['employed', 0, 0],
    ['employed', 100, 1], // 1 yuan: 0.5 fen rounds half up
    ['employed', 299_999, 1500], // 2999.99 → 15.00
    ['employed', 300_000, 1500], // 3000 exactly: still 0.5%
    ['employed', 300_001, 3000], // 3000.01: 1% → 30.0001 → 30.00
    ['employed', 456_789, 4568], // 4567.89 × 1% = 45.6789 → 45.68
    ['employed', 500_000, 5000], // 5000 exactly: 1%
    ['employed', 500_001, 7500], // 1.5% of 5000.01 = 75.00015
    ['employed', 1_000_000, 15_000], // 10000 exactly: 1.5%
    ['employed', 1_000_001, 20_000], // 2%
    ['employed', 2_500_000, 50_000],
    // retired, by pension: ≤5000 0.5%, above 1%
    ['retired', 300_000, 1500],
    ['retired', 500_000, 2500],
    ['retired', 500_001, 5000],
    ['retired', 800_000, 8000],
    // flat 0.2 yuan, whatever the base
    ['student', null, 20],
    ['unemployed', null, 20],
    ['low_income', 900_000, 20],
  ])('%s with base %s fen pays %s fen', (kind, base, fen) => {
    expect(duesStandardFen(kind, base)).toBe(fen);
  });

  it('is always an integer of fen', () => {
    for (let base = 0; base < 2_000_000; base += 7_919) {
      expect(Number.isInteger(duesStandardFen('employed', base))).toBe(true);
      expect(Number.isInteger(duesStandardFen('retired', base))).toBe(true);
    }
  });
});

describe('yuan and fen', () => {
  it.each([
    ['12.34', 1234],
    ['12.3', 1230],
    ['12', 1200],
    ['0.2', 20],
    [' 3000 ', 300_000],
    ['1.234', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
  ])('%s yuan is %s fen', (text, fen) => expect(yuanToFen(text)).toBe(fen));
  it.each([
    [0, '0.00'],
    [20, '0.20'],
    [1234, '12.34'],
    [100_000, '1000.00'],
  ])('%s fen shows as %s', (fen, text) => expect(fenToYuan(fen)).toBe(text));
});

describe('months', () => {
  it('adds across years', () => {
    expect(duesMonthAdd('2026-12', 1)).toBe('2027-01');
    expect(duesMonthAdd('2026-01', -1)).toBe('2025-12');
    expect(duesMonthAdd('2026-03', -15)).toBe('2024-12');
    expect(duesMonthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(duesMonthRange('2026-11', '2026-10')).toEqual([]);
  });
  it.each([
    ['2026-11', '2026-12-07', 0], // paid up to last month: nothing owed yet
    ['2026-12', '2026-12-07', 0], // paid this month already
    ['2027-03', '2026-12-07', 0], // paid ahead
    ['2026-10', '2026-12-07', 1],
    ['2026-08', '2026-12-07', 3],
    ['2026-11', '2027-01-01', 1], // New Year's Day (China): December is now due
    ['2025-12', '2026-12-31', 11],
  ])('paid up to %s is behind on %s by %s months', (paidTo, today, n) => {
    expect(duesMonthsBehind(paidTo, today)).toBe(n);
  });
});

describe('lapsed membership', () => {
  it.each([
    [3, null],
    [4, 4],
    [5, 4],
    [6, 6],
    [12, 6],
  ])('%s months is stage %s', (months, stage) => expect(lapsedStage(months)).toBe(stage));
  it.each([
    ['2026-08-07', '2026-12-07', 4],
    ['2026-08-07', '2026-12-06', 3],
    ['2026-06-30', '2026-12-29', 5],
    ['2026-06-30', '2026-12-30', 6],
    ['2025-12-31', '2026-01-01', 0],
  ])('from %s to %s is %s full months', (from, to, n) => expect(lapsedMonthsSince(from, to)).toBe(n));
});

describe('democratic appraisal: the ⅓ cap', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [5, 1],
    [6, 2],
    [50, 16],
  ])('%s graded allow %s 优秀', (graded, cap) => expect(excellentCap(graded)).toBe(cap));

  const entry = (grade: AppraisalGrade | null, probationary = false) => ({ probationary, grade, measure: null });
  it('counts only those graded (probationary members are not)', () => {
    const six = [
      entry('excellent'),
      entry('excellent'),
      entry('qualified'),
      entry('qualified'),
      entry(null),
      entry(null),
    ];
    expect(appraisalProblems(six)).toEqual([]);
    expect(appraisalProblems([...six.slice(0, 5), entry('excellent')])[0]).toMatch(/三分之一.*6人中至多2人/);
    // probationary members do not raise the cap
    const withProbationary = [entry('excellent'), entry('qualified'), entry(null, true), entry(null, true)];
    expect(appraisalProblems(withProbationary)[0]).toMatch(/2人中至多0人/);
  });
  it('asks for the measure after 不合格', () => {
    expect(appraisalProblems([entry('unqualified'), entry('qualified'), entry('qualified')])).toEqual([
      '评为不合格的，须注明处理措施',
    ]);
    expect(
      appraisalProblems([{ probationary: false, grade: 'unqualified', measure: 'correct' }, entry('qualified')]),
    ).toEqual([]);
  });
});
