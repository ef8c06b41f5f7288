// Fills a PostgreSQL database with a plausible province for the benchmarks:
//   npm run bench:data -- --members 1000000 --database-url postgres://...
//   npm run bench:data -- --members 50000 --data-dir DIR   (the embedded server of the server's DATA_DIR)
// ~15,700 organisations over 5 levels (a city committee at the root, 12 districts, 144 streets,
// 1,728 communities, 8 branches each) and N members spread over the branches.
// Organisations go in with multi-row INSERTs, members with COPY FROM STDIN (pg-copy-streams), both under
// session_replication_role = replica so neither the audit nor the rollup triggers fire row by row (this needs
// a superuser, as the embedded server's own user is). The rollup counters and history rows are then computed
// by POST_LOAD_SQL, one statement each; what the workbench's due sources read (terms, probation, floating members,
// letters) is dated from the day of the load (China's date), so that a fresh load has realistic work due.
import { mkdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { addDays, chinaToday, idNumberCheckChar, type OrgType, termYears } from '@gongjian/shared';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateDatabase, openDatabase } from '../packages/server/src/db/client.js';
import { lockDataDir } from '../packages/server/src/db/data-dir-lock.js';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.js';
import { hashPassword } from '../packages/server/src/auth/passwords.js';
import { nameKeys } from '../packages/server/src/members/pinyin.js';
import {
  createRandom,
  type Random,
  randomCategory,
  randomName,
  randomPhone,
} from '../packages/server/src/seed/random.js';

export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'Bench@2026';
/** Accounts bound to the first street (街道党工委) and the first district (组织部): the workbench cases read as them. */
export const BENCH_STREET_USER = 'bench-street';
export const BENCH_DISTRICT_USER = 'bench-district';

export const SHAPE = { districts: 12, streets: 12, communities: 12, branches: 8 };

type Org = {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  type: OrgType;
  termStartedOn: string | null;
};

/**
 * When the current committee of an organisation of this type was elected (null: the type has no term). Most
 * terms are current; ~5 % end within the six months of the reminder and ~2 % are over (an election late).
 */
function termStart(r: Random, type: OrgType, today: string): string | null {
  const years = termYears(type);
  if (years === null) return null;
  const term = years * 365;
  const x = r.next();
  const daysAgo = x < 0.02 ? term + r.int(1, 300) : x < 0.07 ? term - r.int(0, 180) : r.int(0, term - 190);
  return addDays(today, -daysAgo);
}

