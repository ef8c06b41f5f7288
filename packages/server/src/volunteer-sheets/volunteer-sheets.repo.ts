import type { RuleChainLink, VolunteerRuleSetting } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';

type SettingRow = {
  org_id: number;
  org_name: string;
  yearly_target_hours: string | null;
  points_enabled: boolean | null;
  points_per_hour: string | null;
  points_per_activity: Record<string, number> | null;
  ranking_enabled: boolean | null;
  has_setting: boolean;
};

const num = (v: string | null) => (v === null ? null : Number(v));

export const toSetting = (r: SettingRow): VolunteerRuleSetting | null =>
  r.has_setting
    ? {
        yearlyTargetHours: num(r.yearly_target_hours),
        pointsEnabled: r.points_enabled,
        pointsPerHour: num(r.points_per_hour),
        pointsPerActivity: r.points_per_activity,
        rankingEnabled: r.ranking_enabled,
      }
    : null;

/** The organisation and its ancestors with their own settings, root first: what `effectiveVolunteerRules` reads. */
export async function ruleChain(db: Queryable, orgPath: string): Promise<RuleChainLink[]> {
  const rows = await queryRows<SettingRow>(
    db,
    sql`select o.id::int as org_id, o.name as org_name, s.yearly_target_hours::text, s.points_enabled,
               s.points_per_hour::text, s.points_per_activity, s.ranking_enabled, s.org_id is not null as has_setting
          from organizations o left join volunteer_rule_settings s on s.org_id = o.id
         where o.id = any(string_to_array(${orgPath}, '.')::bigint[])
         order by nlevel(o.path)`,
  );
  return rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, setting: toSetting(r) }));
}

export type SheetRow = {
  id: number;
  year: number;
  quarter: number;
  member_id: number;
  member_name: string;
  member_org_name: string;
  community_id: number;
  community_name: string;
  unit_org_id: number;
  unit_org_name: string;
  registered_on: string;
  as_of: string;
  quarter_activities: number;
  quarter_hours: string;
  year_activities: number;
  year_hours: string;
  requests_fulfilled: number;
  target_hours: string | null;
  generated_at: string;
  sent_on: string | null;
};

const FROM = sql`from residence_sheets s join members m on m.id = s.member_id
  join organizations mo on mo.id = m.org_id
  join organizations c on c.id = s.org_id join organizations u on u.id = s.unit_org_id
  left join residence_sheet_sends d on d.org_id = s.org_id and d.unit_org_id = s.unit_org_id
   and d.year = s.year and d.quarter = s.quarter`;
const COLUMNS = sql`s.id::int as id, s.year::int as year, s.quarter::int as quarter, s.member_id::int as member_id,
  m.name as member_name, mo.name as member_org_name, s.org_id::int as community_id, c.name as community_name,
  s.unit_org_id::int as unit_org_id, u.name as unit_org_name, s.registered_on::text, s.as_of::text,
  s.quarter_activities, s.quarter_hours::text, s.year_activities, s.year_hours::text, s.requests_fulfilled,
  s.target_hours::text, s.generated_at::text, d.sent_on::text`;

export function toSheet(r: SheetRow) {
  return {
    id: r.id,
    year: r.year,
    quarter: r.quarter,
    memberId: r.member_id,
    memberName: r.member_name,
    memberOrgName: r.member_org_name,
    communityId: r.community_id,
    communityName: r.community_name,
    unitOrgId: r.unit_org_id,
    unitOrgName: r.unit_org_name,
    registeredOn: r.registered_on,
    asOf: r.as_of,
    quarterActivities: r.quarter_activities,
    quarterHours: Number(r.quarter_hours),
    yearActivities: r.year_activities,
    yearHours: Number(r.year_hours),
    requestsFulfilled: r.requests_fulfilled,
    targetHours: num(r.target_hours),
    generatedAt: r.generated_at,
    sentOn: r.sent_on,
  };
}
export type Sheet = ReturnType<typeof toSheet>;

