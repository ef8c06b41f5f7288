import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import pg from 'pg';
import { serverPackageDir } from '../paths.js';
import { lockDataDir } from './data-dir-lock.js';
import { startEmbeddedPostgres } from './embedded.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the whole database or one transaction: repositories accept both. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  /** embedded: the server's own PostgreSQL in DATA_DIR; postgres: a server named by DATABASE_URL. */
  engine: 'embedded' | 'postgres';
  close(): Promise<void>;
};

/** A pool on the PostgreSQL server at `url` (10 connections). Connects on the first query. */
export function openDatabase(url: string, engine: Database['engine'] = 'postgres'): Database {
  // `date` columns stay strings (YYYY-MM-DD), never JS Dates at local midnight.
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // The server may close an idle connection (a restart or failover, pg_terminate_backend, a dropped test
  // database): pg-pool reports it as an 'error' on the pool, which without a listener ends the process. The pool
  // has already dropped that connection; the next query opens a new one.
  pool.on('error', (error) => console.error(`database: an idle connection was closed (${error.message})`));
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return { db, engine, close: () => pool.end() };
}

/**
 * The configured database: DATABASE_URL's server, or else the embedded one in DATA_DIR — the folder claimed for
 * this process first (a second server on it refuses to start), the PostgreSQL server started, and stopped again
 * by close().
 */
export async function openConfiguredDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<Database & { url?: string }> {
  if (options.databaseUrl) return openDatabase(options.databaseUrl);
  if (existsSync(join(options.dataDir, 'pglite')) && !existsSync(join(options.dataDir, 'postgres'))) {
    // An earlier version's data: starting an empty database beside it would look like data lost.
    throw new Error(
      `${options.dataDir} 中是旧版（PGlite）的数据。请先运行 npm run migrate-pglite -- ${options.dataDir} ` +
        '把它迁入内置 PostgreSQL（旧目录保持不变），或另设 DATA_DIR 从空库开始。',
    );
  }
  mkdirSync(options.dataDir, { recursive: true });
  const release = lockDataDir(options.dataDir);
  try {
    const server = await startEmbeddedPostgres(options.dataDir);
    const database = openDatabase(server.url(), 'embedded');
    return {
      ...database,
      url: server.url(),
      async close() {
        await database.close();
        await server.stop();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  await migrateNodePg(database.db as never, { migrationsFolder: `${serverPackageDir()}/drizzle` });
}

/** Runs raw SQL and returns its rows. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
