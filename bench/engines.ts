// The engine-dependent half of `npm run bench`: where the province is loaded, how targets are looked up, and
// how the app and the floor are started.
//   postgres: a throwaway cluster (or --database-url); the app (the bundle packages/server/dist/main.js, built
//             first, as `npm start` runs it) and the floor
//             (bench/floor.ts) as two processes, each with a pool of 10.
//   pglite:   a data directory (--data-dir, else a temporary one); one process (bench/pglite-server.ts)
//             serving the app and the floor over the same PGlite instance.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startThrowawayCluster } from '../scripts/pg-cluster.mjs';
import { openDatabase } from '../packages/server/src/db/client.js';
import { pgliteDir } from '../packages/server/src/server.js';
import { loadPglite, loadPostgres, pgliteClient } from './data.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type EngineName = 'postgres' | 'pglite';
export type EngineOptions = { members: number; load: boolean; databaseUrl?: string; dataDir?: string };
export type Servers = { appPort: number; floorPort: number; appPid: number | undefined };

export type BenchEngine = {
  /** The report's engine line, after "engine: ". */
  label: string;
  /** SQL for the targets; only before start() (a PGlite directory then belongs to the server process). */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  start(): Promise<Servers>;
  /** Stops the servers and removes whatever was made for the run. */
  stop(): Promise<void>;
};

export async function openEngine(name: string, options: EngineOptions): Promise<BenchEngine> {
  switch (name) {
    case 'postgres':
      return openPostgres(options);
    case 'pglite':
      return openPglite(options);
    default:
      throw new Error(`--engine ${name}: postgres or pglite`);
  }
}

function timed(label: string, members: number) {
  const started = Date.now();
  return () =>
    console.log(`bench:data ${members} members (${label}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function openPostgres(options: EngineOptions): Promise<BenchEngine> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const children = new Children();
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    // Sized as a database server of this machine would be (PostgreSQL's advice: a quarter of the memory for
    // shared buffers), not with the tests' 128 MB: at a million members the tables and indexes need ~2 GB.
    const memoryMiB = Math.floor(os.totalmem() / 2 ** 20);
    const cluster = await startThrowawayCluster({
      shared_buffers: `${Math.floor(memoryMiB / 4)}MB`,
      effective_cache_size: `${Math.floor((memoryMiB * 3) / 4)}MB`,
    });
    if (cluster.skipped) {
      console.error(`no PostgreSQL for the benchmark: ${cluster.skipped}`);
      process.exit(3);
    }
    databaseUrl = cluster.url as string;
    const stop = cluster.stop as () => Promise<void>;
    cleanups.push(() => stop());
  }
  if (options.load) {
    const done = timed('PostgreSQL', options.members);
    await loadPostgres(databaseUrl, options.members);
    done();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  cleanups.push(() => client.end());
  // A database in service has its working set in memory; a freshly loaded one has it only in the OS page cache
  // (COPY and index builds bypass shared buffers), which this virtual machine reclaims at will (DAMON), so runs
  // read from disk or not by chance. Read every table and index of the schema into shared buffers first.
  const warm = Date.now();
  await client.query('create extension if not exists pg_prewarm');
  const [prewarmed] = (
    await client.query<{ blocks: string }>(
      `select coalesce(sum(pg_prewarm(c.oid)), 0)::text as blocks from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'i')`,
    )
  ).rows;
  console.log(`prewarmed ${prewarmed?.blocks ?? 0} blocks into shared buffers in ${Date.now() - warm} ms`);
  const [version] = (
    await client.query<{ v: string; buffers: string }>(
      `select current_setting('server_version') as v, current_setting('shared_buffers') as buffers`,
    )
  ).rows;
  const url = databaseUrl;
  return {
    label: `PostgreSQL (${version?.v ?? '?'}, shared_buffers ${version?.buffers ?? '?'}), app and floor each with a pool of 10`,
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    async start() {
      const appPort = await freePort();
      const floorPort = await freePort();
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongjian-bench-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      // The app as `npm start` runs it: the server's esbuild bundle, not its sources through tsx (whose
      // keep-names wrapping of every closure costs the per-row code of an import ~15 %).
      buildServer();
      const app = await children.start(
        'packages/server/dist/main.js',
        { DATABASE_URL: url, PORT: String(appPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
        [`http://127.0.0.1:${appPort}/api/health`],
      );
      await children.start('bench/floor.ts', { DATABASE_URL: url, PORT: String(floorPort) }, [
        `http://127.0.0.1:${floorPort}/organizations/1`,
      ]);
      return { appPort, floorPort, appPid: app.pid };
    },
    async stop() {
      await children.stop();
      for (const fn of cleanups.reverse()) await fn();
    },
  };
}

