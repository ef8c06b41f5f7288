// npm run bench [-- --smoke] [--members N] [--duration S] [--rounds N] [--connections N] [--import-rows N]
//               [--database-url URL | --data-dir DIR] [--no-load] [--out FILE] [--only TEXT] [--no-files]
// Loads the province (bench/data.ts) into PostgreSQL (the embedded server on a throwaway cluster; --data-dir: the
// embedded server of that DATA_DIR, kept; --database-url: that server), starts the real server and the floor
// (bench/floor.ts) on loopback (bench/engines.ts), drives each endpoint with autocannon (20 connections unless
// --connections), app and floor alternating in rounds (--rounds), and writes the table to bench/RESULTS.md (smoke
// runs: to --out or stdout only). --smoke proves the harness on tiny data: 3,000 members, 200 requests per
// endpoint and side, a 2,000-row import.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import * as prettier from 'prettier';
import { BENCH_PASSWORD, BENCH_USER } from './data.js';
import { captureAppSql } from './app-sql.js';
import { openEngine } from './engines.js';
import { combine, findPgbench, type PgbenchResult, runPgbench, writeScript } from './pgbench.js';
import { findTargets, type ReadCase, readCases } from './reads.js';
import {
  describeExport,
  describeImport,
  measureExport,
  measureImport,
  planExport,
  planImport,
} from './import-export.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const smoke = flag('smoke');
const engineName = arg('engine') ?? 'postgres';
const members = Number(arg('members') ?? (smoke ? 3000 : 200_000));
const duration = Number(arg('duration') ?? 10);
// A smoke run proves the harness, not the speed: a fixed number of requests per side instead of seconds,
// so that it ends in moments even on a slow or busy machine.
const smokeRequests = smoke && arg('duration') === undefined ? 200 : undefined;
const connections = Number(arg('connections') ?? 20);
const importRows = Number(arg('import-rows') ?? (smoke ? 2000 : 100_000));
// A partial run (--only, --no-files) prints its table but does not replace the full one in RESULTS.md.
// --only TEXT: the endpoints whose name contains TEXT (to iterate on one); --no-files: no import/export.
const only = arg('only');
const files = !flag('no-files');
const partial = only !== undefined || !files;
const out = arg('out') ?? (smoke || partial ? undefined : path.join(ROOT, 'bench', 'RESULTS.md'));
const cleanups: (() => Promise<void> | void)[] = [];

/** An HTTP side: throughput, latency, bad answers, and the serving process's CPU per request when known. */
type Measure = { rps: number; p50: number; p99: number; errors: number; cpuMs?: number };
/** pgbench of the reference and of the app's statements; a case without a reference has the app's alone. */
type SqlMeasure = { reference?: PgbenchResult; app: PgbenchResult };
type Row = { name: string; statements: number; sql?: SqlMeasure; app: Measure; floor: Measure; alone: Measure };

/** A process's CPU time so far (user + system), in ms; Linux only. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
const cpu = (m: Measure) => (m.cpuMs === undefined ? '—' : m.cpuMs.toFixed(2));
type Side = { url: string; headers: Record<string, string> };
/** One autocannon run's raw result (skipAggregateResult): counts and the encoded latency histogram. */
type RawRun = autocannon.Result & { totalCompletedRequests: number; latencies: unknown };
// Merges raw runs, latency histograms included (not in @types/autocannon).
const aggregate = (autocannon as unknown as { aggregateResult(runs: RawRun[], opts: object): autocannon.Result })
  .aggregateResult;

// A timed run alternates app and floor in slices (--rounds, default 5 of 2 s each per side for
// 10 s), the first side changing every round, so that both meet the machine's drift alike: a virtual machine's
// speed can move by a fifth within a minute, and a cheap endpoint's 10 s of app then 10 s of floor measured the
// drift as much as the app. Between slices the server drains the requests the last one abandoned (measurePair).
// A smoke run: one round of a fixed number of requests.
const rounds = smokeRequests ? 1 : Math.max(1, Math.min(Number(arg('rounds') ?? 5), duration));

async function warmUp(side: Side, conns: number) {
  // A few requests first, so that the first endpoint measured does not pay for cold caches and JIT alone.
  await autocannon({ ...side, connections: conns, amount: (smokeRequests ? 1 : 5) * conns, sampleInt: 100 });
}

async function runSlice(side: Side, conns: number, seconds: number): Promise<RawRun> {
  // autocannon ends a run on its next sample tick: a smoke run samples every 100 ms, not every second.
  const sampleInt = smokeRequests ? 100 : 1000;
  return (await autocannon({
    ...side,
    connections: conns,
    sampleInt,
    skipAggregateResult: true,
    ...(smokeRequests ? { amount: Math.max(conns, smokeRequests / (conns === 1 ? 4 : 1)) } : { duration: seconds }),
  })) as RawRun;
}

