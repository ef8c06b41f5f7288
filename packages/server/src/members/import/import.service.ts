import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { audited } from '../../audit/audited.js';
import { type Db, type Queryable, queryRows } from '../../db/client.js';
import { memberHistory, members } from '../../db/schema.js';
import type { Actor, AuditContext } from '../../http/actor.js';
import { invalid, notFound } from '../../http/errors.js';
import { pathInScope } from '../../http/scope.js';
import { memberValues, today } from '../members.service.js';
import {
  findHeaderRow,
  guessMapping,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type Mapping,
  normaliseHeader,
  REQUIRED_FIELDS,
} from './headers.js';
import type { ImportReport } from './import.schema.js';
import { type CheckedRow, checkRow, type RowProblem } from './rows.js';
import { MAX_ROWS, readSheet } from './sheet.js';

const REPORT_LIMIT = 1000;

type Parsed = { headerIndex: number; headers: string[]; data: { row: number; cells: string[] }[] };

async function parse(buffer: Buffer, headerRow?: number): Promise<Parsed> {
  const rows = await readSheet(buffer);
  const headerIndex = headerRow === undefined ? findHeaderRow(rows) : headerRow - 1;
  if (headerIndex >= rows.length) throw invalid('headerRow', '超出了表格的行数');
  if (headerIndex < 0) throw invalid('file', '没有找到表头行：前10行中应有“姓名”“身份证号”等列名');
  const headers = (rows[headerIndex] ?? []).map((h) => h.trim());
  const data = rows
    .slice(headerIndex + 1)
    .map((cells, i) => ({ row: headerIndex + 2 + i, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (data.length > MAX_ROWS) throw invalid('file', `一次最多导入${MAX_ROWS}行，请分成几个文件导入`);
  return { headerIndex, headers, data };
}

export async function analyzeImport(buffer: Buffer) {
  const { headerIndex, headers, data } = await parse(buffer);
  return {
    headerRow: headerIndex + 1,
    headers,
    mapping: guessMapping(headers),
    fields: IMPORT_FIELDS.map((field) => ({
      field,
      label: IMPORT_FIELD_LABELS[field],
      required: REQUIRED_FIELDS.includes(field),
    })),
    rowCount: data.length,
    sample: data.slice(0, 5).map((r) => r.cells),
  };
}

function checkMapping(mapping: Mapping, headers: string[]): void {
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === undefined) throw invalid('mapping', `请指定“${IMPORT_FIELD_LABELS[field]}”对应的列`);
  }
  const used = new Map<number, string>();
  for (const [field, column] of Object.entries(mapping)) {
    if (column >= headers.length)
      throw invalid('mapping', `“${IMPORT_FIELD_LABELS[field as keyof Mapping]}”对应的列不存在`);
    const other = used.get(column);
    if (other)
      throw invalid(
        'mapping',
        `第${column + 1}列同时对应了“${other}”和“${IMPORT_FIELD_LABELS[field as keyof Mapping]}”`,
      );
    used.set(column, IMPORT_FIELD_LABELS[field as keyof Mapping]);
  }
}

/** Organisations of the target subtree by (normalised) name, for the 所在支部 column. */
async function orgLookup(db: Queryable, actor: Actor, orgId: number) {
  const [root] = await queryRows<{ path: string }>(
    db,
    sql`select path::text as path from organizations o where o.id = ${orgId} and ${pathInScope(actor, sql`o.path`)}`,
  );
  if (!root) throw notFound('组织');
  const orgs = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id::int as id, name from organizations where path <@ ${root.path}::ltree`,
  );
  const byName = new Map<string, { id: number }[]>();
  for (const org of orgs) {
    const key = normaliseHeader(org.name);
    byName.set(key, [...(byName.get(key) ?? []), { id: org.id }]);
  }
  return (name: string) => {
    const found = byName.get(normaliseHeader(name));
    if (!found) return undefined;
    return found.length > 1 ? ('ambiguous' as const) : found[0];
  };
}

type Checked = {
  rows: CheckedRow[];
  /** Rows whose ID number is already on the roster inside the scope. */
  existing: Set<number>;
  headers: string[];
  data: Parsed['data'];
  mapping: Mapping;
};

type CheckInput = { file: Buffer; orgId: number; mapping?: Mapping; headerRow?: number };

/** Reports how far a long import has come: rows checked, then rows written. */
export type ImportProgress = (progress: { phase: 'check' | 'write'; done: number; total: number }) => void;

async function checkAll(db: Queryable, actor: Actor, input: CheckInput, onProgress?: ImportProgress) {
  const { headers, data } = await parse(input.file, input.headerRow);
  const mapping = input.mapping ?? guessMapping(headers);
  checkMapping(mapping, headers);
  const findOrg = await orgLookup(db, actor, input.orgId);
  const ctx = { defaultOrgId: input.orgId, findOrg, today: today() };
  const rows = data.map((r) => checkRow(r.cells, r.row, mapping, headers, ctx));

  // The same person twice in one sheet.
  const seen = new Map<string, number>();
  const idColumn = headers[mapping.idNumber as number] || '身份证号';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as CheckedRow;
    if (!r.ok) continue;
    const first = seen.get(r.member.idNumber);
    if (first !== undefined) {
      rows[i] = {
        row: r.row,
        ok: false,
        problems: [{ row: r.row, column: idColumn, message: `与第${first}行身份证号重复` }],
      };
    } else seen.set(r.member.idNumber, r.row);
  }

  // Already on the platform: inside the scope it is a re-import (skipped); elsewhere it is someone else's member.
  const existing = new Set<number>();
  const valid = rows.filter((r): r is Extract<CheckedRow, { ok: true }> => r.ok);
  for (let i = 0; i < valid.length; i += 1000) {
    onProgress?.({ phase: 'check', done: i, total: valid.length });
    const batch = valid.slice(i, i + 1000);
    const found = await queryRows<{ id_number: string; visible: boolean }>(
      db,
      sql`select m.id_number, ${pathInScope(actor, sql`o.path`)} as visible from members m
            join organizations o on o.id = m.org_id
           where m.id_number in ${batch.map((r) => r.member.idNumber)}`,
    );
    const byId = new Map(found.map((f) => [f.id_number, f.visible]));
    for (const r of batch) {
      const visible = byId.get(r.member.idNumber);
      if (visible === true) existing.add(r.row);
      else if (visible === false) {
        const index = rows.indexOf(r);
        rows[index] = {
          row: r.row,
          ok: false,
          problems: [{ row: r.row, column: idColumn, message: '该身份证号已在平台其他组织登记，需办理组织关系转接' }],
        };
      }
    }
  }
  return { rows, existing, headers, data, mapping } satisfies Checked;
}

function reportOf(checked: Checked): ImportReport {
  const problems: RowProblem[] = checked.rows.flatMap((r) => (r.ok ? [] : r.problems));
  const invalidRows = checked.rows.filter((r) => !r.ok).length;
  return {
    total: checked.rows.length,
    valid: checked.rows.length - invalidRows - checked.existing.size,
    existing: checked.existing.size,
    invalid: invalidRows,
    problems: problems.slice(0, REPORT_LIMIT),
    problemsTruncated: problems.length > REPORT_LIMIT,
  };
}

export async function checkImport(db: Db, actor: Actor, input: CheckInput) {
  return reportOf(await checkAll(db, actor, input));
}

/**
 * Writes the checked rows in one transaction: all of them or nothing (mode "all"), or only the valid ones
 * (mode "valid"). Members already on the roster are skipped, so importing the same sheet twice changes nothing.
 */
export async function runImport(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: CheckInput & { mode: 'all' | 'valid' },
  onProgress?: ImportProgress,
) {
  return audited(db, ctx, 'member.import', async (tx) => {
    const checked = await checkAll(tx, actor, input, onProgress);
    const report = reportOf(checked);
    if (input.mode === 'all' && report.invalid > 0) {
      return { ...report, imported: 0, skipped: report.total };
    }
    const toInsert = checked.rows.filter(
      (r): r is Extract<CheckedRow, { ok: true }> => r.ok && !checked.existing.has(r.row),
    );
    const orgNames = new Map(
      (
        await queryRows<{ id: number; name: string }>(
          tx,
          sql`select id::int as id, name from organizations where id in ${[...new Set([input.orgId, ...toInsert.map((r) => r.member.orgId)])]}`,
        )
      ).map((o) => [o.id, o.name]),
    );
    let imported = 0;
    const on = today();
    for (let i = 0; i < toInsert.length; i += 500) {
      onProgress?.({ phase: 'write', done: i, total: toInsert.length });
      const batch = toInsert.slice(i, i + 500);
      const created = await tx
        .insert(members)
        .values(batch.map((r) => memberValues(r.member)))
        .onConflictDoNothing({ target: members.idNumber })
        .returning({ id: members.id, orgId: members.orgId });
      if (created.length) {
        await tx.insert(memberHistory).values(
          created.map((m) => ({
            memberId: m.id,
            orgId: m.orgId,
            orgName: orgNames.get(m.orgId) ?? '',
            fromOn: on,
            reason: '导入',
          })),
        );
      }
      imported += created.length;
    }
    onProgress?.({ phase: 'write', done: toInsert.length, total: toInsert.length });
    return { ...report, imported, skipped: report.total - imported };
  });
}

/** The rejected rows as .xlsx, under the sheet's own header plus a column saying what is wrong. */
export async function rejectedRows(db: Db, actor: Actor, input: CheckInput) {
  const checked = await checkAll(db, actor, input);
  const cellsByRow = new Map(checked.data.map((d) => [d.row, d.cells]));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('未通过的行');
  sheet.addRow([...checked.headers, '问题']);
  for (const r of checked.rows) {
    if (r.ok) continue;
    const cells = cellsByRow.get(r.row) ?? [];
    const padded = checked.headers.map((_, i) => cells[i] ?? '');
    sheet.addRow([...padded, r.problems.map((p) => `${p.column}：${p.message}`).join('；')]);
  }
  // Keep ID numbers and dates as text so Excel does not turn them into numbers on the way back.
  sheet.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
