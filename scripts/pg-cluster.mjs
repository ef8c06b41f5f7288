// A throwaway PostgreSQL cluster for one test run: initdb into a temp dir, start
// postgres on a free loopback port, hand back a URL, and remove everything on stop().
// Used by scripts/test.mjs so the API suite also runs on real PostgreSQL, not only PGlite.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

function hasServerBinaries(dir) {
  try {
    for (const bin of ['initdb', 'postgres', 'pg_ctl']) accessSync(path.join(dir, bin), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// PG_BIN wins; then pg_config (may come from libpq-dev without a server, hence the check);
// then Debian's /usr/lib/postgresql/<major>/bin, newest major first.
function findBinDir() {
  // An explicit PG_BIN is taken at its word: a wrong one should be reported, not papered over.
  if (process.env.PG_BIN) return hasServerBinaries(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const candidates = [];
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
  } catch {
    // no pg_config on PATH
  }
  try {
    const majors = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const major of majors) candidates.push(`/usr/lib/postgresql/${major}/bin`);
  } catch {
    // no Debian-style install
  }
  return candidates.find(hasServerBinaries);
}

// PostgreSQL refuses to run as root. As root we run its binaries as the `postgres` user
// (Node's spawn uid/gid, which also drops root's groups): the same as `runuser -u postgres --`,
// but signals reach postgres itself rather than a runuser parent that may SIGKILL it.
function runAsIdentity() {
  if (process.getuid?.() !== 0) return { ok: true, ids: {} };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    return { ok: true, ids: { uid, gid } };
  } catch {
    return { ok: false };
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a PostgreSQL cluster in a temporary directory, gone when this process exits.
 * `settings`: server parameters on top of the defaults (the tests take 128 MB of shared buffers; the bench
 * sizes them as a server of this machine would be).
 */
export async function startThrowawayCluster(settings = {}) {
  const binDir = findBinDir();
  if (!binDir && process.env.PG_BIN) {
    return { skipped: `PG_BIN=${process.env.PG_BIN} has no initdb, postgres and pg_ctl in it` };
  }
  if (!binDir) {
    return {
      skipped:
        'no PostgreSQL server binaries found (looked at pg_config --bindir and /usr/lib/postgresql/*/bin); install the postgresql package',
    };
  }
  const who = runAsIdentity();
  if (!who.ok) return { skipped: 'running as root but there is no "postgres" user to run PostgreSQL as' };
  const ids = who.ids;
  const bin = (name) => path.join(binDir, name);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongjian-pg-'));
  if (ids.uid !== undefined) chownSync(dir, ids.uid, ids.gid);
  const dataDir = path.join(dir, 'data');
  // cwd = dir so postgres tools never try to stat root's unreadable home/cwd.
  const opts = { ...ids, cwd: dir, encoding: 'utf8' };

  // Cleanup on any way out, registered before anything can be left behind.
  let child;
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      // Immediate shutdown, and -w waits until postmaster.pid is gone (works even though
      // the exited child cannot be reaped inside an 'exit' handler).
      spawnSync(bin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', '-t', '10', 'stop'], {
        ...opts,
        stdio: 'ignore',
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    stopSync();
    process.exit(128 + os.constants.signals[signal]);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const unregister = () => {
    process.off('exit', stopSync);
    for (const s of signals) process.off(s, onSignal);
  };
  process.on('exit', stopSync);
  for (const s of signals) process.on(s, onSignal);

  try {
    // initdb creates data/ itself (postgres owns dir), so a failed attempt is easy to redo.
    // C.UTF-8 sorts like C but is UTF-8 aware; fall back to plain C where that locale is missing.
    const initdb = (locale) => {
      rmSync(dataDir, { recursive: true, force: true });
      return spawnSync(
        bin('initdb'),
        ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--encoding', 'UTF8', '--locale', locale, '--no-sync'],
        opts,
      );
    };
    let init = initdb('C.UTF-8');
    if (init.status !== 0) init = initdb('C');
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr || init.error}`);

    const port = await freePort();
    // -F: no fsync, this data is thrown away. Socket goes into the temp dir, not /var/run.
    child = spawn(
      bin('postgres'),
      [
        '-D',
        dataDir,
        '-k',
        dir,
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-F',
        '-c',
        'max_connections=200',
        ...Object.entries({ shared_buffers: '128MB', ...settings }).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      ],
      { ...ids, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Keep the server's log quiet but at hand for error messages.
    let log = '';
    const keep = (chunk) => {
      log = (log + chunk).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise((resolve) => child.once('exit', resolve));

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`postgres exited during startup:\n${log}`);
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        await client.query('select 1');
        await client.end();
        break;
      } catch (err) {
        await client.end().catch(() => {});
        if (Date.now() > deadline)
          throw new Error(`postgres not ready after ${READY_TIMEOUT_MS} ms: ${err.message}\n${log}`);
        await sleep(100);
      }
    }

    const stop = async () => {
      if (stopped) return;
      if (child.exitCode === null && child.signalCode === null) {
        // SIGINT = fast shutdown (SIGTERM would be "smart" and wait for clients to leave).
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      stopped = true;
      rmSync(dir, { recursive: true, force: true });
      unregister();
    };
    return { url, dir, stop };
  } catch (err) {
    stopSync();
    unregister();
    throw err;
  }
}
