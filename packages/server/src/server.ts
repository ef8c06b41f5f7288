import { sql } from 'drizzle-orm';
import { buildApp } from './app.js';
import type { AppConfig } from './config.js';
import { type Database, migrateDatabase, openConfiguredDatabase, queryRows } from './db/client.js';
import type { App } from './http/app-types.js';
import { DEMO_PASSWORD, type DemoLogin, seedDemoCity } from './seed/demo-city.js';
import { ROLE_LABELS } from '@gongjian/shared';

export async function openConfiguredDatabaseAndMigrate(config: AppConfig): Promise<Database> {
  const database = await openConfiguredDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Demo mode seeds the city once, on the first start with an empty database; production never seeds. */
export async function ensureDemoCity(database: Database): Promise<DemoLogin[]> {
  const [existing] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from organizations`);
  if (existing && existing.n > 0) {
    const rows = await queryRows<DemoLogin>(
      database.db,
      sql`select a.username, a.role, o.name as "orgName" from accounts a join organizations o on o.id = a.org_id
           where not a.must_change_password order by a.id limit 20`,
    );
    return rows;
  }
  return (await seedDemoCity(database.db)).logins;
}

export function formatLogins(logins: DemoLogin[]): string {
  const lines = logins.map(
    (l) =>
      `  ${l.username.padEnd(12)} ${ROLE_LABELS[l.role].padEnd(8, '　')} ${l.orgName}` +
      // A 党员 account acts for itself on the phone pages.
      (l.role === 'member' || l.role === 'resident' ? '（手机页面 /m/）' : ''),
  );
  return [`演示账号（密码均为 ${DEMO_PASSWORD}）:`, ...lines].join('\n');
}

export async function startServer(config: AppConfig): Promise<{ app: App; database: Database; logins: DemoLogin[] }> {
  const database = await openConfiguredDatabaseAndMigrate(config);
  const logins = config.production ? [] : await ensureDemoCity(database);
  const app = await buildApp({ database, config }, { logger: true });
  await app.listen({ port: config.port, host: config.host });
  // Jobs due while no server ran are due now: the first tick runs them.
  await app.jobs.register();
  app.jobs.start();
  return { app, database, logins };
}
