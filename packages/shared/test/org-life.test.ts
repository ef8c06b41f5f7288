import { describe, expect, it } from 'vitest';
import {
  absenceJustified,
  branchStandings,
  chinaToday,
  daysLeft,
  DEFAULT_MEETING_RULES,
  effectiveRules,
  isQuorate,
  type MeetingRule,
  type MeetingType,
  meetingHasBegun,
  overallStanding,
  periodKeys,
  periodOf,
  quorumNeeded,
  ruleApplies,
  standingOf,
} from '../src/index.js';

const rule = (type: MeetingType) => DEFAULT_MEETING_RULES.find((r) => r.type === type) as MeetingRule;

describe('periods', () => {
  it.each([
    ['2026-12-07', { month: '2026-12', quarter: '2026-Q4', year: '2026' }],
    ['2026-01-01', { month: '2026-01', quarter: '2026-Q1', year: '2026' }],
    ['2026-03-31', { month: '2026-03', quarter: '2026-Q1', year: '2026' }],
    ['2026-04-01', { month: '2026-04', quarter: '2026-Q2', year: '2026' }],
    ['2024-09-30', { month: '2024-09', quarter: '2024-Q3', year: '2024' }],
  ])('%s counts in %o', (day, keys) => {
    expect(periodKeys(day)).toEqual(keys);
  });

  it.each([
    ['month', '2024-02-10', '2024-02-01', '2024-02-29'],
    ['month', '2026-02-10', '2026-02-01', '2026-02-28'],
    ['quarter', '2026-05-15', '2026-04-01', '2026-06-30'],
    ['quarter', '2026-12-07', '2026-10-01', '2026-12-31'],
    ['year_q4', '2026-03-01', '2026-01-01', '2026-12-31'],
  ] as const)('%s around %s: %s to %s', (frequency, day, start, end) => {
    expect(periodOf(frequency, day)).toMatchObject({ start, end });
  });

  it.each([
    ['2026-12-31', '2026-12-31', 1],
    ['2026-12-07', '2026-12-31', 25],
    ['2026-12-10', '2026-12-31', 22],
    ['2026-12-11', '2026-12-31', 21],
    ['2027-02-28', '2027-03-31', 32],
  ])('from %s to %s: %i days left', (today, end, left) => {
    expect(daysLeft(today, end)).toBe(left);
  });
});

describe('standing of a rule (at risk before it falls behind)', () => {
  it.each([
    // 党员大会, quarterly: at risk in the quarter's last month, not before
    ['general_assembly', '2026-12-07', 0, 'at_risk', '2026-Q4'],
    ['general_assembly', '2026-12-11', 0, 'at_risk', '2026-Q4'], // 3 weeks left
    ['general_assembly', '2026-12-07', 1, 'done', '2026-Q4'],
    ['general_assembly', '2026-11-30', 0, 'due', '2026-Q4'],
    ['general_assembly', '2026-10-01', 0, 'due', '2026-Q4'],
    ['general_assembly', '2027-01-01', 0, 'due', '2027-Q1'], // a new quarter starts clean
    ['general_assembly', '2026-03-31', 0, 'at_risk', '2026-Q1'],
    ['general_assembly', '2026-06-10', 0, 'at_risk', '2026-Q2'],
    ['general_assembly', '2026-09-30', 2, 'done', '2026-Q3'],
    // monthly: the last week
    ['theme_day', '2026-12-07', 0, 'due', '2026-12'],
    ['theme_day', '2026-12-25', 0, 'at_risk', '2026-12'],
    ['theme_day', '2026-12-24', 0, 'due', '2026-12'],
    ['theme_day', '2026-02-22', 0, 'at_risk', '2026-02'],
    ['committee', '2026-12-31', 1, 'done', '2026-12'],
    // yearly in Q4: due all year, at risk only in December
    ['life_meeting', '2026-05-01', 0, 'due', '2026'],
    ['life_meeting', '2026-12-07', 0, 'at_risk', '2026'],
    ['appraisal_meeting', '2026-11-30', 0, 'due', '2026'],
    ['appraisal_meeting', '2026-12-01', 1, 'done', '2026'],
  ] as const)('%s on %s with %i held: %s (%s)', (type, today, held, status, period) => {
    expect(standingOf(rule(type), today, held)).toMatchObject({ status, period });
  });

  it('uses China dates: 00:30 on 1 January in Beijing is already the new quarter', () => {
    const instant = new Date('2026-12-31T16:30:00Z');
    const today = chinaToday(instant);
    expect(today).toBe('2027-01-01');
    expect(standingOf(rule('general_assembly'), today, 0)).toMatchObject({ status: 'due', period: '2027-Q1' });
  });
});

