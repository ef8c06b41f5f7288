// Fills a PostgreSQL database with a plausible province for the benchmarks:
//   npm run bench:data -- --members 1000000 --database-url postgres://...
//   npm run bench:data -- --members 50000 --data-dir DIR   (the embedded server of the server's DATA_DIR)
// ~15,700 organisations over 5 levels (a city committee at the root, 12 districts, 144 streets,
// 1,728 communities, 8 branches each) and N members spread over the branches.
// Organisations go in with multi-row INSERTs, members with COPY FROM STDIN (pg-copy-streams), both under
// session_replication_role = replica so neither the audit nor the rollup triggers fire row by row (this needs
// a superuser, as the embedded server's own user is). The rollup counters and history rows are then computed
// by POST_LOAD_SQL, one statement each.
import { mkdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { idNumberCheckChar } from '@gongjian/shared';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateDatabase, openDatabase } from '../packages/server/src/db/client.js';
import { lockDataDir } from '../packages/server/src/db/data-dir-lock.js';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.js';
import { hashPassword } from '../packages/server/src/auth/passwords.js';
import { nameKeys } from '../packages/server/src/members/pinyin.js';
import { createRandom, randomCategory, randomName, randomPhone } from '../packages/server/src/seed/random.js';

export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'Bench@2026';

export const SHAPE = { districts: 12, streets: 12, communities: 12, branches: 8 };

type Org = { id: number; parentId: number | null; path: string; name: string; type: string };

