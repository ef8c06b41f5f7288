import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { auditEvent } from '../audit/audited.js';
import type { Queryable } from '../db/client.js';
import type { AuditContext } from '../http/actor.js';

export type XlsxColumn<T> = { header: string; value: (row: T) => string | number | null; width?: number };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function xlsxBuffer<T>(sheetName: string, columns: XlsxColumn<T>[], rows: readonly T[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Answers a list as an .xlsx file and puts the export on record (what was asked for and how many rows left):
 * exports carry personal data out of the platform.
 */
export async function sendXlsx<T>(
  reply: FastifyReply,
  db: Queryable,
  ctx: AuditContext,
  file: {
    name: string;
    sheet: string;
    columns: XlsxColumn<T>[];
    rows: readonly T[];
    action: string;
    entity: string;
    orgPath: string;
    filter: unknown;
  },
) {
  const buffer = await xlsxBuffer(file.sheet, file.columns, file.rows);
  await auditEvent(db, ctx, {
    action: file.action,
    entity: file.entity,
    orgPath: file.orgPath,
    after: { filter: file.filter, rows: file.rows.length },
  });
  const filename = `${file.name}.xlsx`;
  return reply
    .header('content-type', XLSX_TYPE)
    .header(
      'content-disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .send(buffer);
}
