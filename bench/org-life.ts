// Organisational life at the province's scale (issue 21), a step of its own beside `npm run bench`:
//   npx tsx bench/org-life.ts --data-dir /work/bench-1m [--runs 50]
// The loaded province has no meeting records: the first run adds three years of 三会一课 for every branch-like
// organisation (支委会 and 主题党日 monthly, 党员大会 and 党课 quarterly, 组织生活会 and 民主评议会 each December;
// one branch in five has not held this quarter's 党员大会, one in three has not yet held this month's meetings),
// set-based under session_replication_role = replica, then the counters (org_life_counts) rebuilt set-based and
// checked against the app's own org_life_counts_rebuild() on one street; later runs find them and add nothing.
// Then it times, in process against that database (no HTTP), each against its floor — one hand-written statement
// returning the same rows:
//   - a street's standings table (GET /api/org-life/standings: every branch's standing this month, quarter, year);
//   - a district's meeting figures (GET /api/org-life/figures: held by type against required, per street);
//   - the street's workbench source "branches at risk" (countDue over the branches' counters).
import os from 'node:os';
import { chinaToday, STANDING_ORG_TYPES } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows } from '../packages/server/src/db/client.js';
import { atRiskDue, figures, standings } from '../packages/server/src/org-life/org-life.standings.js';
import { openDataDir } from './data.js';
import { benchActor, percentile } from './in-process.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dataDir = arg('data-dir');
if (!dataDir) throw new Error('--data-dir DIR (a loaded bench database, e.g. /work/bench-1m)');
const runs = Number(arg('runs') ?? 50);

const memoryMiB = Math.floor(os.totalmem() / 2 ** 20);
const server = await openDataDir(dataDir, {
  shared_buffers: `${Math.floor(memoryMiB / 4)}MB`,
  effective_cache_size: `${Math.floor((memoryMiB * 3) / 4)}MB`,
});
const database = openDatabase(server.url);
const { db } = database;
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const say = (line: string) => console.log(line);
/** Thrown to undo a transaction that only checked something. */
class Rollback extends Error {}

const BRANCH_TYPES = STANDING_ORG_TYPES.map((t) => `'${t}'`).join(', ');

/** The counters from the finalised meetings in three set-based statements (what org_life_counts_rebuild() loops). */
const COUNTS_SQL = (where: string) => `
  with per as (
    select m.org_id, m.type, p.period, m.expected_count as e, m.present_count as pr
      from meetings m cross join lateral unnest(org_life_periods(m.held_on)) as p(period)
     where m.status = 'final' ${where}),
  own as (select org_id, period, type, count(*)::int as held from per group by 1, 2, 3),
  sub as (
    select a.id as org_id, per.period, per.type, count(*)::int as sub_held, sum(per.e)::int as expected,
           sum(per.pr)::int as present
      from per join organizations o on o.id = per.org_id
      cross join lateral unnest(string_to_array(o.path::text, '.')::bigint[]) as a(id)
     group by 1, 2, 3),
  branch_of as (
    select distinct b.id as branch_id, b.path, per.period, per.type
      from per join organizations o on o.id = per.org_id
      join lateral (select b.id, b.path from organizations b
                     where b.path in (o.path, subpath(o.path, 0, greatest(nlevel(o.path) - 1, 1)))
                       and b.type in (${BRANCH_TYPES})
                     order by nlevel(b.path) desc limit 1) b on true),
  done as (
    select a.id as org_id, x.period, x.type, count(*)::int as branches_done
      from branch_of x cross join lateral unnest(string_to_array(x.path::text, '.')::bigint[]) as a(id)
     group by 1, 2, 3)
  select s.org_id, s.period, s.type, coalesce(own.held, 0) as held, s.sub_held, coalesce(done.branches_done, 0)
         as branches_done, s.expected, s.present
    from sub s
    left join own using (org_id, period, type)
    left join done using (org_id, period, type)`;

