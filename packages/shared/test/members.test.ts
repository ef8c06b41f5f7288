import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, classifyMemberQuery } from '../src/index.js';

describe('member search text', () => {
  it.each([
    ['620302197005060013', { kind: 'id_number', value: '620302197005060013' }],
    ['62030219700506001x', { kind: 'id_number', value: '62030219700506001X' }],
    ['13812345678', { kind: 'phone', value: '13812345678' }],
    ['ZSF', { kind: 'pinyin', value: 'zsf' }],
    ['zhangsan', { kind: 'pinyin', value: 'zhangsan' }],
    ['三丰', { kind: 'name', value: '三丰' }],
    ['  张 ', { kind: 'name', value: '张' }],
    ['1381234', { kind: 'name', value: '1381234' }],
    ['   ', null],
  ])('%s → %j', (text, expected) => {
    expect(classifyMemberQuery(text)).toEqual(expected);
  });
});

describe('date arithmetic', () => {
  it('adds years, months and days as the rules count them', () => {
    expect(addYears('2025-03-01', 1)).toBe('2026-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-22', 3)).toBe('2027-02-22');
    expect(addMonths('2026-11-22', -8)).toBe('2026-03-22');
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
  });
});
