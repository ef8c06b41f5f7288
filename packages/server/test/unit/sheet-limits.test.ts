// The roster reader's limits counted exactly: at the limit a file is read, one past it is refused, wherever the
// zip's chunks happen to cut the tags (the API suite upload-bombs.test.ts has the bombs themselves).
import { IMPORT_MAX_CELL_CHARS, IMPORT_MAX_ROW_CELLS, IMPORT_MAX_TEXT_CHARS } from '@gongjian/shared';
import { describe, expect, it } from 'vitest';
import { INVISIBLE_CHARACTERS as API_INVISIBLE } from '../../src/http/request-text.js';
import {
  INVISIBLE_CHARACTERS,
  LIMIT_MESSAGES,
  MAX_COLUMNS,
  MAX_MERGES,
  parseCsv,
  readSheet,
} from '../../src/members/import/read-sheet.js';
import { deflated, SHEET_HEAD, SHEET_TAIL, sheetXml, stored, workbookOf, zipOf } from '../helpers/xlsx-parts.js';

const HEADER = [['姓名', '公民身份号码']];

describe('the roster reader', () => {
  it('drops the same invisible characters as the API (its own copy: the worker loads no HTTP code)', () => {
    expect(INVISIBLE_CHARACTERS).toBe(API_INVISIBLE);
  });

  it('counts the cells of a row exactly, wherever the chunks cut the tags', async () => {
    // `<c r="A2"/>` is 11 bytes: with 64 KB chunks, the paddings put the cuts at every offset within a tag.
    for (let pad = 0; pad < 11; pad++) {
      const row = (n: number) =>
        `${SHEET_HEAD}<!--${' '.repeat(pad)}--><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>` +
        `<row r="2">${'<c r="A2"/>'.repeat(n)}</row>${SHEET_TAIL}`;
      const at = workbookOf([], { sheet: deflated([row(IMPORT_MAX_ROW_CELLS)]) });
      expect(await readSheet(at), `padding ${pad}`).toEqual([['姓名'], ['']]);
      const past = workbookOf([], { sheet: deflated([row(IMPORT_MAX_ROW_CELLS + 1)]) });
      await expect(readSheet(past), `padding ${pad}`).rejects.toThrow(LIMIT_MESSAGES.rowCells);
    }
  });

  it('reads stored (uncompressed) parts as well as deflated ones', async () => {
    const rows = [...HEADER, ['张三', '620302198001010011']];
    expect(await readSheet(workbookOf([], { sheet: stored(sheetXml(rows)) }))).toEqual(rows);
  });

  it('refuses what is not a readable zip with the usual message, never by reading out of bounds', async () => {
    const file = workbookOf(HEADER);
    const unreadable = /无法读取该Excel文件/;
    await expect(readSheet(file.subarray(0, file.length - 30))).rejects.toThrow(unreadable);
    // An end record that claims 65,535 entries in a directory that has four.
    const lying = Buffer.from(file);
    lying.writeUInt16LE(0xffff, lying.length - 12);
    await expect(readSheet(lying)).rejects.toThrow(unreadable);
    // An entry whose data runs past the end of the file.
    const long = zipOf([{ name: 'xl/worksheets/sheet1.xml', body: deflated([sheetXml(HEADER)]) }]);
    const central = long.length - 22 - 46 - 'xl/worksheets/sheet1.xml'.length;
    long.writeUInt32LE(0x7fffffff, central + 20); // its compressed size
    await expect(readSheet(long)).rejects.toThrow(unreadable);
  });

  it('refuses merged ranges past their limit, and overlapping ones that would copy a value endlessly', async () => {
    const many = deflated(
      [sheetXml(HEADER).replace('</worksheet>', '<mergeCells>')],
      ['<mergeCell ref="A1:A2"/>', MAX_MERGES + 1],
      ['</mergeCells></worksheet>'],
    );
    await expect(readSheet(workbookOf([], { sheet: many }))).rejects.toThrow(LIMIT_MESSAGES.merges);
    // A thousand rows, and the same range merged over them 21,000 times: 21 million copies for one column.
    const rows = [['姓名'], ...Array.from({ length: 999 }, () => [])];
    const overlapping = sheetXml(rows, `<mergeCells>${'<mergeCell ref="A1:A1000"/>'.repeat(21_000)}</mergeCells>`);
    await expect(readSheet(workbookOf([], { sheet: deflated([overlapping]) }))).rejects.toThrow(LIMIT_MESSAGES.overlap);
    const once = sheetXml(rows, '<mergeCells><mergeCell ref="A1:A1000"/></mergeCells>');
    expect(await readSheet(workbookOf([], { sheet: deflated([once]) }))).toEqual(rows.map(() => ['姓名']));
  });

  it('refuses a sheet whose cells repeat one long text past the characters kept', async () => {
    const text = 'a'.repeat(IMPORT_MAX_CELL_CHARS);
    const count = Math.ceil(IMPORT_MAX_TEXT_CHARS / IMPORT_MAX_CELL_CHARS) + 1;
    const cells = Array.from(
      { length: count },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`,
    );
    const sheet = deflated([`${SHEET_HEAD}${cells.join('')}${SHEET_TAIL}`]);
    const sharedStrings = deflated([`<sst><si><t>${text}</t></si></sst>`]);
    await expect(readSheet(workbookOf([], { sheet, sharedStrings }))).rejects.toThrow(LIMIT_MESSAGES.text);
  });
});

describe('parseCsv', () => {
  it('takes a field of up to a cell’s length and a row of up to Excel’s width, keeping MAX_COLUMNS cells', () => {
    const longest = 'a'.repeat(IMPORT_MAX_CELL_CHARS);
    expect(parseCsv(`${longest}\n`)).toEqual([[longest]]);
    expect(() => parseCsv(`${longest}a\n`)).toThrow(LIMIT_MESSAGES.cell);
    expect(() => parseCsv(`"${longest}"""\n`)).toThrow(LIMIT_MESSAGES.cell);
    const widest = parseCsv(`${'x,'.repeat(IMPORT_MAX_ROW_CELLS - 1)}x\n`);
    expect(widest).toEqual([Array.from({ length: MAX_COLUMNS }, () => 'x')]);
    expect(() => parseCsv(`${'x,'.repeat(IMPORT_MAX_ROW_CELLS)}x\n`)).toThrow(LIMIT_MESSAGES.rowCells);
  });
});
