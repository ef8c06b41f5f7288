import { describe, expect, it } from 'vitest';
import {
  answeredOnTime,
  type ConsultationGate,
  consultationOverdue,
  opinionBlocked,
  outcomeBlocked,
} from '../src/index.js';

describe('outcomeBlocked (the consultation gate)', () => {
  it.each<[ConsultationGate, string | null]>([
    [{ status: 'asked', opinion: null, overrideDocNo: null }, '社区党委尚未答复意见，征得同意前不能办结'],
    [{ status: 'answered', opinion: 'agree', overrideDocNo: null }, null],
    [
      { status: 'answered', opinion: 'disagree', overrideDocNo: null },
      '社区党委的意见为“不同意”，须征得同意或记录上级党组织的书面决定后方可办结',
    ],
    [
      { status: 'answered', opinion: 'reserved', overrideDocNo: null },
      '社区党委的意见为“有保留意见”，须征得同意或记录上级党组织的书面决定后方可办结',
    ],
    [{ status: 'answered', opinion: 'disagree', overrideDocNo: '区委组〔2026〕12号' }, null],
    [{ status: 'asked', opinion: null, overrideDocNo: '区委组〔2026〕12号' }, null],
    [{ status: 'done', opinion: 'agree', overrideDocNo: null }, '该征求意见已办结'],
    [{ status: 'withdrawn', opinion: null, overrideDocNo: null }, '该征求意见已撤回'],
  ])('%j → %s', (c, reason) => expect(outcomeBlocked(c)).toBe(reason));
});

describe('opinionBlocked', () => {
  it.each([
    ['asked', null],
    ['answered', '已答复过意见'],
    ['done', '该征求意见已办结'],
    ['withdrawn', '该征求意见已撤回'],
  ] as const)('%s → %s', (status, reason) => expect(opinionBlocked(status)).toBe(reason));
});

describe('overdue and on time (China dates)', () => {
  it('is overdue only unanswered after the deadline', () => {
    expect(consultationOverdue({ status: 'asked', deadline: '2026-12-06' }, '2026-12-07')).toBe(true);
    expect(consultationOverdue({ status: 'asked', deadline: '2026-12-07' }, '2026-12-07')).toBe(false);
    expect(consultationOverdue({ status: 'answered', deadline: '2026-12-01' }, '2026-12-07')).toBe(false);
  });
  it('counts the deadline day as on time', () => {
    expect(answeredOnTime('2026-12-07', '2026-12-07')).toBe(true);
    expect(answeredOnTime('2026-12-08', '2026-12-07')).toBe(false);
    expect(answeredOnTime(null, '2026-12-07')).toBe(false);
  });
});
