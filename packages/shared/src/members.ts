import { toHalfWidth } from './text.js';

/** Member enums used from the foundation on; the members issue adds the rest of the profile. */
export const MEMBER_STATUSES = ['full', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { full: '正式党员', probationary: '预备党员' };

export const MEMBER_CATEGORIES = [
  'resident',
  'in_service',
  'unemployed',
  'floating',
  'retired',
  'retired_cadre',
] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  resident: '居民党员',
  in_service: '在职党员',
  unemployed: '下岗失业党员',
  floating: '流动党员',
  retired: '离退休党员',
  retired_cadre: '离休干部党员',
};

export const MANAGEMENT_MODES = ['direct', 'dual', 'entrusted', 'assisting'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];
export const MANAGEMENT_MODE_LABELS: Record<ManagementMode, string> = {
  direct: '直管',
  dual: '双管',
  entrusted: '代管',
  assisting: '协管',
};

export const GENDERS = ['male', 'female'] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

/** Suggestions for the education field (free text: rosters use many spellings). */
export const EDUCATION_LEVELS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学及以下'] as const;

/** Probation lasts one year; the due list looks this many days ahead. */
export const PROBATION_DUE_WINDOW_DAYS = 30;

/** What the text box of the member search holds, decided in one place for the server and the UI. */
export type MemberTextQuery =
  | { kind: 'id_number'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'pinyin'; value: string }
  | { kind: 'name'; value: string };

export function classifyMemberQuery(raw: string): MemberTextQuery | null {
  const value = toHalfWidth(raw).trim();
  if (!value) return null;
  if (/^\d{17}[\dXx]$/.test(value)) return { kind: 'id_number', value: value.toUpperCase() };
  if (/^1\d{10}$/.test(value)) return { kind: 'phone', value };
  if (/^[A-Za-z]+$/.test(value)) return { kind: 'pinyin', value: value.toLowerCase() };
  return { kind: 'name', value };
}

export const TRANSFER_KINDS = ['internal', 'outgoing', 'incoming'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  internal: '平台内转接',
  outgoing: '转出平台',
  incoming: '从平台外转入',
};

export const TRANSFER_STATUSES = ['pending', 'accepted', 'returned', 'issued', 'completed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = {
  pending: '待接收',
  accepted: '已接收',
  returned: '已退回',
  issued: '已开具，待回执',
  completed: '回执已收到',
};

/**
 * One roster upload: a whole district (100,000 members and more) goes in one file. A .xlsx of 200,000 rows
 * with the usual columns is about 22 MB, a CSV of them about 30 MB.
 */
export const IMPORT_MAX_ROWS = 200_000;
export const IMPORT_MAX_FILE_MB = 40;

/**
 * What reading one upload may cost, whatever its size: a few MB of .xlsx can unzip to gigabytes, or hold
 * millions of cells. Counted while the file is read (bytes actually inflated, tags actually present); the
 * first limit passed refuses the file. A 200,000-row roster of the usual columns stays far inside each:
 * ~150 MB of sheet XML, ~3 million cells, ~1 million distinct texts, ~25 million characters.
 */
/** One part of the .xlsx (a sheet, the shared texts), unzipped. */
export const IMPORT_MAX_UNZIPPED_PART_MB = 300;
/** The parts read, unzipped, together. */
export const IMPORT_MAX_UNZIPPED_MB = 400;
/** Distinct texts of the workbook (its shared strings table). */
export const IMPORT_MAX_SHARED_STRINGS = 2_000_000;
/** Cells in one row: Excel's own maximum (column XFD). */
export const IMPORT_MAX_ROW_CELLS = 16_384;
/** Cells of the sheets read, empty ones written to the file included. */
export const IMPORT_MAX_CELLS = 10_000_000;
/** Characters in one cell: Excel's own maximum. */
export const IMPORT_MAX_CELL_CHARS = 32_767;
/** Characters of all the cells kept from the sheet. */
export const IMPORT_MAX_TEXT_CHARS = 60_000_000;

/** A letter is valid for at most three months; ten days is usual. The receipt is expected within a month. */
export const TRANSFER_MAX_VALID_MONTHS = 3;
export const TRANSFER_DEFAULT_VALID_DAYS = 10;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
