// Prints EXPLAIN ANALYZE for the SQL a member list runs (the same repository functions the floor uses):
//   tsx bench/explain.ts --database-url URL --org ID [--q TEXT] [--page N] [--time RUNS]
//   tsx bench/explain.ts --data-dir DIR --org ID [--q TEXT] [--page N] [--time RUNS]   (a DATA_DIR's embedded server)
// or, with --workbench USER instead of --org, for each due source the account's workbench reads (its statements
// as the source sends them, recorded, then explained one by one with ANALYZE and BUFFERS).
// With --time, runs each statement RUNS times without EXPLAIN (whose per-row timing inflates small nodes)
// and prints the mean time per statement instead.
import { chinaToday, ROLE_PERMISSIONS, type Role } from '@gongjian/shared';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Queryable, queryRows } from '../packages/server/src/db/client.js';
import type { Actor } from '../packages/server/src/http/actor.js';
import { listMemberPage } from '../packages/server/src/members/members.repo.js';
import { MODULES } from '../packages/server/src/modules.js';
import { WORKBENCH_ITEMS_PER_SOURCE } from '../packages/server/src/workbench/workbench.service.js';
import { openDataDir } from './data.js';
import { inline, recordStatements } from './reads.js';

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
/** Explains (or times) each statement the workbench's due sources send for the account `username`. */
async function explainWorkbench(username: string) {
  const database = openDatabase(server?.url ?? (arg('database-url') as string));
  try {
    const [account] = await queryRows<{
      id: number;
      role: Role;
      org_id: number;
      path: string;
      member_id: number | null;
    }>(
      database.db,
      sql`select a.id::int as id, a.role, a.org_id::int as org_id, o.path::text as path, a.member_id::int as member_id
            from accounts a join organizations o on o.id = a.org_id where a.username = ${username}`,
    );
    if (!account) throw new Error(`no account ${username}`);
    const actor: Actor = {
      accountId: account.id,
      username,
      displayName: username,
      role: account.role,
      permissions: ROLE_PERMISSIONS[account.role],
      orgId: account.org_id,
      memberId: account.member_id,
      scopePath: account.path,
      mustChangePassword: false,
      sessionHash: '',
    };
    const sources = MODULES.flatMap((m) => m.dueSources ?? []).filter((s) =>
      s.permission.every((p) => actor.permissions.includes(p)),
    );
    for (const source of sources) {
      const query = { limit: WORKBENCH_ITEMS_PER_SOURCE, except: [] };
      let read: Awaited<ReturnType<typeof source.read>> | undefined;
      const statements = await recordStatements(async () => {
        read = await source.read(database.db, actor, chinaToday(), query);
      });
      console.log(`\n=== ${source.name}: total ${read?.total}, ${statements.length} statement(s)`);
      for (const s of statements) {
        const text = inline(s.text, s.params);
        if (runs > 0) {
          const started = performance.now();
          for (let i = 0; i < runs; i++) await run(text, []);
          console.log(
            `${((performance.now() - started) / runs).toFixed(2)} ms  ${text.replace(/\s+/g, ' ').slice(0, 90)}…`,
          );
        } else {
          const plan = await run(`explain (analyze, buffers) ${text}`, []);
          console.log(`${text}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
      }
    }
  } finally {
    await database.close();
  }
}

const workbenchUser = arg('workbench');
if (workbenchUser) {
  await explainWorkbench(workbenchUser);
  await close();
  process.exit(0);
}

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
