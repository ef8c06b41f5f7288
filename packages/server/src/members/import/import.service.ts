import { chinaToday } from '@gongjian/shared';
import { createHash } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { audited } from '../../db/audited.js';
import { type Db, type Queryable, queryRows } from '../../db/client.js';
import { members } from '../../db/schema.js';
import type { Actor } from '../../http/actor.js';
import type { AuditContext } from '../../db/audited.js';
import { conflict, invalid, notFound } from '../../http/errors.js';
import { pathInScope } from '../../http/scope.js';
import type { CreateMember } from '../members.schema.js';
import { memberValues } from '../members.service.js';
import { nameKeys } from '../pinyin.js';
import { BranchMatcher, type NamedOrg } from './branch-names.js';
import {
  findHeaderRow,
  guessMapping,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type ImportField,
  type Mapping,
  REQUIRED_FIELDS,
} from './headers.js';
import type { BranchesAnswer, ImportReport } from './import.schema.js';
import { type CheckedRow, checkRow, type OrgLookup, type RowProblem } from './rows.js';
import { MAX_ROWS, type Sheet, type SheetReader } from './sheet.js';
import { compareWithRecord, type ExistingMember, type MemberUpdate } from './updates.js';

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

/** The user's choices on the 所在支部 step: a value as the sheet writes it → the organisation it means. */
export type OrgMap = Record<string, number>;

/**
 * The target subtree's organisations for the 所在支部 column (by exact name, then by short name: branch-names.ts),
 * the user's own choices first, and a fingerprint of everything the answers depend on (every id, parent and name
 * of the subtree and its ancestors, and the choices): the same fingerprint, the same answers. A chosen organisation
 * must lie in the subtree: outside the scope it is a 404, inside the scope but elsewhere a 400.
 */
async function orgLookup(db: Queryable, actor: Actor, orgId: number, orgMap: OrgMap = {}) {
  const [root] = await queryRows<{ path: string }>(
    db,
    sql`select path::text as path from organizations o where o.id = ${orgId} and ${pathInScope(actor, sql`o.path`)}`,
  );
  if (!root) throw notFound('组织');
  // The ancestors' names too: "和平社区" is dropped from "和平社区第一党支部" because a committee above is named so.
  // They are only compared, never shown.
  const orgs = await queryRows<NamedOrg & { type: string; inside: boolean }>(
    db,
    sql`select id::int as id, parent_id::int as "parentId", name, type, path <@ ${root.path}::ltree as inside
          from organizations where path <@ ${root.path}::ltree or path @> ${root.path}::ltree order by path`,
  );
  const subtree = orgs.filter((o) => o.inside);
  const byId = new Map(subtree.map((o) => [o.id, o]));
  const chosen = new Map<string, { id: number; name: string }>();
  for (const [value, id] of Object.entries(orgMap)) {
    const org = byId.get(id);
    if (!org) {
      const [visible] = await queryRows<{ name: string }>(
        db,
        sql`select name from organizations o where o.id = ${id} and ${pathInScope(actor, sql`o.path`)}`,
      );
      if (!visible) throw notFound('组织');
      throw invalid('orgMap', `“${value}”对应的“${visible.name}”不在所选组织之下`);
    }
    chosen.set(value.trim(), org);
  }
  const matcher = new BranchMatcher(orgs, (o) => byId.has(o.id));
  const fingerprint = createHash('sha256');
  for (const org of orgs) fingerprint.update(`${org.id}\t${org.parentId}\t${org.name}\t${org.inside}\n`);
  fingerprint.update(JSON.stringify([...chosen].map(([value, org]) => [value, org.id])));
  const findOrg: OrgLookup = (name: string) => {
    const picked = chosen.get(name.trim());
    if (picked) return picked;
    const found = matcher.match(name);
    if (found.kind === 'exact' || found.kind === 'short') return found.org;
    if (found.kind === 'ambiguous') return { ambiguous: found.candidates.map((c) => c.name) };
    return undefined;
  };
  return { findOrg, matcher, chosen, subtree, rootPath: root.path, fingerprint: fingerprint.digest('hex') };
}

