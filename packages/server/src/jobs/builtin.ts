import { SESSION_IDLE_MINUTES } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { audited } from '../audit/audited.js';
import { queryRows } from '../db/client.js';
import { SYSTEM_AUDIT } from '../http/actor.js';
import type { Job } from './runner.js';

/** The platform's own jobs; feature modules add theirs beside these. */
export const BUILTIN_JOBS: Job[] = [
  {
    name: 'sessions.cleanup',
    label: '清理已过期的登录会话（闲置超过30分钟）',
    schedule: { everyMinutes: 15 },
    async run({ db, now }) {
      const rows = await audited(db, SYSTEM_AUDIT, 'job.sessions_cleanup', (tx) =>
        queryRows<{ n: number }>(
          tx,
          sql`with gone as (delete from sessions
                 where last_seen_at < ${now.toISOString()}::timestamptz - make_interval(mins => ${SESSION_IDLE_MINUTES})
                 returning 1)
              select count(*)::int as n from gone`,
        ),
      );
      return { deleted: rows[0]?.n ?? 0 };
    },
  },
  {
    name: 'figures.verify',
    label: '核对数据概览的计数与党员、两新组织记录是否一致，不一致时重算',
    schedule: { dailyAt: '03:30' },
    async run({ db }) {
      // The same sums as org_figures_rebuild() (drizzle/0007), compared with the kept counters.
      const [row] = await queryRows<{ drift: number }>(
        db,
        sql`with expected as (
              select a.id as org_id, d.metric, sum(d.n) as n
                from (select r.org_id, f.metric, sum(f.n) as n from members r cross join lateral member_figures(r) f group by 1, 2
                      union all
                      select r.org_id, f.metric, sum(f.n) from new_organizations r cross join lateral new_org_figures(r) f group by 1, 2) d
                join organizations o on o.id = d.org_id
               cross join lateral unnest(string_to_array(o.path::text, '.')::bigint[]) as a(id)
               group by a.id, d.metric having sum(d.n) <> 0)
            select count(*)::int as drift
              from expected e full join org_figures f on f.org_id = e.org_id and f.metric = e.metric
             where coalesce(e.n, 0) <> coalesce(f.n, 0)`,
      );
      const drift = row?.drift ?? 0;
      if (drift > 0) await db.execute(sql`select org_figures_rebuild()`);
      return { drift, rebuilt: drift > 0 };
    },
  },
];