/** A sheet is seen from both ends: the community registered with, and the member's unit. */
export const sheetUnder = (path: string) => sql`(c.path <@ ${path}::ltree or u.path <@ ${path}::ltree)`;

/** `where` must carry the scope (`sheetUnder`). Sheets by unit, then member name. */
export async function selectSheets(db: Queryable, where: SQL, page: number, pageSize: number) {
  const rows = await queryRows<SheetRow>(
    db,
    sql`select ${COLUMNS} ${FROM} where ${where}
         order by u.name, s.unit_org_id, m.sort_key, s.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${FROM} where ${where}`);
  return { rows, total: counted?.n ?? 0 };
}

export async function selectUnits(db: Queryable, where: SQL) {
  return queryRows<{
    community_id: number;
    community_name: string;
    unit_org_id: number;
    unit_org_name: string;
    sheets: number;
    sent_on: string | null;
  }>(
    db,
    sql`select s.org_id::int as community_id, c.name as community_name, s.unit_org_id::int as unit_org_id,
               u.name as unit_org_name, count(*)::int as sheets, d.sent_on::text
          from residence_sheets s join organizations c on c.id = s.org_id join organizations u on u.id = s.unit_org_id
          left join residence_sheet_sends d on d.org_id = s.org_id and d.unit_org_id = s.unit_org_id
           and d.year = s.year and d.quarter = s.quarter
         where ${where}
         group by s.org_id, c.name, s.unit_org_id, u.name, d.sent_on
         order by c.name, u.name`,
  );
}

/**
 * The sheets of every in-service registration of communities under `rootPath` for one quarter, in one statement
 * (at a district's scale a set, not a loop): the registrations, each community's target (the nearest organisation
 * up its path that sets one) and each member organisation's unit (the outermost resident-unit or new-organisation
 * party organisation above it, the organisation itself when it is regional) are computed once each
 * (materialised), then joined with the confirmed records of the year up to `asOf` and aggregated per
 * registration. `fill` writes only the sheets missing or made before the quarter ended (the job: a sheet made on
 * the quarter's last day may lack that day's later confirmations); `refresh`
 * rewrites those not yet sent (a community's on-demand run). A sheet whose figures did not change is not written,
 * and sheets already sent to their unit are never touched. Returns how many sheets it wrote.
 */
