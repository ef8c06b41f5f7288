import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_MAIN = join(ROOT, 'packages/server/dist/main.js');
const WEB_INDEX = join(ROOT, 'packages/web/dist/index.html');

export type RunningServer = { baseUrl: string; output: () => string; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

type StartOptions = {
  /** The data folder to use (default: a copy of the run's template, else a new empty one). */
  dataDir?: string;
  /** Leave the folder when stopped (the template). */
  keepDataDir?: boolean;
};

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder holding a stopped server's demo city: each file's server starts on a copy of it. */
    e2eTemplateDir: string;
  }
}

/** The folder global-setup.ts seeded once for the run, when the project has one. */
function templateDir(): string | undefined {
  try {
    return inject('e2eTemplateDir');
  } catch {
    return undefined; // outside a test file (global setup itself)
  }
}

/**
 * Starts the built server (demo mode, its own data folder: its own embedded PostgreSQL) on a free port. The
 * folder is a copy of the demo city global-setup.ts made once for the run (a file starts in ~4 s instead of ~9),
 * or a new one the server seeds. Set E2E_BASE_URL to run the journeys against a server you started yourself
 * instead (e.g. the vite dev server while working on the UI).
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/$/, ''), output: () => '', stop: async () => {} };

  for (const file of [SERVER_MAIN, WEB_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the browser tests`);
  }
  const port = await freePort();
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'gongjian-e2e-'));
    const template = templateDir();
    // `cp -a`: the cluster's files keep their owner (the OS user PostgreSQL runs as when we are root) and modes.
    if (template) execFileSync('cp', ['-a', `${template}/.`, dataDir]);
  }
  const folder = dataDir;
  let log = '';
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      VERIFY_RESPONSES: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.keepDataDir) rmSync(folder, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output, stop };
}
