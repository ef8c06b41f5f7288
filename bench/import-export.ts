// The two file measurements of issue 5, through the real HTTP API as the bench user: importing a roster
// .xlsx (the import page's three requests: analyze, check, import) and exporting the member list.
// Each reports seconds and the app's peak resident memory during that measurement, and beside it a reference
// for the same rows that no app can beat by much: the import against a raw COPY FROM into `members` (its
// indexes and triggers as they are), the export against COPY TO plus exceljs writing the same sheet.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { MANAGEMENT_MODE_LABELS, MEMBER_CATEGORY_LABELS } from '@gongjian/shared';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { EXPORT_COLUMNS } from '../packages/server/src/members/members.export.js';
import { entryStream, zipEntries } from '../packages/server/src/members/import/zip.js';
import type { MemberRow } from '../packages/server/src/members/members.repo.js';
import { createRandom, randomCategory, randomName, randomPhone } from '../packages/server/src/seed/random.js';
import { idNumberOf } from './data.js';

export type Session = { baseUrl: string; cookie: string; pid: number | undefined };
/** SQL on the bench database. */
export type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/** The process's peak resident memory so far (VmHWM), in MiB; Linux only. */
export function peakMemoryMiB(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return (kb / 1024).toFixed(0);
  } catch {
    return '?';
  }
}

function currentMemoryMiB(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return (Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024).toFixed(0);
  } catch {
    return '?';
  }
}

/** Starts the peak over from the current RSS (`5` to clear_refs), so each measurement shows its own peak. */
function resetPeakMemory(pid: number | undefined): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const ROSTER_HEADERS = [
  '序号',
  '姓名',
  '性别',
  '民族',
  '身份证号',
  '联系电话',
  '学历',
  '入党时间',
  '转正时间',
  '党员状态',
  '党员类别',
  '管理方式',
  '所在支部',
  '居住楼院',
  '工作单位',
  '特长兴趣',
];
const EDUCATION = ['大学本科', '大专', '高中', '研究生', '中专', '初中'];
const EMPLOYERS = ['市第一中学', '云岭市人民医院', '青石街道办事处', '云岭电力公司', '个体经营', ''];
const TAGS = ['书法', '摄影', '志愿服务', '文艺', '法律咨询', '理论宣讲', ''];
const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Writes a roster as a community would keep it (a title row, the usual columns, dates as Excel dates, ID
 * numbers as text) with `count` members whose ID numbers are `idNumberOf(firstIndex…)`: not yet on the
 * platform when `firstIndex` is past the loaded members. Members go to the given branches by name.
 */
