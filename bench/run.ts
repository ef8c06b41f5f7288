// npm run bench [-- --smoke] [--members N] [--duration S] [--rounds N] [--connections N] [--import-rows N]
//               [--database-url URL | --data-dir DIR] [--no-load] [--out FILE] [--only TEXT] [--no-files]
// Loads the province (bench/data.ts) into PostgreSQL (the embedded server on a throwaway cluster; --data-dir: the
// embedded server of that DATA_DIR, kept; --database-url: that server), starts the real server and the floor
// (bench/floor.ts) on loopback (bench/engines.ts), drives each endpoint with autocannon (20 connections unless
// --connections), app and floor alternating in rounds (--rounds), and writes the table to bench/RESULTS.md (smoke
// runs: to --out or stdout only). --smoke proves the harness on tiny data: 3,000 members, 200 requests per
// endpoint and side, a 2,000-row import.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import * as prettier from 'prettier';
import { BENCH_PASSWORD, BENCH_USER } from './data.js';
import { openEngine } from './engines.js';
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

type Measure = { rps: number; p50: number; p99: number; errors: number };
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

/** App and floor on one endpoint, alternated round by round (see `rounds`). */
async function measurePair(app: Side, floor: Side): Promise<{ app: Measure; floor: Measure }> {
  await warmUp(app, connections);
  await warmUp(floor, connections);
  const runs = { app: [] as RawRun[], floor: [] as RawRun[] };
  const slice = duration / rounds;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const);
    for (const side of order) {
      runs[side].push(await runSlice(side === 'app' ? app : floor, connections, slice));
      // The requests in flight when a slice ends are abandoned, not finished: the server drains them before the
      // next slice, or they queue ahead of its first requests.
      if (rounds > 1) await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return { app: summarise(app, runs.app, connections), floor: summarise(floor, runs.floor, connections) };
}

/** One side alone for `seconds` (the app one request at a time). */
async function measureAlone(side: Side, conns: number, seconds: number): Promise<Measure> {
  await warmUp(side, conns);
  return summarise(side, [await runSlice(side, conns, seconds)], conns);
}

