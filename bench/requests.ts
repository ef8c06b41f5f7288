// Serving residents at a province's scale (issue 19), a step of its own beside `npm run bench`:
//   npx tsx bench/requests.ts --data-dir /work/bench-1m [--runs 30]
// The loaded province has no residents' requests: the first run adds ~1,000,000 over its communities (two years,
// set-based under session_replication_role = replica: residents, then the requests in every state — mostly done
// and rated, a few percent open, some of them overdue and escalated), then request_rate_figures_rebuild() and
// ANALYZE; later runs find them and add nothing. Then it times, in process against that database (no HTTP), each
// case alternating with its floor (one hand-written statement returning the same rows):
//   - a community's queue, first page (the requests module's listRequests, as the console asks for it);
//   - a district's rates for a quarter (request-oversight's rates(): the counters by key), against the floor of
//     the same read, and against the scan the counters spare (the same figures aggregated from the requests).
import os from 'node:os';
import { chinaToday, ratePeriodOf } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows } from '../packages/server/src/db/client.js';
import { rates } from '../packages/server/src/request-oversight/request-oversight.service.js';
import { listRequests } from '../packages/server/src/requests/requests.service.js';
import { openDataDir } from './data.js';
import { benchActor, percentile } from './in-process.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dataDir = arg('data-dir');
if (!dataDir) throw new Error('--data-dir DIR (a loaded bench database, e.g. /work/bench-1m)');
const runs = Number(arg('runs') ?? 30);
const TARGET = 1_000_000;

const memoryMiB = Math.floor(os.totalmem() / 2 ** 20);
const server = await openDataDir(dataDir, {
  shared_buffers: `${Math.floor(memoryMiB / 4)}MB`,
  effective_cache_size: `${Math.floor((memoryMiB * 3) / 4)}MB`,
});
const database = openDatabase(server.url);
const { db } = database;
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;
const say = (line: string) => console.log(line);
const OPEN = sql.raw(`('submitted', 'accepted', 'dispatched', 'open', 'in_progress')`);

/** Times `app` and `floor` alternately (a few warm-up calls first): p50 and p99 of each. */
async function compare(label: string, app: () => Promise<unknown>, floor: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await Promise.all([app(), floor()]);
  const a: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = process.hrtime.bigint();
    await app();
    a.push(ms(started));
    started = process.hrtime.bigint();
    await floor();
    f.push(ms(started));
  }
  const [ap50, ap99, fp50, fp99] = [percentile(a, 0.5), percentile(a, 0.99), percentile(f, 0.5), percentile(f, 0.99)];
  say(
    `| ${label} | ${ap50.toFixed(1)} ms | ${ap99.toFixed(1)} ms | ${fp50.toFixed(1)} ms | ${fp99.toFixed(1)} ms | ${(ap50 / fp50).toFixed(2)} |`,
  );
}