type Checked = {
  rows: CheckedRow[];
  /** Rows whose ID number is already on the roster inside the scope. */
  existing: Set<number>;
  /** With `update`: the rows of members already on the roster whose record the roster changes, and how. */
  updates: MemberUpdate[];
  /** With `update`: rows of members already on the roster that say what their record says. */
  unchanged: number;
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

type CheckInput = {
  file: Buffer;
  orgId: number;
  mapping?: Mapping;
  headerRow?: number;
  orgMap?: OrgMap;
  /** Update the members already on the roster (matched by ID number) instead of skipping them. */
  update?: boolean;
};

/** Reports how far a long import has come: rows checked, then rows written. */
export type ImportProgress = (progress: { phase: 'check' | 'write'; done: number; total: number }) => void;

/** What the import compares of a member already on the roster (`updates.ts`), and where they are. */
type Holder = ExistingMember & { id_number: string; visible: boolean; inside: boolean; left_on: string | null };

/**
 * Checks the sheet's rows; `parsed` is the file read (before any transaction: a read may wait for its turn).
 * `lock`: inside the import's transaction, the records a re-import updates are locked as they are read.
 */
async function checkAll(
  db: Queryable,
  actor: Actor,
  input: CheckInput,
  { headerIndex, headers, data, memo }: Parsed,
  onProgress?: ImportProgress,
  lock = false,
) {
  const mapping = input.mapping ?? guessMapping(headers);
  checkMapping(mapping, headers);
  const { findOrg, fingerprint, subtree, rootPath } = await orgLookup(db, actor, input.orgId, input.orgMap);
  const ctx = { defaultOrgId: input.orgId, findOrg, today: chinaToday() };
  // Already on the platform? One lookup for the whole sheet, the ID numbers as one JSON array. It is sent before
  // the rows are checked, so that the database answers while they are: every ID cell as the row check
  // normalises it (no blanks, upper case), valid or not. A re-import also reads what it compares, for the members
  // inside the scope only.
  const idIndex = mapping.idNumber as number;
  const ids = new Set(data.map((d) => (d.cells[idIndex] ?? '').replace(/\s+/g, '').toUpperCase()).filter(Boolean));
  const visible = pathInScope(actor, sql`o.path`);
  const lookup = await sendNow(
    input.update
      ? queryRows<Holder>(
          db,
          sql`select m.id_number, ${visible} as visible,
                     case when ${visible} then m.id::int end as id,
                     case when ${visible} then o.path <@ ${rootPath}::ltree else false end as inside,
                     case when ${visible} then m.left_on::text end as left_on,
                     case when ${visible} then m.name end as name,
                     case when ${visible} then m.gender end as gender,
                     case when ${visible} then m.ethnicity end as ethnicity,
                     case when ${visible} then m.phone end as phone,
                     case when ${visible} then m.education end as education,
                     case when ${visible} then m.joined_on::text end as joined_on,
                     case when ${visible} then m.full_member_on::text end as full_member_on,
                     case when ${visible} then m.status end as status,
                     case when ${visible} then m.category end as category,
                     case when ${visible} then m.management_mode end as management_mode,
                     case when ${visible} then m.residence end as residence,
                     case when ${visible} then m.employer end as employer,
                     case when ${visible} then m.tags end as tags,
                     case when ${visible} then m.org_id::int end as org_id,
                     case when ${visible} then o.name end as org_name
                from jsonb_array_elements_text(${JSON.stringify([...ids])}::jsonb) x(id_number)
                join members m on m.id_number = x.id_number
                join organizations o on o.id = m.org_id
                ${lock ? sql`for update of m` : sql``}`,
        )
      : queryRows<Pick<Holder, 'id_number' | 'visible'>>(
          db,
          sql`select m.id_number, ${visible} as visible
                from jsonb_array_elements_text(${JSON.stringify([...ids])}::jsonb) x(id_number)
                join members m on m.id_number = x.id_number
                join organizations o on o.id = m.org_id`,
        ),
  );
  const idColumn = headers[mapping.idNumber as number] || '身份证号';
  // The rows' own checks depend on the cells, the mapping, the target's organisations (by id and name, with the
  // user's choices of 所在支部) and the date, nothing else: the import request after a check of the same file finds
  // them kept with the file and does not run them again (~1.5 s at 100,000 rows); any change to the subtree's
  // organisations runs them anew. What the database says about the ID numbers is asked every time, below. The
  // kept array is copied, never changed: the steps below replace rows, they do not modify them.
  const key = JSON.stringify(['rows', headerIndex, mapping, input.orgId, ctx.today, fingerprint]);
  const rows = memo<readonly CheckedRow[]>(key, () => {
    const checked = data.map((r) => checkRow(r.cells, r.row, mapping, headers, ctx));
    // The same person twice in one sheet.
    const seen = new Map<string, number>();
    for (let i = 0; i < checked.length; i++) {
      const r = checked[i] as CheckedRow;
      const member = r.ok ? r.member : r.pending?.member;
      if (!member) continue;
      const first = seen.get(member.idNumber);
      if (first !== undefined) {
        checked[i] = {
          row: r.row,
          ok: false,
          problems: [{ row: r.row, column: idColumn, message: `与第${first}行身份证号重复` }],
        };
      } else seen.set(member.idNumber, r.row);
    }
    return checked;
  }).slice();

  // Already on the platform: inside the scope it is a re-import (skipped, or compared and updated); elsewhere it
  // is someone else's member, and the row says no more than that.
  onProgress?.({ phase: 'check', done: 0, total: rows.length });
  const existing = new Set<number>();
  const updates: MemberUpdate[] = [];
  let unchanged = 0;
  // With `update`, a row that failed only the profile's rules as a new member is tried against the record.
  const valid = rows.flatMap((r, index) =>
    r.ok ? [{ r, index }] : input.update && r.pending ? [{ r: { row: r.row, ...r.pending }, index }] : [],
  );
  const found = await lookup.result;
  const byId = new Map<string, Partial<Holder>>(found.map((f) => [f.id_number, f]));
  const orgNames = new Map(subtree.map((o) => [o.id, o.name]));
  const orgName = (id: number) => orgNames.get(id) ?? '';
  const refuse = (index: number, row: number, problems: { column: string; message: string }[]) => {
    rows[index] = { row, ok: false, problems: problems.map((p) => ({ row, ...p })) };
  };
  for (const { r, index } of valid) {
    const holder = byId.get(r.member.idNumber);
    // A new member (a pending row stays refused for what it lacks).
    if (!holder) continue;
    if (holder.visible === false) {
      refuse(index, r.row, [{ column: idColumn, message: '该身份证号已在平台其他组织登记，需办理组织关系转接' }]);
      continue;
    }
    if (!input.update) {
      existing.add(r.row);
      continue;
    }
    if (holder.left_on) {
      refuse(index, r.row, [
        {
          column: idColumn,
          message: `${holder.name}已于${holder.left_on}转出平台，导入不能更新；如已转回，请通过“登记转入”办理`,
        },
      ]);
      continue;
    }
    if (!holder.inside) {
      refuse(index, r.row, [
        {
          column: idColumn,
          message: `${holder.name}在册于“${holder.org_name}”，不在所选组织之下，请选择其上级组织导入`,
        },
      ]);
      continue;
    }
    const outcome = compareWithRecord(holder as Holder, r, orgName, ctx.today);
    if (outcome.kind === 'refused') {
      const column = (field: ImportField) =>
        mapping[field] === undefined
          ? IMPORT_FIELD_LABELS[field]
          : headers[mapping[field]] || IMPORT_FIELD_LABELS[field];
      refuse(
        index,
        r.row,
        outcome.problems.map((p) => ({ column: column(p.field), message: `与已有档案合并后：${p.message}` })),
      );
      continue;
    }
    // A pending row now passes: as an update of the record.
    if (!rows[index]?.ok) rows[index] = { ...r, ok: true };
    existing.add(r.row);
    if (outcome.kind === 'unchanged') unchanged += 1;
    else updates.push(outcome.update);
  }
  onProgress?.({ phase: 'check', done: rows.length, total: rows.length });
  return { rows, existing, updates, unchanged, headers, data, mapping } satisfies Checked;
}

/** Changes listed in a report; the digest covers all of them. */
const CHANGES_LIMIT = 1000;

/** The digest of what a re-import would change: the page sends back the one it showed, and nothing else is written. */
function previewDigest(updates: readonly MemberUpdate[]): string {
  const hash = createHash('sha256');
  for (const u of updates) hash.update(JSON.stringify([u.row, u.memberId, u.raw]));
  return hash.digest('hex');
}

function reportOf(checked: Checked): ImportReport {
  const problems: RowProblem[] = checked.rows.flatMap((r) => (r.ok ? [] : r.problems));
  const invalidRows = checked.rows.filter((r) => !r.ok).length;
  return {
    total: checked.rows.length,
    valid: checked.rows.length - invalidRows - checked.existing.size,
    existing: checked.existing.size,
    updated: checked.updates.length,
    unchanged: checked.unchanged,
    invalid: invalidRows,
    problems: problems.slice(0, REPORT_LIMIT),
    problemsTruncated: problems.length > REPORT_LIMIT,
    changes: checked.updates
      .slice(0, CHANGES_LIMIT)
      .map(({ row, memberId, name, changes }) => ({ row, memberId, name, changes })),
    changesTruncated: checked.updates.length > CHANGES_LIMIT,
    previewDigest: checked.updates.length ? previewDigest(checked.updates) : null,
  };
}

export async function checkImport(db: Db, sheets: SheetReader, actor: Actor, input: CheckInput) {
  const parsed = await parse(sheets, input.file, input.headerRow);
  return reportOf(await checkAll(db, actor, input, parsed));
}

/** Distinct 所在支部 values kept in the answer; a roster has a handful, a wrong column thousands. */
const BRANCH_VALUES_LIMIT = 500;
/** Organisations of the subtree offered to choose from. */
const BRANCH_ORGS_LIMIT = 5000;

/**
 * The 所在支部 step: each distinct value of the column (in the sheet's order, with how many rows carry it) and the
 * organisation it resolves to — the user's choice, an exact or a short name, several, or none — with the subtree's
 * organisations to choose from.
 */
export async function importBranches(
  db: Db,
  sheets: SheetReader,
  actor: Actor,
  input: CheckInput,
): Promise<BranchesAnswer> {
  const { headers, data } = await parse(sheets, input.file, input.headerRow);
  const mapping = input.mapping ?? guessMapping(headers);
  checkMapping(mapping, headers);
  const { matcher, chosen, subtree } = await orgLookup(db, actor, input.orgId, input.orgMap);
  const counts = new Map<string, number>();
  const column = mapping.orgName;
  if (column !== undefined) {
    for (const { cells } of data) {
      const value = (cells[column] ?? '').trim();
      if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  const values = [...counts].slice(0, BRANCH_VALUES_LIMIT).map(([value, rows]) => {
    const picked = chosen.get(value);
    if (picked)
      return { value, rows, match: 'chosen' as const, orgId: picked.id, orgName: picked.name, candidates: [] };
    const found = matcher.match(value);
    if (found.kind === 'exact' || found.kind === 'short') {
      return { value, rows, match: found.kind, orgId: found.org.id, orgName: found.org.name, candidates: [] };
    }
    const candidates = found.kind === 'ambiguous' ? found.candidates.map((c) => ({ id: c.id, name: c.name })) : [];
    return { value, rows, match: found.kind, orgId: null, orgName: null, candidates };
  });
  return {
    column: column === undefined ? null : headers[column] || IMPORT_FIELD_LABELS.orgName,
    branches: values,
    branchesTruncated: counts.size > BRANCH_VALUES_LIMIT,
    orgs: subtree.slice(0, BRANCH_ORGS_LIMIT).map((o) => ({
      id: o.id,
      parentId: o.id === input.orgId ? null : o.parentId,
      name: o.name,
      type: o.type,
      initials: nameKeys(o.name).nameInitials,
    })),
    orgsTruncated: subtree.length > BRANCH_ORGS_LIMIT,
  };
}

/**
 * Writes the checked rows in one transaction: all of them or nothing (mode "all"), or only the valid ones
 * (mode "valid"). Members already on the roster are skipped, so importing the same sheet twice changes nothing;
 * with `update` their records take what the roster changes (the preview's digest, when sent, must still be the
 * same: otherwise 409 and nothing is written).
 */
export async function runImport(
  db: Db,
  sheets: SheetReader,
  actor: Actor,
  ctx: AuditContext,
  input: CheckInput & { mode: 'all' | 'valid'; previewDigest?: string },
  onProgress?: ImportProgress,
) {
  const parsed = await parse(sheets, input.file, input.headerRow);
  return audited(db, ctx, 'member.import', async (tx) => {
    const checked = await checkAll(tx, actor, input, parsed, onProgress, true);
    const report = reportOf(checked);
    if (input.mode === 'all' && report.invalid > 0) {
      return { ...report, imported: 0, skipped: report.total, updated: 0 };
    }
    if (input.update && input.previewDigest !== undefined && input.previewDigest !== (report.previewDigest ?? '')) {
      throw conflict('名册中已有党员的档案在预览后有了变化，请重新检查并确认更新内容后再导入');
    }
    const toInsert = checked.rows.filter(
      (r): r is Extract<CheckedRow, { ok: true }> => r.ok && !checked.existing.has(r.row),
    );
    const imported = await writeMembers(tx, toInsert, onProgress);
    const updated = await writeUpdates(tx, checked.updates);
    return { ...report, imported, updated, skipped: report.total - imported - updated };
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
 * Stages the members' values in a temporary table `table` (`n`: the row's key, then every column memberValues
 * gives), chunk by chunk: each column of a chunk travels as one array literal, unnested on the server, which keeps
 * every message small and costs the server no JSON. Returns the staged columns.
 */
async function stageMembers(
  tx: Queryable,
  table: string,
  input: { key: number; member: CreateMember; birthDate: string | null }[],
  onProgress?: ImportProgress,
) {
  const total = input.length;
  const columns = getTableColumns(members);
  const keys = Object.keys(memberValues((input[0] as (typeof input)[number]).member)) as (keyof MemberValues)[];
  const staged = keys.map((k) => {
    const column = columns[k];
    const type = column.getSQLType();
    const isArray = type.endsWith('[]');
    // Array columns are staged as the text of their literal, cast back in the final statement.
    return { key: k, name: `"${column.name}"`, type: isArray ? 'text' : type, isArray, sqlType: type };
  });
  await tx.execute(
    sql.raw(
      `create temp table ${table} (n bigint, ${staged.map((c) => `${c.name} ${c.type}`).join(', ')}) on commit drop`,
    ),
  );
  // Each chunk's values (pinyin keys and all) are computed while the server stores the chunk before it.
  let previous: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < total; i += STAGE_CHUNK) {
    const slice = input.slice(i, i + STAGE_CHUNK);
    const chunk = slice.map((r) => memberValues(r.member, r.birthDate));
    const arrays = [
      sql`${arrayLiteral(slice.map((r) => r.key))}::bigint[]`,
      ...staged.map(
        (c) =>
          sql`${arrayLiteral(chunk.map((v) => (c.isArray ? arrayLiteral(v[c.key] as unknown[]) : v[c.key])))}::${sql.raw(c.type)}[]`,
      ),
    ];
    await previous;
    onProgress?.({ phase: 'write', done: i, total });
    previous = (
      await sendNow(tx.execute(sql`insert into ${sql.raw(table)} select * from unnest(${sql.join(arrays, sql`, `)})`))
    ).result;
  }
  await previous;
  // The row count for the planner (a sample of one column: the statement filters on none, and the statistics of
  // all 20 cost ~0.45 s at 100,000 rows); no JIT for a plan whose every row runs triggers (compiling cost ~0.3 s).
  await tx.execute(sql.raw(`analyze ${table} (n)`));
  await tx.execute(sql`set local jit = off`);
  return staged;
}

/**
 * Inserts the members and their first history rows in one statement, so that the statement-level rollup,
 * figures and audit triggers run once for the whole import (one audit row per member and per history row,
 * written set-based). Returns how many members were written (an ID number taken meanwhile is skipped).
 */
async function writeMembers(
  tx: Queryable,
  input: { member: CreateMember; birthDate: string | null }[],
  onProgress?: ImportProgress,
): Promise<number> {
  const total = input.length;
  onProgress?.({ phase: 'write', done: 0, total });
  if (total === 0) return 0;
  const staged = await stageMembers(
    tx,
    'member_import',
    input.map((r, key) => ({ key, member: r.member, birthDate: r.birthDate })),
    onProgress,
  );
  onProgress?.({ phase: 'write', done: total, total });
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

/** Columns a re-import never rewrites: the key it matched by, and what follows from it. */
const KEPT_ON_UPDATE = new Set<string>(['idNumber', 'birthDate']);

/**
 * Writes what a re-import changes (the records were locked when read, in this transaction): the profiles in one
 * statement (an audit row per member, the rollups once), and for members the roster places elsewhere in the
 * subtree, their history as a move does it (the open row closed today, a new one opened). Returns how many.
 */
async function writeUpdates(tx: Queryable, updates: readonly MemberUpdate[]): Promise<number> {
  if (updates.length === 0) return 0;
  const staged = await stageMembers(
    tx,
    'member_update',
    updates.map((u) => ({ key: u.memberId, member: u.member, birthDate: null })),
  );
  const set = staged
    .filter((c) => !KEPT_ON_UPDATE.has(c.key))
    .map((c) => `${c.name} = ${c.isArray ? `u.${c.name}::${c.sqlType}` : `u.${c.name}`}`);
  await tx.execute(
    sql.raw(`update members m set ${set.join(', ')}, updated_at = now() from member_update u where m.id = u.n`),
  );
  await tx.execute(sql`drop table member_update`);
  const moved = updates.flatMap((u) => (u.movedTo ? [{ id: u.memberId, org: u.movedTo }] : []));
  if (moved.length > 0) {
    const today = chinaToday();
    const ids = JSON.stringify(moved.map((m) => m.id));
    await tx.execute(
      sql`update member_history set to_on = ${today}
           where member_id in (select value::bigint from jsonb_array_elements_text(${ids}::jsonb)) and to_on is null`,
    );
    await tx.execute(
      sql`insert into member_history (member_id, org_id, org_name, from_on, reason)
          select x.member_id, o.id, o.name, ${today}, '导入更新'
            from jsonb_to_recordset(${JSON.stringify(moved.map((m) => ({ member_id: m.id, org_id: m.org.id })))}::jsonb)
                 as x(member_id bigint, org_id bigint)
            join organizations o on o.id = x.org_id`,
    );
  }
  return updates.length;
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