export function buildOrgs(today = chinaToday()): { orgs: Org[]; branchIds: number[] } {
  const orgs: Org[] = [];
  const branchIds: number[] = [];
  const r = createRandom(8);
  let next = 1;
  const add = (parent: Org | null, name: string, type: OrgType) => {
    const id = next++;
    const path = parent ? `${parent.path}.${id}` : String(id);
    const org = { id, parentId: parent?.id ?? null, path, name, type, termStartedOn: termStart(r, type, today) };
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

/**
 * Probationary members (预备党员): one in twenty members under fifty, ~2.3 % of all (a year's new members are
 * 2.4 million of the party's 99 million), each joined within the last 380 days: ~12 % of them come within the 30
 * days of the conversion reminder and ~4 % are past their year (their branch has not decided yet).
 */
const PROBATIONARY_SHARE_UNDER_50 = 0.05;
const PROBATION_SPREAD_DAYS = 380;

/** COPY text-format lines for members, in chunks. */
function* memberLines(count: number, branchIds: number[], today: string): Generator<string> {
  const r = createRandom(5);
  // A second stream for who is probationary, so the draws of names, numbers and categories stay as they were.
  const probation = createRandom(6);
  // Full members joined two years ago or earlier: their full membership (a year after joining) is in the past.
  const lastFullYear = Number(today.slice(0, 4)) - 2;
  const keyCache = new Map<string, ReturnType<typeof nameKeys>>();
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const { idNumber, gender, birth } = idNumberOf(i);
    const name = randomName(r);
    let keys = keyCache.get(name);
    if (!keys) keyCache.set(name, (keys = nameKeys(name)));
    const birthYear = Number(birth.slice(0, 4));
    const joinYear = Math.min(lastFullYear, birthYear + r.int(19, 45));
    const fullJoinedOn = `${joinYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const young = birthYear > lastFullYear + 2 - 50;
    const status = probation.next() < PROBATIONARY_SHARE_UNDER_50 && young ? 'probationary' : 'full';
    const joinedOn =
      status === 'probationary' ? addDays(today, -probation.int(0, PROBATION_SPREAD_DAYS)) : fullJoinedOn;
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

const FLOATING_PLACES = [
  '广东省深圳市',
  '广东省广州市',
  '上海市浦东新区',
  '北京市朝阳区',
  '浙江省杭州市',
  '四川省成都市',
];

/**
 * What the workbench's due sources read besides terms and probation, dated back from `$1` (the day of the load),
 * one statement each; pseudo-random by arithmetic on the member's id, so a load is the same every time.
 */
export const DUE_SQL: { name: string; sql: string }[] = [
  {
    // One in eight members of the 流动党员 category (~1 % of all) has an outflow record: away up to ~33 months
    // (~80 % six months or more), four in five at a fixed place, a quarter ended since; of the open ones six in
    // ten reported this year, two last year, two never.
    name: 'floating members',
    // The pseudo-random parts come from q = id / 8, the id's part left free by the choice of one member in eight.
    sql: `insert into floating_members (direction, member_id, org_id, name, id_number, phone, place, contact,
            certificate_no, fixed_place, since, ended_on, last_reported_on, created_at, updated_at)
      select 'out', m.id, m.org_id, m.name, m.id_number, m.phone,
             (array[${FLOATING_PLACES.map((p) => `'${p}'`).join(', ')}])[1 + (f.q % ${FLOATING_PLACES.length})::int],
             m.phone, 'LD' || lpad(m.id::text, 8, '0'), (f.q * 13) % 5 <> 0, f.since,
             case when f.q % 4 = 0 then least($1::date, f.since + 30 + ((f.q * 11) % 300)::int) end,
             case when (f.q * 17) % 10 < 6
                    then least($1::date, greatest(f.since, f.jan1 + ((f.q * 31) % ($1::date - f.jan1 + 1))::int))
                  when (f.q * 17) % 10 < 8 and f.since < f.jan1 - 30
                    then f.jan1 - 1 - ((f.q * 31) % least(365, f.jan1 - 1 - f.since))::int
             end,
             f.since::timestamptz, f.since::timestamptz
        from members m
        cross join lateral (select m.id / 8 as q) r
        cross join lateral (select r.q, $1::date - ((r.q * 7919) % 1000)::int as since,
                                   date_trunc('year', $1::date)::date as jan1) f
       where m.category = 'floating' and m.id % 8 = 3`,
  },
  {
    // Letters: one member in fifty came by an accepted letter from another branch (the history of ~4 years); one
    // in 2,500 has a letter waiting to be accepted by another branch (issued within 40 days, valid 30: a quarter
    // expired), and one in 2,500 a letter out of the platform whose receipt is due a month after (two in three
    // overdue). Dates from the id's quotient by the choice's modulus (its remainder is fixed).
    name: 'transfer letters',
    sql: `with b as (select id, name, row_number() over (order by id) as n, count(*) over () as c
                       from organizations where type in ('branch', 'retired_branch')),
      picked as (
        select m.id, m.name, m.org_id, bm.name as org_name, other.id as other_id, other.name as other_name,
               case when m.id % 50 = 7 then 'accepted' when m.id % 2500 = 11 then 'pending' else 'issued' end as status,
               $1::date - case when m.id % 50 = 7 then 20 + (((m.id / 50) * 13) % 1500)::int
                               when m.id % 2500 = 11 then (((m.id / 2500) * 13) % 40)::int
                               else (((m.id / 2500) * 13) % 90)::int end as issued_on
          from members m join b bm on bm.id = m.org_id
          join b other on other.n = (bm.n + 997) % bm.c + 1
         where m.id % 50 = 7 or m.id % 2500 in (11, 23))
      insert into member_transfers (kind, member_id, member_name, org_id, from_org_id, from_org_name, to_org_id,
          to_org_name, letter_no, dues_paid_to, issued_on, valid_until, status, decided_on, receipt_due_on,
          created_at, updated_at)
      select case when status = 'issued' then 'outgoing' else 'internal' end, p.id, p.name,
             case when status = 'accepted' then p.other_id else p.org_id end,
             case when status = 'accepted' then p.other_id else p.org_id end,
             case when status = 'accepted' then p.other_name else p.org_name end,
             case when status = 'accepted' then p.org_id when status = 'pending' then p.other_id end,
             case when status = 'accepted' then p.org_name when status = 'pending' then p.other_name
                  else '外省某市某街道党工委' end,
             '共建转字〔' || to_char(p.issued_on, 'YYYY') || '〕' || row_number() over (order by p.issued_on, p.id) || '号',
             to_char(p.issued_on, 'YYYY-MM'), p.issued_on, p.issued_on + 30, p.status,
             case when status = 'accepted' then p.issued_on + ((p.id / 50) % 10)::int end,
             case when status = 'issued' then (p.issued_on + interval '1 month')::date end,
             p.issued_on::timestamptz, p.issued_on::timestamptz
        from picked p`,
  },
  {
    name: 'letter number sequence',
    sql: `select setval('member_transfer_letter_seq', greatest(1, (select count(*) from member_transfers)))`,
  },
];

/**
 * The province into an empty (or emptied) schema, in one transaction under session_replication_role = replica
 * (no audit, rollup or FK triggers: a superuser, as the embedded server's user is), then ANALYZE.
 */
async function loadProvince(target: LoadTarget, members: number, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const today = chinaToday();
  const { orgs, branchIds } = buildOrgs(today);
  await target.query('begin');
  try {
    await target.query('set local session_replication_role = replica');
    await target.query(TRUNCATE_SQL);
    for (let i = 0; i < orgs.length; i += 1000) {
      const slice = orgs.slice(i, i + 1000);
      const params: unknown[] = [];
      const values = slice.map((o, j) => {
        params.push(o.id, o.parentId, o.path, o.name, o.type, `BX${String(o.id).padStart(6, '0')}`, o.termStartedOn);
        const b = j * 7;
        return `($${b + 1}, $${b + 2}, $${b + 3}::ltree, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::date)`;
      });
      await target.query(
        `insert into organizations (id, parent_id, path, name, type, code, term_started_on) overriding system value values ${values.join(',')}`,
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
    await target.copy(`members (${MEMBER_COPY_COLUMNS})`, memberLines(members, branchIds, today));
    log(`members: ${members} copied in ${Date.now() - t1} ms`);

    const t2 = Date.now();
    for (const step of POST_LOAD_SQL) await target.query(step.sql);
    log(`${POST_LOAD_SQL.map((s) => s.name).join(', ')} in ${Date.now() - t2} ms`);

    const t5 = Date.now();
    for (const step of DUE_SQL) await target.query(step.sql, step.sql.includes('$1') ? [today] : []);
    log(`${DUE_SQL.map((s) => s.name).join(', ')} in ${Date.now() - t5} ms`);

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
    // The workbench's readers: a street committee's secretary and a district's organisation department.
    await target.query(
      `insert into accounts (username, display_name, password_hash, org_id, role, must_change_password)
       select $1, '压测街道党工委', $3, (select min(id) from organizations where type = 'street_committee'),
              'street_committee', false
       union all
       select $2, '压测区委组织部', $3, (select min(id) from organizations where type = 'district_committee'),
              'org_department', false`,
      [BENCH_STREET_USER, BENCH_DISTRICT_USER, hash],
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
