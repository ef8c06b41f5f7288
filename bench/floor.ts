// The floor: the same SQL the app's endpoints run, built by the server's own repository functions and
// rendered by drizzle's PgDialect, executed straight on the database, served by a bare Fastify with no auth,
// no validation and no response schema; and Fastify's hello world (/hello). bench/engines.ts starts this file (a `pg` pool, the app's size):
//   DATABASE_URL=... PORT=... tsx bench/floor.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaToday, ROLE_PERMISSIONS, type Role } from '@gongjian/shared';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type SQL, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { type Db, type Queryable, queryRows } from '../packages/server/src/db/client.js';
import * as schema from '../packages/server/src/db/schema.js';
import type { Actor } from '../packages/server/src/http/actor.js';
import { MODULES } from '../packages/server/src/modules.js';
import { readWorkbench } from '../packages/server/src/workbench/workbench.service.js';
import { findMemberWithHistory, listMemberPage } from '../packages/server/src/members/members.repo.js';
import { listChildren, loadDetail } from '../packages/server/src/organizations/organizations.repo.js';
import { getFigures } from '../packages/server/src/figures/figures.service.js';

/** Runs rendered SQL on the database. */
export type Execute = (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

let run: Execute = () => Promise.reject(new Error('floor not started'));
const dialect = new PgDialect();
/** A whole drizzle database on the same pool, for the service functions that use its query builder (the workbench). */
let database: Db | undefined;

/** Just enough of a drizzle database for the repositories' queryRows(): SQL → text + params → engine. */
const db = {
  async execute(query: SQL) {
    const rendered = dialect.sqlToQuery(query);
    return run(rendered.sql, rendered.params as unknown[]);
  },
} as unknown as Queryable;

/** The whole tree: set to the root by startFloor(). */
const scope = { scopePath: '1', orgId: 1 } as Actor;

const app = Fastify();
// Fastify's hello world on the same process: what Node and the HTTP layer cost a request with no work at all.
app.get('/hello', async () => ({ hello: 'world' }));

app.get('/members', async (request, reply) => {
  const q = request.query as { orgId?: string; page?: string; q?: string };
  const page = await listMemberPage(
    db,
    scope,
    { orgId: q.orgId ? Number(q.orgId) : undefined, q: q.q },
    Number(q.page ?? 1),
    20,
  );
  return page ?? reply.status(404).send({});
});
app.get('/members/:id', async (request, reply) => {
  const row = await findMemberWithHistory(db, scope, Number((request.params as { id: string }).id));
  return row ?? reply.status(404).send({});
});
app.get('/organizations', async (request, reply) => {
  const items = await listChildren(db, scope, Number((request.query as { parentId: string }).parentId));
  return items ? { items } : reply.status(404).send({});
});
app.get('/organizations/:id', async (request, reply) => {
  const detail = await loadDetail(db, scope, Number((request.params as { id: string }).id));
  return detail ?? reply.status(404).send({});
});

app.get('/organizations/:id/figures', async (request) =>
  getFigures(db, scope, Number((request.params as { id: string }).id)),
);

// The workbench of the account named in the query (the floor has no session): the same readWorkbench over every
// module's due sources, for the actor that account's session would make (its role's permissions, its organisation).
const DUE_SOURCES = MODULES.flatMap((m) => m.dueSources ?? []);
const actors = new Map<string, Actor>();
async function actorOf(username: string): Promise<Actor | undefined> {
  const known = actors.get(username);
  if (known) return known;
  const [row] = await queryRows<{ id: number; role: Role; org_id: number; path: string; member_id: number | null }>(
    db,
    sql`select a.id::int as id, a.role, a.org_id::int as org_id, o.path::text as path, a.member_id::int as member_id
          from accounts a join organizations o on o.id = a.org_id where a.username = ${username}`,
  );
  if (!row) return undefined;
  const actor: Actor = {
    accountId: row.id,
    username,
    displayName: username,
    role: row.role,
    permissions: ROLE_PERMISSIONS[row.role],
    orgId: row.org_id,
    memberId: row.member_id,
    scopePath: row.path,
    mustChangePassword: false,
    sessionHash: '',
  };
  actors.set(username, actor);
  return actor;
}
app.get('/workbench', async (request, reply) => {
  const actor = await actorOf((request.query as { user?: string }).user ?? '');
  if (!actor || !database) return reply.status(404).send({});
  return readWorkbench(database, actor, DUE_SOURCES, chinaToday());
});

/** Serves the floor on `port`, the repositories' SQL going through `execute`, the workbench's through `pool`. */
export async function startFloor(execute: Execute, port: number, pool?: pg.Pool): Promise<void> {
  run = execute;
  if (pool) database = drizzle({ client: pool, schema }) as unknown as Db;
  const [root] = await queryRows<{ id: number; path: string }>(
    db,
    sql`select id::int as id, path::text as path from organizations where parent_id is null order by id limit 1`,
  );
  if (root) Object.assign(scope, { scopePath: root.path, orgId: root.id });
  await app.listen({ port, host: '127.0.0.1' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await startFloor((text, params) => pool.query(text, params), Number(process.env.PORT ?? 0), pool);
  console.log('floor ready');
}
