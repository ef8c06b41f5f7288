import type { AuditAction } from '../modules.js';
import { chinaToday } from '@gongjian/shared';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { auditEvent } from '../db/audited.js';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import type { AuditContext } from '../db/audited.js';
import { ERROR_RESPONSES } from './errors.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download's 200 response: the file itself (streamed, never serialised); the OpenAPI document shows its type. */
export const XLSX_FILE = z.string().meta({ description: 'Excel 文件（.xlsx）' });
/** A printable page (an HTML document the browser prints). */
export const HTML_PAGE = z.string().meta({ description: '可打印的 HTML 页面' });

/** Every download's responses: the file, or an error as JSON like any other route's. */
export const XLSX_RESPONSES = { 200: XLSX_FILE, ...ERROR_RESPONSES };

/** The media type of each file response, for the OpenAPI document (app.ts describeFiles). */
export const FILE_MEDIA_TYPES: ReadonlyMap<z.ZodType, string> = new Map<z.ZodType, string>([
  [XLSX_FILE, XLSX_TYPE],
  [HTML_PAGE, 'text/html'],
]);

export type SheetColumn<R> = { header: string; width?: number; value: (row: R) => string | number | null };

/**
 * Streams pages of rows into an .xlsx through exceljs's streaming writer: one page in memory at a time (and
 * the next one on its way from the database while this one is written), waiting for a slow client,
 * stopping for one that went away. No cell styles (`useStyles: false`): the sheets have none, and
 * registering each cell's empty style cost a third of the writer's time.
 */
export function streamWorkbook<R>(
  sheetName: string,
  columns: SheetColumn<R>[],
  pages: AsyncIterable<R[]>,
): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  void (async () => {
    const iterator = pages[Symbol.asyncIterator]();
    let next = iterator.next();
    try {
      for (;;) {
        const page = await next;
        if (page.done) break;
        next = iterator.next();
        if (out.destroyed) return;
        for (const row of page.value) sheet.addRow(columns.map((c) => c.value(row) ?? '')).commit();
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    } finally {
      // A page still being read when the client went away: nobody waits for it any more.
      next.catch(() => {});
      void iterator.return?.()?.catch(() => {});
    }
  })();
  return out;
}

/** `attachment; filename*=…` for a Chinese file name, dated today unless `dated` is false. */
export function attachment(name: string, dated = true): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(dated ? `${name}-${chinaToday()}.xlsx` : `${name}.xlsx`)}`;
}

/**
 * Answers an .xlsx download (a stream being written, or a finished file) under a Chinese name. Every download
 * route declares `response: XLSX_RESPONSES` and answers through this or sendXlsx.
 */
export function sendDownload(reply: FastifyReply, name: string, body: Readable | Buffer, dated = true) {
  return reply.type(XLSX_TYPE).header('content-disposition', attachment(name, dated)).send(body);
}

async function* onePage<T>(rows: readonly T[]): AsyncIterable<T[]> {
  yield [...rows];
}

/**
 * Answers a list already in memory (a bounded one: rules, terms, a registry) as an .xlsx file and puts the
 * export on record — what was asked for and how many rows left: exports carry data out of the platform.
 */
export async function sendXlsx<T>(
  reply: FastifyReply,
  db: Queryable,
  ctx: AuditContext,
  file: {
    name: string;
    sheet: string;
    columns: SheetColumn<T>[];
    rows: readonly T[];
    action: AuditAction;
    entity: string;
    orgPath: string;
    filter: unknown;
  },
) {
  await auditEvent(db, ctx, {
    action: file.action,
    entity: file.entity,
    orgPath: file.orgPath,
    after: { filter: file.filter, rows: file.rows.length },
  });
  return sendDownload(reply, file.name, streamWorkbook(file.sheet, file.columns, onePage(file.rows)));
}
