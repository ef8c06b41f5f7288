import { chinaToday, daysInMonth } from './dates.js';
import { toHalfWidth } from './text.js';
/** Mainland resident ID numbers (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence, check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type Gender = 'male' | 'female';

export type IdNumberInfo = { birthDate: string; gender: Gender };

export type IdNumberResult = { ok: true; value: string; info: IdNumberInfo } | { ok: false; reason: string };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

function isRealDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Validates an ID number and derives birth date and gender. `today` (YYYY-MM-DD) bounds the birth date. */
export function parseIdNumber(raw: string, today = chinaToday()): IdNumberResult {
  const value = toHalfWidth(raw).trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: '应为18位，前17位为数字，末位为数字或X' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = value.slice(6, 10) + '-' + value.slice(10, 12) + '-' + value.slice(12, 14);
  if (y < 1900 || !isRealDate(y, m, d) || birthDate > today) return { ok: false, reason: '出生日期无效' };
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: '校验码不正确' };
  const gender: Gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, info: { birthDate, gender } };
}

/** Masks the middle of an ID number: 620302********1234. */
export function maskIdNumber(value: string): string {
  return value.length < 10
    ? '*'.repeat(value.length)
    : value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** Masks a mainland mobile number: 138****5678. */
export function maskPhone(value: string): string {
  return value.length < 7
    ? '*'.repeat(value.length)
    : value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

export function isMobilePhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}