async function openPglite(options: EngineOptions): Promise<BenchEngine> {
  const children = new Children();
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'gongjian-bench-pglite-'));
  if (!options.load && temporary) throw new Error('--no-load on PGlite needs --data-dir (a loaded DATA_DIR)');
  if (options.load) {
    const done = timed('PGlite', options.members);
    await loadPglite(dataDir, options.members);
    done();
  }
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined = await openDatabase({
    dataDir: pgliteDir(dataDir),
  });
  const client = pgliteClient(database);
  const [version] = (await client.query<{ v: string }>(`select current_setting('server_version') as v`)).rows;
  const close = async () => {
    await database?.close();
    database = undefined;
  };
  return {
    label: `PGlite ${pgliteVersion()} (PostgreSQL ${version?.v ?? '?'}, WASM), app and floor in one process on one instance`,
    async query<T>(text: string, params: unknown[] = []) {
      if (!database) throw new Error('the PGlite directory belongs to the server process now');
      return (await client.query<T>(text, params)).rows;
    },
    async start() {
      await close();
      const appPort = await freePort();
      const floorPort = await freePort();
      const server = await children.start(
        'bench/pglite-server.ts',
        {
          DATABASE_URL: '',
          DATA_DIR: dataDir,
          PORT: String(appPort),
          FLOOR_PORT: String(floorPort),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'error',
        },
        [`http://127.0.0.1:${appPort}/api/health`, `http://127.0.0.1:${floorPort}/organizations/1`],
      );
      return { appPort, floorPort, appPid: server.pid };
    },
    async stop() {
      await children.stop();
      await close();
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function pgliteVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const pkg = path.join(entry.slice(0, entry.lastIndexOf('/dist/')), 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** Bundles the server into packages/server/dist (esbuild, a second or two), as `npm run build` does. */
function buildServer(): void {
  const result = spawnSync(process.execPath, ['build.mjs'], {
    cwd: path.join(ROOT, 'packages/server'),
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`building the server failed (exit ${result.status})`);
}

/** The server processes of one run, killed on exit whatever happens. */
class Children {
  private readonly list: ChildProcess[] = [];

  constructor() {
    process.on('exit', () => {
      for (const c of this.list) if (c.exitCode === null) c.kill('SIGKILL');
    });
  }

  /** Spawns an entry point (TypeScript through tsx) and waits until every ready URL answers below 500. */
  async start(script: string, env: Record<string, string>, readyUrls: string[]): Promise<ChildProcess> {
    const child = spawn(process.execPath, script.endsWith('.js') ? [script] : ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.list.push(child);
    const deadline = Date.now() + 60_000;
    for (const url of readyUrls) {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
        try {
          const res = await fetch(url);
          if (res.status < 500) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${script} not ready after 60 s`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return child;
  }

  async stop(): Promise<void> {
    const running = this.list.filter((c) => c.exitCode === null);
    const exited = running.map((c) => new Promise((r) => c.once('exit', r)));
    for (const c of running) c.kill('SIGTERM');
    await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 5000))]);
  }
}

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
