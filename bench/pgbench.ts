// pgbench, PostgreSQL's own C client, driving one statement from many connections: the database's throughput
// for a read with no Node in the way. `npm run bench` runs the reference SQL and the app's own statement
// (bench/reads.ts) through it, alternating. It comes with Debian's postgresql-client (`apt-get install -y
// postgresql-client-15`); `npm test` does not need it (the smoke run says it is missing and goes on).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench'];

/** The pgbench on this machine, or undefined. */
export function findPgbench(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' }).stdout.trim();
  return [onPath, ...CANDIDATES].find((p) => p && existsSync(p));
}

export type PgbenchResult = { tps: number; latencyMs: number; transactions: number; failed: number };

/** Writes a one-statement pgbench script; returns its path. The statement's values are written in (simple protocol). */
export function writeScript(dir: string, name: string, statement: string): string {
  const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.sql`);
  // A statement may span lines and ends at its semicolon; none of the bench's statements has one inside.
  writeFileSync(file, `${statement.trim()};\n`);
  return file;
}

/**
 * Runs `pgbench -n -c <clients> -j 2 -f script` for `seconds` (or `transactions` per client), against the
 * database at `url` (a libpq connection string: pgbench takes it as its database name).
 */
export function runPgbench(
  bin: string,
  url: string,
  script: string,
  options: { clients: number; seconds?: number; transactions?: number },
): Promise<PgbenchResult> {
  const args = [
    '-n',
    '-M',
    'simple',
    '-c',
    String(options.clients),
    '-j',
    String(Math.min(2, options.clients)),
    '-f',
    script,
    ...(options.transactions ? ['-t', String(options.transactions)] : ['-T', String(options.seconds ?? 2)]),
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const tps = /tps = ([\d.]+)/.exec(out)?.[1];
      if (code !== 0 || !tps) {
        reject(new Error(`pgbench ${path.basename(script)} exited ${code}:\n${err || out}`.slice(0, 2000)));
        return;
      }
      resolve({
        tps: Number(tps),
        latencyMs: Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN),
        transactions: Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? 0),
        failed: Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0),
      });
    });
  });
}

/** Throughput over several runs: transactions over the time they took (tps × seconds summed). */
export function combine(runs: PgbenchResult[]): PgbenchResult {
  const seconds = runs.reduce((a, r) => a + r.transactions / Math.max(r.tps, 1e-9), 0);
  const transactions = runs.reduce((a, r) => a + r.transactions, 0);
  const latency = runs.reduce((a, r) => a + r.latencyMs * r.transactions, 0) / Math.max(transactions, 1);
  return {
    tps: transactions / Math.max(seconds, 1e-9),
    latencyMs: latency,
    transactions,
    failed: runs.reduce((a, r) => a + r.failed, 0),
  };
}
