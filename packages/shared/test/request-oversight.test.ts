import { describe, expect, it } from 'vitest';
import {
  addCounters,
  DEFAULT_DEADLINE,
  deadlineSettingProblems,
  deadlinesOf,
  defaultDeadline,
  EMPTY_COUNTERS,
  effectiveDeadline,
  nextEscalationAt,
  type RateCounters,
  ratePeriod,
  ratePeriodOf,
  ratesOf,
  rateText,
  remindFrom,
  returnDeadline,
  URGENT_DEADLINE,
} from '../src/index.js';

describe('deadlines', () => {
  it('defaults: 24 h / 7 days, urgent 2 h / 24 h', () => {
    expect(defaultDeadline(false)).toEqual({ respondHours: 24, resolveHours: 168 });
    expect(defaultDeadline(true)).toEqual({ respondHours: 2, resolveHours: 24 });
  });

  it.each([
    ['no settings', [], false, DEFAULT_DEADLINE],
    ['no settings, urgent', [], true, URGENT_DEADLINE],
    ['city sets both', [{ respondHours: 12, resolveHours: 72 }], false, { respondHours: 12, resolveHours: 72 }],
    [
      'district overrides the city’s resolve only',
      [
        { respondHours: 12, resolveHours: 72 },
        { respondHours: null, resolveHours: 48 },
      ],
      false,
      { respondHours: 12, resolveHours: 48 },
    ],
    ['a null setting inherits the default', [{ respondHours: null, resolveHours: null }], true, URGENT_DEADLINE],
  ])('%s', (_name, settings, urgent, expected) => {
    expect(effectiveDeadline(settings, urgent)).toEqual(expected);
  });

  it('deadlines from the submission', () => {
    expect(deadlinesOf(new Date('2026-12-07T01:00:00Z'), DEFAULT_DEADLINE)).toEqual({
      respondBy: '2026-12-08T01:00:00.000Z',
      resolveBy: '2026-12-14T01:00:00.000Z',
    });
    expect(deadlinesOf(new Date('2026-12-07T23:30:00Z'), URGENT_DEADLINE)).toEqual({
      respondBy: '2026-12-08T01:30:00.000Z',
      resolveBy: '2026-12-08T23:30:00.000Z',
    });
  });

  it.each([
    [{ respondHours: 24, resolveHours: 168 }, {}],
    [{ respondHours: 0, resolveHours: 168 }, { respondHours: '应为 1–2160 之间的整数小时' }],
    [
      { respondHours: 1.5, resolveHours: 2161 },
      { respondHours: '应为 1–2160 之间的整数小时', resolveHours: '应为 1–2160 之间的整数小时' },
    ],
    [{ respondHours: 48, resolveHours: 24 }, { respondHours: '响应时限不能长于办结时限' }],
  ])('setting problems %j', (rule, expected) => {
    expect(deadlineSettingProblems(rule)).toEqual(expected);
  });
});

describe('escalation and reminders', () => {
  it('the next level gets the same span again after the missed deadline', () => {
    const submitted = '2026-12-01T00:00:00.000Z';
    const resolveBy = '2026-12-08T00:00:00.000Z';
    expect(nextEscalationAt(resolveBy, submitted, resolveBy)).toBe('2026-12-15T00:00:00.000Z');
    // sent back with a new deadline: missing it moves it up a span after that one
    expect(nextEscalationAt('2026-12-20T00:00:00.000Z', submitted, resolveBy)).toBe('2026-12-27T00:00:00.000Z');
    // a degenerate span counts as an hour
    expect(nextEscalationAt(submitted, submitted, submitted)).toBe('2026-12-01T01:00:00.000Z');
  });

  it('a request sent back gets days from now', () => {
    expect(returnDeadline(new Date('2026-12-07T02:00:00Z'), 3)).toBe('2026-12-10T02:00:00.000Z');
  });

  it('reminds in the last quarter of the time', () => {
    expect(remindFrom('2026-12-01T00:00:00.000Z', '2026-12-05T00:00:00.000Z')).toBe('2026-12-04T00:00:00.000Z');
    expect(remindFrom('2026-12-01T00:00:00.000Z', '2026-12-01T02:00:00.000Z')).toBe('2026-12-01T01:30:00.000Z');
  });
});

describe('rates', () => {
  const c = (over: Partial<RateCounters>): RateCounters => ({ ...EMPTY_COUNTERS, ...over });

  it('nothing counted is no rate, not 0 %', () => {
    expect(ratesOf(EMPTY_COUNTERS)).toEqual({
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      onTimeRate: null,
    });
    expect(rateText(null)).toBe('—');
  });

  it('the four formulas', () => {
    const r = ratesOf(
      c({
        total: 10,
        dueRespond: 8,
        respondedInTime: 6,
        resolved: 5,
        resolvedInTime: 3,
        openOverdue: 1,
        rated: 4,
        satisfied: 3,
      }),
    );
    expect(r.responseRate).toBe(6 / 8);
    expect(r.resolutionRate).toBe(5 / 10);
    expect(r.satisfactionRate).toBe(3 / 4);
    // overdue open work weighs on the on-time rate
    expect(r.onTimeRate).toBe(3 / 6);
    expect(rateText(r.onTimeRate)).toBe('50.0%');
    expect(rateText(2 / 3)).toBe('66.7%');
  });

  it('counters add up', () => {
    expect(addCounters(c({ total: 1, rated: 2 }), c({ total: 3, satisfied: 1 }))).toEqual(
      c({ total: 4, rated: 2, satisfied: 1 }),
    );
  });

  it.each([
    ['2026-12', ['2026-12'], '2026年12月'],
    ['2026-Q4', ['2026-10', '2026-11', '2026-12'], '2026年第四季度'],
    ['2026', Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`), '2026年'],
  ])('period %s', (key, months, label) => {
    expect(ratePeriod(key)).toEqual({ key, label, months });
  });

  it.each(['2026-13', '2026-Q5', '26', '2026-1', 'x', '1999'])('not a period: %s', (key) => {
    expect(ratePeriod(key)).toBeNull();
  });

  it('the period of a day', () => {
    expect(ratePeriodOf('month', '2026-12-07')).toBe('2026-12');
    expect(ratePeriodOf('quarter', '2026-12-07')).toBe('2026-Q4');
    expect(ratePeriodOf('year', '2026-12-07')).toBe('2026');
  });
});
