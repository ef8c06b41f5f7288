import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import pg from 'pg';
import { serverPackageDir } from '../paths.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the whole database or one transaction: repositories accept both. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
};

export type DatabaseOptions = { databaseUrl?: string; dataDir?: string };

/**
 * PGlite starts PostgreSQL with `-F` (fsync off) by default. We drop it so that PostgreSQL flushes its WAL
 * at every commit as a server would; a committed write then survives `kill -9` of the process
 * (see test/api/durability.test.ts).
 */
export function durableStartParams(): string[] {
  return PGlite.defaultStartParams.filter((p) => p !== '-F');
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    // `date` columns stay strings (YYYY-MM-DD), never JS Dates at local midnight.
    pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // The server may close an idle connection (a restart or failover, pg_terminate_backend, a dropped test
    // database): pg-pool reports it as an 'error' on the pool, which without a listener ends the process. The pool
    // has already dropped that connection; the next query opens a new one.
    pool.on('error', (error) => console.error(`database: an idle connection was closed (${error.message})`));
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    return { db, engine: 'postgres', close: () => pool.end() };
  }
  let release = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir);
  }
  try {
    const client = await PGlite.create({
      dataDir: options.dataDir, // undefined → in memory (tests)
      extensions: { ltree },
      startParams: durableStartParams(),
    });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  const migrationsFolder = `${serverPackageDir()}/drizzle`;
  if (database.engine === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migrateNodePg(database.db as never, { migrationsFolder });
  }
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
