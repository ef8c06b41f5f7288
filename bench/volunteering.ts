// Volunteering at a district's scale (issue 18), a step of its own beside `npm run bench`:
//   npx tsx bench/volunteering.ts --data-dir /work/bench-1m [--runs 3] [--out FILE]
// The loaded province has no volunteering records: the first run adds them to the first district (in-service
// members registered with a community of their district (双报到), ~20 activities a community a year, confirmed
// service records), set-based under session_replication_role = replica, then volunteer_figures_rebuild() and
// ANALYZE; later runs find them and add nothing. Then it times, in process against that database (no HTTP):
//   - the quarterly sheets of the whole district: the module's own generation (writeSheets through
//     generateSheets: upsert, stale delete, sent count, audit event, one transaction; the first run writes every
//     sheet, the runs after it find nothing changed), against the floor: the
//     same figures in one plain aggregate statement written to an unlogged scratch table (no conflict check,
//     no index upkeep, no audit) — what the database must at least do for that result;
//   - a district's activity list (the volunteers module's listActivities, first page of 20), against the
//     floor: one hand-written statement for the same page and its total.
import os from 'node:os';
import {
  chinaToday,
  lastClosedServiceQuarter,
  serviceQuarterOf,
  sheetWindow,
  type ServiceQuarter,
} from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { SYSTEM_AUDIT } from '../packages/server/src/db/audited.js';
import { migrateDatabase, openDatabase, queryRows } from '../packages/server/src/db/client.js';
import { generateSheets } from '../packages/server/src/volunteer-sheets/volunteer-sheets.service.js';
import { listActivities } from '../packages/server/src/volunteers/activities.service.js';
import { openDataDir } from './data.js';
import { benchActor, percentile } from './in-process.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dataDir = arg('data-dir');
if (!dataDir) throw new Error('--data-dir DIR (a loaded bench database, e.g. /work/bench-1m)');
const runs = Number(arg('runs') ?? 3);

const memoryMiB = Math.floor(os.totalmem() / 2 ** 20);
const server = await openDataDir(dataDir, {
  shared_buffers: `${Math.floor(memoryMiB / 4)}MB`,
  effective_cache_size: `${Math.floor((memoryMiB * 3) / 4)}MB`,
});
const database = openDatabase(server.url);
const { db } = database;
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};

