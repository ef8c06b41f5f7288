import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../db/audited.js';
import { queryRows } from '../db/client.js';
import type { Job } from '../scheduler/runner.js';
import { defineModule } from '../module.js';
import { registerFigures } from './figures.routes.js';

/**
 * The kept counters — org_figures and the organisations' member counts — checked against the records each night
 * and rebuilt on a drift.
 */
const verifyFigures: Job = {
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
    // The organisations' member counters (drizzle/0002), against the same recount; repaired in place.
    const counted = sql`select o.id, coalesce(e.f, 0) as f, coalesce(e.p, 0) as p
      from organizations o left join member_counts_expected() e on e.org_id = o.id
     where o.full_members <> coalesce(e.f, 0) or o.probationary_members <> coalesce(e.p, 0)`;
    const [counters] = await queryRows<{ drift: number }>(db, sql`select count(*)::int as drift from (${counted}) c`);
    const counterDrift = counters?.drift ?? 0;
    if (counterDrift > 0) {
      await audited(db, SYSTEM_AUDIT, 'figures.verify', (tx) =>
        tx.execute(sql`update organizations o set full_members = c.f, probationary_members = c.p
                         from (${counted}) c where o.id = c.id`),
      );
    }
    return { drift: drift + counterDrift, rebuilt: drift + counterDrift > 0 };
  },
};

/** Live figures of a subtree (members by status and category, coverage of new organisations) and their sheet. */
export const figuresModule = defineModule({
  name: 'figures',
  routes: registerFigures,
  auditActions: {
    'figures.export': '导出统计表',
    'figures.verify': '定时任务：核对数据概览计数',
  },
  jobs: [verifyFigures],
});
