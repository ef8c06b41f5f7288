// The floor: the same SQL the app's endpoints run, built by the server's own repository functions and
// rendered by drizzle's PgDialect, executed straight through a `pg` pool (same size as the app's), served
// by a bare Fastify with no auth, no validation and no response schema. Started by bench/run.ts:
//   DATABASE_URL=... PORT=... tsx bench/floor.ts
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import type { Queryable } from '../packages/server/src/db/client.js';
import type { Actor } from '../packages/server/src/http/actor.js';
import { findMember, historyOf, listPage } from '../packages/server/src/members/members.repo.js';
import { planFor } from '../packages/server/src/members/members.service.js';
import { findOrg, listChildren, loadDetail } from '../packages/server/src/organizations/organizations.repo.js';
import { getFigures } from '../packages/server/src/figures/figures.service.js';

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const dialect = new PgDialect();

/** Just enough of a drizzle database for the repositories' queryRows(): SQL → text + params → pg. */
const db = {
  async execute(query: SQL) {
    const { sql, params } = dialect.sqlToQuery(query);
    return pool.query(sql, params as unknown[]);
  },
} as unknown as Queryable;

const rootPath =
  (
    await pool.query<{ path: string }>(
      'select path::text as path from organizations where parent_id is null order by id limit 1',
    )
  ).rows[0]?.path ?? '1';
const scope = { scopePath: rootPath } as Actor;

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

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log('floor ready');
