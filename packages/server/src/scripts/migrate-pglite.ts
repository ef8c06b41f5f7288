// npm run migrate-pglite [-- DATA_DIR]
// Moves the data of an earlier version's PGlite folder (DATA_DIR/pglite) into the embedded PostgreSQL server
// (DATA_DIR/postgres), which this version starts instead. PGlite is no longer a dependency: the command installs
// the version that wrote the folder for the copy (`npm install --no-save`, from the npm registry), reads every
// table, and writes it into a freshly migrated database with the triggers off (the rows, the audit trail and
// the counters are copied as they were, not made again), then sets the id sequences past the copied ids.
// The PGlite folder is left as it was; DATA_DIR/postgres must not exist yet.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { lockDataDir } from '../db/data-dir-lock.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { serverPackageDir } from '../paths.js';

const PGLITE_VERSION = '0.4.6';
const CHUNK = 5_000;

type PgliteClient = {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
};

/** The PGlite package's folder in the nearest node_modules above the server package, if installed. */
function pgliteFolder(): string | undefined {
  for (let dir = serverPackageDir(); ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', '@electric-sql', 'pglite');
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(dir) === dir) return undefined;
  }
}

async function loadPglite(): Promise<{ open: (dir: string) => Promise<PgliteClient> }> {
  if (!pgliteFolder()) {
    console.log(`安装读取旧数据所需的 @electric-sql/pglite@${PGLITE_VERSION}（不写入 package.json）…`);
    execFileSync('npm', ['install', '--no-save', `@electric-sql/pglite@${PGLITE_VERSION}`], {
      cwd: serverPackageDir(),
      stdio: 'inherit',
    });
  }
  const folder = pgliteFolder();
  if (!folder) throw new Error('无法安装 @electric-sql/pglite');
  const { PGlite } = (await import(pathToFileURL(join(folder, 'dist/index.js')).href)) as {
    PGlite: { create(options: object): Promise<PgliteClient> };
  };
  const { ltree } = (await import(pathToFileURL(join(folder, 'dist/contrib/ltree.js')).href)) as { ltree: object };
  return { open: (dir) => PGlite.create({ dataDir: dir, extensions: { ltree } }) };
}

async function main() {
  const dataDir = resolve(process.argv[2] ?? process.env.DATA_DIR ?? 'data');
  const from = join(dataDir, 'pglite');
  if (!existsSync(join(from, 'PG_VERSION'))) throw new Error(`${from} 中没有旧版（PGlite）数据`);
  if (existsSync(join(dataDir, 'postgres'))) {
    throw new Error(`${join(dataDir, 'postgres')} 已存在：迁移只写入一个新的数据库，请先移走它`);
  }
  const pglite = await (await loadPglite()).open(from);
  // Not openConfiguredDatabase(): it refuses to start beside a PGlite folder, which is the point here.
  const release = lockDataDir(dataDir);
  const server = await startEmbeddedPostgres(dataDir);
  const target = openDatabase(server.url(), 'embedded');
  try {
    await migrateDatabase(target);
    const tables = (
      await pglite.query<{ name: string }>(
        `select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '\\_\\_drizzle%'
          order by table_name`,
      )
    ).rows.map((t) => t.name);
    await target.db.transaction(async (tx) => {
      // Triggers off for this transaction: the audit trail, the rollups and the paths are copied, not recomputed.
      await tx.execute(sql`set local session_replication_role = 'replica'`);
      for (const table of tables) {
        // Read through a cursor, CHUNK rows at a time: an offset would read the table again for every chunk.
        await pglite.query('begin');
        await pglite.query(
          `declare copy_rows no scroll cursor for select row_to_json(t)::text as row from "${table}" t`,
        );
        let n = 0;
        for (;;) {
          const { rows } = await pglite.query<{ row: string }>(`fetch ${CHUNK} from copy_rows`);
          if (rows.length === 0) break;
          n += rows.length;
          const name = sql.identifier(table);
          const chunk = `[${rows.map((r) => r.row).join(',')}]`;
          await tx.execute(
            sql`insert into ${name} overriding system value select * from json_populate_recordset(null::${name}, ${chunk}::json)`,
          );
        }
        await pglite.query('close copy_rows');
        await pglite.query('commit');
        console.log(`${table}: ${n}`);
      }
      // Every serial or identity column continues after the copied ids.
      await tx.execute(sql`
        do $$
        declare r record;
        begin
          for r in select c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
                     from information_schema.columns c
                    where c.table_schema = 'public' and pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) is not null
          loop
            execute format('select setval(%L, coalesce((select max(%I) from %I), 0) + 1, false)', r.seq, r.column_name, r.table_name);
          end loop;
        end $$`);
    });
    console.log(`完成：${from} 的数据已迁入 ${join(dataDir, 'postgres')}；旧目录未改动，确认无误后可删除。`);
  } finally {
    await pglite.close();
    await target.close();
    await server.stop();
    release();
  }
}

// PGlite's runtime may keep the event loop alive after close(): leave explicitly.
await main().then(
  () => process.exit(0),
  (error: Error & { cause?: Error }) => {
    // Drizzle's message holds the query's parameters (rows, password hashes): only the database's reason is shown.
    console.error(`迁移失败：${error.cause?.message ?? error.message.split('\n')[0]}`);
    process.exit(1);
  },
);