try {
  await migrateDatabase(database);
  await addRequests();
  const [size] = await queryRows<{ requests: number; open: number; escalated: number; residents: number }>(
    db,
    sql`select (select count(*)::int from service_requests) as requests,
               (select count(*)::int from service_requests where status in ${OPEN}) as open,
               (select count(*)::int from service_requests where escalation_level > 0 and status in ${OPEN}) as escalated,
               (select count(*)::int from residents) as residents`,
  );
  say(`${size?.requests} requests (${size?.open} open, ${size?.escalated} escalated) of ${size?.residents} residents`);

  const actor = await benchActor(db);
  // The busiest community, and the first district.
  const [community] = await queryRows<{ id: number; n: number }>(
    db,
    sql`select org_id::int as id, count(*)::int as n from service_requests group by org_id order by 2 desc, 1 limit 1`,
  );
  const [district] = await queryRows<{ id: number; path: string }>(
    db,
    sql`select id::int, path::text from organizations where type = 'district_committee' order by id limit 1`,
  );
  if (!community || !district) throw new Error('no data');
  say(`community ${community.id}: ${community.n} requests`);
  say('| case | app p50 | app p99 | floor p50 | floor p99 | app/floor |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');

  await compare(
    `a community's queue, first page of 20 (${community.n} requests; GET /api/requests)`,
    () => listRequests(db, actor, { orgId: community.id, page: 1, pageSize: 20, overdue: false }),
    () =>
      queryRows(
        db,
        sql`select r.id, r.kind, r.category, r.text, r.status, r.urgent, r.submitted_at, r.respond_by, r.resolve_by,
                   res.name, (select count(*) from service_requests x where x.org_id = ${community.id}) as total
              from service_requests r join residents res on res.id = r.resident_id
             where r.org_id = ${community.id}
             order by r.submitted_at desc, r.id desc limit 20`,
      ),
  );
  const quarter = ratePeriodOf('quarter', chinaToday());
  const months = [0, 1, 2].map(
    (i) => `${quarter.slice(0, 4)}-${String((Number(quarter.slice(-1)) - 1) * 3 + 1 + i).padStart(2, '0')}`,
  );
  await compare(
    `a district's rates for ${quarter}, its children's table (GET /api/request-oversight/rates)`,
    () => rates(db, actor, { orgId: district.id, period: quarter }),
    () =>
      queryRows(
        db,
        sql`select f.org_id, f.metric, sum(f.n) from request_rate_figures f
             where f.org_id in (select id from organizations where id = ${district.id} or parent_id = ${district.id})
               and f.month in (${sql.join(
                 months.map((m) => sql`${m}`),
                 sql`, `,
               )})
             group by 1, 2`,
      ),
  );
  await compare(
    `the same rates by scanning the district's requests of ${quarter} (what the counters spare)`,
    () => rates(db, actor, { orgId: district.id, period: quarter }),
    () =>
      queryRows(
        db,
        sql`select count(*) filter (where r.status <> 'merged') as total,
                   count(*) filter (where r.responded_at is not null or r.respond_overdue) as due,
                   count(*) filter (where r.responded_at <= r.respond_by) as responded_in_time,
                   count(*) filter (where r.resolved_at is not null and r.status in ('done', 'closed')) as resolved,
                   count(*) filter (where r.resolved_at <= r.resolve_by and r.status in ('done', 'closed')) as in_time,
                   count(*) filter (where r.resolve_overdue and r.status in ${OPEN}) as open_overdue,
                   count(r.rating) as rated, count(*) filter (where r.rating in ('satisfied', 'basically')) as satisfied
              from service_requests r join organizations o on o.id = r.org_id
             where o.path <@ ${district.path}::ltree and r.status <> 'merged'
               and r.submitted_at >= (${`${months[0]}-01`}::date)::timestamp at time zone 'Asia/Shanghai'
               and r.submitted_at < ((${`${months[2]}-01`}::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')`,
      ),
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
 * ~1,000,000 requests over the province's communities, once: 40 residents a community; requests spread over the
 * last two years (an hour apart per community, in turn), 2 % still open (half of them past resolve_by, marked and
 * escalated to the street as the job would), 2 % declined, 1 % merged, the rest done (9 in 10 within their time)
 * and rated 2 in 3. Triggers off (replica), then the counters rebuilt and the tables analysed.
 */
async function addRequests() {
  const [has] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from service_requests`);
  if ((has?.n ?? 0) >= TARGET * 0.9) return;
  const started = process.hrtime.bigint();
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`insert into residents (org_id, name, phone, confirmed_at)
      select o.id, '居民' || k, null, now() from organizations o cross join generate_series(1, 40) k
       where o.type in ('community_committee', 'big_community_committee')`);
    await tx.execute(sql`with c as (
        select o.id, row_number() over (order by o.id) - 1 as i, count(*) over () as n
          from organizations o where o.type in ('community_committee', 'big_community_committee')),
      rs as (select org_id, array_agg(id order by id) as ids from residents group by org_id),
      g as (
        select c.id as org_id, rs.ids[1 + k % array_length(rs.ids, 1)] as resident_id, k,
               now() - ((k::float / ceil(${TARGET}::float / c.n)) * interval '730 days') as submitted_at,
               (k * 7919 + c.i * 104729) % 100 as fate,
               (array['elderly_disabled','sanitation','repair','utilities','safety','dispute','policy','employment','education','other'])[1 + (k + c.i) % 10] as category
          from c join rs on rs.org_id = c.id
          cross join generate_series(0, ceil(${TARGET}::float / (select count(*) from c))::int - 1) k)
      insert into service_requests (org_id, kind, resident_id, category, text, contact_pref, urgent, status, submitted_at,
                                    respond_by, resolve_by, responded_at, resolved_at, done_at, accepted_at, rating,
                                    rated_at, respond_overdue, resolve_overdue, escalation_level, escalation_org_id,
                                    escalated_at, escalate_at, reminded)
      select g.org_id, case when g.k % 7 = 0 then 'wish' else 'request' end, g.resident_id, g.category,
             '居民诉求' || g.k, 'phone', g.category in ('utilities', 'safety'), s.status, g.submitted_at,
             g.submitted_at + d.respond, g.submitted_at + d.resolve,
             case when s.status <> 'submitted' then g.submitted_at + d.respond * (case when g.fate % 10 = 0 then 1.5 else 0.3 end) end,
             case when s.status in ('done', 'closed') then g.submitted_at + d.resolve * (case when g.fate % 10 = 1 then 1.4 else 0.5 end) end,
             case when s.status in ('done', 'closed') then g.submitted_at + d.resolve * (case when g.fate % 10 = 1 then 1.4 else 0.5 end) end,
             case when s.status not in ('submitted') then g.submitted_at + d.respond * 0.3 end,
             case when s.status in ('done', 'closed') and g.fate % 3 <> 0 then (array['satisfied','satisfied','basically','unsatisfied'])[1 + g.k % 4] end,
             case when s.status in ('done', 'closed') and g.fate % 3 <> 0 then g.submitted_at + d.resolve end,
             g.submitted_at + d.respond < now() and g.fate % 10 = 0,
             s.status in ${OPEN} and g.submitted_at + d.resolve < now(),
             case when s.status in ${OPEN} and g.submitted_at + d.resolve < now() then 1 else 0 end,
             case when s.status in ${OPEN} and g.submitted_at + d.resolve < now()
                  then (select p.parent_id from organizations p where p.id = g.org_id) end,
             case when s.status in ${OPEN} and g.submitted_at + d.resolve < now() then g.submitted_at + d.resolve end,
             case when s.status in ${OPEN} and g.submitted_at + d.resolve < now() then now() + d.resolve end,
             case when s.status in ${OPEN} then 3 else 0 end
        from g
        cross join lateral (select case when g.category in ('utilities', 'safety') then interval '2 hours' else interval '24 hours' end as respond,
                                   case when g.category in ('utilities', 'safety') then interval '24 hours' else interval '168 hours' end as resolve) d
        cross join lateral (select case when g.fate < 2 then (array['submitted','accepted','dispatched','in_progress'])[1 + g.k % 4]
                                        when g.fate < 4 then 'declined'
                                        else case when g.k % 5 = 0 then 'closed' else 'done' end end as status) s`);
  });
  await db.execute(sql`select request_rate_figures_rebuild()`);
  await db.execute(sql`analyze residents, service_requests, request_rate_figures`);
  say(`requests added in ${(ms(started) / 1000).toFixed(1)} s`);
}
