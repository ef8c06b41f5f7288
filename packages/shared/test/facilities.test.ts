import { describe, expect, it } from 'vitest';
import {
  describeWeek,
  freeRanges,
  hourSlots,
  openingHoursProblem,
  type OpeningHours,
  slotProblem,
  weekdayIndex,
  weekOf,
} from '../src/index.js';

const weekdays = [{ from: '16:30', to: '21:00' }];
const weekend = [
  { from: '08:00', to: '12:00' },
  { from: '14:00', to: '18:00' },
];
const HOURS: OpeningHours = [weekdays, weekdays, weekdays, weekdays, weekdays, weekend, []];
const rules = { openingHours: HOURS, blackoutDates: ['2026-12-12'] };

describe('weekdayIndex (Monday 0)', () => {
  it.each([
    ['2026-12-07', 0],
    ['2026-12-12', 5],
    ['2026-12-13', 6],
    ['2027-01-01', 4],
  ])('%s → %i', (date, index) => expect(weekdayIndex(date)).toBe(index));
  it('weekOf starts on Monday', () => {
    expect(weekOf('2026-12-10')).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
  });
});

describe('openingHoursProblem', () => {
  it.each<[OpeningHours, string | null]>([
    [HOURS, null],
    [HOURS.slice(0, 6), '应填写周一至周日七天的开放时间'],
    [[[], [], [], [], [], [], []], '至少应有一天开放'],
    [[[{ from: '10:00', to: '09:00' }], [], [], [], [], [], []], '周一 10:00-09:00：结束时间应晚于开始时间'],
    [
      [
        [
          { from: '08:00', to: '12:00' },
          { from: '11:00', to: '13:00' },
        ],
        [],
        [],
        [],
        [],
        [],
        [],
      ],
      '周一的开放时段有重叠',
    ],
    [[[], [{ from: '8:00', to: '09:00' }], [], [], [], [], []], '周二的时间应为“时:分”'],
  ])('%j → %s', (hours, problem) => expect(openingHoursProblem(hours)).toBe(problem));
});

describe('slotProblem', () => {
  it.each<[string, string, string, string | null]>([
    ['2026-12-07', '17:00', '18:00', null],
    ['2026-12-07', '16:30', '21:00', null],
    ['2026-12-07', '16:00', '17:00', '所选时段不在开放时间内（周一 16:30-21:00）'],
    ['2026-12-07', '20:00', '21:30', '所选时段不在开放时间内（周一 16:30-21:00）'],
    ['2026-12-12', '09:00', '10:00', '2026-12-12为闭馆日，不开放预约'],
    ['2026-12-19', '09:00', '10:00', null],
    ['2026-12-19', '11:00', '15:00', '所选时段不在开放时间内（周六 08:00-12:00、14:00-18:00）'],
    ['2026-12-13', '09:00', '10:00', '周日不开放'],
    ['2026-12-07', '18:00', '18:00', '结束时间应晚于开始时间'],
    ['2026-12-07', '18:00', '17:00', '结束时间应晚于开始时间'],
    ['2026-12-07', '7:00', '17:00', '时间应为“时:分”'],
  ])('%s %s-%s → %s', (date, from, to, problem) => expect(slotProblem(rules, date, from, to)).toBe(problem));
});

describe('freeRanges and hourSlots', () => {
  it('takes the busy ranges out of the opening ranges', () => {
    expect(
      freeRanges(rules, '2026-12-19', [
        { from: '09:00', to: '10:00' },
        { from: '14:00', to: '15:30' },
        { from: '11:30', to: '14:30' },
      ]),
    ).toEqual([
      { from: '08:00', to: '09:00' },
      { from: '10:00', to: '11:30' },
      { from: '15:30', to: '18:00' },
    ]);
  });
  it('has nothing on a blackout date or a closed day', () => {
    expect(freeRanges(rules, '2026-12-12', [])).toEqual([]);
    expect(freeRanges(rules, '2026-12-13', [])).toEqual([]);
  });
  it('offers hour-long slots, the rest of a range too', () => {
    expect(hourSlots([{ from: '16:30', to: '19:00' }])).toEqual([
      { from: '16:30', to: '17:30' },
      { from: '17:30', to: '18:30' },
      { from: '18:30', to: '19:00' },
    ]);
  });
});

describe('describeWeek', () => {
  it('joins consecutive days with the same hours', () => {
    expect(describeWeek(HOURS)).toBe('周一至周五 16:30-21:00；周六 08:00-12:00、14:00-18:00');
    expect(describeWeek([weekdays, [], weekdays, [], [], weekend, weekend])).toBe(
      '周一 16:30-21:00；周三 16:30-21:00；周六、周日 08:00-12:00、14:00-18:00',
    );
    expect(describeWeek([[], [], [], [], [], [], []])).toBe('不开放');
  });
});
