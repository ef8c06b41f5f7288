// Prints EXPLAIN ANALYZE for the SQL a member list runs (the same repository functions the floor uses):
//   tsx bench/explain.ts --database-url URL --org ID [--q TEXT] [--page N] [--time RUNS]
//   tsx bench/explain.ts --data-dir DIR --org ID [--q TEXT] [--page N] [--time RUNS]   (a DATA_DIR's embedded server)
// With --time, runs each statement RUNS times without EXPLAIN (whose per-row timing inflates small nodes)
// and prints the mean time per statement instead.
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Queryable } from '../packages/server/src/db/client.js';
import type { Actor } from '../packages/server/src/http/actor.js';
import { listMemberPage } from '../packages/server/src/members/members.repo.js';
import { openDataDir } from './data.js';

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const runs = Number(arg('time') ?? 0);

type Run = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
const dataDir = arg('data-dir');
const server = dataDir ? await openDataDir(dataDir) : undefined;
const client = new pg.Client({ connectionString: server?.url ?? arg('database-url') });
await client.connect();
const run: Run = (text, params) => client.query(text, params);
const close = async () => {
  await client.end();
  await server?.close();
};

const dialect = new PgDialect();
const db = {
  async execute(query: SQL) {
    const { sql, params } = dialect.sqlToQuery(query);
    if (runs > 0) {
      const started = performance.now();
      for (let i = 0; i < runs; i++) await run(sql, params as unknown[]);
      console.log(`${((performance.now() - started) / runs).toFixed(2)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 90)}…`);
    } else {
      const plan = await run(`explain (analyze, buffers) ${sql}`, params as unknown[]);
      console.log(`\n${sql.slice(0, 200)}…\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    return run(sql, params as unknown[]);
  },
} as unknown as Queryable;
const [root] = (
  await run(
    `select id::int as id, path::text as path from organizations where parent_id is null order by id limit 1`,
    [],
  )
).rows as { id: number; path: string }[];
const scope = { scopePath: root?.path ?? '1', orgId: root?.id ?? 1 } as Actor;
// The root's statement, then the list's own (the statement the server sends once it knows the root).
await listMemberPage(db, scope, { orgId: Number(arg('org')), q: arg('q') }, Number(arg('page') ?? 1), 20);
await close();
