import { describe, expect, it } from 'vitest';
import {
  carriedForward,
  type MatchNeed,
  type MatchResource,
  matchScore,
  rankMatches,
  taskDueProblem,
  taskState,
} from '../src/index.js';

const need: MatchNeed = { category: 'venue', orgPath: '1.2.3.4', place: '幸福社区3号楼', neededOn: '2026-12-10' };
const res = (over: Partial<MatchResource> = {}): MatchResource => ({
  category: 'venue',
  orgPath: '1.2.3.4',
  place: null,
  availableFrom: null,
  availableTo: null,
  committed: false,
  ...over,
});

describe('matchScore', () => {
  it.each<[string, Partial<MatchResource>, number | null]>([
    ['same community, open-ended', {}, 55],
    ['another category', { category: 'funds' }, null],
    ['committed to an open project', { committed: true }, null],
    ['ended before the day', { availableTo: '2026-12-09' }, null],
    ['ends on the day', { availableTo: '2026-12-10' }, 50],
    ['offered by the street above', { orgPath: '1.2.3' }, 45],
    ['another community of the street', { orgPath: '1.2.3.5' }, 35],
    ['another street', { orgPath: '1.2.9.7' }, 15],
    ['a place both name', { place: '3号楼 活动室' }, 75],
    ['available only later', { availableFrom: '2026-12-20' }, 40],
  ])('%s', (_, over, score) => {
    expect(matchScore(need, res(over))?.score ?? null).toBe(score);
  });

  it('says why', () => {
    expect(matchScore(need, res({ place: '3号楼' }))?.reasons).toEqual([
      '类别相同',
      '同一社区',
      '地点相近',
      '长期可用',
    ]);
  });
});

describe('rankMatches', () => {
  it('orders the usable resources best first, ties in the order given', () => {
    const list = [
      { ...res({ orgPath: '1.2.9.7' }), id: 1 },
      { ...res({ committed: true }), id: 2 },
      { ...res(), id: 3 },
      { ...res({ orgPath: '1.2.3.5' }), id: 4 },
      { ...res(), id: 5 },
      { ...res({ category: 'skill' }), id: 6 },
    ];
    expect(rankMatches(need, list).map((m) => m.resource.id)).toEqual([3, 5, 4, 1]);
  });
});

describe('tasks', () => {
  it.each<[string | null, string, string]>([
    [null, '2026-12-07', 'open'],
    [null, '2026-12-10', 'open'],
    [null, '2026-12-11', 'overdue'],
    ['2026-12-10', '2026-12-20', 'done'],
    ['2026-12-11', '2026-12-20', 'done_late'],
  ])('done %s, today %s → %s', (doneOn, today, state) => {
    expect(taskState({ dueOn: '2026-12-10', doneOn }, today)).toBe(state);
  });

  it('refuses a due date before the meeting', () => {
    expect(taskDueProblem('2026-12-07', '2026-12-06')).toMatch(/不能早于会议日期/);
    expect(taskDueProblem('2026-12-07', '2026-12-07')).toBeNull();
  });

  it('carries the tasks still open at the next meeting, overdue first', () => {
    const tasks = [
      { id: 1, heldOn: '2026-10-01', dueOn: '2026-10-31', doneOn: null },
      { id: 2, heldOn: '2026-10-01', dueOn: '2026-12-31', doneOn: null },
      { id: 3, heldOn: '2026-10-01', dueOn: '2026-11-30', doneOn: '2026-11-20' },
      { id: 4, heldOn: '2026-11-01', dueOn: '2026-11-15', doneOn: '2026-12-05' },
      { id: 5, heldOn: '2026-12-05', dueOn: '2026-12-31', doneOn: null },
      { id: 6, heldOn: '2026-11-01', dueOn: '2026-12-04', doneOn: null },
    ];
    const carried = carriedForward(tasks, '2026-12-05');
    expect(carried.map((t) => [t.id, t.overdue])).toEqual([
      [1, true],
      [4, true],
      [6, true],
      [2, false],
    ]);
  });
});