try {
  await migrateDatabase(database);
  const [district] = await queryRows<{ id: number; path: string; name: string }>(
    db,
    sql`select id::int, path::text, name from organizations where type = 'district_committee' order by id limit 1`,
  );
  if (!district) throw new Error('no district: load the bench data first');
  const today = chinaToday();
  await addVolunteering(district.path, today);

  const [size] = await queryRows<{ members: number; registrations: number; records: number; activities: number }>(
    db,
    sql`select (select count(*)::int from members m join organizations o on o.id = m.org_id
                 where o.path <@ ${district.path}::ltree and m.left_on is null) as members,
               (select count(*)::int from in_service_registrations r join organizations c on c.id = r.org_id
                 where c.path <@ ${district.path}::ltree and r.ended_on is null) as registrations,
               (select count(*)::int from volunteer_records) as records,
               (select count(*)::int from volunteer_activities) as activities`,
  );
  say(
    `district ${district.name}: ${size?.members} members, ${size?.registrations} in-service registrations; ` +
      `${size?.activities} activities and ${size?.records} service records in the database`,
  );

  // The quarterly sheets of the whole district: the last closed quarter (the job's), then the running one.
  for (const quarter of [lastClosedServiceQuarter(today), serviceQuarterOf(today)]) {
    // The first run makes every sheet (they are removed first: derived rows, no audit trigger); the runs after it
    // refresh sheets whose figures did not change, which writes none.
    await db.execute(sql`delete from residence_sheets where year = ${quarter.year} and quarter = ${quarter.quarter}`);
    await db.execute(sql`vacuum analyze residence_sheets`);
    const times: number[] = [];
    let sheets = 0;
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const result = await generateSheets(db, SYSTEM_AUDIT, {
        rootPath: district.path,
        quarter,
        today,
        mode: 'refresh',
      });
      times.push(ms(started));
      if (i === 0) sheets = result.sheets;
    }
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) floor.push(await floorSheets(district.path, quarter, today));
    say(
      `sheets ${quarter.year}-Q${quarter.quarter} (${sheets} sheets): app, first run then unchanged refreshes ` +
        `${times.map((t) => t.toFixed(0)).join(' / ')} ms; ` +
        `floor ${floor.map((t) => t.toFixed(0)).join(' / ')} ms`,
    );
  }

  // A district's activity list, first page, as the root administrator (the bench user) asks for it.
  const actor = await benchActor(db);
  const appTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < 5; i++) await listActivities(db, actor, { orgId: district.id, page: 1, pageSize: 20 });
  for (let i = 0; i < 50; i++) {
    let started = process.hrtime.bigint();
    await listActivities(db, actor, { orgId: district.id, page: 1, pageSize: 20 });
    appTimes.push(ms(started));
    started = process.hrtime.bigint();
    await queryRows(
      db,
      sql`select a.id, a.title, a.type, a.place, a.starts_at, a.ends_at, a.capacity, a.signed_up, a.status, o.name,
                 count(*) over () as total
            from volunteer_activities a join organizations o on o.id = a.org_id
           where o.path <@ ${district.path}::ltree
           order by a.starts_at desc, a.id desc limit 20`,
    );
    floorTimes.push(ms(started));
  }
  say(
    `activity list of the district (page 1 of 20): app p50 ${percentile(appTimes, 0.5).toFixed(1)} ms p99 ${percentile(appTimes, 0.99).toFixed(1)} ms; ` +
      `floor p50 ${percentile(floorTimes, 0.5).toFixed(1)} ms p99 ${percentile(floorTimes, 0.99).toFixed(1)} ms`,
  );
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

/**
 * The floor of a district's sheets: the same figures, one aggregate, into an unlogged scratch table. The bench's
 * organisations are all regional, so each member's unit is their own organisation (as the app finds it).
 */
async function floorSheets(districtPath: string, quarter: ServiceQuarter, today: string): Promise<number> {
  const w = sheetWindow(quarter, today);
  if (!w) throw new Error('quarter not begun');
  await db.execute(sql`drop table if exists bench_floor_sheets`);
  const started = process.hrtime.bigint();
  await db.execute(sql`create unlogged table bench_floor_sheets as
    select r.id as registration_id, r.member_id, r.org_id, r.registered_on,
           m.org_id as unit_org_id,
           count(v.activity_id) filter (where v.served_on >= ${w.from}) as quarter_activities,
           coalesce(sum(v.hours) filter (where v.served_on >= ${w.from}), 0) as quarter_hours,
           count(v.activity_id) as year_activities, coalesce(sum(v.hours), 0) as year_hours
      from in_service_registrations r
      join organizations c on c.id = r.org_id
      join members m on m.id = r.member_id
      left join volunteer_records v on v.member_id = r.member_id and v.status = 'confirmed'
       and v.served_on >= ${w.yearFrom} and v.served_on <= ${w.asOf}
     where c.path <@ ${districtPath}::ltree and r.registered_on <= ${w.asOf}
       and (r.ended_on is null or r.ended_on >= ${w.from}) and m.left_on is null
     group by r.id, r.member_id, r.org_id, r.registered_on, m.org_id`);
  const took = ms(started);
  await db.execute(sql`drop table bench_floor_sheets`);
  return took;
}

/**
 * The first district's volunteering, once: half its in-service members registered with a community of their own
 * district since 2025; ~20 activities a community a year; 0–8 confirmed records for each registered member and
 * 1–3 for one member in ten of the others, a third of them self-reported. Triggers off (replica), then the
 * counters rebuilt and the tables analysed.
 */
