import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  IMPORT_MAX_CELL_CHARS,
  IMPORT_MAX_CELLS,
  IMPORT_MAX_ROW_CELLS,
  IMPORT_MAX_ROWS,
  IMPORT_MAX_SHARED_STRINGS,
  IMPORT_MAX_TEXT_CHARS,
  IMPORT_MAX_UNZIPPED_MB,
  IMPORT_MAX_UNZIPPED_PART_MB,
} from '@gongjian/shared';
import ExcelJS from 'exceljs';
import { readXls } from './read-xls.js';
import { entryStream, type ZipEntry, zipEntries } from './zip.js';

// The pure reading of an uploaded roster (bytes → cells as text), run in a worker thread (sheet-worker.ts):
// nothing here knows about HTTP, and every cost a file can cause is bounded here (see the limits below).

/** A file refused for what it holds; the message is for the user (the server answers 400, field 文件). */
export class SheetError extends Error {}

export const MAX_ROWS = IMPORT_MAX_ROWS;
export const MAX_COLUMNS = 100;
/**
 * Bytes of XML without a '<': past any cell (32,767 characters, even at 7 bytes each as `_x000D_` escapes) and
 * any attribute. A run of whitespace or one gigantic cell is refused at this point, not after gigabytes.
 */
export const MAX_XML_RUN_BYTES = 300_000;
/** Merged ranges of the sheets read: each covers two cells or more, a real roster has a few thousand. */
export const MAX_MERGES = 1_000_000;

const MB = 1024 * 1024;
const wan = (n: number) => (n % 10_000 === 0 ? `${n / 10_000}万` : String(n));

export const LIMIT_MESSAGES = {
  part: `文件中的一个工作表或其他部分解压后超过${IMPORT_MAX_UNZIPPED_PART_MB}MB，请删除多余的行、列或内容后重试`,
  total: `文件解压后超过${IMPORT_MAX_UNZIPPED_MB}MB，请删除多余的工作表或内容后重试`,
  sharedStrings: `文件中的不同文字超过${wan(IMPORT_MAX_SHARED_STRINGS)}条，请删除多余的内容或分成几个文件导入`,
  rowCells: `表格中有一行超过${IMPORT_MAX_ROW_CELLS}个单元格（Excel每行最多${IMPORT_MAX_ROW_CELLS}列），文件可能已损坏`,
  cells: `表格超过${wan(IMPORT_MAX_CELLS)}个单元格，请删除多余的列或分成几个文件导入`,
  cell: `有单元格超过${IMPORT_MAX_CELL_CHARS}个字符（Excel单元格的上限），请检查文件内容`,
  run: `文件中有一段内容超过${wan(MAX_XML_RUN_BYTES)}字节，多于任何单元格可容纳的${IMPORT_MAX_CELL_CHARS}个字符，文件可能已损坏`,
  merges: `表格中的合并单元格超过${wan(MAX_MERGES)}个，请取消合并后重试`,
  overlap: '表格中的合并单元格相互重叠，请取消合并后重试',
  text: `表格中的文字共超过${wan(IMPORT_MAX_TEXT_CHARS)}个字符，请分成几个文件导入`,
} as const;

const UNREADABLE_XLSX = '无法读取该Excel文件，请确认文件未损坏并另存为 .xlsx 后重试';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
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

/** What the parts read so far have used: bytes inflated, cells, merged ranges. */
type Budget = { inflated: number; cells: number; merges: number };

const LT = 0x3c; // '<'
// Opening tags counted, matched in the bytes read as latin1 (tag names are ASCII). The longest, `<mergeCell `,
// is 11 characters: a tag cut off by a chunk's end starts within its last 10, which are carried over.
const SHEET_TAGS = /<(c|row|mergeCell)[ \t\r\n/>]/g;
const SHARED_STRING_TAGS = /<(si)[ \t\r\n/>]/g;
const CARRY = 10;

