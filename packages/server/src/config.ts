import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type AppConfig = {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  /** Check every compiled response serialisation against zod's (src/http/serializer.ts): tests, not production. */
  verifyResponses: boolean;
  /**
   * The origins (scheme://host[:port]) the app is served from: a state-changing request whose Origin is
   * another is refused (CSRF). Empty: the request's own host (Host, or X-Forwarded-Host behind a trusted proxy).
   */
  publicOrigins: string[];
  /** How uploaded spreadsheets are read: in worker threads, a few at a time, each with its own heap and clock. */
  uploadReads: UploadReadLimits;
};

export type UploadReadLimits = {
  /** Files read at the same time by one server process. */
  concurrent: number;
  /** Files waiting for a turn; one more is refused with 429. */
  waiting: number;
  /** A read that takes longer is stopped (400). */
  timeoutMs: number;
  /** The reading worker's heap (MB); a file that needs more is refused (400), the server goes on. */
  heapMb: number;
};

export const DEFAULT_UPLOAD_READS: UploadReadLimits = { concurrent: 2, waiting: 4, timeoutMs: 90_000, heapMb: 1024 };

const DEV_SECRET_FILE = 'session-secret';

/**
 * Reads the environment. Production refuses to start without a real SESSION_SECRET; demo mode keeps a
 * random one in the data folder so sessions survive a restart.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (production) {
    if (sessionSecret.length < 32 || /change|secret|example|demo/i.test(sessionSecret)) {
      throw new Error('NODE_ENV=production needs SESSION_SECRET: a random string of at least 32 characters');
    }
  } else if (!sessionSecret) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, DEV_SECRET_FILE);
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    sessionSecret = readFileSync(file, 'utf8').trim();
  }
  return {
    production,
    port,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sessionSecret,
    secureCookies: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : production,
    trustProxy: env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    verifyResponses: env.VERIFY_RESPONSES === 'true',
    publicOrigins: (env.PUBLIC_ORIGIN ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    uploadReads: DEFAULT_UPLOAD_READS,
  };
}
