import { chinaToday } from '@gongjian/shared';
import { createHash } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { audited } from '../../db/audited.js';
import { type Db, type Queryable, queryRows } from '../../db/client.js';
import { members } from '../../db/schema.js';
import type { Actor } from '../../http/actor.js';
import type { AuditContext } from '../../db/audited.js';
import { invalid, notFound } from '../../http/errors.js';
import { pathInScope } from '../../http/scope.js';
import type { CreateMember } from '../members.schema.js';
import { memberValues } from '../members.service.js';
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
import { type CheckedRow, checkRow, type OrgLookup, type RowProblem } from './rows.js';
import { MAX_ROWS, type Sheet, type SheetReader } from './sheet.js';

const REPORT_LIMIT = 1000;

type Parsed = {
  headerIndex: number;
  headers: string[];
  data: { row: number; cells: string[] }[];
  memo: Sheet['memo'];
};

async function parse(sheets: SheetReader, buffer: Buffer, headerRow?: number): Promise<Parsed> {
  const { rows, memo } = await sheets.readOnce(buffer);
  const headerIndex = headerRow === undefined ? findHeaderRow(rows) : headerRow - 1;
  if (headerIndex >= rows.length) throw invalid('headerRow', '超出了表格的行数');
  if (headerIndex < 0) throw invalid('file', '没有找到表头行：前10行中应有“姓名”“身份证号”等列名');
  const headers = (rows[headerIndex] ?? []).map((h) => h.trim());
  const data = rows
    .slice(headerIndex + 1)
    .map((cells, i) => ({ row: headerIndex + 2 + i, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (data.length > MAX_ROWS) throw invalid('file', `一次最多导入${MAX_ROWS}行，请分成几个文件导入`);
  return { headerIndex, headers, data, memo };
}

export async function analyzeImport(sheets: SheetReader, buffer: Buffer) {
  const { headerIndex, headers, data } = await parse(sheets, buffer);
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

/**
 * Organisations of the target subtree by (normalised) name, for the 所在支部 column, and a fingerprint of the
 * list it was made from (every id and name): the same fingerprint, the same answers.
 */
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
  const fingerprint = createHash('sha256');
  for (const org of orgs) {
    const key = normaliseHeader(org.name);
    byName.set(key, [...(byName.get(key) ?? []), { id: org.id }]);
    fingerprint.update(`${org.id}\t${org.name}\n`);
  }
  const findOrg: OrgLookup = (name: string) => {
    const found = byName.get(normaliseHeader(name));
    if (!found) return undefined;
    return found.length > 1 ? 'ambiguous' : found[0];
  };
  return { findOrg, fingerprint: fingerprint.digest('hex') };
}

type Checked = {
  rows: CheckedRow[];
  /** Rows whose ID number is already on the roster inside the scope. */
  existing: Set<number>;
  headers: string[];
  data: Parsed['data'];
  mapping: Mapping;
};

/**
 * Starts a query and lets it go out to the database before a long stretch of synchronous work, so that the two
 * overlap: drizzle sends a query from a promise job, which would otherwise wait for that work to end. The query's
 * result is awaited later; a failure meanwhile does not count as unhandled (the await still throws it).
 */
async function sendNow<T>(query: PromiseLike<T>): Promise<{ result: Promise<T> }> {
  const result = Promise.resolve(query);
  result.catch(() => undefined);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { result };
}

type CheckInput = { file: Buffer; orgId: number; mapping?: Mapping; headerRow?: number };

/** Reports how far a long import has come: rows checked, then rows written. */
export type ImportProgress = (progress: { phase: 'check' | 'write'; done: number; total: number }) => void;

/** Checks the sheet's rows; `parsed` is the file read (before any transaction: a read may wait for its turn). */
async function checkAll(
  db: Queryable,
  actor: Actor,
  input: CheckInput,
  { headerIndex, headers, data, memo }: Parsed,
  onProgress?: ImportProgress,
) {
  const mapping = input.mapping ?? guessMapping(headers);
  checkMapping(mapping, headers);
  const { findOrg, fingerprint } = await orgLookup(db, actor, input.orgId);
  const ctx = { defaultOrgId: input.orgId, findOrg, today: chinaToday() };
  // Already on the platform? One lookup for the whole sheet, the ID numbers as one JSON array. It is sent before
  // the rows are checked, so that the database answers while they are: every ID cell as the row check
  // normalises it (no blanks, upper case), valid or not.
  const idIndex = mapping.idNumber as number;
  const ids = new Set(data.map((d) => (d.cells[idIndex] ?? '').replace(/\s+/g, '').toUpperCase()).filter(Boolean));
  const lookup = await sendNow(
    queryRows<{ id_number: string; visible: boolean }>(
      db,
      sql`select m.id_number, ${pathInScope(actor, sql`o.path`)} as visible
            from jsonb_array_elements_text(${JSON.stringify([...ids])}::jsonb) x(id_number)
            join members m on m.id_number = x.id_number
            join organizations o on o.id = m.org_id`,
    ),
  );
  const idColumn = headers[mapping.idNumber as number] || '身份证号';
  // The rows' own checks depend on the cells, the mapping, the target's organisations (by id and name) and the
  // date, nothing else: the import request after a check of the same file finds them kept with the file and
  // does not run them again (~1.5 s at 100,000 rows); any change to the subtree's organisations runs them
  // anew. What the database says about the ID numbers is asked every time, below. The kept array is copied,
  // never changed: the steps below replace rows, they do not modify them.
  const key = JSON.stringify(['rows', headerIndex, mapping, input.orgId, ctx.today, fingerprint]);
  const rows = memo<readonly CheckedRow[]>(key, () => {
    const checked = data.map((r) => checkRow(r.cells, r.row, mapping, headers, ctx));
    // The same person twice in one sheet.
    const seen = new Map<string, number>();
    for (let i = 0; i < checked.length; i++) {
      const r = checked[i] as CheckedRow;
      if (!r.ok) continue;
      const first = seen.get(r.member.idNumber);
      if (first !== undefined) {
        checked[i] = {
          row: r.row,
          ok: false,
          problems: [{ row: r.row, column: idColumn, message: `与第${first}行身份证号重复` }],
        };
      } else seen.set(r.member.idNumber, r.row);
    }
    return checked;
  }).slice();

  // Already on the platform: inside the scope it is a re-import (skipped); elsewhere it is someone else's member.
  onProgress?.({ phase: 'check', done: 0, total: rows.length });
  const existing = new Set<number>();
  const valid = rows.flatMap((r, index) => (r.ok ? [{ r, index }] : []));
  const found = await lookup.result;
  const byId = new Map(found.map((f) => [f.id_number, f.visible]));
  for (const { r, index } of valid) {
    const visible = byId.get(r.member.idNumber);
    if (visible === true) existing.add(r.row);
    else if (visible === false) {
      rows[index] = {
        row: r.row,
        ok: false,
        problems: [{ row: r.row, column: idColumn, message: '该身份证号已在平台其他组织登记，需办理组织关系转接' }],
      };
    }
  }
  onProgress?.({ phase: 'check', done: rows.length, total: rows.length });
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

export async function checkImport(db: Db, sheets: SheetReader, actor: Actor, input: CheckInput) {
  const parsed = await parse(sheets, input.file, input.headerRow);
  return reportOf(await checkAll(db, actor, input, parsed));
}

/**
 * Writes the checked rows in one transaction: all of them or nothing (mode "all"), or only the valid ones
 * (mode "valid"). Members already on the roster are skipped, so importing the same sheet twice changes nothing.
 */
export async function runImport(
  db: Db,
  sheets: SheetReader,
  actor: Actor,
  ctx: AuditContext,
  input: CheckInput & { mode: 'all' | 'valid' },
  onProgress?: ImportProgress,
) {
  const parsed = await parse(sheets, input.file, input.headerRow);
  return audited(db, ctx, 'member.import', async (tx) => {
    const checked = await checkAll(tx, actor, input, parsed, onProgress);
    const report = reportOf(checked);
    if (input.mode === 'all' && report.invalid > 0) {
      return { ...report, imported: 0, skipped: report.total };
    }
    const toInsert = checked.rows.filter(
      (r): r is Extract<CheckedRow, { ok: true }> => r.ok && !checked.existing.has(r.row),
    );
    const imported = await writeMembers(tx, toInsert, onProgress);
    return { ...report, imported, skipped: report.total - imported };
  });
}

const STAGE_CHUNK = 10_000;
type MemberValues = ReturnType<typeof memberValues>;

/** One element of a PostgreSQL array literal: NULL, a number, or a double-quoted string with `\` and `"` escaped. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  // Most text has neither character: testing first is ~3× faster than always replacing (2M values per import).
  return text.includes('"') || text.includes('\\') ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
}

/**
 * A PostgreSQL array literal ('{1,NULL,"张三"}') of the values: a whole column of a chunk travels as one text
 * parameter and is unnested on the server, the same on PostgreSQL and PGlite. An array value (tags) becomes the
 * literal of its own array (see writeMembers), quoted like any string, which the final INSERT casts back.
 */
function arrayLiteral(values: readonly unknown[]): string {
  // One join, not `+=` per value: a 10,000-piece concatenation is a deep rope that V8 flattens again when the
  // driver measures and encodes it (2–3× the time, ~0.7 s of a 100,000-row import).
  const elements = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) elements[i] = arrayElement(values[i]);
  return `{${elements.join(',')}}`;
}

/**
 * Inserts the members and their first history rows in one statement, so that the statement-level rollup,
 * figures and audit triggers run once for the whole import (one audit row per member and per history row,
 * written set-based). The rows reach the database column by column, as array literals of 10,000 values
 * unnested into a typed temporary table, which keeps every message small and costs the server no JSON.
 * Returns how many members were written (an ID number taken meanwhile is skipped).
 */
async function writeMembers(
  tx: Queryable,
  input: { member: CreateMember; birthDate: string | null }[],
  onProgress?: ImportProgress,
): Promise<number> {
  const total = input.length;
  onProgress?.({ phase: 'write', done: 0, total });
  if (total === 0) return 0;
  const columns = getTableColumns(members);
  const keys = Object.keys(memberValues((input[0] as (typeof input)[number]).member)) as (keyof MemberValues)[];
  const staged = keys.map((k) => {
    const column = columns[k];
    const type = column.getSQLType();
    const isArray = type.endsWith('[]');
    // Array columns are staged as the text of their literal, cast back in the final INSERT.
    return { key: k, name: `"${column.name}"`, type: isArray ? 'text' : type, isArray, sqlType: type };
  });
  await tx.execute(
    sql.raw(
      `create temp table member_import (n int, ${staged.map((c) => `${c.name} ${c.type}`).join(', ')}) on commit drop`,
    ),
  );
  // Each chunk's values (pinyin keys and all) are computed while the server stores the chunk before it.
  let previous: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < total; i += STAGE_CHUNK) {
    const chunk = input.slice(i, i + STAGE_CHUNK).map((r) => memberValues(r.member, r.birthDate));
    const arrays = [
      sql`${arrayLiteral(chunk.map((_, j) => i + j))}::int[]`,
      ...staged.map(
        (c) =>
          sql`${arrayLiteral(chunk.map((v) => (c.isArray ? arrayLiteral(v[c.key] as unknown[]) : v[c.key])))}::${sql.raw(c.type)}[]`,
      ),
    ];
    await previous;
    onProgress?.({ phase: 'write', done: i, total });
    previous = (
      await sendNow(tx.execute(sql`insert into member_import select * from unnest(${sql.join(arrays, sql`, `)})`))
    ).result;
  }
  await previous;
  onProgress?.({ phase: 'write', done: total, total });
  // The row count for the planner (a sample of one column: the statement filters on none, and the statistics of
  // all 20 cost ~0.45 s at 100,000 rows); no JIT for a plan whose every row runs triggers (compiling cost ~0.3 s).
  await tx.execute(sql`analyze member_import (n)`);
  await tx.execute(sql`set local jit = off`);
  const list = sql.raw(staged.map((c) => c.name).join(', '));
  const fromStage = sql.raw(staged.map((c) => (c.isArray ? `i.${c.name}::${c.sqlType}` : `i.${c.name}`)).join(', '));
  const [written] = await queryRows<{ n: number }>(
    tx,
    sql`with created as (
          insert into members (${list})
          select ${fromStage} from member_import i order by i.n
          on conflict (id_number) do nothing
          returning id, org_id
        ), history as (
          insert into member_history (member_id, org_id, org_name, from_on, reason)
          select c.id, c.org_id, o.name, ${chinaToday()}, '导入' from created c join organizations o on o.id = c.org_id
          returning 1
        )
        select count(*)::int as n from history`,
  );
  await tx.execute(sql`drop table member_import`);
  return written?.n ?? 0;
}

/** The rejected rows as .xlsx, under the sheet's own header plus a column saying what is wrong. */
export async function rejectedRows(db: Db, sheets: SheetReader, actor: Actor, input: CheckInput) {
  const checked = await checkAll(db, actor, input, await parse(sheets, input.file, input.headerRow));
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
