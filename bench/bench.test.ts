// Proves the benchmark harness works end to end on tiny data (`npm run bench -- --smoke`, on the embedded
// PostgreSQL server in a throwaway folder): the data load, the app and the floor, and a table with numbers. No
// timing assertion: machines are noisy.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

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

function expectTable(stdout: string) {
  const rows = stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| endpoint') && !l.startsWith('| ---'));
  expect(rows.length).toBeGreaterThanOrEqual(8);
  for (const row of rows) {
    const cells = row
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    // req/s, p50, p99 for app and floor, then the ratio: all numbers.
    for (const cell of cells.slice(1, 8)) expect(Number.isFinite(Number(cell)), `${cell} in ${row}`).toBe(true);
    expect(Number(cells[1])).toBeGreaterThan(0);
    expect(Number(cells[4])).toBeGreaterThan(0);
    // Every request answered 2xx on both sides (the last column).
    expect(cells.at(-1), row).toBe('0/0');
  }
}

test('npm run bench -- --smoke prints a table with numbers for every endpoint', () => {
  const stdout = smoke();
  expect(stdout).toMatch(/- engine: PostgreSQL \d+\.\d+ \(embedded, throwaway cluster, fsync off; shared_buffers /);
  expectTable(stdout);
}, 180_000);