/**
 * Inflates a part once, before it is parsed, and refuses it at the first limit it passes: its unzipped size and
 * the whole file's (bytes actually inflated: the directory's sizes are only a claim), a run of text without a tag,
 * and in a sheet or the shared strings the cells per row, the cells, the merges, the strings. Counting runs at
 * inflating speed (~0.1 s for a 100,000-row roster's 70 MB sheet), so a bomb is refused in well under a second
 * and the parser, which builds objects, never sees more than the limits allow.
 */
async function scanPart(entry: ZipEntry, kind: 'sheet' | 'sharedStrings' | 'other', budget: Budget): Promise<void> {
  if (entry.declaredSize > IMPORT_MAX_UNZIPPED_PART_MB * MB) throw new SheetError(LIMIT_MESSAGES.part);
  const pattern = kind === 'sheet' ? SHEET_TAGS : kind === 'sharedStrings' ? SHARED_STRING_TAGS : undefined;
  const tags = pattern && new RegExp(pattern);
  const stream = entryStream(entry);
  let bytes = 0;
  let run = 0;
  let tail = '';
  let rowCells = 0;
  let strings = 0;
  /** Counts the tags that start before `end` (the rest may be cut off: it is carried to the next chunk). */
  const count = (text: string, end: number) => {
    if (!tags) return;
    tags.lastIndex = 0;
    for (let m = tags.exec(text); m !== null && m.index < end; m = tags.exec(text)) {
      const tag = m[1] as string;
      if (tag === 'c') {
        if (++rowCells > IMPORT_MAX_ROW_CELLS) throw new SheetError(LIMIT_MESSAGES.rowCells);
        if (++budget.cells > IMPORT_MAX_CELLS) throw new SheetError(LIMIT_MESSAGES.cells);
      } else if (tag === 'row') rowCells = 0;
      else if (tag === 'si') {
        if (++strings > IMPORT_MAX_SHARED_STRINGS) throw new SheetError(LIMIT_MESSAGES.sharedStrings);
      } else if (++budget.merges > MAX_MERGES) throw new SheetError(LIMIT_MESSAGES.merges);
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > IMPORT_MAX_UNZIPPED_PART_MB * MB) throw new SheetError(LIMIT_MESSAGES.part);
      if (budget.inflated + bytes > IMPORT_MAX_UNZIPPED_MB * MB) throw new SheetError(LIMIT_MESSAGES.total);

      const first = chunk.indexOf(LT);
      if (first < 0) run += chunk.length;
      else {
        if (run + first > MAX_XML_RUN_BYTES) throw new SheetError(LIMIT_MESSAGES.run);
        if (chunk.length > MAX_XML_RUN_BYTES) {
          for (let at = first, next; (next = chunk.indexOf(LT, at + 1)) >= 0; at = next) {
            if (next - at - 1 > MAX_XML_RUN_BYTES) throw new SheetError(LIMIT_MESSAGES.run);
          }
        }
        run = chunk.length - 1 - chunk.lastIndexOf(LT);
      }
      if (run > MAX_XML_RUN_BYTES) throw new SheetError(LIMIT_MESSAGES.run);

      if (!tags) continue;
      const text = tail + chunk.toString('latin1');
      count(text, text.length - CARRY);
      tail = text.slice(Math.max(0, text.length - CARRY));
    }
    if (tags) count(tail, tail.length);
  } finally {
    stream.destroy();
  }
  budget.inflated += bytes;
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
 * parsers but neither its streaming reader's zip handling nor its text decoding. That reader walks the zip front
 * to back; Excel stores the shared strings after the sheets, so it copies each sheet to a temporary file until the
 * end — and now and then (one file in ~80 in the API tests) the entries after that sheet never came, and the file
 * was refused as unreadable. Here the zip's central directory (the whole file is in memory anyway, zip.ts) gives
 * each part when it is needed: relationships, workbook, styles and shared strings first, then the sheets. Each
 * part is scanned against the limits first (scanPart: those four before any of them is parsed, each sheet before
 * it is) and inflated again as it is parsed.
 *
 * exceljs also decodes every chunk on its own, so a Chinese character split between two chunks came out as two
 * U+FFFD (exceljs issues #2084 and #2316, open in 4.4.0): its parsers get text decoded across chunk boundaries.
 */
async function* worksheetsOf(
  file: Buffer,
): AsyncIterable<{ rows: AsyncIterable<ExcelJS.Row>; merges: readonly Merge[] }> {
  const entries = zipEntries(file);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const sheets = new Map<number, ZipEntry>();
  for (const entry of entries) {
    const match = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name);
    if (match) sheets.set(Number(match[1]), entry);
  }
  const parts = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  // What the directory already declares is refused before anything is inflated.
  let declared = 0;
  for (const entry of [...parts.map((name) => byName.get(name)), ...sheets.values()]) {
    if (!entry) continue;
    if (entry.declaredSize > IMPORT_MAX_UNZIPPED_PART_MB * MB) throw new SheetError(LIMIT_MESSAGES.part);
    declared += entry.declaredSize;
  }
  if (declared > IMPORT_MAX_UNZIPPED_MB * MB) throw new SheetError(LIMIT_MESSAGES.total);

  const budget: Budget = { inflated: 0, cells: 0, merges: 0 };
  // setEncoding decodes across chunk boundaries too.
  const text = (entry: ZipEntry) => entryStream(entry).setEncoding('utf8');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Dates are numbers with a date format: the styles tell them apart.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const own = reader as unknown as ReaderInternals;
  // The workbook's own parts are all scanned before any is parsed: the parser never starts on a file that
  // passes a limit there.
  const found: (ZipEntry | undefined)[] = [];
  for (const name of parts) {
    const entry = byName.get(name);
    if (entry) await scanPart(entry, name === 'xl/sharedStrings.xml' ? 'sharedStrings' : 'other', budget);
    found.push(entry);
  }
  const [rels, workbook, styles, sharedStrings] = found;
  if (rels) await own._parseRels(text(rels));
  if (workbook) await own._parseWorkbook(text(workbook));
  if (styles) await own._parseStyles(text(styles));
  // With sharedStrings: 'cache' this fills the reader's table and yields nothing.
  if (sharedStrings) for await (const _ of own._parseSharedStrings(text(sharedStrings)));

  // The workbook's order (the tabs as the user sees them), then any sheet it does not list.
  const targets = new Map((own.workbookRels ?? []).map((rel) => [rel.Id, rel.Target.replace(/^\/?xl\//, '')]));
  const ordered = new Set<number>();
  for (const sheet of own.model?.sheets ?? []) {
    const match = /^worksheets\/sheet(\d+)\.xml$/.exec(targets.get(sheet.rId) ?? '');
    if (match && sheets.has(Number(match[1]))) ordered.add(Number(match[1]));
  }
  for (const no of [...sheets.keys()].sort((a, b) => a - b)) ordered.add(no);

  for (const no of ordered) {
    const entry = sheets.get(no) as ZipEntry;
    await scanPart(entry, 'sheet', budget);
    const merges: Merge[] = [];
    const chunks = collectMerges(decodeUtf8(entryStream(entry)), merges);
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
 * columns would otherwise land in fields it does not belong to. Merges do not overlap in a valid file, so the
 * cells visited are at most the kept rows times MAX_COLUMNS; more means overlapping ranges, made to cost time.
 */
function fillMerges(rows: string[][], merges: readonly Merge[]): void {
  let visits = 0;
  for (const m of merges) {
    const column = m.left - 1;
    if (column >= MAX_COLUMNS) continue;
    const value = rows[m.top - 1]?.[column] ?? '';
    if (value === '') continue;
    const bottom = Math.min(m.bottom, rows.length);
    visits += Math.max(0, bottom - m.top);
    if (visits > (MAX_ROWS + 20) * MAX_COLUMNS) throw new SheetError(LIMIT_MESSAGES.overlap);
    for (let r = m.top; r < bottom; r++) {
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
async function readXlsx(file: Buffer): Promise<string[][]> {
  try {
    for await (const sheet of worksheetsOf(file)) {
      const rows: string[][] = [];
      let chars = 0;
      for await (const row of sheet.rows) {
        if (row.number > MAX_ROWS + 20) break;
        const cells: string[] = [];
        const count = Math.min(row.cellCount, MAX_COLUMNS);
        for (let c = 1; c <= count; c++) {
          const text = cellText(row.getCell(c).value);
          if (text.length > IMPORT_MAX_CELL_CHARS) throw new SheetError(LIMIT_MESSAGES.cell);
          chars += text.length;
          cells.push(text);
        }
        if (chars > IMPORT_MAX_TEXT_CHARS) throw new SheetError(LIMIT_MESSAGES.text);
        rows[row.number - 1] = cells;
      }
      if (rows.some((r) => r.some((cell) => cell !== ''))) {
        const dense = Array.from(rows, (r) => r ?? []);
        fillMerges(dense, sheet.merges);
        return dense;
      }
    }
  } catch (error) {
    if (error instanceof SheetError) throw error;
    throw new SheetError(UNREADABLE_XLSX);
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

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Bounded like a sheet: a field past
 * Excel's cell maximum, a row past its column maximum or more cells than IMPORT_MAX_CELLS refuse the file; the
 * cells past MAX_COLUMNS of a row are counted, not kept.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let fields = 0;
  let cells = 0;
  let field = '';
  let quoted = false;
  const endField = () => {
    if (++fields > IMPORT_MAX_ROW_CELLS) throw new SheetError(LIMIT_MESSAGES.rowCells);
    if (++cells > IMPORT_MAX_CELLS) throw new SheetError(LIMIT_MESSAGES.cells);
    if (fields <= MAX_COLUMNS) row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
      fields = 0;
      if (rows.length > MAX_ROWS + 20) break;
    } else field += ch;
    if (field.length > IMPORT_MAX_CELL_CHARS) throw new SheetError(LIMIT_MESSAGES.cell);
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/**
 * NUL and the characters that show nothing, as the API removes them: the character class of
 * http/request-text.ts's INVISIBLE_CHARACTERS (a unit test keeps the two equal; that module brings Fastify's
 * error handling with it, which the worker does not load).
 */
export const INVISIBLE_CHARACTERS = '\u200b-\u200d\u2060\ufeff';
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

/** An OLE2 compound file (D0 CF 11 E0): Excel 97–2003 (.xls), WPS (.et, .xls), or a password-protected .xlsx. */
export const isOle2 = (file: Uint8Array) =>
  file.length >= 4 && file[0] === 0xd0 && file[1] === 0xcf && file[2] === 0x11 && file[3] === 0xe0;

/**
 * The cells of the first sheet as text, whatever the file, told by its content, never its name: .xlsx by its zip
 * signature, .xls and WPS files by the OLE2 one (read-xls.ts), otherwise CSV. Throws
 * SheetError (its message for the user) when the file cannot be read or passes a limit.
 */
export async function readSheet(file: Buffer): Promise<string[][]> {
  if (file.length === 0) throw new SheetError('文件为空');
  if (file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return cleanCells(await readXlsx(file));
  if (isOle2(file)) {
    const { rows, merges } = await readXls(file, {
      maxRows: MAX_ROWS + 20,
      maxColumns: MAX_COLUMNS,
      refuse: (message) => new SheetError(message),
      limits: LIMIT_MESSAGES,
    });
    fillMerges(rows, merges);
    return cleanCells(rows);
  }
  const text = decodeText(file);
  // Binary files that are not spreadsheets (images, PDFs…) hold control characters no CSV has.
  const head = text.slice(0, 4096);
  if ([...head].some((ch) => ch.charCodeAt(0) < 9 || (ch.charCodeAt(0) > 13 && ch.charCodeAt(0) < 32))) {
    throw new SheetError('只支持 .xlsx、.xls 和 .csv 文件');
  }
  return cleanCells(parseCsv(text));
}
