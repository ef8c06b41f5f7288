import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server to create test databases on, and the migrated database to copy them from. */
    testDatabase: { serverUrl: string; template: string };
  }
}

/**
 * Once per run of the API project: a PostgreSQL server (TEST_DATABASE_URL's, or the embedded one in a temporary
 * folder) and one database migrated there, the template every test file's database is copied from (`create
 * database … template`, ~60 ms, instead of running the migrations for each file).
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  const folder = external ? undefined : mkdtempSync(join(tmpdir(), 'gj-test-'));
  const server = folder ? await startEmbeddedPostgres(folder) : undefined;
  const serverUrl = external ?? (server as NonNullable<typeof server>).url('postgres');
  const template = `gj_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const database = openDatabase(url.toString());
  await migrateDatabase(database);
  await database.close();
  project.provide('testDatabase', { serverUrl, template });
  return async () => {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
    await server?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
}
