import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../src/db/client.js';
import { serverPackageDir } from '../../src/paths.js';
import { createTestDatabase } from '../helpers/test-db.js';

/**
 * Two server processes behind one PostgreSQL, as a province would run several app servers: a session made on
 * one works on the other, a logout on one ends it on the other (after at most the session cache's 5 s), data
 * written on one is read on the other, and a scheduled job runs once, not once per server.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];
let database: (Database & { url: string }) | undefined;
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  await database?.close();
});

async function startServer(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(serverPackageDir(), 'src/main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: 'two-servers-share-one-session-secret-0123456789',
    },
    stdio: 'pipe',
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return base;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start: ${output}`);
}

describe('two servers on one database', () => {
  it('share sessions, logouts, data and jobs', async () => {
    database = await createTestDatabase();
    // One after the other: the first seeds the demo city, the second finds it.
    const a = await startServer(database.url);
    const b = await startServer(database.url);

    const login = await fetch(`${a}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const me = (base: string) => fetch(`${base}/api/me`, { headers: { cookie } });
    expect((await me(b)).status).toBe(200);

    const roots = (await (await fetch(`${a}/api/organizations`, { headers: { cookie } })).json()) as {
      items: { id: number }[];
    };
    const created = await fetch(`${a}/api/organizations`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ parentId: roots.items[0]?.id, name: '两台服务器测试党支部', type: 'branch' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await fetch(`${b}/api/organizations/${id}`, { headers: { cookie } })).status).toBe(200);

    // Each server ran its start-up tick; the cleanup job was due once, and ran once.
    const runs = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from job_runs where job = 'sessions.cleanup'`,
    );
    expect(runs[0]?.n).toBe(1);

    expect((await fetch(`${b}/api/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    expect((await me(b)).status).toBe(401);
    // Server A may answer from its session cache for up to 5 s, never longer.
    const deadline = Date.now() + 6_000;
    let status = (await me(a)).status;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await me(a)).status;
    }
    expect(status).toBe(401);
  }, 180_000);
});
