// The app's own SQL for each read, as the server sends it: the app built in this process on the bench database,
// each request made twice through app.inject (the first reads the session and the list's root), the statements
// of the second recorded and their parameters written in, for pgbench, as the case's account (its `user`). A read
// that needs more than one statement (the workbench: one per due source) shows here as a script of several.
import { buildApp } from '../packages/server/src/app.js';
import { DEFAULT_UPLOAD_READS } from '../packages/server/src/config.js';
import { openDatabase } from '../packages/server/src/db/client.js';
import { BENCH_PASSWORD, BENCH_USER } from './data.js';
import { inline, type ReadCase, recordStatements } from './reads.js';

export async function captureAppSql(url: string, cases: ReadCase[]): Promise<Map<string, string[]>> {
  const database = openDatabase(url);
  const app = await buildApp({
    database,
    config: {
      production: true,
      port: 0,
      host: '127.0.0.1',
      dataDir: '',
      databaseUrl: url,
      sessionSecret: 'bench-capture-secret-of-sufficient-length',
      secureCookies: false,
      trustProxy: false,
      logLevel: 'silent',
      verifyResponses: false,
      publicOrigins: [],
      uploadReads: DEFAULT_UPLOAD_READS,
    },
  });
  try {
    const cookies = new Map<string, string>();
    const cookieOf = async (user: string) => {
      const known = cookies.get(user);
      if (known) return known;
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user, password: BENCH_PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`capture login ${user}: ${login.statusCode} ${login.body}`);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      cookies.set(user, cookie);
      return cookie;
    };
    const captured = new Map<string, string[]>();
    for (const c of cases) {
      const cookie = await cookieOf(c.user ?? BENCH_USER);
      const get = () => app.inject({ method: 'GET', url: `/api${c.path}`, headers: { cookie } });
      await get();
      const statements = await recordStatements(async () => {
        const res = await get();
        if (res.statusCode !== 200) throw new Error(`${c.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      });
      captured.set(
        c.name,
        statements.map((s) => inline(s.text, s.params)),
      );
    }
    return captured;
  } finally {
    await app.close();
    await database.close();
  }
}
