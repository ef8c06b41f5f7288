// The two file measurements of issue 5, through the real HTTP API as the bench user: importing a roster
// .xlsx (the import page's three requests: analyze, check, import) and exporting the member list.
// Each reports seconds and the app's peak resident memory during that measurement.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MANAGEMENT_MODE_LABELS, MEMBER_CATEGORY_LABELS } from '@gongjian/shared';
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
export type ImportPlan = { firstIndex: number; branches: string[]; rootId: number };

/** Where the roster's members go and which ID numbers they get: read before the servers start. */
export async function planImport(query: Query): Promise<ImportPlan> {
  const [first] = await query<{ n: number }>('select coalesce(max(id), 0)::int + 1000000 as n from members');
  const branches = await query<{ name: string }>(
    `select name from organizations where type = 'branch' order by id limit 2000`,
  );
  const [root] = await query<{ id: number }>('select id::int from organizations where parent_id is null');
  // Past every ID number on the platform, including an earlier run's import.
  return { firstIndex: first?.n as number, branches: branches.map((b) => b.name), rootId: root?.id as number };
}

/** The import, with the request's phases from the times its progress lines arrive. */
export async function measureImport(session: Session, rows: number, plan: ImportPlan): Promise<ImportMeasure> {
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
  return {
    rows,
    bytes: bytes.length,
    analyze: analyzed.seconds,
    check: checked.seconds,
    write: written.seconds,
    phases: phasesOf(written),
    imported: result.imported,
    rssBeforeMiB,
    peakMiB: peakMemoryMiB(session.pid),
  };
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
    `${m.imported} members written); server peak RSS ${m.peakMiB} MiB (${m.rssBeforeMiB} MiB before)`
  );
}

export type ExportMeasure = {
  categories: string[];
  rows: number;
  bytes: number;
  seconds: number;
  rssBeforeMiB: string;
  peakMiB: string;
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

export async function measureExport(session: Session, plan: ExportPlan): Promise<ExportMeasure> {
  const { categories, rows } = plan;
  const rssBeforeMiB = currentMemoryMiB(session.pid);
  resetPeakMemory(session.pid);
  const started = Date.now();
  const res = await fetch(`${session.baseUrl}/api/members/export?category=${categories.join(',')}`, {
    headers: { cookie: session.cookie },
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  const seconds = (Date.now() - started) / 1000;
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  return { categories, rows, bytes, seconds, rssBeforeMiB, peakMiB: peakMemoryMiB(session.pid) };
}

export function describeExport(m: ExportMeasure): string {
  return (
    `- export of ${m.rows} rows (GET /api/members/export, city, category ${m.categories.join('+')}): ${m.seconds.toFixed(1)} s, ` +
    `${(m.bytes / 2 ** 20).toFixed(1)} MiB .xlsx; server peak RSS ${m.peakMiB} MiB (${m.rssBeforeMiB} MiB before)`
  );
}
