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
 * Streams pages of rows into an .xlsx through exceljs's streaming writer: one page in memory at a time,
 * waiting for a slow client, stopping for one that went away.
 */
export function streamWorkbook<R>(
  sheetName: string,
  columns: SheetColumn<R>[],
  pages: AsyncIterable<R[]>,
): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  void (async () => {
    try {
      for await (const rows of pages) {
        if (out.destroyed) return;
        for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? '')).commit();
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** `attachment; filename*=…` for a Chinese file name, dated today. */
export function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(`${name}-${new Date().toISOString().slice(0, 10)}.xlsx`)}`;
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
    action: string;
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
