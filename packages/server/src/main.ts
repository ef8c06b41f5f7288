import { loadConfig } from './config.js';
import { formatLogins, startServer } from './server.js';

const config = loadConfig();
const { app, database, logins } = await startServer(config).catch((error: Error) => {
  console.error(`无法启动：${error.message}`);
  process.exit(1);
});
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
console.log(
  `\n共建 · 社区党建平台 已启动: http://${host}:${port}  (数据库: ${database.engine === 'embedded' ? `内置 PostgreSQL，${config.dataDir}` : 'PostgreSQL（DATABASE_URL）'})`,
);
console.log(`API 文档: http://${host}:${port}/api/docs`);
if (logins.length > 0) console.log(`${formatLogins(logins)}\n`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await database.close();
    process.exit(0);
  });
}