export async function writeRoster(file: string, count: number, firstIndex: number, branchNames: string[]) {
  const r = createRandom(11);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const sheet = workbook.addWorksheet('党员花名册');
  sheet.addRow(['云岭市党员花名册（压测）']).commit();
  sheet.addRow(ROSTER_HEADERS).commit();
  for (let i = 0; i < count; i++) {
    const { idNumber, gender, birth } = idNumberOf(firstIndex + i);
    const joinYear = Math.min(2024, Number(birth.slice(0, 4)) + r.int(19, 45));
    const joinedOn = `${joinYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const fullOn = `${joinYear + 1}${joinedOn.slice(4)}`;
    sheet
      .addRow([
        i + 1,
        randomName(r),
        gender === 'male' ? '男' : '女',
        r.next() < 0.9 ? '汉族' : '回族',
        idNumber,
        randomPhone(r),
        r.pick(EDUCATION),
        utcDate(joinedOn),
        utcDate(fullOn),
        '正式党员',
        MEMBER_CATEGORY_LABELS[randomCategory(r)],
        MANAGEMENT_MODE_LABELS[r.next() < 0.85 ? 'direct' : 'dual'],
        branchNames[i % branchNames.length],
        `${r.int(1, 30)}号楼${r.int(1, 4)}单元${r.int(1, 6)}0${r.int(1, 4)}`,
        r.pick(EMPLOYERS),
        r.pick(TAGS),
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

export type ImportMeasure = {
  rows: number;
  bytes: number;
  analyze: number;
  check: number;
  write: number;
  /** Within the import request, from its progress lines: up to the rows checked, the rows staged, the rest. */
  phases: { check: number; stage: number; store: number } | undefined;
  imported: number;
  rssBeforeMiB: string;
  peakMiB: string;
  /** The same rows again by `COPY members FROM STDIN`, in a transaction of its own (commit included). */
  reference: { copySeconds: number; rows: number };
};

type Upload = {
  body: Record<string, unknown>;
  seconds: number;
  lines: { at: number; line: Record<string, unknown> }[];
};

async function upload(
  session: Session,
  route: string,
  fields: Record<string, string>,
  file: Blob,
  ndjson = false,
): Promise<Upload> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, 'roster.xlsx');
  const started = Date.now();
  const res = await fetch(`${session.baseUrl}${route}`, {
    method: 'POST',
    headers: { cookie: session.cookie, ...(ndjson ? { accept: 'application/x-ndjson' } : {}) },
    body: form,
  });
  // NDJSON lines are timed as they arrive (seconds since the request was sent).
  const lines: Upload['lines'] = [];
  let text = '';
  let pending = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body ?? []) {
    const piece = decoder.decode(chunk as Uint8Array, { stream: true });
    text += piece;
    if (!ndjson) continue;
    const parts = (pending + piece).split('\n');
    pending = parts.pop() ?? '';
    const at = (Date.now() - started) / 1000;
    for (const part of parts) if (part.trim()) lines.push({ at, line: JSON.parse(part) as Record<string, unknown> });
  }
  text += decoder.decode();
  const seconds = (Date.now() - started) / 1000;
  if (res.status !== 200) throw new Error(`${route} answered ${res.status}: ${text.slice(0, 500)}`);
  const body = ndjson
    ? (JSON.parse(text.trim().split('\n').at(-1) as string) as Record<string, unknown>)
    : JSON.parse(text);
  return { body, seconds, lines };
}

/** The import request's phases from its progress lines: rows checked (last check line), rows staged (last write line). */
function phasesOf(upload: Upload): ImportMeasure['phases'] {
  const last = (phase: string) =>
    upload.lines.findLast((l) => (l.line.progress as { phase?: string } | undefined)?.phase === phase)?.at;
  const checked = last('check');
  const staged = last('write');
  if (checked === undefined || staged === undefined) return undefined;
  return { check: checked, stage: staged - checked, store: upload.seconds - staged };
}

/**
 * Imports `rows` new members into the whole city (the bench user's root), placed in branches by the
 * 所在支部 column: the page's analyze → check → import (mode all, NDJSON progress), all timed.
 */
export type ImportPlan = {
  firstIndex: number;
  branches: string[];
  rootId: number;
  /** The highest member id before the import: the members above it are the import's. */
  lastMemberId: number;
};

/** Where the roster's members go and which ID numbers they get: read before the servers start. */
export async function planImport(query: Query): Promise<ImportPlan> {
  const [last] = await query<{ id: number }>('select coalesce(max(id), 0)::int as id from members');
  const branches = await query<{ name: string }>(
    `select name from organizations where type = 'branch' order by id limit 2000`,
  );
  const [root] = await query<{ id: number }>('select id::int from organizations where parent_id is null');
  const lastMemberId = last?.id as number;
  return {
    // Past every ID number on the platform, including an earlier run's import.
    firstIndex: lastMemberId + 1_000_000,
    branches: branches.map((b) => b.name),
    rootId: root?.id as number,
    lastMemberId,
  };
}

/** The import, with the request's phases from the times its progress lines arrive, then its reference. */
export async function measureImport(
  session: Session,
  rows: number,
  plan: ImportPlan,
  databaseUrl: string,
): Promise<ImportMeasure> {
  const { firstIndex, branches, rootId } = plan;
  const file = path.join(os.tmpdir(), `gongjian-bench-roster-${process.pid}.xlsx`);
  await writeRoster(file, rows, firstIndex, branches);
  const bytes = readFileSync(file);
  rmSync(file);
  const blob = new Blob([bytes]);

  const rssBeforeMiB = currentMemoryMiB(session.pid);
  resetPeakMemory(session.pid);
  const analyzed = await upload(session, '/api/member-imports/analyze', {}, blob);
  const fields = {
    orgId: String(rootId),
    headerRow: String(analyzed.body.headerRow),
    mapping: JSON.stringify(analyzed.body.mapping),
  };
  const checked = await upload(session, '/api/member-imports/check', fields, blob);
  if (checked.body.invalid !== 0) throw new Error(`import check: ${JSON.stringify(checked.body).slice(0, 500)}`);
  const written = await upload(session, '/api/member-imports', { ...fields, mode: 'all' }, blob, true);
  const result = written.body.result as { imported: number } | undefined;
  if (!result) throw new Error(`import: ${JSON.stringify(written.body)}`);
  const peakMiB = peakMemoryMiB(session.pid);
  const reference = await copyImportedAgain(databaseUrl, plan, result.imported);
  return {
    rows,
    bytes: bytes.length,
    analyze: analyzed.seconds,
    check: checked.seconds,
    write: written.seconds,
    phases: phasesOf(written),
    imported: result.imported,
    rssBeforeMiB,
    peakMiB,
    reference,
  };
}

/**
 * The columns the import writes (writeMembers: memberValues and the name keys), and `id`, so that the rows come
 * back under their own ids and their history rows can be put back after them. COPY takes a given value even for
 * an identity column declared GENERATED ALWAYS.
 */
const IMPORTED_COLUMNS =
  'id, org_id, name, gender, ethnicity, id_number, birth_date, phone, education, joined_on, full_member_on, status, category, management_mode, residence, employer, tags, name_pinyin, name_initials, sort_key';

/** The audit context the audit triggers demand of every change (as audited() sets it), for this transaction. */
const AUDIT_CONTEXT = `select set_config('gongjian.actor_id', '', true), set_config('gongjian.actor_name', 'bench', true),
  set_config('gongjian.action', 'bench.reference', true), set_config('gongjian.ip', '', true)`;

/** The rollup counters and figures at the root: a delete and a COPY back of the same members leave them as they were. */
const ROOT_COUNTERS = `select o.full_members, o.probationary_members,
    (select jsonb_object_agg(f.metric, f.n order by f.metric) from org_figures f where f.org_id = o.id) as figures
  from organizations o where o.id = $1`;

async function copyOut(client: pg.Client, select: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(copyTo(`copy (${select}) to stdout`))) chunks.push(chunk as Buffer);
  return chunks;
}

/**
 * The import's reference: the members it just wrote are read out (COPY TO, text format), deleted by a plain
 * DELETE (the rollup and figures triggers take them off the counters; the history rows go by their cascade),
 * the table vacuumed, and the same rows timed going back by `COPY members FROM STDIN` in one transaction,
 * commit included: the same indexes and triggers (rollups, figures, the insert audit) as the import's write,
 * but no parsing, checking or staging. The history rows then go back untimed, so the database ends as the
 * import left it (but for the audit rows of the delete and the copies).
 */
async function copyImportedAgain(
  databaseUrl: string,
  plan: ImportPlan,
  imported: number,
): Promise<ImportMeasure['reference']> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const after = plan.lastMemberId;
    const [{ n } = { n: 0 }] = (
      await client.query<{ n: number }>('select count(*)::int as n from members where id > $1', [after])
    ).rows;
    if (n !== imported) {
      throw new Error(`import reference: ${n} members above id ${after}, the import wrote ${imported}`);
    }
    // Rows elsewhere that point at these members would be lost (cascade) or block the delete: only the import's
    // own history rows are expected, and they are put back.
    const { rows: references } = await client.query<{ tbl: string; col: string }>(
      `select c.conrelid::regclass::text as tbl, a.attname as col from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'members'::regclass and c.conrelid <> 'member_history'::regclass`,
    );
    for (const { tbl, col } of references) {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from ${tbl} where ${client.escapeIdentifier(col)} > $1`,
        [after],
      );
      if (rows[0]?.n) throw new Error(`import reference: ${rows[0].n} rows of ${tbl} point at the imported members`);
    }
    const before = (await client.query(ROOT_COUNTERS, [plan.rootId])).rows[0] as unknown;

    const members = await copyOut(client, `select ${IMPORTED_COLUMNS} from members where id > ${after} order by id`);
    const history = await copyOut(client, `select * from member_history where member_id > ${after} order by id`);
    await client.query('begin');
    await client.query(AUDIT_CONTEXT);
    await client.query('delete from members where id > $1', [after]);
    await client.query('commit');
    // The dead rows and their index entries gone, as the import found the table (VACUUM runs outside a transaction).
    await client.query('vacuum (analyze) members');

    await client.query('begin');
    await client.query(AUDIT_CONTEXT);
    const started = process.hrtime.bigint();
    const copy = client.query(copyFrom(`copy members (${IMPORTED_COLUMNS}) from stdin`));
    await pipeline(Readable.from(members), copy);
    await client.query('commit');
    const copySeconds = Number(process.hrtime.bigint() - started) / 1e9;

    await client.query('begin');
    await client.query(AUDIT_CONTEXT);
    await pipeline(Readable.from(history), client.query(copyFrom('copy member_history from stdin')));
    await client.query('commit');
    const restored = (await client.query(ROOT_COUNTERS, [plan.rootId])).rows[0] as unknown;
    if (JSON.stringify(restored) !== JSON.stringify(before)) {
      throw new Error(
        `import reference: the root's counters changed: ${JSON.stringify(before)} → ${JSON.stringify(restored)}`,
      );
    }
    if (copy.rowCount !== imported) throw new Error(`import reference: COPY wrote ${copy.rowCount} of ${imported}`);
    return { copySeconds, rows: copy.rowCount };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** The import request (the one that writes) over the COPY of the same rows: the target is at most 2. */
