import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openConfiguredDatabase, queryRows } from '../../src/db/client.js';
import { generateOpenApi } from '../../src/openapi.js';
import { serverPackageDir } from '../../src/paths.js';
import { useApi } from '../helpers/api.js';

const api = useApi();

describe('health and docs', () => {
  it('GET /api/health names the engine', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', db: 'postgres' });
  });

  it('serves the OpenAPI document and the interactive docs without a login', async () => {
    const doc = await api.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.json().paths).toHaveProperty('/api/organizations/{id}');
    const docs = await api.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('the database connection', () => {
  it('survives PostgreSQL closing idle connections: the pool opens new ones', async () => {
    // Several idle connections in the pool, then the server ends them all (as a restart or failover would).
    await Promise.all(Array.from({ length: 4 }, () => queryRows(api.db, sql`select pg_sleep(0.05)`)));
    const admin = new pg.Client({ connectionString: (api.database as { url?: string }).url });
    await admin.connect();
    const { rows } = await admin.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(rows[0]?.n).toBeGreaterThanOrEqual(4);
    // Each closed connection reports an error on the pool; unheard, it would end the process (and this run).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await api.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(await queryRows(api.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });
});

describe('the committed OpenAPI file and web client types', () => {
  it('openapi.json is a valid OpenAPI 3.1 document, as a real validator reads it', async () => {
    const document = JSON.parse(readFileSync(join(serverPackageDir(), 'openapi.json'), 'utf8'));
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(document)).resolves.toBeTruthy();
    // The 3.0 forms a 3.1 validator would still let through but 3.0-minded generators misread are gone.
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/"exclusiveMinimum":true|"nullable":|"\$id":"#/);
  });

  it('openapi.json matches the route schemas (run `npm run openapi` when this fails)', async () => {
    const committed = readFileSync(join(serverPackageDir(), 'openapi.json'), 'utf8');
    expect(committed).toBe(await generateOpenApi());
  });

  it('describes every download as the file it is, and its errors as JSON', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const downloads = Object.entries(document.paths).filter(
      ([path]) => path.endsWith('/export') || path === '/api/member-imports/rejected',
    );
    expect(downloads.length).toBeGreaterThanOrEqual(13);
    for (const [path, operations] of downloads) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(Object.keys(operation.responses['200']?.content ?? {}), where).toEqual([
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ]);
        for (const [status, response] of Object.entries(operation.responses)) {
          if (status !== '200')
            expect(Object.keys(response.content ?? {}), `${where} ${status}`).toEqual(['application/json']);
        }
      }
    }
  });

  it('the web client types are generated from the committed openapi.json', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gj-types-')), 'schema.d.ts');
    const root = join(serverPackageDir(), '..', '..');
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(serverPackageDir(), 'openapi.json'), '-o', out],
      { stdio: 'pipe' },
    );
    const committed = readFileSync(join(root, 'packages/web/src/api/schema.d.ts'), 'utf8');
    expect(committed).toBe(readFileSync(out, 'utf8'));
  });
});

describe('errors and headers', () => {
  it('malformed JSON and wrong content types are 400/415 with the one error shape', async () => {
    const bad = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: 'VALIDATION', message: '请求格式不正确' });
    const empty = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(400);
    const text = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('limits the body size', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/nothing-here', headers: {} });
    expect([401, 404]).toContain(res.statusCode);
    expect(res.json()).toHaveProperty('code');
  });

  it('sends security headers', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    // Without secure cookies (plain http on a LAN) the browser must not be told to upgrade to https.
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    // Error answers carry them too: they are set before authentication runs.
    const refused = await api.app.inject({ method: 'GET', url: '/api/members' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(refused.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
  });
});

describe('the embedded database', () => {
  it('will not start an empty database beside an earlier version’s PGlite folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gj-old-'));
    mkdirSync(join(dataDir, 'pglite'));
    await expect(openConfiguredDatabase({ dataDir })).rejects.toThrow(/旧版（PGlite）.*npm run migrate-pglite/);
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    // Nor does it keep the folder claimed: a start after the move is not refused as "in use".
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
  });
});
