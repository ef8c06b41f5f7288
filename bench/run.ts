// npm run bench [-- --smoke] [--members N] [--duration S] [--import-rows N] [--database-url URL] [--no-load] [--out FILE]
// Loads the province (bench/data.ts) into PostgreSQL (a throwaway cluster unless --database-url), starts the
// real server and the floor (bench/floor.ts) on loopback, drives each endpoint with autocannon at 20
// connections, app then floor, and writes the table to bench/RESULTS.md (smoke runs: to --out or stdout only).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { startThrowawayCluster } from '../scripts/pg-cluster.mjs';
import { BENCH_PASSWORD, BENCH_USER, loadPostgres } from './data.js';
import { describeExport, describeImport, measureExport, measureImport } from './import-export.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const smoke = flag('smoke');
const members = Number(arg('members') ?? (smoke ? 3000 : 200_000));
const duration = Number(arg('duration') ?? (smoke ? 1 : 10));
const importRows = Number(arg('import-rows') ?? (smoke ? 2000 : 100_000));
const connections = 20;
const out = arg('out') ?? (smoke ? undefined : path.join(ROOT, 'bench', 'RESULTS.md'));

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startProcess(script: string, env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      const res = await fetch(readyUrl);
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${script} not ready after 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Measure = { rps: number; p50: number; p99: number; errors: number };

async function drive(url: string, headers: Record<string, string>): Promise<Measure> {
  const result = await autocannon({ url, connections, duration, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}

async function main() {
  let databaseUrl = arg('database-url') ?? process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    const cluster = await startThrowawayCluster();
    if (cluster.skipped) {
      console.error(`no PostgreSQL for the benchmark: ${cluster.skipped}`);
      process.exit(3);
    }
    databaseUrl = cluster.url as string;
    const stop = cluster.stop as () => Promise<void>;
    cleanups.push(() => stop());
  }
  if (!flag('no-load')) {
    const started = Date.now();
    await loadPostgres(databaseUrl, members);
    console.log(`bench:data ${members} members in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  // Targets: the first community, street and district, and members found inside them.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const one = async <T>(q: string, params: unknown[] = []) => (await client.query(q, params)).rows[0] as T;
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
  await client.end();
  const deepPage = Math.max(1, Math.ceil(community.size / 20));

  const appPort = await freePort();
  const floorPort = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongjian-bench-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const appChild = await startProcess(
    'packages/server/src/main.ts',
    { DATABASE_URL: databaseUrl, PORT: String(appPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    `http://127.0.0.1:${appPort}/api/health`,
  );
  await startProcess(
    'bench/floor.ts',
    { DATABASE_URL: databaseUrl, PORT: String(floorPort) },
    `http://127.0.0.1:${floorPort}/organizations/1`,
  );

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
      name: 'district figures (org detail: rollup counts)',
      app: `/api/organizations/${district.id}`,
      floor: `/organizations/${district.id}`,
    },
  ];

  const rows: { name: string; app: Measure; floor: Measure }[] = [];
  for (const c of cases) {
    const app = await drive(`http://127.0.0.1:${appPort}${c.app}`, { cookie });
    const floor = await drive(`http://127.0.0.1:${floorPort}${c.floor}`, {});
    rows.push({ name: c.name, app, floor });
    console.log(
      `${c.name}: app ${app.rps.toFixed(0)} req/s p99 ${app.p99} ms; floor ${floor.rps.toFixed(0)} req/s p99 ${floor.p99} ms`,
    );
  }

  // Export (~100k rows) and import (a 100k-row roster) through the API: bench/import-export.ts.
  const session = { baseUrl: `http://127.0.0.1:${appPort}`, cookie, pid: appChild.pid, databaseUrl };
  const exportLine = describeExport(await measureExport(session));
  console.log(exportLine);
  const importLine = describeImport(await measureImport(session, importRows));
  console.log(importLine);

  const table = [
    '| endpoint | app req/s | app p50 ms | app p99 ms | floor req/s | floor p50 ms | floor p99 ms | app/floor | errors (app/floor) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.app.rps.toFixed(0)} | ${r.app.p50} | ${r.app.p99} | ${r.floor.rps.toFixed(0)} | ${r.floor.p50} | ${r.floor.p99} | ${(r.app.rps / Math.max(r.floor.rps, 1)).toFixed(2)} | ${r.app.errors}/${r.floor.errors} |`,
    ),
  ].join('\n');
  const header = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}`,
    `- engine: PostgreSQL (${(await serverVersion(databaseUrl)) ?? '?'}), app and floor each with a pool of 10`,
    `- data: ${dataSize.orgs} organisations, ${dataSize.members} members`,
    `- load: autocannon, ${connections} connections, ${duration} s per endpoint and side, app then floor`,
  ].join('\n');
  const report = `${header}\n\n${table}\n\n${exportLine}\n${importLine}\n`;
  console.log(`\n${report}`);
  if (out) {
    // The latest run replaces the block between the markers; the notes around it are kept.
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
    const from = previous.indexOf(begin);
    const to = previous.indexOf(end);
    writeFileSync(
      out,
      from >= 0 && to > from
        ? `${previous.slice(0, from + begin.length)}\n${report}${previous.slice(to)}`
        : `# Benchmark results\n\n${begin}\n${report}${end}\n`,
    );
  }
}

async function serverVersion(url: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const v = (await c.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]?.v;
  await c.end();
  return v;
}

try {
  await main();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  for (const fn of cleanups.reverse()) await fn();
}
