import {
  MANAGEMENT_MODE_LABELS,
  type ManagementMode,
  MEMBER_CATEGORY_LABELS,
  type MemberCategory,
  type MemberStatus,
  toHalfWidth,
} from '@gongjian/shared';

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included). */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80_000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/**
 * Dates as rosters write them: 1995-07-01, 1995/7/1, 1995.7.1, 1995年7月1日, 19950701, an Excel day number,
 * or only a year and month (1995-07, 1995.7, 1995年7月: the first of the month).
 */
export function parseImportDate(raw: string): string | null {
  const text = toHalfWidth(raw).trim().replace(/\s+/g, '');
  if (!text) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), 1);
  if (/^\d{1,5}(\.\d+)?$/.test(text)) return excelSerialToDate(Number(text));
  // A JavaScript date string, as some tools write cells (2020-01-02T00:00:00.000Z).
  m = /^(\d{4})-(\d{2})-(\d{2})T/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

export function parseGender(raw: string): 'male' | 'female' | null {
  const t = raw.trim();
  if (['男', '男性', 'M', 'm', 'male'].includes(t)) return 'male';
  if (['女', '女性', 'F', 'f', 'female'].includes(t)) return 'female';
  return null;
}

export function parseStatus(raw: string): MemberStatus | null {
  const t = raw.trim();
  if (['正式党员', '正式', '否'].includes(t)) return 'full';
  if (['预备党员', '预备', '是'].includes(t)) return 'probationary';
  return null;
}

const CATEGORY_WORDS: [string, MemberCategory][] = [
  ['离休', 'retired_cadre'],
  ['退休', 'retired'],
  ['离退', 'retired'],
  ['在职', 'in_service'],
  ['下岗', 'unemployed'],
  ['失业', 'unemployed'],
  ['流动', 'floating'],
  ['居民', 'resident'],
  ['社区', 'resident'],
];

export function parseCategory(raw: string): MemberCategory | null {
  const t = raw.trim();
  for (const [key, label] of Object.entries(MEMBER_CATEGORY_LABELS)) if (t === label) return key as MemberCategory;
  for (const [word, category] of CATEGORY_WORDS) if (t.includes(word)) return category;
  return null;
}

export function parseMode(raw: string): ManagementMode | null {
  const t = raw.trim();
  for (const [key, label] of Object.entries(MANAGEMENT_MODE_LABELS)) {
    if (t === label || t === `${label}理` || t === label.slice(0, 1)) return key as ManagementMode;
  }
  return null;
}

export function parseTags(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[、,，;；/\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 20);
}
