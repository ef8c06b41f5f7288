// Proves the benchmark harness works end to end on tiny data (`npm run bench -- --smoke`): the data load,
// the app and the floor, and a table with numbers. No timing assertion: machines are noisy.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('npm run bench -- --smoke prints a table with numbers for every endpoint', (ctx) => {
  const run = spawnSync('npm', ['run', '--silent', 'bench', '--', '--smoke'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 150_000,
    // Always a throwaway cluster: the load truncates the tables of the database it is given.
    env: { ...process.env, BENCH_DATABASE_URL: '' },
  });
  if (run.status === 3) ctx.skip(); // no PostgreSQL server binaries on this machine (said on stderr)
  if (run.status !== 0) throw new Error(`bench exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  const rows = run.stdout
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
    // Every request answered 2xx on both sides.
    expect(cells[8], row).toBe('0/0');
  }
}, 180_000);
