import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopLeftoverPostmaster } from '../../src/db/embedded.js';
import { startServerProcess, stopServerProcess } from '../helpers/server-process.js';
import { createTestDatabase } from '../helpers/test-db.js';

/** The real server process, killed with SIGKILL: what it committed must be there when it starts again. */
const startServer = startServerProcess;
const killHard = (child: ChildProcess) => stopServerProcess(child, 'SIGKILL');

const dataDir = mkdtempSync(join(tmpdir(), 'gj-durable-'));
const external = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
const env: Record<string, string> = { DATA_DIR: dataDir, ...(external?.url && { DATABASE_URL: external.url }) };
afterAll(async () => {
  await external?.close();
  // The last server was killed with SIGKILL: its PostgreSQL outlives it (the next start would stop it).
  await stopLeftoverPostmaster(join(dataDir, 'postgres'));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability', () => {
  it('a committed write survives kill -9 of the server', async () => {
    const first = await startServer(env);
    const login = await fetch(`${first.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const root = (await (await fetch(`${first.base}/api/organizations`, { headers: { cookie } })).json()) as {
      items: { id: number }[];
    };
    const created = await fetch(`${first.base}/api/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ parentId: root.items[0]?.id, name: '断电测试党支部', type: 'branch' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await killHard(first.child); // no shutdown hook runs

    const second = await startServer(env);
    try {
      const again = await fetch(`${second.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
      });
      const cookie2 = (again.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const res = await fetch(`${second.base}/api/organizations/${id}`, { headers: { cookie: cookie2 } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { name: string }).name).toBe('断电测试党支部');
      const audit = await fetch(`${second.base}/api/audit-logs?entity=organization&entityId=${id}`, {
        headers: { cookie: cookie2 },
      });
      expect(((await audit.json()) as { total: number }).total).toBe(1);
      if (!external) {
        // A second server on the same folder refuses to start. (The first one's claim, left by kill -9, was taken
        // over above, and the PostgreSQL it left running stopped: its process is gone.)
        const refused = await startServer(env).then(
          async (third) => {
            await killHard(third.child);
            return 'started';
          },
          (error: Error) => error.message,
        );
        expect(refused).toContain('正被另一个服务进程');
        expect((await fetch(`${second.base}/api/health`)).ok).toBe(true);
      }
    } finally {
      await killHard(second.child);
    }
  }, 120_000);
});
