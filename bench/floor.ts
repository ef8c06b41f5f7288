// The floor: the same SQL the app's endpoints run, built by the server's own repository functions and
// rendered by drizzle's PgDialect, executed straight on the database, served by a bare Fastify with no auth,
// no validation and no response schema. bench/engines.ts starts this file (a `pg` pool, the app's size):
//   DATABASE_URL=... PORT=... tsx bench/floor.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type SQL, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { type Queryable, queryRows } from '../packages/server/src/db/client.js';
import type { Actor } from '../packages/server/src/http/actor.js';
import { findMember, historyOf, listPage } from '../packages/server/src/members/members.repo.js';
import { planFor } from '../packages/server/src/members/members.service.js';
import { findOrg, listChildren, loadDetail } from '../packages/server/src/organizations/organizations.repo.js';
import { getFigures } from '../packages/server/src/figures/figures.service.js';

/** Runs rendered SQL on the database. */
export type Execute = (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

let run: Execute = () => Promise.reject(new Error('floor not started'));
const dialect = new PgDialect();

/** Just enough of a drizzle database for the repositories' queryRows(): SQL → text + params → engine. */
const db = {
  async execute(query: SQL) {
    const rendered = dialect.sqlToQuery(query);
    return run(rendered.sql, rendered.params as unknown[]);
  },
} as unknown as Queryable;

/** The whole tree: set to the root's path by startFloor(). */
const scope = { scopePath: '1' } as Actor;

const app = Fastify();
app.get('/members', async (request) => {
  const q = request.query as { orgId?: string; page?: string; q?: string };
  const plan = await planFor(db, scope, { orgId: q.orgId ? Number(q.orgId) : undefined, q: q.q });
  return listPage(db, plan, Number(q.page ?? 1), 20);
});
app.get('/members/:id', async (request, reply) => {
  const row = await findMember(db, scope, Number((request.params as { id: string }).id));
  if (!row) return reply.status(404).send({});
  return { ...row, history: await historyOf(db, row.id) };
});
app.get('/organizations', async (request, reply) => {
  const parentId = Number((request.query as { parentId: string }).parentId);
  if (!(await findOrg(db, scope, parentId))) return reply.status(404).send({});
  return { items: await listChildren(db, scope, parentId) };
});
app.get('/organizations/:id', async (request, reply) => {
  const org = await findOrg(db, scope, Number((request.params as { id: string }).id));
  if (!org) return reply.status(404).send({});
  return loadDetail(db, scope, org);
});

app.get('/organizations/:id/figures', async (request) =>
  getFigures(db, scope, Number((request.params as { id: string }).id)),
);

/** Serves the floor on `port`, the repositories' SQL going through `execute`. */
export async function startFloor(execute: Execute, port: number): Promise<void> {
  run = execute;
  const [root] = await queryRows<{ path: string }>(
    db,
    sql`select path::text as path from organizations where parent_id is null order by id limit 1`,
  );
  if (root) scope.scopePath = root.path;
  await app.listen({ port, host: '127.0.0.1' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await startFloor((text, params) => pool.query(text, params), Number(process.env.PORT ?? 0));
  console.log('floor ready');
}
