// npm run fuzz [-- --seconds N] [--seed N] [--concurrency N] [--write]
// The hostile-input test at a higher count, against the real built server (demo mode, a fresh DATA_DIR: its embedded PostgreSQL) on
// loopback: random requests to every operation of openapi.json, as the administrator and as a street account,
// with values a form, a URL or a script may send (odd types, huge and nested values, control characters, files
// that are not what they say). Reports every 5xx and every answer slower than 1 s, and how /api/health answered
// meanwhile. --write puts the figures into SECURITY.md (between its fuzz markers). Exits 1 when any 5xx was seen.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/support/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 60);
const CONCURRENCY = arg('concurrency', 4);
const SLOW_MS = 1000;
let seed = arg('seed', Date.now() % 1_000_000);
const initialSeed = seed;

/** mulberry32: the same --seed gives the same requests. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
};
type Operation = {
  parameters?: { name: string; in: 'query' | 'path' }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
const openapi = JSON.parse(readFileSync(path.join(ROOT, 'packages/server/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve(openapi.components.schemas[schema.$ref.split('/').at(-1) as string] as Schema) : schema;

type Route = { method: string; path: string; query: string[]; body?: Schema; multipart?: Schema };
const routes: Route[] = Object.entries(openapi.paths).flatMap(([p, operations]) =>
  Object.entries(operations)
    .filter(([method]) => !(p === '/api/auth/logout' && method === 'post'))
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      path: p,
      query: (op.parameters ?? []).filter((q) => q.in === 'query').map((q) => q.name),
      body: op.requestBody?.content['application/json']?.schema,
      multipart: op.requestBody?.content['multipart/form-data']?.schema,
    })),
);

const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
const HOSTILE: (() => unknown)[] = [
  () => null,
  () => true,
  () => -1,
  () => 1.5,
  () => 1e308,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => '',
  () => ' ',
  () => '0x10',
  () => '1e3',
  () => 'x'.repeat(Math.floor(random() * 20_000)),
  () => '张'.repeat(Math.floor(random() * 5_000)),
  () => '\u202e\u0007\u009b',
  () => '\ud800',
  () => "'; drop table members; --",
  () => '%_\\',
  () => '2026-02-30',
  () => '9999-12-31',
  () => [],
  () => [5],
  () => ({}),
  () => ({ __proto__: { admin: true } }),
  () => nested(Math.floor(random() * 60)),
  () => Array.from({ length: 1000 }, (_, i) => i),
];

/** A value for a schema: usually one that fits, often a hostile one. */
function valueFor(schema: Schema | undefined, depth = 0): unknown {
  if (random() < 0.35 || !schema) return pick(HOSTILE)();
  const s = resolve(schema);
  const options = s.anyOf ?? s.oneOf;
  if (options) return valueFor(pick(options), depth);
  if (s.enum) return pick(s.enum);
  switch (s.type) {
    case 'integer':
    case 'number':
      return pick([1, 2, 3, 10, 50, 100, 1000, 0, -5]);
    case 'boolean':
      return random() < 0.5;
    case 'array':
      return depth > 4 ? [] : Array.from({ length: Math.floor(random() * 3) }, () => valueFor(s.items, depth + 1));
    case 'object':
      return depth > 4
        ? {}
        : Object.fromEntries(
            Object.entries(s.properties ?? {})
              .filter(() => random() < 0.8)
              .map(([k, v]) => [k, valueFor(v, depth + 1)]),
          );
    default:
      return pick(['测试', '2026-01-01', '11010519491231002X', '13800138000', 'zsf', '1', 'a'.repeat(80)]);
  }
}

const pathValue = () => String(pick([1, 2, 3, 5, 8, 13, 40, 100, 987654321, '0', '-1', 'abc', '1.5', '9'.repeat(30)]));

/** A file for an upload: a real little CSV, garbage, a truncated zip, a zip that is not a workbook. */
function fileFor(): Buffer {
  return pick([
    () => Buffer.from('姓名,身份证号\n张三,11010519491231002X\n'),
    () => Buffer.from(Array.from({ length: 2000 }, () => Math.floor(random() * 256))),
    () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 7)]),
    () => Buffer.from('\u0000\u0001\u0002'.repeat(100)),
    () => Buffer.alloc(0),
  ])();
}

