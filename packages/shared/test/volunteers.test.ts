import { describe, expect, it } from 'vitest';
import {
  type ActivityStatus,
  activityLengthHours,
  activityPhase,
  activityTimesProblem,
  attendanceHoursProblem,
  beforeDeadline,
  hasPlace,
  selfReportProblem,
  sumHours,
} from '../src/index.js';

const t = (hm: string, day = '10') => `2026-12-${day}T${hm}:00+08:00`;

describe('activityLengthHours (to the nearest half hour, at least half an hour)', () => {
  it.each<[string, string, number]>([
    [t('09:00'), t('11:00'), 2],
    [t('09:00'), t('11:20'), 2.5],
    [t('09:00'), t('11:10'), 2],
    [t('09:00'), t('11:15'), 2.5],
    [t('09:00'), t('09:10'), 0.5],
    [t('19:00'), t('01:00', '11'), 6],
    ['2026-12-10T01:00:00Z', t('11:00'), 2],
  ])('%s → %s: %s h', (start, end, hours) => expect(activityLengthHours(start, end)).toBe(hours));
});

describe('attendanceHoursProblem', () => {
  it.each<[number, number, string | null | undefined, string | null]>([
    [2, 2, undefined, null],
    [1.5, 2, undefined, null],
    [2.5, 2, undefined, '超过活动时长2小时，请填写原因'],
    [2.5, 2, '  ', '超过活动时长2小时，请填写原因'],
    [2.5, 2, '会后整理场地', null],
    [0, 2, undefined, '应大于0'],
    [-1, 2, undefined, '应大于0'],
    [1.25, 2, undefined, '最多一位小数'],
    [Number.NaN, 2, undefined, '应大于0'],
  ])('%s h of an activity of %s h (reason %j): %j', (hours, length, reason, problem) =>
    expect(attendanceHoursProblem(hours, length, reason)).toBe(problem),
  );
});

describe('selfReportProblem', () => {
  const today = '2026-12-07';
  it.each<[string, number, ReturnType<typeof selfReportProblem>]>([
    ['2026-12-07', 2, null],
    ['2026-12-08', 2, { field: 'servedOn', problem: '不能晚于今天' }],
    ['2025-12-07', 2, null],
    ['2025-12-06', 2, { field: 'servedOn', problem: '应在365天之内' }],
    ['2026-12-01', 24, null],
    ['2026-12-01', 24.5, { field: 'hours', problem: '一次最多24小时' }],
    ['2026-12-01', 0, { field: 'hours', problem: '应大于0' }],
    ['2026-12-01', 0.05, { field: 'hours', problem: '最多一位小数' }],
  ])('served %s, %s h', (servedOn, hours, problem) =>
    expect(selfReportProblem({ servedOn, hours }, today)).toEqual(problem),
  );
});

describe('activityTimesProblem', () => {
  it.each<[string, string, string, ReturnType<typeof activityTimesProblem>]>([
    [t('09:00'), t('11:00'), t('18:00', '09'), null],
    [t('09:00'), t('09:00'), t('18:00', '09'), { field: 'endsAt', problem: '应晚于开始时间' }],
    [t('09:00'), t('08:00'), t('18:00', '09'), { field: 'endsAt', problem: '应晚于开始时间' }],
    [t('09:00'), t('11:00'), t('11:00'), null],
    [t('09:00'), t('11:00'), t('11:01'), { field: 'signupDeadline', problem: '不能晚于结束时间' }],
    [
      '2026-12-01T09:00:00+08:00',
      '2027-01-02T09:00:00+08:00',
      t('11:00'),
      { field: 'endsAt', problem: '活动最长31天' },
    ],
  ])('%s → %s, deadline %s', (startsAt, endsAt, signupDeadline, problem) =>
    expect(activityTimesProblem({ startsAt, endsAt, signupDeadline })).toEqual(problem),
  );
});

describe('activityPhase', () => {
  const a = (status: ActivityStatus) => ({
    status,
    startsAt: t('09:00'),
    endsAt: t('11:00'),
    signupDeadline: t('18:00', '09'),
  });
  it.each<[ActivityStatus, string, string]>([
    ['draft', t('08:00'), 'draft'],
    ['published', t('17:59', '09'), 'open'],
    ['published', t('18:00', '09'), 'closed'],
    ['published', t('09:00'), 'under_way'],
    ['published', t('10:59'), 'under_way'],
    ['published', t('11:00'), 'finished'],
    ['cancelled', t('08:00'), 'cancelled'],
    ['confirmed', t('12:00'), 'confirmed'],
  ])('%s at %s: %s', (status, now, phase) => expect(activityPhase(a(status), new Date(now))).toBe(phase));
});

describe('places, deadline and sums', () => {
  it.each<[number | null, number, boolean]>([
    [null, 1000, true],
    [3, 2, true],
    [3, 3, false],
    [1, 0, true],
  ])('capacity %s with %s signed up: a place %s', (capacity, signedUp, place) =>
    expect(hasPlace(capacity, signedUp)).toBe(place),
  );
  it('is before the deadline strictly', () => {
    expect(beforeDeadline(t('18:00', '09'), new Date(t('17:59', '09')))).toBe(true);
    expect(beforeDeadline(t('18:00', '09'), new Date(t('18:00', '09')))).toBe(false);
  });
  it('sums hours to one decimal without float drift', () => {
    expect(sumHours([0.1, 0.2])).toBe(0.3);
    expect(sumHours([2.5, 2.5, 1.5])).toBe(6.5);
    expect(sumHours([])).toBe(0);
  });
});
