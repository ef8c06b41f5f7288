import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { IMPORT_MAX_ROWS } from '@gongjian/shared';
import ExcelJS from 'exceljs';
import { invalid } from '../../http/errors.js';

export const MAX_ROWS = IMPORT_MAX_ROWS;
const MAX_COLUMNS = 100;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
  }
  return '';
}

/** Text from a stream of bytes, decoded across chunk boundaries (a character may straddle two chunks). */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncIterable<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<unknown>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
};

/**
 * exceljs's streaming reader decodes every chunk of a zip entry on its own, so a Chinese character split
 * between two chunks comes out as two U+FFFD (exceljs issues #2084 and #2316, open in 4.4.0): about one
 * cell in a thousand of a large roster. Its parsers take text chunks as they are, so this reader feeds
 * them text decoded across chunk boundaries.
 */
function workbookReader(buffer: Buffer) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Dates are numbers with a date format: the styles tell them apart.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const own = reader as unknown as ReaderInternals;
  const base = Object.getPrototypeOf(reader) as ReaderInternals;
  own._parseWorksheet = (chunks, sheetNo) => base._parseWorksheet.call(reader, decodeUtf8(chunks), sheetNo);
  own._parseSharedStrings = (entry) => base._parseSharedStrings.call(reader, entry.setEncoding('utf8'));
  own._parseWorkbook = (entry) => base._parseWorkbook.call(reader, entry.setEncoding('utf8'));
  own._parseStyles = (entry) => base._parseStyles.call(reader, entry.setEncoding('utf8'));
  return reader;
}

/**
 * Reads the first sheet that has any content through exceljs's streaming reader: the workbook model is never
 * built, so a 100,000-row roster costs its cells as text (tens of MB) rather than a gigabyte of cell objects,
 * and reading stops a little past MAX_ROWS.
 */
async function readXlsx(buffer: Buffer): Promise<string[][]> {
  try {
    for await (const sheet of workbookReader(buffer)) {
      const rows: string[][] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number > MAX_ROWS + 20) break;
        const cells: string[] = [];
        const count = Math.min(row.cellCount, MAX_COLUMNS);
        for (let c = 1; c <= count; c++) cells.push(cellText(row.getCell(c).value));
        rows[row.number - 1] = cells;
      }
      if (rows.some((r) => r.some((cell) => cell !== ''))) return Array.from(rows, (r) => r ?? []);
    }
  } catch {
    throw invalid('file', '无法读取该Excel文件，请确认文件未损坏并另存为 .xlsx 后重试');
  }
  return [];
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    // Excel in China saves "CSV" in GBK.
    return new TextDecoder('gbk').decode(buffer);
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
      if (rows.length > MAX_ROWS + 20) break;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows.map((r) => r.slice(0, MAX_COLUMNS));
}

/** The cells of the first sheet as text, whatever the file: .xlsx by its zip signature, otherwise CSV. */
export async function readSheet(buffer: Buffer): Promise<string[][]> {
  if (buffer.length === 0) throw invalid('file', '文件为空');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(buffer);
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw invalid('file', '不支持旧版 .xls 格式，请在Excel中另存为 .xlsx 后上传');
  }
  const text = decodeText(buffer);
  // Binary files that are not spreadsheets (images, PDFs…) hold control characters no CSV has.
  const head = text.slice(0, 4096);
  if ([...head].some((ch) => ch.charCodeAt(0) < 9 || (ch.charCodeAt(0) > 13 && ch.charCodeAt(0) < 32))) {
    throw invalid('file', '只支持 .xlsx 和 .csv 文件');
  }
  return parseCsv(text);
}

/** How long the last sheet read is kept for the import page's next request. */
const KEEP_MS = 10 * 60_000;
let last: { hash: string; rows: Promise<string[][]>; timer: NodeJS.Timeout } | undefined;

/**
 * The import page sends the same file three times (analyze, check, import), and reading a 100,000-row
 * .xlsx takes seconds: the last file read is kept for ten minutes under its SHA-256, so that the next step
 * gets the same cells without reading them again. One file only (tens of MB of text at most); the cells
 * depend on the bytes alone, never on who sends them.
 */
export function readSheetOnce(buffer: Buffer): Promise<string[][]> {
  const hash = createHash('sha256').update(buffer).digest('hex');
  if (last?.hash === hash) return last.rows;
  if (last) clearTimeout(last.timer);
  const rows = readSheet(buffer);
  const entry = { hash, rows, timer: setTimeout(() => last === entry && (last = undefined), KEEP_MS).unref() };
  last = entry;
  rows.catch(() => last === entry && (last = undefined));
  return rows;
}
