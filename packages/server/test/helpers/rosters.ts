import { idNumberCheckChar } from '@gongjian/shared';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';

/** A valid ID number for a birth date, gender and sequence (tests need distinct, predictable people). */
export function idFor(birth: string, gender: 'male' | 'female', seq = 1): string {
  const s = String(seq * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `620302${birth.replaceAll('-', '')}${s}`;
  return first17 + idNumberCheckChar(first17);
}

export type SheetCell = string | number | Date | null;

/** An .xlsx roster as community secretaries keep them: optional title rows above the header. */
/** `merges`: [top, left, bottom, right] ranges, 1-based, in the sheet's own rows (a title row counts). */
export async function xlsxOf(
  rows: SheetCell[][],
  options: { title?: string; merges?: [number, number, number, number][] } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  if (options.title) {
    sheet.addRow([options.title]);
    sheet.mergeCells(1, 1, 1, Math.max(2, rows[0]?.length ?? 2));
  }
  for (const row of rows) sheet.addRow(row);
  for (const [top, left, bottom, right] of options.merges ?? []) sheet.mergeCells(top, left, bottom, right);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The same roster as an Excel 97–2003 file (BIFF8, as Excel and WPS save .xls), written by SheetJS. Dates are
 * day numbers with a date format, as Excel stores them.
 */
export function xlsOf(
  rows: SheetCell[][],
  options: { title?: string; merges?: [number, number, number, number][] } = {},
): Buffer {
  const all = options.title ? [[options.title], ...rows] : rows;
  const sheet = XLSX.utils.aoa_to_sheet(all, { cellDates: true });
  sheet['!merges'] = (options.merges ?? []).map(([top, left, bottom, right]) => ({
    s: { r: top - 1, c: left - 1 },
    e: { r: bottom - 1, c: right - 1 },
  }));
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, '花名册');
  return XLSX.write(workbook, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

export function csvOf(rows: SheetCell[][]): Buffer {
  const text = rows
    .map((r) =>
      r
        .map((c) => (c === null ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replaceAll('"', '""')}"` : String(c)))
        .join(','),
    )
    .join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`);
}

/** The sample roster committed under test/fixtures (see write-sample-roster.ts): 8 members, 2 with mistakes. */
export function sampleRoster(): SheetCell[][] {
  return [
    [
      '序号',
      '姓名',
      '性别',
      '民族',
      '公民身份号码',
      '手机号码',
      '入党日期',
      '转正时间',
      '党员类别',
      '所在支部',
      '家庭住址',
      '特长',
    ],
    [
      1,
      '王建国',
      '男',
      '汉族',
      idFor('1956-03-12', 'male', 1),
      '13912340001',
      new Date(Date.UTC(1980, 6, 1)),
      '1981-07-01',
      '离退休',
      null,
      '3号楼2单元',
      '书法、象棋',
    ],
    [
      2,
      '李秀英',
      '女',
      '汉族',
      idFor('1962-11-05', 'female', 2),
      '13912340002',
      '1990/5/4',
      '1991.5.4',
      '离退休',
      null,
      '5号楼1单元',
      '文艺',
    ],
    [
      3,
      '张伟',
      '男',
      '回族',
      idFor('1985-01-20', 'male', 3),
      '13912340003',
      '2008年7月1日',
      '2009年7月1日',
      '在职党员',
      null,
      '1号楼3单元',
      '医疗',
    ],
    [
      4,
      '刘洋',
      '男',
      '汉族',
      idFor('1990-08-08', 'male', 4),
      '1391234',
      '2015-06-30',
      '2016-06-30',
      '在职',
      null,
      '2号楼',
      null,
    ],
    [
      5,
      '陈静',
      '女',
      '汉族',
      idFor('1988-02-29', 'female', 5).slice(0, 17) + '0',
      '13912340005',
      '2012-10-10',
      '2013-10-10',
      '居民',
      null,
      '6号楼',
      '法律咨询',
    ],
    [
      6,
      '单丽',
      '女',
      '汉族',
      idFor('1979-12-01', 'female', 6),
      '13912340006',
      39000,
      39366,
      '下岗失业',
      null,
      '4号楼',
      '理发',
    ],
    [
      7,
      '曾强',
      '男',
      '汉族',
      idFor('1970-04-15', 'male', 7),
      '13912340007',
      '1995-07-01',
      '1996-07-01',
      '流动党员',
      null,
      '7号楼',
      null,
    ],
    [
      8,
      '赵敏',
      '女',
      '满族',
      idFor('1993-09-09', 'female', 8),
      '13912340008',
      '2016-05-01',
      '2017-05-01',
      '居民党员',
      null,
      '8号楼',
      '心理咨询',
    ],
  ];
}
