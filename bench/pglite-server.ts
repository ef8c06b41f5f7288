// The PGlite benchmark's one process. PGlite lives inside its process and serves one connection, so the real
// app and the floor cannot be two processes on one data directory: this starts the server exactly as
// main.ts does (startServer: migrations, the app on PORT) and the floor on FLOOR_PORT over the same instance.
//   DATA_DIR=... PORT=... FLOOR_PORT=... tsx bench/pglite-server.ts
import { types } from '@electric-sql/pglite';
import { loadConfig } from '../packages/server/src/config.js';
import { startServer } from '../packages/server/src/server.js';
import { pgliteClient } from './data.js';
import { startFloor } from './floor.js';

const config = loadConfig();
if (config.databaseUrl) throw new Error('bench/pglite-server.ts runs on PGlite: unset DATABASE_URL');
const { app, database } = await startServer(config);
const client = pgliteClient(database);
// Dates and timestamps stay text, as drizzle's PGlite driver keeps them for the app.
const asText = (v: string) => v;
const parsers = { [types.DATE]: asText, [types.TIMESTAMP]: asText, [types.TIMESTAMPTZ]: asText };
await startFloor((text, params) => client.query(text, params, { parsers }), Number(process.env.FLOOR_PORT ?? 0));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
}
