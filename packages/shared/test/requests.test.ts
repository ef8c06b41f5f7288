import { describe, expect, it } from 'vitest';
import {
  REQUEST_STATUSES,
  type Rating,
  type RequestAction,
  type RequestState,
  type RequestStatus,
  defaultRequestDeadlines,
  isUrgentCategory,
  surnameOnly,
  timeLeftLabel,
  transition,
} from '../src/index.js';

const state = (status: RequestStatus, over: Partial<RequestState> = {}): RequestState => ({
  kind: 'request',
  status,
  reopened: false,
  rating: null,
  residentConfirmed: true,
  ...over,
});

describe('transition: the legal steps', () => {
  it.each<[RequestStatus, RequestAction, Partial<RequestState>, RequestStatus]>([
    ['submitted', 'accept', {}, 'accepted'],
    ['submitted', 'decline', {}, 'declined'],
    ['submitted', 'merge', {}, 'merged'],
    ['accepted', 'merge', {}, 'merged'],
    ['accepted', 'dispatch', {}, 'dispatched'],
    ['dispatched', 'dispatch', {}, 'dispatched'],
    ['accepted', 'open', { kind: 'wish' }, 'open'],
    ['accepted', 'dispatch', { kind: 'wish' }, 'dispatched'],
    ['open', 'dispatch', { kind: 'wish' }, 'dispatched'],
    ['open', 'claim', { kind: 'wish' }, 'in_progress'],
    ['dispatched', 'progress', {}, 'in_progress'],
    ['in_progress', 'progress', {}, 'in_progress'],
    ['dispatched', 'done', {}, 'done'],
    ['in_progress', 'done', {}, 'done'],
    ['done', 'close', {}, 'closed'],
  ])('%s —%s→ (%j) %s', (from, action, over, to) => {
    expect(transition(state(from, over), action)).toEqual({ ok: true, to });
  });
});

describe('transition: every other step is refused with a Chinese reason', () => {
  const legal = new Set([
    'submitted:accept',
    'submitted:decline',
    'submitted:merge',
    'accepted:merge',
    'accepted:dispatch',
    'dispatched:dispatch',
    'open:dispatch',
    'open:claim',
    'dispatched:progress',
    'in_progress:progress',
    'dispatched:done',
    'in_progress:done',
    'done:close',
    'done:rate',
    'closed:rate',
    'accepted:open',
    'dispatched:open',
    'open:open',
  ]);
  const actions: RequestAction[] = [
    'accept',
    'merge',
    'decline',
    'dispatch',
    'open',
    'claim',
    'progress',
    'done',
    'close',
    'rate',
  ];
  const cases = REQUEST_STATUSES.flatMap((s) => actions.map((a) => [s, a] as const)).filter(
    ([s, a]) => !legal.has(`${s}:${a}`),
  );
  it.each(cases)('%s —%s→ refused', (from, action) => {
    const r = transition(state(from, { kind: 'wish' }), action, 'satisfied');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });
  it('a request (not a wish) is never opened for claiming', () => {
    expect(transition(state('accepted'), 'open')).toEqual({ ok: false, message: '只有微心愿可以发布认领，诉求请派单' });
  });
  it('an unconfirmed resident’s request is not dispatched', () => {
    const r = transition(state('accepted', { residentConfirmed: false }), 'dispatch');
    expect(r).toEqual({ ok: false, message: '居民的居住信息尚未确认，请先确认后再派单' });
  });
  it('dispatching before accepting says so', () => {
    expect(transition(state('submitted'), 'dispatch')).toEqual({ ok: false, message: '请先受理再派单' });
  });
});

describe('rating', () => {
  it.each<[Rating, boolean, RequestStatus, RequestStatus, boolean | undefined]>([
    ['satisfied', false, 'done', 'done', undefined],
    ['basically', false, 'closed', 'closed', undefined],
    ['unsatisfied', false, 'done', 'accepted', true],
    ['unsatisfied', false, 'closed', 'accepted', true],
    ['unsatisfied', true, 'done', 'done', undefined],
  ])('%s (reopened before: %s) on %s → %s', (rating, reopened, from, to, reopen) => {
    const r = transition(state(from, { reopened }), 'rate', rating);
    expect(r).toEqual(reopen ? { ok: true, to, reopen } : { ok: true, to });
  });
  it('rating twice is refused', () => {
    expect(transition(state('done', { rating: 'satisfied' }), 'rate', 'satisfied')).toEqual({
      ok: false,
      message: '已经评价过了，每件只能评价一次',
    });
  });
});

describe('deadlines and labels', () => {
  it('defaults: 24 h / 7 d, urgent 2 h / 24 h', () => {
    const at = new Date('2026-12-07T02:00:00Z');
    expect(defaultRequestDeadlines(false, at)).toEqual({
      respondBy: '2026-12-08T02:00:00.000Z',
      resolveBy: '2026-12-14T02:00:00.000Z',
    });
    expect(defaultRequestDeadlines(true, at)).toEqual({
      respondBy: '2026-12-07T04:00:00.000Z',
      resolveBy: '2026-12-08T02:00:00.000Z',
    });
  });
  it('urgent categories', () => {
    expect(isUrgentCategory('utilities')).toBe(true);
    expect(isUrgentCategory('safety')).toBe(true);
    expect(isUrgentCategory('repair')).toBe(false);
  });
  it.each<[string, string]>([
    ['2026-12-07T03:00:00Z', '剩1小时'],
    ['2026-12-07T02:10:00Z', '剩10分钟'],
    ['2026-12-10T02:00:00Z', '剩3天'],
    ['2026-12-07T00:00:00Z', '超时2小时'],
  ])('time left until %s: %s', (deadline, label) => {
    expect(timeLeftLabel(deadline, new Date('2026-12-07T02:00:00Z'))).toBe(label);
  });
  it.each<[string, string]>([
    ['王秀兰', '王**'],
    ['李明', '李*'],
    ['欧阳修文', '欧阳**'],
    ['欧阳', '欧*'],
    [' 张 ', '张*'],
  ])('%s shows as %s', (name, shown) => expect(surnameOnly(name)).toBe(shown));
});
