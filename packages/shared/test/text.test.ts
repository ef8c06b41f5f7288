import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, parseIdNumber, parseUscc, toHalfWidth, usccCheckChar } from '../src/index.js';

describe('toHalfWidth', () => {
  it.each([
    ['１３８１２３４５６７８', '13812345678'],
    ['ＡＢＣｘｙｚ－／．', 'ABCxyz-/.'],
    ['１３８\u3000１２３４', '138 1234'],
    ['张三（筹）', '张三(筹)'],
    ['plain 123', 'plain 123'],
    ['', ''],
  ])('%s → %s', (text, expected) => {
    expect(toHalfWidth(text)).toBe(expected);
  });

  it('lets an ID number and a 统一社会信用代码 typed in full width check as their half-width forms', () => {
    const first17 = '62030219700506001';
    const id = first17 + idNumberCheckChar(first17);
    const full = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(parseIdNumber(full)).toMatchObject({ ok: true, value: id });
    const code17 = '91620302MA0000001';
    const code = code17 + usccCheckChar(code17);
    const fullCode = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(parseUscc(fullCode)).toMatchObject({ ok: true });
  });
});