export function buildOrgs(): { orgs: Org[]; branchIds: number[] } {
  const orgs: Org[] = [];
  const branchIds: number[] = [];
  let next = 1;
  const add = (parent: Org | null, name: string, type: string) => {
    const id = next++;
    const org = { id, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${id}` : String(id), name, type };
    orgs.push(org);
    return org;
  };
  const city = add(null, '中共云岭市委员会', 'city_committee');
  for (let d = 0; d < SHAPE.districts; d++) {
    const district = add(city, `中共云岭市第${d + 1}区委员会`, 'district_committee');
    for (let s = 0; s < SHAPE.streets; s++) {
      const street = add(district, `第${d + 1}区第${s + 1}街道党工委`, 'street_committee');
      for (let c = 0; c < SHAPE.communities; c++) {
        const community = add(street, `第${d + 1}区${s + 1}街道第${c + 1}社区党委`, 'community_committee');
        for (let b = 0; b < SHAPE.branches; b++) {
          const type = b === SHAPE.branches - 1 ? 'retired_branch' : 'branch';
          branchIds.push(add(community, `${community.name}第${b + 1}党支部`, type).id);
        }
      }
    }
  }
  return { orgs, branchIds };
}

const AREAS = ['620302', '620321', '620102', '620103', '620104', '620105'];
const DAYS = 65 * 365; // birth dates 1940..2004

/** The i-th member's ID number: unique by construction (day, sequence and area derived from i), valid check char. */
export function idNumberOf(i: number): { idNumber: string; gender: 'male' | 'female'; birth: string } {
  const day = i % DAYS;
  const rest = Math.floor(i / DAYS);
  const seq = rest % 1000;
  const area = AREAS[Math.floor(rest / 1000) % AREAS.length] as string;
  const birth = new Date(Date.UTC(1940, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const first17 = area + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  return { idNumber: first17 + idNumberCheckChar(first17), gender: seq % 2 === 1 ? 'male' : 'female', birth };
}

const esc = (v: string) =>
  v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** COPY text-format lines for members, in chunks. */
function* memberLines(count: number, branchIds: number[]): Generator<string> {
  const r = createRandom(5);
  const keyCache = new Map<string, ReturnType<typeof nameKeys>>();
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const { idNumber, gender, birth } = idNumberOf(i);
    const name = randomName(r);
    let keys = keyCache.get(name);
    if (!keys) keyCache.set(name, (keys = nameKeys(name)));
    const birthYear = Number(birth.slice(0, 4));
    const joinYear = Math.min(2025, birthYear + r.int(19, 45));
    const status = joinYear >= 2025 ? 'probationary' : 'full';
    const joinedOn = `${joinYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const fullOn = status === 'full' ? `${joinYear + 1}${joinedOn.slice(4)}` : '\\N';
    const orgId = branchIds[i % branchIds.length] as number;
    chunk.push(
      [
        orgId,
        esc(name),
        gender,
        idNumber,
        birth,
        randomPhone(r),
        status,
        randomCategory(r),
        r.next() < 0.85 ? 'direct' : r.pick(['dual', 'entrusted', 'assisting'] as const),
        joinedOn,
        fullOn,
        `${r.int(1, 12)}号楼${r.int(1, 4)}单元`,
        keys.namePinyin,
        keys.nameInitials,
        esc(keys.sortKey),
      ].join('\t') + '\n',
    );
    if (chunk.length === 5000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('');
}

const MEMBER_COPY_COLUMNS =
  'org_id, name, gender, id_number, birth_date, phone, status, category, management_mode, joined_on, full_member_on, residence, name_pinyin, name_initials, sort_key';

/** What the loader needs from its connection: SQL with parameters, and COPY of text lines. */
type LoadTarget = {
  query(text: string, params?: unknown[]): Promise<unknown>;
  /** `copy <table> (<columns>)` from these COPY text-format chunks. */
  copy(into: string, chunks: Iterable<string>): Promise<void>;
};

/** The tables the bulk load fills: their secondary indexes are dropped before and built after. */
const BULK_TABLES = ['members', 'member_history'];

const TRUNCATE_SQL =
  'truncate members, member_history, organizations, accounts, sessions, audit_logs, member_transfers, floating_members, in_service_registrations, team_posts, new_organizations restart identity cascade';

/**
 * Everything derived from the organisations and members once they are in, in order:
 * the triggers that keep these rows up to date one change at a time are off during the load.
 */
export const POST_LOAD_SQL: { name: string; sql: string }[] = [
  {
    name: 'organisation id sequence',
    sql: `select setval(pg_get_serial_sequence('organizations', 'id'), (select max(id) from organizations))`,
  },
  {
    name: 'history',
    sql: `insert into member_history (member_id, org_id, org_name, from_on, reason)
      select m.id, m.org_id, o.name, coalesce(m.joined_on, date '2020-01-01'), '建档'
        from members m join organizations o on o.id = m.org_id`,
  },
  {
    // Each member counts at its organisation and every ancestor (path labels are the ids).
    name: 'rollup counters',
    sql: `with per_org as (
        select org_id, count(*) filter (where status = 'full') as f, count(*) filter (where status = 'probationary') as p
          from members group by org_id
      ), per_ancestor as (
        select subpath(o.path, l - 1, 1)::text::bigint as id, sum(x.f) as f, sum(x.p) as p
          from per_org x join organizations o on o.id = x.org_id
          cross join lateral generate_series(1, nlevel(o.path)) as l
         group by 1
      )
      update organizations a set full_members = y.f, probationary_members = y.p from per_ancestor y where a.id = y.id`,
  },
  { name: 'organisation figures', sql: 'select org_figures_rebuild()' },
];

/**
 * The province into an empty (or emptied) schema, in one transaction under session_replication_role = replica
 * (no audit, rollup or FK triggers: a superuser, as the embedded server's user is), then ANALYZE.
 */
async function loadProvince(target: LoadTarget, members: number, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const { orgs, branchIds } = buildOrgs();
  await target.query('begin');
  try {
    await target.query('set local session_replication_role = replica');
    await target.query(TRUNCATE_SQL);
    for (let i = 0; i < orgs.length; i += 1000) {
      const slice = orgs.slice(i, i + 1000);
      const params: unknown[] = [];
      const values = slice.map((o, j) => {
        params.push(o.id, o.parentId, o.path, o.name, o.type, `BX${String(o.id).padStart(6, '0')}`);
        const b = j * 6;
        return `($${b + 1}, $${b + 2}, $${b + 3}::ltree, $${b + 4}, $${b + 5}, $${b + 6})`;
      });
      await target.query(
        `insert into organizations (id, parent_id, path, name, type, code) overriding system value values ${values.join(',')}`,
        params,
      );
    }
    log(`organisations: ${orgs.length} in ${Date.now() - started} ms`);

    // Secondary indexes are built once after the rows are in, not maintained row by row during the COPY.
    const { rows: indexes } = (await target.query(
      `select indexname, indexdef from pg_indexes
        where schemaname = current_schema() and tablename = any($1)
          and indexname not in (select conname from pg_constraint)`,
      [BULK_TABLES],
    )) as { rows: { indexname: string; indexdef: string }[] };
    for (const index of indexes) await target.query(`drop index "${index.indexname}"`);

    const t1 = Date.now();
    await target.copy(`members (${MEMBER_COPY_COLUMNS})`, memberLines(members, branchIds));
    log(`members: ${members} copied in ${Date.now() - t1} ms`);

    const t2 = Date.now();
    for (const step of POST_LOAD_SQL) await target.query(step.sql);
    log(`${POST_LOAD_SQL.map((s) => s.name).join(', ')} in ${Date.now() - t2} ms`);

    const t4 = Date.now();
    await target.query(`set local maintenance_work_mem = '256MB'`);
    for (const index of indexes) await target.query(index.indexdef);
    log(`${indexes.length} indexes built in ${Date.now() - t4} ms`);

    const hash = await hashPassword(BENCH_PASSWORD);
    await target.query(
      `insert into accounts (username, display_name, password_hash, org_id, role, must_change_password)
       values ($1, '压测管理员', $2, 1, 'sysadmin', false)`,
      [BENCH_USER, hash],
    );
    await target.query('commit');
  } catch (err) {
    await target.query('rollback').catch(() => {});
    throw err;
  }
  const t3 = Date.now();
  // VACUUM too: it sets the visibility map, as a live database's autovacuum would, so index-only scans
  // read no heap page.
  await target.query('vacuum analyze');
  // And a checkpoint: a database at rest has written its pages out, so the measurements do not share the
  // machine with the checkpointer flushing the load (gigabytes, once shared buffers are sized for the data).
  await target.query('checkpoint');
  log(`vacuum analyze, checkpoint in ${Date.now() - t3} ms; total ${Date.now() - started} ms`);
}

export async function loadPostgres(databaseUrl: string, members: number, log = console.log): Promise<void> {
  // Schema first, through the server's own migrations.
  const database = openDatabase(databaseUrl);
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await loadProvince(
      {
        query: (text, params) => client.query(text, params),
        copy: (into, chunks) => pipeline(Readable.from(chunks), client.query(copyFrom(`copy ${into} from stdin`))),
      },
      members,
      log,
    );
  } finally {
    await client.end();
  }
}

/**
 * The embedded PostgreSQL server of a data folder, as the app started with `DATA_DIR=dir` runs it (its cluster in
 * `dir/postgres`, created when missing), the folder claimed as the app claims it: no server may be running on it.
 * `settings`: extra server parameters for this start only.
 */
export async function openDataDir(
  dir: string,
  settings?: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(dir);
  try {
    const server = await startEmbeddedPostgres(dir, { settings });
    return {
      url: server.url(),
      async close() {
        await server.stop();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  const members = Number(arg('members') ?? 100_000);
  const dataDir = arg('data-dir');
  const databaseUrl = arg('database-url') ?? process.env.DATABASE_URL;
  if (dataDir) {
    // The server started later with DATA_DIR=dataDir finds the data in its own embedded server.
    const server = await openDataDir(dataDir);
    try {
      await loadPostgres(server.url, members);
    } finally {
      await server.close();
    }
  } else if (databaseUrl) {
    await loadPostgres(databaseUrl, members);
  } else {
    console.error(
      "bench:data needs --data-dir DIR (the server's DATA_DIR: its embedded PostgreSQL) or --database-url URL (or DATABASE_URL)",
    );
    process.exit(2);
  }
}