export async function upsertSheets(
  db: Queryable,
  p: {
    rootPath: string;
    year: number;
    quarter: number;
    from: string;
    yearFrom: string;
    asOf: string;
    mode: 'fill' | 'refresh';
  },
) {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with regs as materialized (
          select r.id, r.member_id, r.org_id, r.registered_on, c.path as community_path, mo.path as member_path
            from in_service_registrations r
            join organizations c on c.id = r.org_id
            join members m on m.id = r.member_id
            join organizations mo on mo.id = m.org_id
           where c.path <@ ${p.rootPath}::ltree
             and r.registered_on <= ${p.asOf} and (r.ended_on is null or r.ended_on >= ${p.from})
             and m.left_on is null
             ${
               p.mode === 'fill'
                 ? sql`and not exists (select 1 from residence_sheets e where e.year = ${p.year} and e.quarter = ${p.quarter}
                                         and e.member_id = r.member_id and e.as_of >= ${p.asOf}
                                         and e.generated_at >= (${p.asOf}::date + 1)::timestamp at time zone 'Asia/Shanghai')`
                 : sql``
             }
        ), targets as materialized (
          select cc.org_id,
                 (select s.yearly_target_hours from volunteer_rule_settings s join organizations so on so.id = s.org_id
                   where s.org_id = any(string_to_array(cc.community_path::text, '.')::bigint[])
                     and s.yearly_target_hours is not null
                   order by nlevel(so.path) desc limit 1) as target
            from (select distinct org_id, community_path from regs) cc
        ), units as materialized (
          select mp.member_path,
                 coalesce((select u.id from organizations u
                            where u.id = any(string_to_array(mp.member_path::text, '.')::bigint[]) and u.sector <> 'regional'
                            order by nlevel(u.path) limit 1),
                          subpath(mp.member_path, -1)::text::bigint) as unit_org_id
            from (select distinct member_path from regs) mp
        ), figures as (
          select g.id, g.member_id, g.org_id, g.registered_on, un.unit_org_id, t.target,
                 count(v.activity_id) filter (where v.served_on >= ${p.from})::int as quarter_activities,
                 coalesce(sum(v.hours) filter (where v.served_on >= ${p.from}), 0) as quarter_hours,
                 count(v.activity_id)::int as year_activities,
                 coalesce(sum(v.hours), 0) as year_hours
            from regs g
            join targets t on t.org_id = g.org_id
            join units un on un.member_path = g.member_path
            left join volunteer_records v on v.member_id = g.member_id and v.status = 'confirmed'
             and v.served_on >= ${p.yearFrom} and v.served_on <= ${p.asOf}
           where not exists (select 1 from residence_sheet_sends d where d.org_id = g.org_id and d.year = ${p.year}
                               and d.quarter = ${p.quarter} and d.unit_org_id = un.unit_org_id)
           group by g.id, g.member_id, g.org_id, g.registered_on, un.unit_org_id, t.target
        )
        insert into residence_sheets as s (year, quarter, member_id, registration_id, org_id, unit_org_id, registered_on,
                                      as_of, quarter_activities, quarter_hours, year_activities, year_hours, target_hours,
                                      requests_fulfilled)
        select ${p.year}, ${p.quarter}, f.member_id, f.id, f.org_id, f.unit_org_id, f.registered_on, ${p.asOf},
               f.quarter_activities, f.quarter_hours, f.year_activities, f.year_hours, f.target,
               -- requests and micro-wishes the member finished in the quarter (the requests module's
               -- service_requests_fulfilled_idx; raw SQL: this module does not import that one)
               (select count(*)::int from service_requests q
                 where coalesce(q.claimed_by_member_id, q.assignee_member_id) = f.member_id and q.done_at is not null
                   and q.done_at >= (${p.from}::date)::timestamp at time zone 'Asia/Shanghai'
                   and q.done_at < (${p.asOf}::date + 1)::timestamp at time zone 'Asia/Shanghai'
                   and q.status in ('done', 'closed'))
          from figures f
        on conflict (year, quarter, member_id) do update set
          registration_id = excluded.registration_id, org_id = excluded.org_id, unit_org_id = excluded.unit_org_id,
          registered_on = excluded.registered_on, as_of = excluded.as_of,
          quarter_activities = excluded.quarter_activities, quarter_hours = excluded.quarter_hours,
          year_activities = excluded.year_activities, year_hours = excluded.year_hours,
          target_hours = excluded.target_hours, requests_fulfilled = excluded.requests_fulfilled, generated_at = now()
        where (s.registration_id, s.org_id, s.unit_org_id, s.registered_on, s.as_of, s.quarter_activities,
               s.quarter_hours, s.year_activities, s.year_hours, s.target_hours, s.requests_fulfilled)
              is distinct from
              (excluded.registration_id, excluded.org_id, excluded.unit_org_id, excluded.registered_on, excluded.as_of,
               excluded.quarter_activities, excluded.quarter_hours, excluded.year_activities, excluded.year_hours,
               excluded.target_hours, excluded.requests_fulfilled)
          and not exists (select 1 from residence_sheet_sends d where d.org_id = s.org_id and d.year = s.year
                            and d.quarter = s.quarter and d.unit_org_id = s.unit_org_id)
        returning 1 as n`,
  );
  return rows.length;
}

/** Sheets not sent whose registration no longer counts in the quarter (ended before it, moved, member left). */
export async function deleteStaleSheets(
  db: Queryable,
  p: { rootPath: string; year: number; quarter: number; from: string; asOf: string },
) {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`delete from residence_sheets s using organizations c, in_service_registrations r, members m
         where c.id = s.org_id and c.path <@ ${p.rootPath}::ltree and s.year = ${p.year} and s.quarter = ${p.quarter}
           and r.id = s.registration_id and m.id = s.member_id
           and (r.registered_on > ${p.asOf} or (r.ended_on is not null and r.ended_on < ${p.from}) or m.left_on is not null)
           and not exists (select 1 from residence_sheet_sends d where d.org_id = s.org_id and d.year = s.year
                             and d.quarter = s.quarter and d.unit_org_id = s.unit_org_id)
        returning 1 as n`,
  );
  return rows.length;
}

export async function countSentSheets(db: Queryable, p: { rootPath: string; year: number; quarter: number }) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from residence_sheets s join organizations c on c.id = s.org_id
          join residence_sheet_sends d on d.org_id = s.org_id and d.unit_org_id = s.unit_org_id
           and d.year = s.year and d.quarter = s.quarter
         where c.path <@ ${p.rootPath}::ltree and s.year = ${p.year} and s.quarter = ${p.quarter}`,
  );
  return row?.n ?? 0;
}

