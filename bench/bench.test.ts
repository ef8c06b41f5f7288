// Proves the benchmark harness works end to end on tiny data (`npm run bench -- --smoke`, on the embedded
// PostgreSQL server in a throwaway folder): the data load, the app and the floor, and a table with numbers. No
// timing assertion: machines are noisy.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { findPgbench } from './pgbench.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the smoke bench; its standard output. */
function smoke(): string {
  const run = spawnSync('npm', ['run', '--silent', 'bench', '--', '--smoke'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 150_000,
    // Always a throwaway cluster: the load truncates the tables of the database it is given.
    env: { ...process.env, BENCH_DATABASE_URL: '' },
  });
  if (run.status !== 0) {
    const how = run.error ? `did not finish: ${run.error.message}` : `exited ${run.status ?? run.signal}`;
    throw new Error(`bench ${how}:\n${run.stdout}\n${run.stderr}`);
  }
  return run.stdout;
}

/** The reads without a hand-written reference (bench/reads.ts): their SQL columns have the app's side alone. */
const WITHOUT_REFERENCE = /^workbench, /;

function expectTable(stdout: string) {
  const rows = stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| endpoint') && !l.startsWith('| ---'));
  expect(rows.length).toBe(11);
  for (const row of rows) {
    const cells = row
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    const referenced = !WITHOUT_REFERENCE.test(cells[0] ?? '');
    // One statement per read: a read that needs more says so after its name (the workbench: one per due source).
    if (referenced) expect(cells[0], row).not.toMatch(/statements/);
    else expect(cells[0], row).toMatch(/\(\d+ statements\)$/);
    // pgbench's tps for the reference and the app's SQL, and their ratio: numbers where pgbench is installed.
    const sql = cells.slice(1, 4);
    if (!findPgbench()) expect(sql).toEqual(['—', '—', '—']);
    else if (referenced) for (const cell of sql) expect(Number(cell), `${cell} in ${row}`).toBeGreaterThan(0);
    else {
      expect([sql[0], sql[2]], row).toEqual(['—', '—']);
      expect(Number(sql[1]), `${sql[1]} in ${row}`).toBeGreaterThan(0);
    }
    // req/s of app and floor and their ratio over HTTP; latencies as "p50 / p99".
    for (const cell of cells.slice(4, 7)) expect(Number(cell), `${cell} in ${row}`).toBeGreaterThan(0);
    for (const cell of cells.slice(7, 9)) expect(cell, row).toMatch(/^\d+ \/ \d+$/);
    // Every request answered 2xx on both sides (the last column).
    expect(cells.at(-1), row).toBe('0/0');
  }
}

test('npm run bench -- --smoke prints a table with numbers for every endpoint', () => {
  const stdout = smoke();
  expect(stdout).toMatch(/- engine: PostgreSQL \d+\.\d+ \(embedded, throwaway cluster, fsync off; shared_buffers /);
  expectTable(stdout);
}, 180_000);
