import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VOLUNTEER_RULES,
  EMPTY_VOLUNTEER_SETTING,
  effectiveVolunteerRules,
  isClosedServicePeriod,
  lastClosedServiceQuarter,
  servicePeriodLabel,
  servicePeriodRange,
  serviceQuarterOf,
  type RuleChainLink,
  servicePoints,
  sheetWindow,
  targetProgress,
  type VolunteerRules,
  volunteerSettingProblems,
} from '../src/index.js';

const link = (orgId: number, setting: Partial<typeof EMPTY_VOLUNTEER_SETTING> | null): RuleChainLink => ({
  orgId,
  orgName: `组织${orgId}`,
  setting: setting && { ...EMPTY_VOLUNTEER_SETTING, ...setting },
});

describe('local rules inherit field by field from the city down', () => {
  it.each([
    [
      'nothing set anywhere: the defaults (no target, points and ranking off)',
      [link(1, null), link(2, null)],
      null,
      false,
      false,
      null,
    ],
    [
      'the city sets 40 h: a district without its own takes it',
      [link(1, { yearlyTargetHours: 40 }), link(2, null)],
      40,
      false,
      false,
      1,
    ],
    [
      'the district sets 50 h over the city 40 h',
      [link(1, { yearlyTargetHours: 40 }), link(2, { yearlyTargetHours: 50 })],
      50,
      false,
      false,
      2,
    ],
    [
      'the district turns points on, the target still the city',
      [link(1, { yearlyTargetHours: 40 }), link(2, { pointsEnabled: true })],
      40,
      true,
      false,
      1,
    ],
    [
      'the city turns ranking on, the district turns it off',
      [link(1, { rankingEnabled: true }), link(2, { rankingEnabled: false })],
      null,
      false,
      false,
      null,
    ],
    [
      'a street below inherits the district',
      [link(1, null), link(2, { yearlyTargetHours: 50, rankingEnabled: true }), link(3, null)],
      50,
      false,
      true,
      2,
    ],
  ] as const)('%s', (_, chain, target, points, ranking, targetBy) => {
    const rules = effectiveVolunteerRules(chain);
    expect(rules.yearlyTargetHours).toBe(target);
    expect(rules.pointsEnabled).toBe(points);
    expect(rules.rankingEnabled).toBe(ranking);
    expect(rules.setBy.yearlyTargetHours?.orgId ?? null).toBe(targetBy);
  });

  it('an empty chain is the defaults', () => {
    const { setBy, ...rules } = effectiveVolunteerRules([]);
    expect(rules).toEqual(DEFAULT_VOLUNTEER_RULES);
    expect(Object.values(setBy).every((v) => v === null)).toBe(true);
  });
});

describe('points', () => {
  const on = (r: Partial<VolunteerRules>): VolunteerRules => ({
    ...DEFAULT_VOLUNTEER_RULES,
    pointsEnabled: true,
    ...r,
  });
  it.each([
    ['points off: always 0', { ...DEFAULT_VOLUNTEER_RULES }, [{ hours: 3, activityType: 'clinic' }], 0],
    [
      '1 point an hour',
      on({}),
      [
        { hours: 3, activityType: 'clinic' },
        { hours: 1.5, activityType: null },
      ],
      4.5,
    ],
    ['2 points an hour', on({ pointsPerHour: 2 }), [{ hours: 2.5, activityType: null }], 5],
    [
      'a type with its own points counts them once, whatever the hours',
      on({ pointsPerActivity: { clinic: 10 } }),
      [
        { hours: 3, activityType: 'clinic' },
        { hours: 2, activityType: 'repair' },
      ],
      12,
    ],
    [
      'self-reported service (no type) counts by the hour',
      on({ pointsPerHour: 0.5, pointsPerActivity: { clinic: 10 } }),
      [{ hours: 3, activityType: null }],
      1.5,
    ],
    [
      'a type worth 0 points counts 0',
      on({ pointsPerActivity: { other: 0 } }),
      [{ hours: 4, activityType: 'other' }],
      0,
    ],
    ['nothing served', on({}), [], 0],
  ] as const)('%s', (_, rules, records, points) => {
    expect(servicePoints(rules, records)).toBe(points);
  });
});

