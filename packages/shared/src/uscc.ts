import { toHalfWidth } from './text.js';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z): registration
 * authority, organisation type, 6-digit area code, 9-character organisation code, check character.
 */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i] as string) * (USCC_WEIGHTS[i] as number);
  return USCC_CHARS[(31 - (sum % 31)) % 31] as string;
}

export type UsccResult = { ok: true; value: string } | { ok: false; reason: string };

export function parseUscc(raw: string): UsccResult {
  const value = toHalfWidth(raw).trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: '应为18位' };
  if (![...value].every((c) => USCC_CHARS.includes(c))) {
    return { ok: false, reason: '只能包含数字和大写字母（不含I、O、S、V、Z）' };
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) return { ok: false, reason: '第3至8位应为行政区划代码' };
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: '校验码不正确' };
  return { ok: true, value };
}