function multipartOf(value: unknown): { body: Buffer; type: string } {
  const fields = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { x: value };
  const boundary = `----fuzz${Math.floor(random() * 1e9)}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${text}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${pick(['r.csv', 'r.xlsx', 'r.xls', 'r'])}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    fileFor(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

type Outcome = { what: string; status: number; ms: number; body: string };

async function main() {
  // The built server as the browser tests start it: demo mode, a fresh data folder, responses verified.
  const server = await startServer();
  const app = { base: server.baseUrl };
  const sessions: Record<string, string> = {};
  for (const user of ['admin', 'jiedao']) sessions[user] = await login(app.base, user);
  const outcomes: Outcome[] = [];
  const health: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;

  async function one(): Promise<void> {
    const route = pick(routes);
    const user = pick(Object.keys(sessions));
    let url = route.path.replaceAll(/\{\w+\}/g, () => encodeURIComponent(pathValue()));
    const query = route.query
      .filter(() => random() < 0.6)
      .map((q): [string, string] => [q, String(valueFor({ type: 'string' }))]);
    if (query.length) url += `?${new URLSearchParams(query).toString()}`;
    const headers: Record<string, string> = { cookie: sessions[user] as string };
    let body: string | Buffer | undefined;
    if (route.multipart) {
      const form = multipartOf(valueFor(route.multipart));
      body = form.body;
      headers['content-type'] = form.type;
    } else if (route.body || (route.method !== 'GET' && random() < 0.3)) {
      body = JSON.stringify(valueFor(route.body)) ?? 'null';
      headers['content-type'] = 'application/json';
    }
    const started = performance.now();
    const res = await fetch(`${app.base}${url}`, { method: route.method, headers, body }).catch(
      // No answer at all (the connection reset): counted with the server errors, with its cause.
      (error: Error & { cause?: { code?: string; message?: string } }) =>
        ({
          status: 599,
          text: async () => `no answer: ${error.message} (${error.cause?.code ?? error.cause?.message ?? ''})`,
        }) as Response,
    );
    const text = await res.text().catch(() => '');
    const ms = performance.now() - started;
    outcomes.push({ what: `${user} ${route.method} ${route.path}`, status: res.status, ms, body: text.slice(0, 200) });
    // A request that disabled the account or changed its password ends its session: log in again.
    if (res.status === 401) sessions[user] = await login(app.base, user).catch(() => sessions[user] as string);
  }

  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < deadline) await one();
  });
  const monitor = (async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      await fetch(`${app.base}/api/health`).catch(() => undefined);
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  await Promise.all([...workers, monitor]);
  const alive = await fetch(`${app.base}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  await server.stop();

  const errors = outcomes.filter((o) => o.status >= 500);
  const slow = outcomes.filter((o) => o.ms > SLOW_MS).sort((a, b) => b.ms - a.ms);
  const count = (klass: number) => outcomes.filter((o) => Math.floor(o.status / 100) === klass).length;
  const sorted = [...health].sort((a, b) => a - b);
  const q = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(0);
  const lines = [
    `Run of ${new Date().toISOString().slice(0, 10)}: ${SECONDS} s, ${CONCURRENCY} senders, seed ${initialSeed}, ` +
      `${routes.length} operations, ${os.cpus().length} cores.`,
    '',
    `| requests | 2xx | 4xx | 5xx or no answer | slower than ${SLOW_MS} ms | /api/health p50 / p99 / max (ms) | server alive after |`,
    '|---|---|---|---|---|---|---|',
    `| ${outcomes.length} | ${count(2)} | ${count(4)} | ${errors.length} | ${slow.length} | ` +
      `${q(0.5)} / ${q(0.99)} / ${(sorted.at(-1) ?? 0).toFixed(0)} | ${alive ? 'yes' : 'NO'} |`,
  ];
  const distinct = (list: Outcome[]) => [...new Map(list.map((o) => [`${o.what} ${o.status}`, o])).values()];
  if (errors.length) lines.push('', '5xx:', ...distinct(errors).map((o) => `- ${o.status} ${o.what}: ${o.body}`));
  if (slow.length)
    lines.push(
      '',
      'Slowest:',
      ...distinct(slow)
        .slice(0, 10)
        .map((o) => `- ${o.ms.toFixed(0)} ms ${o.what} → ${o.status}`),
    );
  const report = lines.join('\n');
  console.log(`\n${report}\n`);
  if (argv.includes('--write')) {
    const file = path.join(ROOT, 'SECURITY.md');
    const text = readFileSync(file, 'utf8');
    const begin = '<!-- fuzz:begin -->';
    const end = '<!-- fuzz:end -->';
    const at = text.indexOf(begin);
    const stop = text.indexOf(end);
    if (at < 0 || stop < at) throw new Error(`SECURITY.md has no ${begin} … ${end} block`);
    writeFileSync(file, `${text.slice(0, at + begin.length)}\n${report}\n${text.slice(stop)}`);
    console.log('written to SECURITY.md');
  }
  process.exit(errors.length > 0 || !alive ? 1 : 0);
}

await main();