try {
  await migrateDatabase(database);
  const today = chinaToday();
  const [street] = await queryRows<{ id: number; path: string; name: string }>(
    db,
    sql`select id::int, path::text, name from organizations where type = 'street_committee' order by id limit 1`,
  );
  const [district] = await queryRows<{ id: number; path: string; name: string }>(
    db,
    sql`select id::int, path::text, name from organizations where type = 'district_committee' order by id limit 1`,
  );
  if (!street || !district) throw new Error('no street or district: load the bench data first');
  await addMeetings(today, street.path);

  const [size] = await queryRows<{ branches: number; street_branches: number; meetings: number; counts: number }>(
    db,
    sql.raw(`select (select count(*)::int from organizations where type in (${BRANCH_TYPES})) as branches,
                    (select count(*)::int from organizations where type in (${BRANCH_TYPES})
                      and path <@ '${street.path}'::ltree) as street_branches,
                    (select count(*)::int from meetings) as meetings,
                    (select count(*)::int from org_life_counts) as counts`),
  );
  say(
    `${size?.branches} branch-like organisations, ${size?.meetings} meetings, ${size?.counts} counter rows; ` +
      `street ${street.name}: ${size?.street_branches} branches; today ${today}`,
  );

  const actor = await benchActor(db);
  const k = periodKeys(today);
  const cases: { name: string; app: () => Promise<unknown>; floor: () => Promise<unknown> }[] = [
    {
      name: "street's standings table",
      app: () => standings(db, actor, { orgId: street.id, atRiskOnly: false }),
      // The branches with their counters of the month, quarter and year: what the rules are applied to.
      floor: () =>
        db.execute(
          sql.raw(`select o.id, o.name, o.full_members, p.name as parent_name,
                          exists (select 1 from organizations g where g.parent_id = o.id and g.type = 'group') as has_groups,
                          (select jsonb_object_agg(c.period || ' ' || c.type, c.sub_held) from org_life_counts c
                            where c.org_id = o.id and c.period in ('${k.month}', '${k.quarter}', '${k.year}')) as held
                     from organizations o left join organizations p on p.id = o.parent_id
                    where o.path <@ '${street.path}'::ltree and o.type in (${BRANCH_TYPES})
                    order by o.path`),
        ),
    },
    {
      name: "district's meeting figures (this quarter)",
      app: () => figures(db, actor, { orgId: district.id }),
      floor: () =>
        db.execute(
          sql.raw(`select x.id, x.name,
                          (select count(*) from organizations b where b.path <@ x.path and b.type in (${BRANCH_TYPES})) as branches,
                          (select jsonb_agg(to_jsonb(c)) from org_life_counts c
                            where c.org_id = x.id and c.period = '${k.quarter}') as counts
                     from organizations x where x.id = ${district.id} or x.parent_id = ${district.id}`),
        ),
    },
    {
      name: "street's workbench: branches at risk",
      app: () => atRiskDue(db, { ...actor, scopePath: street.path, orgId: street.id }, today, { limit: 5, except: [] }),
      // The count and the first five of the branches without this quarter's 党员大会 (the pair at risk today).
      floor: () =>
        db.execute(
          sql.raw(`select o.id, o.name, count(*) over () as total from organizations o
                    where o.path <@ '${street.path}'::ltree and o.type in (${BRANCH_TYPES})
                      and not exists (select 1 from org_life_counts c where c.org_id = o.id
                                        and c.period = '${k.quarter}' and c.type = 'general_assembly' and c.sub_held > 0)
                    order by o.path limit 5`),
        ),
    },
  ];
  for (const c of cases) {
    for (let i = 0; i < 5; i++) await Promise.all([c.app(), c.floor()]);
    const app: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternating, so both sides meet the machine's drift alike.
      let started = process.hrtime.bigint();
      await c.app();
      app.push(ms(started));
      started = process.hrtime.bigint();
      await c.floor();
      floor.push(ms(started));
    }
    const p50a = percentile(app, 0.5);
    const p50f = percentile(floor, 0.5);
    say(
      `${c.name}: app p50 ${p50a.toFixed(2)} ms p99 ${percentile(app, 0.99).toFixed(2)} ms; ` +
        `floor p50 ${p50f.toFixed(2)} ms p99 ${percentile(floor, 0.99).toFixed(2)} ms; app/floor ${(p50a / p50f).toFixed(2)}`,
    );
  }
  say(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
} finally {
  await database.close();
  await server.close();
}

function periodKeys(today: string) {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return { month: today.slice(0, 7), quarter: `${y}-Q${Math.ceil(m / 3)}`, year: String(y) };
}

