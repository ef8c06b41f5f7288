import { IMPORT_MAX_CELL_CHARS, IMPORT_MAX_CELLS, IMPORT_MAX_TEXT_CHARS } from '@gongjian/shared';
import type * as SheetJS from '@e965/xlsx';
import { excelSerialToDate } from './values.js';

// Excel 97–2003 (.xls) and WPS rosters: OLE2 compound files, read with SheetJS (a maintained build from npm, not
// xlsx 0.18.5 with its known CVEs). Run in the sheet worker like every read (sheet-worker.ts): SheetJS builds the
// whole workbook in memory and has no streaming reader, so its cost is bounded by the worker's heap and by the
// shorter clock sheet.ts gives these files, and by what an .xls can hold (65,536 rows, 256 columns a sheet).

let loaded: Promise<typeof SheetJS> | undefined;

/**
 * SheetJS, loaded on the first OLE2 file a worker reads (~0.4 s, and ~0.9 s and 9 MB of heap for the code pages):
 * the .xlsx and CSV reads, which are most, never pay for it. Excel 95 (BIFF5) and older WPS files keep text in the
 * file's code page (GBK in China), not UTF-16: hence the code pages.
 */
function sheetJs(): Promise<typeof SheetJS> {
  loaded ??= Promise.all([import('@e965/xlsx'), import('@e965/xlsx/dist/cpexcel.full.mjs')]).then(([xlsx, cptable]) => {
    xlsx.set_cptable(cptable);
    return xlsx;
  });
  return loaded;
}

/** Makes the error a refused file is reported with (read-sheet.ts's SheetError), from its message for the user. */
type Refuse = (message: string) => Error;

const UNREADABLE = '无法读取该Excel文件，请确认文件未损坏，或在Excel/WPS中另存为 .xlsx 后重试';
export const XLS_MESSAGES = {
  unreadable: UNREADABLE,
  encrypted: '文件设有打开密码，请在Excel/WPS中取消密码后重试',
  notSheet: '只支持 .xlsx、.xls 和 .csv 文件（该文件不是电子表格）',
} as const;

/** A merged range, 1-based and inclusive (read-sheet.ts's Merge). */
type Merge = { top: number; left: number; bottom: number; right: number };

function cellText(XLSX: typeof SheetJS, cell: SheetJS.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v).trim();
    case 'b':
      return cell.v ? '是' : '否';
    case 'n': {
      const value = cell.v as number;
      // Dates are day numbers with a date format, as in an .xlsx.
      if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) return excelSerialToDate(value) ?? String(value);
      return String(value);
    }
    case 'd':
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v.toISOString().slice(0, 10) : '';
    default:
      // 'e' (an error such as #N/A) and 'z' (a stub) carry nothing to import.
      return '';
  }
}

/**
 * The cells of the first sheet with content as text, and its merged ranges. `maxRows` stops SheetJS reading
 * further rows (it reads a little past the import's limit, as the .xlsx reader does, so that the limit's 400 says
 * so); `maxColumns` cells of a row are kept.
 */
export async function readXls(
  file: Buffer,
  {
    maxRows,
    maxColumns,
    refuse,
    limits,
  }: { maxRows: number; maxColumns: number; refuse: Refuse; limits: Record<'cell' | 'cells' | 'text', string> },
): Promise<{ rows: string[][]; merges: Merge[] }> {
  const XLSX = await sheetJs();
  let container: unknown;
  try {
    container = XLSX.CFB.read(file, { type: 'buffer' });
  } catch {
    throw refuse(UNREADABLE);
  }
  // A password-protected .xlsx is an OLE2 file holding the encrypted zip.
  if (XLSX.CFB.find(container, 'EncryptedPackage') || XLSX.CFB.find(container, 'EncryptionInfo')) {
    throw refuse(XLS_MESSAGES.encrypted);
  }
  // BIFF8 (Excel 97 and later, WPS) names its stream Workbook, BIFF5 (Excel 95) Book; a Word or PowerPoint file
  // has neither.
  if (!XLSX.CFB.find(container, 'Workbook') && !XLSX.CFB.find(container, 'Book')) throw refuse(XLS_MESSAGES.notSheet);

  let workbook: SheetJS.WorkBook;
  try {
    workbook = XLSX.read(file, {
      type: 'buffer',
      dense: true,
      sheetRows: maxRows,
      cellNF: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
    });
  } catch (error) {
    throw refuse(/password|encrypt/i.test(String(error)) ? XLS_MESSAGES.encrypted : UNREADABLE);
  }

  let cells = 0;
  let chars = 0;
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    const data = (sheet?.['!data'] ?? []) as (SheetJS.CellObject | undefined)[][];
    const rows: string[][] = [];
    for (let r = 0; r < Math.min(data.length, maxRows); r++) {
      const source = data[r] ?? [];
      const row: string[] = [];
      for (let c = 0; c < Math.min(source.length, maxColumns); c++) {
        const text = cellText(XLSX, source[c]);
        if (text.length > IMPORT_MAX_CELL_CHARS) throw refuse(limits.cell);
        chars += text.length;
        row.push(text);
      }
      cells += source.length;
      if (cells > IMPORT_MAX_CELLS) throw refuse(limits.cells);
      if (chars > IMPORT_MAX_TEXT_CHARS) throw refuse(limits.text);
      while (row.length > 0 && row[row.length - 1] === '') row.pop();
      rows.push(row);
    }
    if (rows.some((row) => row.some((cell) => cell !== ''))) {
      const merges = (sheet?.['!merges'] ?? []).map((m) => ({
        top: m.s.r + 1,
        left: m.s.c + 1,
        bottom: m.e.r + 1,
        right: m.e.c + 1,
      }));
      return { rows, merges };
    }
  }
  return { rows: [], merges: [] };
}
