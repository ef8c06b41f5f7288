// Prints EXPLAIN ANALYZE for the SQL an endpoint runs (the same repository functions the floor uses):
//   tsx bench/explain.ts --database-url URL --org ID --q TEXT
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Queryable } from '../packages/server/src/db/client.js';
import type { Actor } from '../packages/server/src/http/actor.js';
import { listPage } from '../packages/server/src/members/members.repo.js';
import { planFor } from '../packages/server/src/members/members.service.js';

const argv = process.argv.slice(2);
const arg = (name: string) => argv[argv.indexOf(`--${name}`) + 1];
const client = new pg.Client({ connectionString: arg('database-url') });
await client.connect();
const dialect = new PgDialect();
const db = {
  async execute(query: SQL) {
    const { sql, params } = dialect.sqlToQuery(query);
    const plan = await client.query(`explain (analyze, buffers) ${sql}`, params as unknown[]);
    console.log(`\n${sql.slice(0, 200)}…\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    return client.query(sql, params as unknown[]);
  },
} as unknown as Queryable;
const scope = { scopePath: '1' } as Actor;
const plan = await planFor(db, scope, { orgId: Number(arg('org')), q: arg('q') });
await listPage(db, plan, 1, 20);
await client.end();
