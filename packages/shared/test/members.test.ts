import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, classifyMemberQuery, daysInMonth } from '../src/index.js';

describe('member search text', () => {
  it.each([
    ['620302197005060013', { kind: 'id_number', value: '620302197005060013' }],
    ['62030219700506001x', { kind: 'id_number', value: '62030219700506001X' }],
    ['13812345678', { kind: 'phone', value: '13812345678' }],
    ['１３８１２３４５６７８', { kind: 'phone', value: '13812345678' }],
    ['６２０３０２１９７００５０６００１ｘ', { kind: 'id_number', value: '62030219700506001X' }],
    ['ＺＳＦ', { kind: 'pinyin', value: 'zsf' }],
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

  it('agrees with the calendar of Date for every day of four decades and shifts of up to four years', () => {
    const byDate = (date: string, months: number) => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const target = new Date(Date.UTC(y, m - 1 + months, 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d, last));
      return target.toISOString().slice(0, 10);
    };
    const mismatches: string[] = [];
    for (let day = Date.UTC(1980, 0, 1); day < Date.UTC(2021, 0, 1); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (const months of [-49, -12, -1, 1, 11, 12, 13, 48, 1200]) {
        if (addMonths(date, months) !== byDate(date, months)) mismatches.push(`${date} ${months}`);
      }
      const d = new Date(day);
      expect(daysInMonth(d.getUTCFullYear(), d.getUTCMonth() + 1)).toBeGreaterThanOrEqual(d.getUTCDate());
    }
    expect(mismatches).toEqual([]);
    expect([1900, 2000, 2024, 2100].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 29, 28]);
  });
});