async function addVolunteering(districtPath: string, today: string) {
  const [has] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from volunteer_records`);
  if ((has?.n ?? 0) > 0) return;
  const started = process.hrtime.bigint();
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`with communities as (
        select array_agg(id order by id) as ids from organizations
         where path <@ ${districtPath}::ltree and type in ('community_committee', 'big_community_committee'))
      insert into in_service_registrations (member_id, org_id, unit_org_id, registered_on)
      select m.id, c.ids[1 + (m.id * 7919) % array_length(c.ids, 1)], m.org_id,
             least(date '2025-03-01' + (m.id % 600)::int, ${today}::date)
        from members m join organizations o on o.id = m.org_id cross join communities c
       where o.path <@ ${districtPath}::ltree and m.category = 'in_service' and m.left_on is null and m.id % 2 = 0
         and not exists (select 1 from in_service_registrations x where x.member_id = m.id and x.ended_on is null)`);
    await tx.execute(sql`insert into volunteer_activities (org_id, title, type, place, starts_at, ends_at, signup_deadline, capacity, signed_up, status, published_at)
      select o.id, '志愿服务活动' || k, (array['clinic','repair','consulting','dedication_day','garrison','pairing','environment','other'])[1 + k % 8],
             '社区活动室', t, t + interval '3 hours', t - interval '1 day', 30, 0,
             case when t < now() then 'confirmed' else 'published' end, t - interval '7 days'
        from organizations o cross join generate_series(0, 39) k
        cross join lateral (select (date '2025-01-06' + k * 18 + (o.id % 5)::int)::timestamp at time zone 'Asia/Shanghai' + interval '9 hours' as t) s
       where o.path <@ ${districtPath}::ltree and o.type in ('community_committee', 'big_community_committee')
         and s.t < ${today}::date + 60`);
    await tx.execute(sql`insert into volunteer_records (org_id, member_id, activity_id, source, served_on, hours, status)
      select p.org_id, p.member_id, case when p.i % 3 = 0 then null else a.id end,
             case when p.i % 3 = 0 then 'self' else 'activity' end,
             coalesce((a.starts_at at time zone 'Asia/Shanghai')::date, p.day), 1 + (p.member_id % 7) * 0.5, 'confirmed'
        from (select r.org_id, r.member_id, i, r.registered_on + i * 41 + (r.member_id % 30)::int as day
                from in_service_registrations r join organizations c on c.id = r.org_id
                cross join generate_series(1, 8) i
               where c.path <@ ${districtPath}::ltree and i <= r.member_id % 9
                 and r.registered_on + i * 41 + (r.member_id % 30)::int < ${today}::date
              union all
              select c.id, m.id, i, date '2025-02-01' + (m.id % 600)::int + i * 45
                from members m join organizations o on o.id = m.org_id
                join organizations c on c.id = subpath(o.path, nlevel(o.path) - 2, 1)::text::bigint
                cross join generate_series(1, 3) i
               where o.path <@ ${districtPath}::ltree and m.left_on is null and m.id % 10 = 1 and i <= 1 + m.id % 3
                 and date '2025-02-01' + (m.id % 600)::int + i * 45 < ${today}::date) p
        left join lateral (select a.id, a.starts_at from volunteer_activities a
                            where p.i % 3 <> 0 and a.org_id = p.org_id
                              and a.starts_at >= (p.day::timestamp at time zone 'Asia/Shanghai') and a.starts_at < now()
                            order by a.starts_at limit 1) a on true
       where a.id is not null or p.i % 3 = 0`);
  });
  await db.execute(sql`select volunteer_figures_rebuild()`);
  await db.execute(sql`analyze in_service_registrations, volunteer_activities, volunteer_records, volunteer_figures`);
  say(`volunteering data added to the first district in ${(ms(started) / 1000).toFixed(1)} s`);
}
