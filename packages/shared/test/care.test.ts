import { describe, expect, it } from 'vitest';
import {
  ageInYear,
  buildingRange,
  type CarePerson,
  careProblems,
  careRuleKeys,
  daysOverdue,
  DEFAULT_VISIT_RULES,
  governingRule,
  gridSizeWarning,
  isVisitOverdue,
  maskCareName,
  nextVisitDue,
  visitIntervalMonths,
  visitStanding,
} from '../src/index.js';

const person = (types: CarePerson['types'], livesAlone = false, leftBehind = false): CarePerson => ({
  types,
  livesAlone,
  leftBehind,
});

describe('visit rules', () => {
  it.each<[CarePerson, number, string]>([
    [person(['elderly'], true), 1, 'elderly_alone'],
    [person(['elderly']), 3, 'elderly'],
    [person(['child'], false, true), 1, 'child_left_behind'],
    [person(['child']), 3, 'child'],
    [person(['disabled']), 3, 'disabled'],
    [person(['dibao']), 3, 'dibao'],
    [person(['low_income']), 6, 'low_income'],
    [person(['low_income', 'disabled']), 3, 'disabled'],
    [person(['low_income', 'elderly'], true), 1, 'elderly_alone'],
  ])('%j: every %i months (%s)', (p, months, rule) => {
    expect(visitIntervalMonths(p)).toBe(months);
    expect(governingRule(p)).toBe(rule);
  });

  it('keys a flag only to its type', () => {
    expect(careRuleKeys(person(['elderly', 'child'], true, true))).toEqual(['elderly_alone', 'child_left_behind']);
  });

  it('takes a district override', () => {
    expect(visitIntervalMonths(person(['low_income']), { ...DEFAULT_VISIT_RULES, low_income: 2 })).toBe(2);
  });
});

describe('nextVisitDue', () => {
  const alone = person(['elderly'], true);
  it.each<[string | null, string, string | null, string | null]>([
    [null, '2026-11-15', null, '2026-12-15'],
    ['2026-11-30', '2026-01-01', null, '2026-12-30'],
    ['2026-01-31', '2025-06-01', null, '2026-02-28'],
    ['2026-11-30', '2026-01-01', '2026-12-01', null],
  ])('last %s, registered %s, ended %s → %s', (lastVisitOn, registeredOn, endedOn, due) =>
    expect(nextVisitDue({ ...alone, lastVisitOn, registeredOn, endedOn })).toBe(due),
  );

  it('follows the type: a quarter for an elderly person not alone', () =>
    expect(nextVisitDue({ ...person(['elderly']), lastVisitOn: '2026-09-07', registeredOn: '2026-01-01' })).toBe(
      '2026-12-07',
    ));
});

describe('visitStanding with a fake today', () => {
  it.each<[string | null, string, string, boolean, number]>([
    ['2026-12-06', '2026-12-07', 'overdue', true, 1],
    ['2026-11-07', '2026-12-07', 'overdue', true, 30],
    ['2026-12-07', '2026-12-07', 'due_soon', false, 0],
    ['2026-12-14', '2026-12-07', 'due_soon', false, 0],
    ['2026-12-15', '2026-12-07', 'ok', false, 0],
    [null, '2026-12-07', 'ok', false, 0],
    ['2026-12-31', '2027-01-01', 'overdue', true, 1],
  ])('due %s on %s: %s', (due, today, standing, overdue, days) => {
    expect(visitStanding(due, today)).toBe(standing);
    expect(isVisitOverdue(due, today)).toBe(overdue);
    expect(daysOverdue(due, today)).toBe(days);
  });
});

describe('careProblems', () => {
  const today = '2026-12-07';
  const base = { types: ['elderly'] as const, birthYear: 1940, livesAlone: true, leftBehind: false };
  it.each<[object, string[]]>([
    [{}, []],
    [{ birthYear: null }, ['birthYear']],
    [{ birthYear: 1980 }, ['birthYear']],
    [{ birthYear: 1890 }, ['birthYear']],
    [{ types: ['disabled'], birthYear: null }, ['livesAlone']],
    [{ types: ['child'], birthYear: 2015, livesAlone: false, leftBehind: true }, []],
    [{ types: ['disabled'], birthYear: null, livesAlone: false, leftBehind: true }, ['leftBehind']],
    [{ types: ['elderly', 'elderly'] }, ['types']],
  ])('%j → %j', (change, fields) =>
    expect(careProblems({ ...base, ...change } as typeof base, today).map((p) => p.field)).toEqual(fields),
  );
});

describe('small helpers', () => {
  it('masks a name to its surname', () => {
    expect(maskCareName('王秀兰')).toBe('王**');
    expect(maskCareName('欧阳修')).toBe('欧阳*');
  });
  it('ages by year', () => expect(ageInYear(1940, '2026-12-07')).toBe(86));
  it('warns about a grid outside 300–500 households', () => {
    expect(gridSizeWarning(0)).toBeNull();
    expect(gridSizeWarning(299)).toContain('少于');
    expect(gridSizeWarning(300)).toBeNull();
    expect(gridSizeWarning(500)).toBeNull();
    expect(gridSizeWarning(501)).toContain('多于');
  });
  it('names a range of buildings', () => {
    expect(buildingRange(1, 3)).toEqual(['1号楼', '2号楼', '3号楼']);
    expect(buildingRange(5, 4)).toEqual([]);
    expect(buildingRange(1, 201)).toEqual([]);
    expect(buildingRange(2, 2, '东区', '栋')).toEqual(['东区2栋']);
  });
});