async function main() {
  const engine = await openEngine(engineName, {
    members,
    load: !flag('no-load'),
    databaseUrl: arg('database-url') ?? process.env.BENCH_DATABASE_URL,
    dataDir: arg('data-dir'),
  });
  cleanups.push(() => engine.stop());

  // Targets: the first community, street and district, and members found inside them.
  const one = async <T>(q: string, params: unknown[] = []) => (await engine.query<T>(q, params))[0] as T;
  const community = await one<{ id: number; size: number }>(
    `select id::int, (full_members + probationary_members)::int as size from organizations
      where type = 'community_committee' order by id limit 1`,
  );
  const street = await one<{ id: number }>(
    `select id::int from organizations where type = 'street_committee' order by id limit 1`,
  );
  const district = await one<{ id: number }>(
    `select id::int from organizations where type = 'district_committee' order by id limit 1`,
  );
  const inStreet = await one<{ id: number; name: string; id_number: string; name_initials: string }>(
    `select m.id::int, m.name, m.id_number, m.name_initials from members m join organizations o on o.id = m.org_id
      where o.path <@ (select path from organizations where id = $1) order by m.id limit 1`,
    [street.id],
  );
  const dataSize = await one<{ orgs: number; members: number }>(
    `select (select count(*)::int from organizations) as orgs, (select count(*)::int from members) as members`,
  );
  // Export (~100k rows) and import (a roster of new members): planned now, measured after the endpoints.
  const query = <T>(text: string, params?: unknown[]) => engine.query<T>(text, params);
  const exportPlan = await planExport(query);
  const importPlan = await planImport(query);
  const deepPage = Math.max(1, Math.ceil(community.size / 20));

  const { appPort, floorPort, appPid } = await engine.start();

  const login = await fetch(`http://127.0.0.1:${appPort}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  const q = encodeURIComponent;
  const cases: { name: string; app: string; floor: string }[] = [
    {
      name: 'member list, community, page 1',
      app: `/api/members?orgId=${community.id}&page=1`,
      floor: `/members?orgId=${community.id}&page=1`,
    },
    {
      name: `member list, community, page ${deepPage} (last)`,
      app: `/api/members?orgId=${community.id}&page=${deepPage}`,
      floor: `/members?orgId=${community.id}&page=${deepPage}`,
    },
    {
      name: 'search in street: name',
      app: `/api/members?orgId=${street.id}&q=${q(inStreet.name)}`,
      floor: `/members?orgId=${street.id}&q=${q(inStreet.name)}`,
    },
    {
      name: 'search in street: pinyin initials',
      app: `/api/members?orgId=${street.id}&q=${inStreet.name_initials}`,
      floor: `/members?orgId=${street.id}&q=${inStreet.name_initials}`,
    },
    {
      name: 'search in street: exact ID number',
      app: `/api/members?orgId=${street.id}&q=${inStreet.id_number}`,
      floor: `/members?orgId=${street.id}&q=${inStreet.id_number}`,
    },
    { name: 'member detail', app: `/api/members/${inStreet.id}`, floor: `/members/${inStreet.id}` },
    {
      name: 'organisation children with counts (district)',
      app: `/api/organizations?parentId=${district.id}`,
      floor: `/organizations?parentId=${district.id}`,
    },
    {
      name: 'district figures (by category, coverage)',
      app: `/api/organizations/${district.id}/figures`,
      floor: `/organizations/${district.id}/figures`,
    },
    {
      name: 'organisation detail (district)',
      app: `/api/organizations/${district.id}`,
      floor: `/organizations/${district.id}`,
    },
  ];

  const rows: { name: string; app: Measure; floor: Measure; alone: Measure }[] = [];
  for (const c of cases.filter((c) => !only || c.name.includes(only))) {
    const appSide = { url: `http://127.0.0.1:${appPort}${c.app}`, headers: { cookie } };
    const { app, floor } = await measurePair(appSide, { url: `http://127.0.0.1:${floorPort}${c.floor}`, headers: {} });
    // The same endpoint one request at a time: its own latency, without the queue of 20 connections on 2 cores.
    const alone = await measureAlone(appSide, 1, Math.min(duration, 5));
    rows.push({ name: c.name, app, floor, alone });
    console.log(
      `${c.name}: app ${app.rps.toFixed(0)} req/s p99 ${app.p99} ms; floor ${floor.rps.toFixed(0)} req/s p99 ${floor.p99} ms; alone p99 ${alone.p99} ms`,
    );
  }

  // The file measurements (bench/import-export.ts), each with the app's own peak memory.
  const session = { baseUrl: `http://127.0.0.1:${appPort}`, cookie, pid: appPid };
  const exportLine = files
    ? describeExport(await measureExport(session, exportPlan))
    : '- export: not measured (--no-files)';
  console.log(exportLine);
  const importLine = files
    ? describeImport(await measureImport(session, importRows, importPlan))
    : '- import: not measured (--no-files)';
  console.log(importLine);

  const table = [
    `| endpoint | app req/s | app p50 ms | app p99 ms | floor req/s | floor p50 ms | floor p99 ms | app/floor | app alone p50 / p99 ms | errors (app/floor) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.app.rps.toFixed(0)} | ${r.app.p50} | ${r.app.p99} | ${r.floor.rps.toFixed(0)} | ${r.floor.p50} | ${r.floor.p99} | ${(r.app.rps / Math.max(r.floor.rps, 1)).toFixed(2)} | ${r.alone.p50} / ${r.alone.p99} | ${r.app.errors + r.alone.errors}/${r.floor.errors} |`,
    ),
  ].join('\n');
  const header = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}`,
    `- engine: ${engine.label}`,
    `- data: ${dataSize.orgs} organisations, ${dataSize.members} members`,
    smokeRequests
      ? `- load: autocannon, ${connections} connections, ${smokeRequests} requests per endpoint and side, app then floor; then the app alone: 1 connection, ${smokeRequests / 4} requests`
      : `- load: autocannon, ${connections} connections, ${duration} s per endpoint and side, ${rounds > 1 ? `in ${rounds} rounds of ${duration / rounds} s, app and floor alternating (the first side changing each round)` : 'app then floor'}; then the app alone: 1 connection, ${Math.min(duration, 5)} s`,
  ].join('\n');
  const report = `${header}\n\n${table}\n\n${exportLine}\n${importLine}\n`;
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