describe('target and setting checks', () => {
  it.each([
    [25, 50, { share: 0.5, met: false }],
    [50, 50, { share: 1, met: true }],
    [80, 50, { share: 1, met: true }],
    [10, null, null],
  ] as const)('%s h against %s h', (hours, target, progress) => {
    expect(targetProgress(hours, target)).toEqual(progress);
  });

  it.each([
    [{}, []],
    [{ yearlyTargetHours: 50 }, []],
    [{ yearlyTargetHours: 50.5 }, []],
    [{ yearlyTargetHours: 50.3 }, ['yearlyTargetHours']],
    [{ yearlyTargetHours: 0 }, ['yearlyTargetHours']],
    [{ yearlyTargetHours: 1001 }, ['yearlyTargetHours']],
    [{ pointsPerHour: -1 }, ['pointsPerHour']],
    [{ pointsEnabled: true, pointsPerActivity: { clinic: 200 } }, ['pointsPerActivity']],
  ] as const)('%j → %j', (setting, fields) => {
    expect(volunteerSettingProblems({ ...EMPTY_VOLUNTEER_SETTING, ...setting }).map(([f]) => f)).toEqual(fields);
  });
});

describe('quarters and closed periods', () => {
  it.each([
    ['2026-01-01', 2026, 1],
    ['2026-03-31', 2026, 1],
    ['2026-04-01', 2026, 2],
    ['2026-09-30', 2026, 3],
    ['2026-12-07', 2026, 4],
  ] as const)('%s is in %s Q%s', (date, year, quarter) => {
    expect(serviceQuarterOf(date)).toEqual({ year, quarter });
  });

  it.each([
    [{ year: 2026, quarter: 3 }, '2026-10-01', true, '9-30 is past'],
    [{ year: 2026, quarter: 3 }, '2026-09-30', false, 'its last day is still running'],
    [{ year: 2026, quarter: 4 }, '2026-12-07', false, 'under way'],
    [{ year: 2025, quarter: null }, '2026-01-01', true, 'last year'],
    [{ year: 2026, quarter: null }, '2026-12-31', false, 'this year'],
  ] as const)('%j on %s closed: %s (%s)', (period, today, closed, _why) => {
    expect(isClosedServicePeriod(period, today)).toBe(closed);
  });

  it('the last closed quarter, across a new year', () => {
    expect(lastClosedServiceQuarter('2026-12-07')).toEqual({ year: 2026, quarter: 3 });
    expect(lastClosedServiceQuarter('2027-01-01')).toEqual({ year: 2026, quarter: 4 });
    expect(lastClosedServiceQuarter('2026-04-01')).toEqual({ year: 2026, quarter: 1 });
  });

  it('ranges and labels', () => {
    expect(servicePeriodRange({ year: 2026, quarter: 2 })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(servicePeriodRange({ year: 2026, quarter: null })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(servicePeriodLabel({ year: 2026, quarter: 3 })).toBe('2026年第3季度');
    expect(servicePeriodLabel({ year: 2025, quarter: null })).toBe('2025年度');
  });

  it('a sheet counts up to the quarter end, or to today while it runs; nothing before it begins', () => {
    expect(sheetWindow({ year: 2026, quarter: 3 }, '2026-12-07')).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      yearFrom: '2026-01-01',
      asOf: '2026-09-30',
    });
    expect(sheetWindow({ year: 2026, quarter: 4 }, '2026-12-07')?.asOf).toBe('2026-12-07');
    expect(sheetWindow({ year: 2027, quarter: 1 }, '2026-12-07')).toBeNull();
  });
});
