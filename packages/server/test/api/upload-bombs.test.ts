// Issue 14, hole 2: a few MB of upload made the server read gigabytes. Each bomb here has the shape of the real
// one, made just big enough to pass one limit (a few hundred KB on the wire): the limits, not the machine, stop
// them, quickly, with a 400 naming what was too big, and the server answers the next request as before.
import {
  IMPORT_MAX_CELL_CHARS,
  IMPORT_MAX_CELLS,
  IMPORT_MAX_ROW_CELLS,
  IMPORT_MAX_SHARED_STRINGS,
  IMPORT_MAX_UNZIPPED_MB,
  IMPORT_MAX_UNZIPPED_PART_MB,
} from '@gongjian/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { UploadReadLimits } from '../../src/config.js';
import type { App } from '../../src/http/app-types.js';
import { LIMIT_MESSAGES, MAX_XML_RUN_BYTES } from '../../src/members/import/read-sheet.js';
import { TEST_CONFIG, useApi } from '../helpers/api.js';
import { buildCity } from '../helpers/factories.js';
import { multipart } from '../helpers/multipart.js';
import { csvOf, idFor, sampleRoster, xlsxOf } from '../helpers/rosters.js';
import { deflated, NS, SHEET_HEAD, SHEET_TAIL, sheetXml, workbookOf as workbookOfRows } from '../helpers/xlsx-parts.js';

const api = useApi();
let cookie: string;

beforeAll(async () => {
  const city = await buildCity(api.db);
  cookie = await api.login(city.streetAUser.username);
});

const MB = 1024 * 1024;

const ROSTER = [
  ['姓名', '性别', '公民身份号码', '入党日期'],
  ['王建国', '男', idFor('1956-03-12', 'male', 1), '1980-07-01'],
];
/** The roster's workbook with some parts replaced (see xlsx-parts.ts). */
const workbookOf = (parts?: Parameters<typeof workbookOfRows>[1], declared?: Parameters<typeof workbookOfRows>[2]) =>
  workbookOfRows(ROSTER, parts, declared);

/** Filler that passes every scan but the size: 1 MB of short runs of spaces between empty tags. */
const FILLER_MB = `${' '.repeat(1020)}<x/>`.repeat(1024);

// ---- The requests ----

const analyze = (app: App, file: Buffer, name = 'roster.xlsx') => {
  const form = multipart({}, { name, data: file });
  return app.inject({
    method: 'POST',
    url: '/api/member-imports/analyze',
    payload: form.payload,
    headers: { ...form.headers, cookie },
  });
};

/** Posts the file and expects a 400 with this message, within a few seconds. */
async function refused(file: Buffer, message: string, name?: string) {
  const started = performance.now();
  const res = await analyze(api.app, file, name);
  const seconds = (performance.now() - started) / 1000;
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json()).toEqual({ code: 'VALIDATION', message: `文件：${message}`, field: 'file' });
  // The real bombs ran for 19–36 s or killed the process; these stop at the limit.
  expect(seconds).toBeLessThan(10);
}

async function stillServes(app: App) {
  expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  const res = await analyze(app, await xlsxOf(sampleRoster()));
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().rowCount).toBe(8);
}

describe('the zip writer of this file', () => {
  it('writes a workbook the import reads, so that what the bombs are refused for is their size', async () => {
    const res = await analyze(api.app, workbookOf({}));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ headerRow: 1, rowCount: 1, sample: [ROSTER[1]] });
    const styles = deflated([`<styleSheet ${NS}>`], [FILLER_MB, 2], ['</styleSheet>']);
    const padded = await analyze(api.app, workbookOf({ styles }, { styles: 1000 }));
    expect(padded.statusCode, padded.body).toBe(200);
  });
});

