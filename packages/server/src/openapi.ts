import { buildApp } from './app.js';
import { type AppConfig, DEFAULT_UPLOAD_READS } from './config.js';
import { openDatabase } from './db/client.js';

const DOC_CONFIG: AppConfig = {
  production: false,
  port: 0,
  host: '127.0.0.1',
  dataDir: '',
  databaseUrl: undefined,
  sessionSecret: 'openapi-generation-only-not-a-secret',
  secureCookies: false,
  trustProxy: false,
  logLevel: 'silent',
  verifyResponses: false,
  publicOrigins: [],
  uploadReads: DEFAULT_UPLOAD_READS,
};

/** The OpenAPI document as the route schemas define it, pretty-printed the way it is committed. */
export async function generateOpenApi(): Promise<string> {
  // Routes need a database object; nothing is queried, so the pool never connects.
  const database = openDatabase('postgres://openapi@localhost/none');
  try {
    const app = await buildApp({ database, config: DOC_CONFIG });
    await app.ready();
    const spec = app.swagger() as { components?: { schemas?: Record<string, unknown> } };
    // Named schemas in name order, not in the order the modules happen to import them: adding a module then
    // changes only its own lines of the committed file.
    const schemas = spec.components?.schemas;
    if (spec.components && schemas) {
      spec.components.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    const doc = JSON.stringify(spec, null, 2);
    await app.close();
    return `${doc}\n`;
  } finally {
    await database.close();
  }
}