export function importRatio(m: ImportMeasure): number {
  return m.write / m.reference.copySeconds;
}

export function describeImport(m: ImportMeasure): string {
  const total = m.analyze + m.check + m.write;
  return (
    `- import of ${m.rows} rows (.xlsx ${(m.bytes / 2 ** 20).toFixed(1)} MiB, the page's analyze + check + import into the city): ` +
    `${total.toFixed(1)} s in all (analyze ${m.analyze.toFixed(1)} s, check ${m.check.toFixed(1)} s, import ${m.write.toFixed(1)} s` +
    (m.phases
      ? ` = rows checked ${m.phases.check.toFixed(1)} s + staged ${m.phases.stage.toFixed(1)} s + written and committed ${m.phases.store.toFixed(1)} s`
      : '') +
    `; ` +
    `${m.imported} members written); server peak RSS ${m.peakMiB} MiB (${m.rssBeforeMiB} MiB before); ` +
    `reference COPY FROM of the same ${m.reference.rows} rows into members ${m.reference.copySeconds.toFixed(1)} s: ` +
    `import/COPY ${importRatio(m).toFixed(1)} (target ≤ 2), all three requests/COPY ${(total / m.reference.copySeconds).toFixed(1)}`
  );
}

export type ExportMeasure = {
  categories: string[];
  rows: number;
  bytes: number;
  seconds: number;
  rssBeforeMiB: string;
  peakMiB: string;
  /** COPY TO of the same rows, parsed and written by exceljs to a file: from the COPY sent to the file finished. */
  reference: { seconds: number; rows: number; bytes: number };
};

