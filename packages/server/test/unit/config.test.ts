import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('production refuses to start without a real SESSION_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'change-me-change-me-change-me-change-me' }),
    ).toThrow();
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'q8Jk2v9LmZp4Xw7Rt1Ns6Bd3Hf5Yc0Ge' });
    expect(config).toMatchObject({ production: true, secureCookies: true, host: '0.0.0.0' });
  });

  it('demo mode keeps a generated secret in the data folder, stable across starts', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gj-config-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8')).toBe(first.sessionSecret);
    expect(first).toMatchObject({ production: false, port: 3000, secureCookies: false, databaseUrl: undefined });
  });

  it('reads PORT and DATABASE_URL, and rejects a bad port', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gj-config-'));
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '8080', DATABASE_URL: 'postgres://x@y/z' })).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://x@y/z',
    });
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'eighty' })).toThrow(/PORT/);
  });
});