describe('rules per locality and per branch', () => {
  it('an override replaces the default of its type; none drops it; the nearest wins', () => {
    const rules = effectiveRules([
      { type: 'party_class', frequency: 'month', leadDays: 5 },
      { type: 'theme_day', frequency: 'none', leadDays: 7 },
      { type: 'party_class', frequency: 'year', leadDays: 30 },
      { type: 'other', frequency: 'quarter', leadDays: 10 },
    ]);
    expect(rules.find((r) => r.type === 'party_class')).toMatchObject({ frequency: 'month', leadDays: 5 });
    expect(rules.find((r) => r.type === 'theme_day')).toBeUndefined();
    expect(rules.find((r) => r.type === 'other')).toMatchObject({ frequency: 'quarter' });
    expect(effectiveRules([]).map((r) => r.type)).toEqual(DEFAULT_MEETING_RULES.map((r) => r.type));
  });

  it.each([
    ['committee', { fullMembers: 6, hasGroups: true }, false],
    ['committee', { fullMembers: 7, hasGroups: false }, true],
    ['party_group', { fullMembers: 30, hasGroups: false }, false],
    ['party_group', { fullMembers: 3, hasGroups: true }, true],
    ['general_assembly', { fullMembers: 3, hasGroups: false }, true],
  ] as const)('%s applies to %o: %s', (type, facts, applies) => {
    expect(ruleApplies(rule(type), facts)).toBe(applies);
  });

  it('a branch is at risk when one of its rules is', () => {
    const held = (period: string, type: MeetingType) => (type === 'theme_day' && period === '2026-12' ? 1 : 0);
    const s = branchStandings(effectiveRules([]), { fullMembers: 5, hasGroups: false }, '2026-12-07', held);
    expect(s.map((x) => [x.type, x.status])).toEqual([
      ['general_assembly', 'at_risk'],
      ['party_class', 'at_risk'],
      ['theme_day', 'done'],
      ['life_meeting', 'at_risk'],
      ['appraisal_meeting', 'at_risk'],
    ]);
    expect(overallStanding(s)).toBe('at_risk');
    expect(overallStanding([{ status: 'done' }, { status: 'due' }])).toBe('due');
    expect(overallStanding([])).toBe('done');
  });
});

describe('quorum of a 党员大会', () => {
  it.each([
    [10, 6, true],
    [10, 5, false],
    [9, 5, true],
    [9, 4, false],
    [1, 1, true],
    [0, 0, false],
    [3, 2, true],
  ])('%i voting members, %i present: quorate %s', (expected, present, quorate) => {
    expect(isQuorate(expected, present)).toBe(quorate);
    expect(present >= quorumNeeded(expected) && expected > 0).toBe(quorate);
  });
});

describe('a meeting that has not begun cannot be recorded as held', () => {
  it.each([
    ['2026-12-07', '09:00', '2026-12-07T00:59:00Z', false],
    ['2026-12-07', '09:00', '2026-12-07T01:00:00Z', true],
    ['2026-12-08', '08:00', '2026-12-07T23:59:00Z', false],
    ['2026-12-08', '07:00', '2026-12-07T23:30:00Z', true],
  ])('%s %s at %s: %s', (heldOn, time, now, begun) => {
    expect(meetingHasBegun(heldOn, time, new Date(now))).toBe(begun);
  });
});

describe('absenceJustified (党章 §9: 无正当理由)', () => {
  it.each([
    ['sick', false, true],
    ['personal', false, true],
    ['official', false, true],
    ['other', false, false],
    ['other', true, true],
    [null, true, false],
  ] as const)('%s, judged %s: %s', (reason, judged, justified) => {
    expect(absenceJustified(reason, judged)).toBe(justified);
  });
});