/**
 * Three years of meetings for every branch-like organisation, once (triggers off), then the counters set-based,
 * checked against the app's rebuild on one street.
 */
async function addMeetings(today: string, checkPath: string) {
  const [has] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from meetings`);
  if ((has?.n ?? 0) > 0) return;
  const started = process.hrtime.bigint();
  const [y, m] = today.split('-').map(Number) as [number, number];
  const firstMonth = `${y - 3}-${String(m).padStart(2, '0')}-01`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    // Per branch and month: which meetings, on which day. The current month's only for two branches in three
    // (and only on days already past); the current quarter's 党员大会 missing for one branch in five.
    await tx.execute(
      sql.raw(`insert into meetings (org_id, type, status, held_on, start_time, topic, expected_count, present_count,
                 voting_expected, voting_present, quorate, finalised_at)
      select b.id, t.type, 'final', d.day, '19:30', t.topic, b.n, (b.n * (80 + (b.id + d.k) % 20)) / 100,
             b.f, (b.f * (80 + (b.id + d.k) % 20)) / 100,
             case when t.type = 'general_assembly' then true end, d.day::timestamptz
        from (select id, full_members + probationary_members as n, full_members as f from organizations
               where type in (${BRANCH_TYPES})) b
        cross join lateral (select k, (date '${firstMonth}' + make_interval(months => k))::date as month_start
                              from generate_series(0, 36) k) mo
        cross join lateral (values
            ('committee', '支委会', true),
            ('theme_day', '主题党日', true),
            ('general_assembly', '党员大会', extract(month from mo.month_start)::int % 3 = 2),
            ('party_class', '党课', extract(month from mo.month_start)::int % 3 = 0),
            ('life_meeting', '组织生活会', extract(month from mo.month_start)::int = 12),
            ('appraisal_meeting', '民主评议会', extract(month from mo.month_start)::int = 12)
          ) as t(type, topic, due)
        cross join lateral (select mo.k, (mo.month_start + ((b.id + mo.k) % 5)::int)::date as day) d
       where t.due and d.day < '${today}'::date
         and not (mo.k = 36 and b.id % 3 = 0)
         and not (t.type = 'general_assembly' and d.day >= date_trunc('quarter', '${today}'::date) and b.id % 5 = 0)`),
    );
    await tx.execute(sql`delete from org_life_counts`);
    await tx.execute(
      sql.raw(`insert into org_life_counts (org_id, period, type, held, sub_held, branches_done, expected, present)
               ${COUNTS_SQL('')}`),
    );
  });
  await db.execute(sql`analyze meetings, org_life_counts`);
  say(`meetings added and counted in ${(ms(started) / 1000).toFixed(1)} s`);
  await checkCounts(checkPath);
}

/** The set-based counters equal the app's rebuild (org_life_counts_rebuild) for the meetings of one street. */
async function checkCounts(streetPath: string) {
  await db
    .transaction(async (tx) => {
      await tx.execute(
        sql.raw(
          `create temp table bench_counts on commit drop as ${COUNTS_SQL(`and m.org_id in
                 (select id from organizations where path <@ '${streetPath}'::ltree)`)}`,
        ),
      );
      await tx.execute(
        sql.raw(`create temp table bench_meetings on commit drop as
      select * from meetings where org_id in (select id from organizations where path <@ '${streetPath}'::ltree)`),
      );
      // The app's rebuild on those meetings alone: inside this transaction, undone at its end.
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql.raw(`delete from meetings m where not exists (select 1 from bench_meetings b where b.id = m.id)`),
      );
      await tx.execute(sql`select org_life_counts_rebuild()`);
      const [diff] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from (
            (select org_id, period, type, held, sub_held, branches_done, expected, present from org_life_counts
             except select org_id, period, type, held, sub_held, branches_done, expected, present from bench_counts)
            union all
            (select org_id, period, type, held, sub_held, branches_done, expected, present from bench_counts
             except select org_id, period, type, held, sub_held, branches_done, expected, present from org_life_counts)) d`,
      );
      say(
        `counters of one street: set-based = the app's rebuild: ${diff?.n === 0 ? 'yes' : `no (${diff?.n} rows differ)`}`,
      );
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}
