import type { AuditAction } from '@gongjian/shared';
import { chinaToday } from '@gongjian/shared';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { auditEvent } from '../audit/audited.js';
import type { Queryable } from '../db/client.js';
import type { AuditContext } from './actor.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

/** `attachment; filename*=…` for a Chinese file name, dated today. */
export function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(`${name}-${chinaToday()}.xlsx`)}`;
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
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', attachment(file.name))
    .send(streamWorkbook(file.sheet, file.columns, onePage(file.rows)));
}