/**
 * The categories whose active members together come nearest above `target` (all of them when the city has
 * fewer), so that the export has about the 100,000 rows whatever the loaded size.
 */
export async function planExport(query: Query, target = 100_000): Promise<ExportPlan> {
  const counts = await query<{ category: string; n: number }>(
    `select category, count(*)::int as n from members where left_on is null group by 1 order by 1`,
  );
  let best = { categories: counts.map((c) => c.category), rows: counts.reduce((a, c) => a + c.n, 0) };
  for (let mask = 1; mask < 1 << counts.length; mask++) {
    const chosen = counts.filter((_, i) => mask & (1 << i));
    const rows = chosen.reduce((a, c) => a + c.n, 0);
    if (rows >= target && rows < best.rows) best = { categories: chosen.map((c) => c.category), rows };
  }
  return best;
}

/** The whole city's members of some categories (about `target` rows), streamed as .xlsx. */
export type ExportPlan = { categories: string[]; rows: number };

export async function measureExport(session: Session, plan: ExportPlan, databaseUrl: string): Promise<ExportMeasure> {
  const { categories, rows } = plan;
  const rssBeforeMiB = currentMemoryMiB(session.pid);
  resetPeakMemory(session.pid);
  const started = Date.now();
  const res = await fetch(`${session.baseUrl}/api/members/export?category=${categories.join(',')}`, {
    headers: { cookie: session.cookie },
  });
  const body = Buffer.from(await res.arrayBuffer());
  const seconds = (Date.now() - started) / 1000;
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  const peakMiB = peakMemoryMiB(session.pid);
  const written = await sheetRows(body);
  if (written !== rows) throw new Error(`export: the app's sheet has ${written} members, the plan ${rows}`);
  const reference = await exportReference(databaseUrl, categories);
  if (reference.rows !== rows) throw new Error(`export reference: ${reference.rows} rows, the app's sheet ${rows}`);
  return { categories, rows, bytes: body.length, seconds, rssBeforeMiB, peakMiB, reference };
}

/**
 * The data rows (all but the header) of an .xlsx's only sheet: its `<row` elements counted in the inflated XML
 * (a value's `<` is escaped there): ~30 times faster than exceljs's reader, which would add ~5 s at 100,000 rows.
 */