type FigureRow = { org_id: number; org_name: string; period: string; metric: string; n: string };

/** The counters of an organisation and its children: primary-key reads of volunteer_figures, never a scan. */
export async function selectFigures(db: Queryable, orgId: number, year: number) {
  return queryRows<FigureRow>(
    db,
    sql`with orgs as (select id, name, 0 as k from organizations where id = ${orgId}
                      union all select id, name, 1 from organizations where parent_id = ${orgId})
        select o.id::int as org_id, o.name as org_name, f.period, f.metric, f.n::text
          from orgs o join volunteer_figures f on f.org_id = o.id
         where f.period in ('', ${`${year}-Q1`}, ${`${year}-Q2`}, ${`${year}-Q3`}, ${`${year}-Q4`})
         order by o.k, o.name`,
  );
}

export async function selectChildren(db: Queryable, orgId: number) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select id::int as id, name from organizations where parent_id = ${orgId} order by name`,
  );
}

/**
 * Members of a subtree by confirmed hours in a closed period, with their points by the rules: records of the
 * period (served_on range), their member in the subtree, each record's activity type for its points.
 */
export async function selectRanking(
  db: Queryable,
  p: {
    rootPath: string;
    from: string;
    to: string;
    pointsPerHour: number;
    pointsPerActivity: Record<string, number>;
    pointsEnabled: boolean;
    limit: number;
  },
) {
  const points = p.pointsEnabled
    ? sql`coalesce((${JSON.stringify(p.pointsPerActivity)}::jsonb ->> a.type)::numeric, v.hours * ${p.pointsPerHour})`
    : sql`0`;
  return queryRows<{
    member_id: number;
    member_name: string;
    org_name: string;
    hours: string;
    points: string;
    activities: number;
  }>(
    db,
    sql`select v.member_id::int as member_id, m.name as member_name, o.name as org_name, sum(v.hours)::text as hours,
               round(sum(${points}), 2)::text as points, count(v.activity_id)::int as activities
          from volunteer_records v
          join members m on m.id = v.member_id
          join organizations o on o.id = m.org_id
          left join volunteer_activities a on a.id = v.activity_id
         where v.status = 'confirmed' and v.member_id is not null
           and v.served_on >= ${p.from} and v.served_on <= ${p.to}
           and o.path <@ ${p.rootPath}::ltree and m.left_on is null
         group by v.member_id, m.name, o.name, m.sort_key
         order by ${p.pointsEnabled ? sql`round(sum(${points}), 2) desc,` : sql``} sum(v.hours) desc, m.sort_key, v.member_id
         limit ${p.limit}`,
  );
}