describe('upload bombs (.xlsx)', () => {
  it('refuses more shared strings than the limit (20 million short strings killed the server)', async () => {
    const sharedStrings = deflated(
      [`<sst ${NS}>`],
      ['<si><t>党</t></si>'.repeat(100_000), IMPORT_MAX_SHARED_STRINGS / 100_000 + 1],
      ['</sst>'],
    );
    await refused(workbookOf({ sharedStrings }), LIMIT_MESSAGES.sharedStrings);
  });

  it('refuses a part that unzips past the limit, counting the bytes inflated, not the size it claims', async () => {
    const styles = deflated([`<styleSheet ${NS}>`], [FILLER_MB, IMPORT_MAX_UNZIPPED_PART_MB + 1]);
    expect(styles.deflated.length).toBeLessThan(MB);
    await refused(workbookOf({ styles }, { styles: 1000 }), LIMIT_MESSAGES.part);
  });

  it('refuses parts that together unzip past the limit, each under its own', async () => {
    const half = deflated([FILLER_MB, IMPORT_MAX_UNZIPPED_MB / 2 + 1]);
    await refused(workbookOf({ workbook: half, styles: half }, { workbook: 1000, styles: 1000 }), LIMIT_MESSAGES.total);
  });

  it('refuses what the zip directory declares too big, before inflating anything', async () => {
    await refused(workbookOf({}, { sheet: 0xfffffffe }), LIMIT_MESSAGES.part);
    const each = (IMPORT_MAX_UNZIPPED_PART_MB - 1) * MB;
    await refused(
      workbookOf({ styles: deflated(['<styleSheet/>']) }, { sheet: each, styles: each }),
      LIMIT_MESSAGES.total,
    );
  });

  it('refuses a run of whitespace (2 GB took 19 s) within its first few hundred KB', async () => {
    const sheet = deflated([SHEET_HEAD], [' '.repeat(MB), 64]);
    await refused(workbookOf({ sheet }, { sheet: 1000 }), LIMIT_MESSAGES.run);
    // Or of text: too long for any cell, cut off by no tag.
    const text = deflated(
      [`${SHEET_HEAD}<row r="1"><c t="inlineStr"><is><t>`],
      ['党'.repeat(MAX_XML_RUN_BYTES / 3 + 1)],
    );
    await refused(workbookOf({ sheet: text }), LIMIT_MESSAGES.run);
  });

  it('refuses one cell longer than Excel allows (a 1 GB cell took 36 s)', async () => {
    const cell = 'a'.repeat(IMPORT_MAX_CELL_CHARS + 1);
    await refused(workbookOf({ sheet: deflated([sheetXml([['姓名'], [cell]])]) }), LIMIT_MESSAGES.cell);
    // The same length in runs of rich text, each one short.
    const sharedStrings = deflated(
      [`<sst ${NS}><si>`],
      ['<r><t>' + 'a'.repeat(1000) + '</t></r>', 33],
      ['</si></sst>'],
    );
    const sheet = deflated([`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`]);
    await refused(workbookOf({ sheet, sharedStrings }), LIMIT_MESSAGES.cell);
  });

  it('refuses a row of more cells than Excel has columns', async () => {
    const sheet = deflated([`${SHEET_HEAD}<row r="1">`], ['<c/>', IMPORT_MAX_ROW_CELLS + 1], [`</row>${SHEET_TAIL}`]);
    await refused(workbookOf({ sheet }), LIMIT_MESSAGES.rowCells);
  });

  it('refuses more cells than the limit, every row within Excel’s width', async () => {
    const hundredRows = `<row>${'<c/>'.repeat(1000)}</row>`.repeat(100);
    const sheet = deflated([SHEET_HEAD], [hundredRows, IMPORT_MAX_CELLS / 100_000 + 1], [SHEET_TAIL]);
    await refused(workbookOf({ sheet }), LIMIT_MESSAGES.cells);
  });
});

describe('upload bombs (.csv)', () => {
  it('refuses a field longer than a cell, and a row wider than Excel', async () => {
    await refused(csvOf([['姓名'], ['a'.repeat(IMPORT_MAX_CELL_CHARS + 1)]]), LIMIT_MESSAGES.cell, 'roster.csv');
    await refused(Buffer.from(' '.repeat(5 * MB)), LIMIT_MESSAGES.cell, 'roster.csv');
    await refused(Buffer.from(`${','.repeat(IMPORT_MAX_ROW_CELLS)}\n`), LIMIT_MESSAGES.rowCells, 'roster.csv');
  });
});

describe('after the bombs', () => {
  it('answers its health check and reads a roster as before', async () => {
    await stillServes(api.app);
  });
});

describe('the reading worker', () => {
  const apps: App[] = [];
  const appWith = async (uploadReads: Partial<UploadReadLimits>) => {
    const app = await buildApp({
      database: api.database,
      config: { ...TEST_CONFIG, uploadReads: { ...TEST_CONFIG.uploadReads, ...uploadReads } },
    });
    await app.ready();
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('refuses a file that needs more memory than its heap, and the server goes on', async () => {
    const app = await appWith({ heapMb: 48 });
    // Within every limit, but 100 MB of text to keep as shared strings.
    const sharedStrings = deflated(
      [`<sst ${NS}>`],
      [`<si><t>${'a'.repeat(1000)}</t></si>`.repeat(1000), 100],
      ['</sst>'],
    );
    const sheet = deflated([`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`]);
    const res = await analyze(app, workbookOf({ sheet, sharedStrings }));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(/^文件：文件过大或过于复杂，读取时超出了内存限制/);
    await stillServes(app);
  });

  it('stops a read that takes longer than its time limit', async () => {
    const app = await appWith({ timeoutMs: 1 });
    const res = await analyze(app, await xlsxOf(sampleRoster()));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toBe('文件：读取文件超时（超过1毫秒），请删除多余的工作表或内容，或分成几个文件后重试');
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('reads a few files at a time and refuses one more than can wait, with 429', async () => {
    // Different files (the same one twice would share one read), each taking a while: the first holds the
    // only turn while its worker starts and reads, the others arrive meanwhile.
    const rosters = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((k) =>
        xlsxOf([
          ['姓名', '公民身份号码'],
          ...Array.from({ length: 3000 + k }, (_, i) => [`党员${i}`, idFor('1980-01-01', 'male', i)]),
        ]),
      ),
    );
    const single = await appWith({ concurrent: 1, waiting: 0 });
    const two = await Promise.all([analyze(single, rosters[0] as Buffer), analyze(single, rosters[1] as Buffer)]);
    expect(two.map((r) => r.statusCode).sort()).toEqual([200, 429]);
    expect(two.find((r) => r.statusCode === 429)?.json()).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: '正在读取的文件较多，请稍后再试',
    });
    // The turn is free again.
    expect((await analyze(single, rosters[2] as Buffer)).statusCode).toBe(200);

    const queue = await appWith({ concurrent: 1, waiting: 1 });
    const three = await Promise.all(rosters.slice(3).map((file) => analyze(queue, file)));
    expect(three.map((r) => r.statusCode).sort()).toEqual([200, 200, 429]);
  });
});