async function sheetRows(xlsx: Buffer): Promise<number> {
  const entry = zipEntries(xlsx).find((e) => e.name === 'xl/worksheets/sheet1.xml');
  if (!entry) throw new Error('export: no xl/worksheets/sheet1.xml in the file');
  const tag = Buffer.from('<row ');
  let n = 0;
  // The chunk's last bytes are searched again with the next one, for a tag split between them.
  let carry = Buffer.alloc(0);
  for await (const chunk of entryStream(entry)) {
    const text = Buffer.concat([carry, chunk as Buffer]);
    let at = 0;
    while ((at = text.indexOf(tag, at)) >= 0) {
      n++;
      at += tag.length;
    }
    carry = text.subarray(Math.max(0, text.length - tag.length + 1));
  }
  return n - 1;
}

/** COPY text format's escapes (the only ones COPY TO writes: \b \f \n \r \t \v and \\). */
const UNESCAPED: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const unescapeField = (field: string): string | null =>
  field === '\\N' ? null : field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => UNESCAPED[c] ?? c) : field;

/** The COPY TO rows of a stream of text-format chunks: rows end at a bare newline (one in a value is escaped). */
async function* copyRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<(string | null)[]> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of chunks) {
    const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) yield line.split('\t').map(unescapeField);
  }
  if (pending + decoder.decode()) throw new Error('COPY TO ended inside a row');
}

/**
 * The export's reference: the same rows as the app's export (active members of the categories in the whole city,
 * with their organisation's name, in pinyin order) by one COPY TO, each row made into the app's cells by the
 * app's own column definitions (masked, as the bench user's export is) and written by exceljs's streaming writer
 * as the app writes it (no styles), to a file that is then removed. What no export of these rows can do much
 * faster in Node: no paging, no row objects from the driver.
 */
async function exportReference(databaseUrl: string, categories: string[]): Promise<ExportMeasure['reference']> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const file = path.join(os.tmpdir(), `gongjian-bench-export-reference-${process.pid}.xlsx`);
  try {
    // COPY takes no parameters: the categories (the database's own values) go in as literals.
    const select = `select m.name, m.gender, m.ethnicity, m.id_number, m.phone, m.education, m.joined_on,
        m.full_member_on, m.status, m.category, m.management_mode, o.name, m.residence, m.employer,
        array_to_string(m.tags, '、')
      from members m join organizations o on o.id = m.org_id
     where m.left_on is null and m.category in (${categories.map((c) => client.escapeLiteral(c)).join(', ')})
       and o.path <@ (select path from organizations where parent_id is null)
     order by m.sort_key, m.id`;
    const started = process.hrtime.bigint();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false });
    const sheet = workbook.addWorksheet('党员花名册');
    sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    let rows = 0;
    for await (const f of copyRows(client.query(copyTo(`copy (${select}) to stdout`)))) {
      const row = {
        name: f[0],
        gender: f[1],
        ethnicity: f[2],
        id_number: f[3],
        phone: f[4],
        education: f[5],
        joined_on: f[6],
        full_member_on: f[7],
        status: f[8],
        category: f[9],
        management_mode: f[10],
        org_name: f[11],
        residence: f[12],
        employer: f[13],
        // The tags joined by the database already: the column's join of this one element gives it back as it is.
        tags: [f[14]],
      } as MemberRow;
      sheet.addRow(EXPORT_COLUMNS.map((c) => c.value(row, false) ?? '')).commit();
      rows++;
    }
    sheet.commit();
    await workbook.commit();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, rows, bytes: statSync(file).size };
  } finally {
    rmSync(file, { force: true });
    await client.end();
  }
}

/** The app's export over the reference's: the target is at most 2. */
export function exportRatio(m: ExportMeasure): number {
  return m.seconds / m.reference.seconds;
}

export function describeExport(m: ExportMeasure): string {
  return (
    `- export of ${m.rows} rows (GET /api/members/export, city, category ${m.categories.join('+')}): ${m.seconds.toFixed(1)} s, ` +
    `${(m.bytes / 2 ** 20).toFixed(1)} MiB .xlsx; server peak RSS ${m.peakMiB} MiB (${m.rssBeforeMiB} MiB before); ` +
    `reference COPY TO + exceljs of the same ${m.reference.rows} rows ${m.reference.seconds.toFixed(1)} s ` +
    `(${(m.reference.bytes / 2 ** 20).toFixed(1)} MiB): export/reference ${exportRatio(m).toFixed(1)} (target ≤ 2)`
  );
}
