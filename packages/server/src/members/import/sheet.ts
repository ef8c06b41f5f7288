import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { IMPORT_MAX_ROWS } from '@gongjian/shared';
import ExcelJS from 'exceljs';
import unzipper, { type File as ZipFile } from 'unzipper';
import { invalid } from '../../http/errors.js';
import { INVISIBLE_CHARACTERS } from '../../http/request-text.js';

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
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  // These take the zip entry as a stream (they listen to its events); the sheets' parser takes chunks.
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(
    chunks: AsyncIterable<Buffer | string>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
};

/**
 * The worksheets of an .xlsx in the workbook's order, each as a stream of rows, read with exceljs's streaming
 * parsers but not its streaming reader's zip handling. That reader walks the zip front to back; Excel stores the
 * shared strings after the sheets, so it copies each sheet to a temporary file until the end — and now and then
 * (one file in ~80 in the API tests) the entries after that sheet never came, and the file was refused as
 * unreadable. Here the zip's central directory (the whole file is in memory anyway) gives each part when it is
 * needed: relationships, workbook, styles and shared strings first, then the sheets, decompressed as they are read.
 *
 * exceljs also decodes every chunk on its own, so a Chinese character split between two chunks came out as two
 * U+FFFD (exceljs issues #2084 and #2316, open in 4.4.0): its parsers get text decoded across chunk boundaries.
 */
