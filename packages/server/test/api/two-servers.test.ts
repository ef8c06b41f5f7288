import type { ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../src/db/client.js';
import { startServerProcess, stopServerProcess } from '../helpers/server-process.js';
import { createTestDatabase } from '../helpers/test-db.js';

/**
 * Two server processes behind one PostgreSQL, as a province would run several app servers: a session made on
 * one works on the other, a logout on one ends it on the other (after at most the session cache's 5 s), data
 * written on one is read on the other, and a scheduled job runs once, not once per server.
 */
const children: ChildProcess[] = [];
let database: (Database & { url: string }) | undefined;
afterAll(async () => {
  for (const child of children) await stopServerProcess(child);
  await database?.close();
});

async function startServer(databaseUrl: string): Promise<string> {
  const { child, base } = await startServerProcess({
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'two-servers-share-one-session-secret-0123456789',
  });
  children.push(child);
  return base;
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
