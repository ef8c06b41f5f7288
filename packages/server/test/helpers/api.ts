import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type AppConfig, DEFAULT_UPLOAD_READS } from '../../src/config.js';
import type { Database, Db } from '../../src/db/client.js';
import type { App } from '../../src/http/app-types.js';
import { createTestDatabase } from './test-db.js';

export const TEST_CONFIG: AppConfig = {
  production: false,
  port: 0,
  host: '127.0.0.1',
  dataDir: '',
  databaseUrl: undefined,
  sessionSecret: 'test-session-secret-with-enough-length',
  secureCookies: false,
  trustProxy: false,
  logLevel: 'silent',
  verifyResponses: true,
  publicOrigins: [],
  uploadReads: DEFAULT_UPLOAD_READS,
};

export type Api = {
  app: App;
  db: Db;
  database: Database;
  /** Logs in and returns the cookie header value; fails the test when the login fails. */
  login(username: string, password?: string): Promise<string>;
  /** A request as the account of `cookie` (none: anonymous). */
  get(url: string, cookie?: string): Promise<Response>;
  send(method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object): Promise<Response>;
  post(url: string, cookie?: string, payload?: object): Promise<Response>;
};

type Response = Awaited<ReturnType<App['inject']>>;

/** One fresh database and app per test file. */
export function useApi(): Api {
  // The request helpers read `api.app` when called: they may be taken apart (`const { get } = api`) at load.
  const api = {
    get: (url: string, cookie?: string) =>
      api.app.inject({ method: 'GET', url, ...(cookie && { headers: { cookie } }) }),
    send: (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object) =>
      api.app.inject({ method, url, ...(cookie && { headers: { cookie } }), ...(payload && { payload }) }),
    post: (url: string, cookie?: string, payload?: object) => api.send('POST', url, cookie, payload),
  } as Api;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ database, config: TEST_CONFIG });
    await app.ready();
    Object.assign(api, {
      app,
      db: database.db,
      database,
      async login(username: string, password = 'Test@2026pw') {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
        if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
        const cookie = res.cookies.find((c) => c.name === 'gj_session');
        if (!cookie) throw new Error('no session cookie');
        return `gj_session=${cookie.value}`;
      },
    });
  });
  afterAll(async () => {
    await api.app?.close();
    await api.database?.close();
  });
  return api;
}