async function* worksheetsOf(
  buffer: Buffer,
): AsyncIterable<{ rows: AsyncIterable<ExcelJS.Row>; merges: readonly Merge[] }> {
  const directory = await unzipper.Open.buffer(buffer);
  const part = (name: string) => directory.files.find((file) => file.path === name && file.type === 'File');
  // setEncoding decodes across chunk boundaries too.
  const text = (file: ZipFile) => file.stream().setEncoding('utf8');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Dates are numbers with a date format: the styles tell them apart.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const own = reader as unknown as ReaderInternals;
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await own._parseRels(text(rels));
  const workbook = part('xl/workbook.xml');
  if (workbook) await own._parseWorkbook(text(workbook));
  const styles = part('xl/styles.xml');
  if (styles) await own._parseStyles(text(styles));
  const sharedStrings = part('xl/sharedStrings.xml');
  // With sharedStrings: 'cache' this fills the reader's table and yields nothing.
  if (sharedStrings) for await (const _ of own._parseSharedStrings(text(sharedStrings)));

  const sheets = new Map<number, ZipFile>();
  for (const file of directory.files) {
    const match = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(file.path);
    if (match && file.type === 'File') sheets.set(Number(match[1]), file);
  }
  // The workbook's order (the tabs as the user sees them), then any sheet it does not list.
  const targets = new Map((own.workbookRels ?? []).map((rel) => [rel.Id, rel.Target.replace(/^\/?xl\//, '')]));
  const ordered: number[] = [];
  for (const sheet of own.model?.sheets ?? []) {
    const match = /^worksheets\/sheet(\d+)\.xml$/.exec(targets.get(sheet.rId) ?? '');
    if (match && sheets.has(Number(match[1])) && !ordered.includes(Number(match[1]))) ordered.push(Number(match[1]));
  }
  for (const no of [...sheets.keys()].sort((a, b) => a - b)) if (!ordered.includes(no)) ordered.push(no);

  for (const no of ordered) {
    const merges: Merge[] = [];
    const chunks = collectMerges(decodeUtf8((sheets.get(no) as ZipFile).stream()), merges);
    for (const event of own._parseWorksheet(chunks, String(no))) {
      if (event.eventType === 'worksheet') yield { rows: event.value, merges };
    }
  }
}

/** A merged range of a sheet, 1-based and inclusive. */
export type Merge = { top: number; left: number; bottom: number; right: number };

const MERGE_CELL = /<mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"/g;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Passes a sheet's XML through to the parser and notes its merged ranges on the way (exceljs's streaming
 * reader skips them). They come after the rows, so the list is complete once the rows are read. A tag split
 * between two chunks is found in the carried tail.
 */
export async function* collectMerges(chunks: AsyncIterable<string>, merges: Merge[]): AsyncIterable<string> {
  let tail = '';
  for await (const chunk of chunks) {
    yield chunk;
    const text = tail + chunk;
    let end = 0;
    for (const m of text.matchAll(MERGE_CELL)) {
      merges.push({
        left: columnNumber(m[1] as string),
        top: Number(m[2]),
        right: columnNumber(m[3] as string),
        bottom: Number(m[4]),
      });
      end = (m.index ?? 0) + m[0].length;
    }
    // Keep what may hold the start of a tag cut off by the chunk's end, not a tag already counted.
    tail = text.slice(Math.max(end, text.length - 80));
  }
}

/**
 * A merged cell holds its value in its top-left cell only; rosters merge 所在支部 (or 党小组) over the members of
 * a branch, and a two-row header merges 姓名 over both rows. Each merge's value is copied down its first column
 * into the empty cells below, so every row carries it. Never sideways: a title or a group header merged across
 * columns would otherwise land in fields it does not belong to.
 */
function fillMerges(rows: string[][], merges: readonly Merge[]): void {
  for (const m of merges) {
    const column = m.left - 1;
    if (column >= MAX_COLUMNS) continue;
    const value = rows[m.top - 1]?.[column] ?? '';
    if (value === '') continue;
    for (let r = m.top; r < Math.min(m.bottom, rows.length); r++) {
      const row = rows[r] ?? (rows[r] = []);
      while (row.length <= column) row.push('');
      if (row[column] === '') row[column] = value;
    }
  }
}

/**
 * Reads the first sheet that has any content, streaming: the workbook model is never built, so a 100,000-row
 * roster costs its cells as text (tens of MB) rather than a gigabyte of cell objects, and reading stops a
 * little past MAX_ROWS.
 */
async function readXlsx(buffer: Buffer): Promise<string[][]> {
  try {
    for await (const sheet of worksheetsOf(buffer)) {
      const rows: string[][] = [];
      for await (const row of sheet.rows) {
        if (row.number > MAX_ROWS + 20) break;
        const cells: string[] = [];
        const count = Math.min(row.cellCount, MAX_COLUMNS);
        for (let c = 1; c <= count; c++) cells.push(cellText(row.getCell(c).value));
        rows[row.number - 1] = cells;
      }
      if (rows.some((r) => r.some((cell) => cell !== ''))) {
        const dense = Array.from(rows, (r) => r ?? []);
        fillMerges(dense, sheet.merges);
        return dense;
      }
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

/** NUL and the characters that show nothing, as the API removes them. */
const UNSEEN = new RegExp(`[\\u0000${INVISIBLE_CHARACTERS}]`);
const UNSEEN_ALL = new RegExp(UNSEEN.source, 'g');

/**
 * Drops from the cells, in place, what no one meant to type: NUL characters, which PostgreSQL text cannot hold
 * (stray bytes of some export: an .xlsx may carry one escaped as _x0000_, a CSV raw), and invisible ones
 * copied along with a name or an ID number from a web page or a chat (as the API does: http/request-text.ts).
 */
function cleanCells(rows: string[][]): string[][] {
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i] as string;
      if (UNSEEN.test(cell)) row[i] = cell.replace(UNSEEN_ALL, '').trim();
    }
  }
  return rows;
}

/** The cells of the first sheet as text, whatever the file: .xlsx by its zip signature, otherwise CSV. */
export async function readSheet(buffer: Buffer): Promise<string[][]> {
  if (buffer.length === 0) throw invalid('file', '文件为空');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return cleanCells(await readXlsx(buffer));
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw invalid('file', '不支持旧版 .xls 格式，请在Excel中另存为 .xlsx 后上传');
  }
  const text = decodeText(buffer);
  // Binary files that are not spreadsheets (images, PDFs…) hold control characters no CSV has.
  const head = text.slice(0, 4096);
  if ([...head].some((ch) => ch.charCodeAt(0) < 9 || (ch.charCodeAt(0) > 13 && ch.charCodeAt(0) < 32))) {
    throw invalid('file', '只支持 .xlsx 和 .csv 文件');
  }
  return cleanCells(parseCsv(text));
}

/** How long the last sheet read is kept for the import page's next request. */
const KEEP_MS = 10 * 60_000;
type Entry = {
  hash: string;
  rows: Promise<string[][]>;
  timer: NodeJS.Timeout;
  /** One result computed from these rows, under the key of what else it depended on. */
  derived?: { key: string; value: unknown };
};
let last: Entry | undefined;

/** A sheet's cells, and a place to keep one result computed from them for the next request on the same file. */
export type Sheet = {
  rows: string[][];
  /** `compute()`'s value, or the one kept from an earlier call with the same key on the same file. */
  memo<T>(key: string, compute: () => T): T;
};

/**
 * The import page sends the same file three times (analyze, check, import), and reading a 100,000-row
 * .xlsx takes seconds: the last file read is kept for ten minutes under its SHA-256, so that the next step
 * gets the same cells without reading them again. One file only (tens of MB of text at most); the cells
 * depend on the bytes alone, never on who sends them. What `memo` keeps goes with the file: the key must name
 * everything else the value depends on.
 */
export async function readSheetOnce(buffer: Buffer): Promise<Sheet> {
  const hash = createHash('sha256').update(buffer).digest('hex');
  let entry = last?.hash === hash ? last : undefined;
  if (!entry) {
    if (last) clearTimeout(last.timer);
    const rows = readSheet(buffer);
    const fresh: Entry = {
      hash,
      rows,
      timer: setTimeout(() => last === fresh && (last = undefined), KEEP_MS).unref(),
    };
    rows.catch(() => last === fresh && (last = undefined));
    last = entry = fresh;
  }
  const kept = entry;
  return {
    rows: await kept.rows,
    memo<T>(key: string, compute: () => T): T {
      if (kept.derived?.key === key) return kept.derived.value as T;
      const value = compute();
      kept.derived = { key, value };
      return value;
    },
  };
}
