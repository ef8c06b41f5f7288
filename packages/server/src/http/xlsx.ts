import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetColumn<R> = { header: string; width: number; value: (row: R) => string | number };

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
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  void (async () => {
    try {
      for await (const rows of pages) {
        if (out.destroyed) return;
        for (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
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