function summarise(side: Side, runs: RawRun[], conns: number): Measure {
  const result = aggregate(runs, { url: side.url, connections: conns });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    // Say what went wrong, not only how often: the status codes other than 2xx and the kinds of errors.
    const codes = Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${count} × HTTP ${code}`);
    console.error(
      `${side.url}: ${bad} bad answers: ${[...codes, `${result.errors} errors`, `${result.timeouts} timeouts`].join(', ')}`,
    );
  }
  // Requests answered over the time the runs took, and percentiles of all their latencies together.
  const completed = runs.reduce((sum, r) => sum + r.totalCompletedRequests, 0);
  const seconds = runs.reduce((sum, r) => sum + r.duration, 0);
  return { rps: completed / Math.max(seconds, 0.01), p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}

/** App and floor on one endpoint, alternated round by round (see `rounds`), with each process's CPU per request. */
async function measurePair(
  app: Side,
  floor: Side,
  pids: { app: number | undefined; floor: number | undefined },
): Promise<{ app: Measure; floor: Measure }> {
  await warmUp(app, connections);
  await warmUp(floor, connections);
  const runs = { app: [] as RawRun[], floor: [] as RawRun[] };
  const cpuUsed = { app: 0, floor: 0 };
  const slice = duration / rounds;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const);
    for (const side of order) {
      const before = cpuMs(pids[side]);
      runs[side].push(await runSlice(side === 'app' ? app : floor, connections, slice));
      cpuUsed[side] += (cpuMs(pids[side]) ?? NaN) - (before ?? NaN);
      // The requests in flight when a slice ends are abandoned, not finished: the server drains them before the
      // next slice, or they queue ahead of its first requests.
      if (rounds > 1) await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  const withCpu = (m: Measure, used: number, list: RawRun[]) => {
    const done = list.reduce((sum, r) => sum + r.totalCompletedRequests, 0);
    return Number.isFinite(used) && done > 0 ? { ...m, cpuMs: used / done } : m;
  };
  return {
    app: withCpu(summarise(app, runs.app, connections), cpuUsed.app, runs.app),
    floor: withCpu(summarise(floor, runs.floor, connections), cpuUsed.floor, runs.floor),
  };
}

/** One side alone for `seconds` (the app one request at a time). */
async function measureAlone(side: Side, conns: number, seconds: number): Promise<Measure> {
  await warmUp(side, conns);
  return summarise(side, [await runSlice(side, conns, seconds)], conns);
}

/** One side at full load for the duration, with its process's CPU per request. */
async function measureAloneWithCpu(side: Side, pid: number | undefined): Promise<Measure> {
  await warmUp(side, connections);
  const before = cpuMs(pid);
  const run = await runSlice(side, connections, duration);
  const used = (cpuMs(pid) ?? NaN) - (before ?? NaN);
  const m = summarise(side, [run], connections);
  return Number.isFinite(used) && run.totalCompletedRequests > 0
    ? { ...m, cpuMs: used / run.totalCompletedRequests }
    : m;
}

/**
 * The reference's statement and the app's through pgbench (20 clients, 2 threads), alternating in the same
 * rounds as the HTTP sides so that both meet the machine's drift alike.
 */
async function measureSql(
  bin: string,
  url: string,
  scripts: { reference: string | undefined; app: string },
): Promise<SqlMeasure> {
  // A smoke run proves that both statements run under pgbench: two clients (each of pgbench's connections is a
  // new backend, a second's work for twenty on this machine), no warm-up.
  const options = smokeRequests
    ? { clients: 2, transactions: Math.max(1, Math.floor(smokeRequests / 20)) }
    : { clients: connections, seconds: Math.max(1, Math.round(duration / rounds)) };
  const sides = scripts.reference !== undefined ? (['app', 'reference'] as const) : (['app'] as const);
  const script = (side: 'app' | 'reference') => (side === 'app' ? scripts.app : (scripts.reference as string));
  if (!smokeRequests) {
    for (const side of sides) await runPgbench(bin, url, script(side), { clients: connections, transactions: 5 });
  }
  const runs = { reference: [] as PgbenchResult[], app: [] as PgbenchResult[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) runs[side].push(await runPgbench(bin, url, script(side), options));
  }
  return { reference: runs.reference.length ? combine(runs.reference) : undefined, app: combine(runs.app) };
}

/** The 1, 5 and 15 minute load averages: other work on the machine during a run (its own processes count too). */
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

async function main() {
  const loadAtStart = loadAverage();
  const engine = await openEngine(engineName, {
    members,
    load: !flag('no-load'),
    databaseUrl: arg('database-url') ?? process.env.BENCH_DATABASE_URL,
    dataDir: arg('data-dir'),
  });
  cleanups.push(() => engine.stop());

  // Targets: the first community, street and district, and a member of that street (bench/reads.ts).
  const query = <T>(text: string, params?: unknown[]) => engine.query<T>(text, params);
  const targets = await findTargets((text) => query(text));
  const cases = readCases(targets).filter((c) => !only || c.name.includes(only));
  const dataSize = await query<{ orgs: number; members: number }>(
    `select (select count(*)::int from organizations) as orgs, (select count(*)::int from members) as members`,
  ).then((r) => r[0] as { orgs: number; members: number });
  // Export (~100k rows) and import (a roster of new members): planned now, measured after the endpoints.
  const exportPlan = await planExport(query);
  const importPlan = await planImport(query);

  const { appPort, floorPort, appPid, floorPid } = await engine.start();

  // One session per account the cases ask as (the administrator at the root unless a case names another).
  const cookies = new Map<string, string>();
  for (const user of new Set([BENCH_USER, ...cases.map((c) => c.user ?? BENCH_USER)])) {
    const login = await fetch(`http://127.0.0.1:${appPort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: BENCH_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login ${user} failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    cookies.set(user, cookie);
  }
  const cookie = cookies.get(BENCH_USER) as string;
  const cookieOf = (c: ReadCase) => cookies.get(c.user ?? BENCH_USER) as string;

  // Before any timing: the app answers what the reference answers, on this data (a case without a reference:
  // what the floor answers, the same service function over the bare database).
  for (const c of cases) {
    const res = await fetch(`http://127.0.0.1:${appPort}/api${c.path}`, { headers: { cookie: cookieOf(c) } });
    const body = await res.json();
    const expected =
      c.reference !== undefined
        ? c.toBody(await query(c.reference))
        : await (await fetch(`http://127.0.0.1:${floorPort}${c.floorPath ?? c.path}`)).json();
    if (res.status !== 200 || !isDeepStrictEqual(body, expected)) {
      throw new Error(
        `${c.name}: the app (${res.status}) and the ${c.reference !== undefined ? 'reference' : 'floor'} differ:\n${JSON.stringify(body).slice(0, 800)}\n${JSON.stringify(expected).slice(0, 800)}`,
      );
    }
  }
  console.log(`${cases.length} reads: the app's answers equal the references' (or the floor's, for those without)`);

  // The app's own statement for each read, as it sends it (bench/app-sql.ts), and pgbench's scripts.
  const appSql = await captureAppSql(engine.url, cases);
  const pgbench = findPgbench();
  const scriptDir = mkdtempSync(path.join(os.tmpdir(), 'gongjian-pgbench-'));
  cleanups.push(() => rmSync(scriptDir, { recursive: true, force: true }));
  if (!pgbench) console.log('pgbench not found (apt-get install -y postgresql-client-15): the SQL columns stay empty');

  const rows: Row[] = [];
  for (const c of cases) {
    const statements = appSql.get(c.name) ?? [];
    const sqlSide =
      pgbench && statements.length > 0
        ? await measureSql(pgbench, engine.url, {
            reference:
              c.reference !== undefined ? writeScript(scriptDir, `${c.name} reference`, c.reference) : undefined,
            app: writeScript(scriptDir, `${c.name} app`, statements.join(';\n')),
          })
        : undefined;
    const appSide = { url: `http://127.0.0.1:${appPort}/api${c.path}`, headers: { cookie: cookieOf(c) } };
    const floorSide = { url: `http://127.0.0.1:${floorPort}${c.floorPath ?? c.path}`, headers: {} };
    const { app, floor } = await measurePair(appSide, floorSide, { app: appPid, floor: floorPid });
    // The same endpoint one request at a time: its own latency, without the queue of 20 connections on 2 cores.
    const alone = await measureAlone(appSide, 1, Math.min(duration, 5));
    rows.push({ name: c.name, statements: statements.length, sql: sqlSide, app, floor, alone });
    console.log(
      `${c.name}: ${sqlSide ? `SQL reference ${sqlSide.reference?.tps.toFixed(0) ?? '—'} tps, app ${sqlSide.app.tps.toFixed(0)} tps; ` : ''}` +
        `app ${app.rps.toFixed(0)} req/s p99 ${app.p99} ms; floor ${floor.rps.toFixed(0)} req/s p99 ${floor.p99} ms; alone p99 ${alone.p99} ms`,
    );
  }
  // Fastify's hello world on the floor's process: Node's own cost of a request, and how fast the machine runs
  // now (a partial run too: its figures are only comparable with another run's through this one).
  const hello = await measureAloneWithCpu({ url: `http://127.0.0.1:${floorPort}/hello`, headers: {} }, floorPid);
  const loadAtEnd = loadAverage();

  // The file measurements (bench/import-export.ts), each with the app's own peak memory.
  const session = { baseUrl: `http://127.0.0.1:${appPort}`, cookie, pid: appPid };
  const exportLine = files
    ? describeExport(await measureExport(session, exportPlan, engine.url))
    : '- export: not measured (--no-files)';
  console.log(exportLine);
  const importLine = files
    ? describeImport(await measureImport(session, importRows, importPlan, engine.url))
    : '- import: not measured (--no-files)';
  console.log(importLine);

  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
  const table = [
    `| endpoint | SQL tps: reference | SQL tps: app | app SQL / reference | app req/s | floor req/s | app / floor | app p50 / p99 ms | app alone p50 / p99 ms | CPU ms/req app / floor | errors (app/floor) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const reference = r.sql?.reference;
      const sqlCells = r.sql
        ? [
            reference?.tps.toFixed(0) ?? '—',
            r.sql.app.tps.toFixed(0),
            reference ? ratio(r.sql.app.tps, reference.tps) : '—',
          ]
        : ['—', '—', '—'];
      return `| ${r.name}${r.statements === 1 ? '' : ` (${r.statements} statements)`} | ${sqlCells.join(' | ')} | ${r.app.rps.toFixed(0)} | ${r.floor.rps.toFixed(0)} | ${ratio(r.app.rps, r.floor.rps)} | ${r.app.p50} / ${r.app.p99} | ${r.alone.p50} / ${r.alone.p99} | ${cpu(r.app)} / ${cpu(r.floor)} | ${r.app.errors + r.alone.errors + (r.sql ? (r.sql.reference?.failed ?? 0) + r.sql.app.failed : 0)}/${r.floor.errors} |`;
    }),
  ].join('\n');
  const helloLine = `- Fastify's hello world (the floor's process, 20 connections): ${hello.rps.toFixed(0)} req/s, ${cpu(hello)} ms of CPU per request`;
  const header = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}; load average (1 / 5 / 15 min) ${loadAtStart} at the start, ${loadAtEnd} after the reads`,
    `- engine: ${engine.label}`,
    `- data: ${dataSize.orgs} organisations, ${dataSize.members} members`,
    smokeRequests
      ? `- load: pgbench (2 clients, ${smokeRequests / 10} transactions) and autocannon (${connections} connections, ${smokeRequests} requests) per endpoint and side, app then reference or floor; then the app alone: 1 connection, ${smokeRequests / 4} requests`
      : `- load: pgbench (-c ${connections} -j 2, the SQL columns) and autocannon (${connections} connections, over HTTP), ${duration} s per endpoint and side, ${rounds > 1 ? `in ${rounds} rounds of ${duration / rounds} s, app and reference (or floor) alternating (the first side changing each round)` : 'app then reference or floor'}; then the app alone: 1 connection, ${Math.min(duration, 5)} s`,
    `- SQL: the reference is hand-written SQL answering the same request from its inputs (bench/reads.ts; its answer checked equal to the app's before timing; the workbench has none, "—", and its answer is checked equal to the floor's); the app's is the statement its server sends (captured in process; several: "(N statements)", run as one pgbench script); CPU: the serving process's user + system time per request under load`,
  ].join('\n');
  const report = `${header}\n\n${table}\n\n${[helloLine, exportLine, importLine].filter(Boolean).join('\n')}\n`;
  console.log(`\n${report}`);
  if (out) {
    // The latest run replaces the block between the markers; the notes around it are kept. A file without the
    // markers gets the block appended.
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
    const from = previous.indexOf(begin);
    const to = previous.indexOf(end);
    const text =
      from >= 0 && to > from
        ? `${previous.slice(0, from + begin.length)}\n${report}${previous.slice(to)}`
        : `${previous || '# Benchmark results\n'}\n${begin}\n${report}${end}\n`;
    // Formatted as the repository's prettier check wants it (aligned table columns).
    const options = (await prettier.resolveConfig(out)) ?? {};
    writeFileSync(out, await prettier.format(text, { ...options, filepath: out }));
  }
}

try {
  await main();
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
