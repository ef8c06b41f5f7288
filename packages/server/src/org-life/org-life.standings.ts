import {
  branchStandings,
  chinaToday,
  COMMITTEE_MIN_FULL_MEMBERS,
  DEFAULT_MEETING_RULES,
  effectiveRules,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  type MeetingRule,
  type MeetingType,
  monthPeriod,
  overallStanding,
  periodKeys,
  quarterPeriod,
  RULE_ORG_TYPES,
  type RuleOverride,
  standingOf,
  STANDING_ORG_TYPES,
  yearPeriod,
} from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery, type DueSource } from '../http/due.js';
import { invalid } from '../http/errors.js';
import { pathUnder } from '../http/scope.js';
import { requireOrgInScope, requireScopeRoot } from '../organizations/scope-root.js';
import type { BranchStanding, Figures, FiguresQuery, SetRules, StandingsQuery } from './org-life.schema.js';
import { orgLifeRules } from './org-life.tables.js';

/** `o.type in (…branch types)`: the predicate of org_life_branches_idx (drizzle/0022), written the same way. */
const BRANCH_TYPE_CONDITION = (alias: SQL) =>
  sql`${alias}.type in (${sql.join(
    STANDING_ORG_TYPES.map((t) => sql.raw(`'${t}'`)),
    sql`, `,
  )})`;

type OverrideRow = RuleOverride & { path: string; org_name: string };

/** The overrides holding anywhere in or above the subtree at `rootPath`. */
function overridesAround(db: Queryable, rootPath: string) {
  return queryRows<OverrideRow>(
    db,
    sql`select r.type, r.frequency, r.lead_days as "leadDays", o.path::text as path, o.name as org_name
          from org_life_rules r join organizations o on o.id = r.org_id
         where o.path @> ${rootPath}::ltree or o.path <@ ${rootPath}::ltree`,
  );
}

const isUnder = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

/** The overrides holding at `path`, the nearest first. */
function overridesAt(all: readonly OverrideRow[], path: string): OverrideRow[] {
  return all.filter((o) => isUnder(path, o.path)).sort((a, b) => b.path.split('.').length - a.path.split('.').length);
}

/** The rules that hold at an organisation: the defaults, each replaced by the nearest override up its path. */
export async function rulesAt(db: Queryable, path: string): Promise<MeetingRule[]> {
  const overrides = await queryRows<OverrideRow>(
    db,
    sql`select r.type, r.frequency, r.lead_days as "leadDays", o.path::text as path, o.name as org_name
          from org_life_rules r join organizations o on o.id = r.org_id where o.path @> ${path}::ltree`,
  );
  return effectiveRules(overridesAt(overrides, path));
}

type BranchRow = {
  id: number;
  name: string;
  path: string;
  parent_name: string | null;
  full_members: number;
  has_groups: boolean;
  held: Record<string, number>;
};

/**
 * A subtree's branches with what the rules need (full members, groups) and their counters of this month, quarter
 * and year: the branches from org_life_branches_idx, the counters by primary key. One statement.
 */
function branchRows(db: Queryable, rootPath: string, today: string) {
  const k = periodKeys(today);
  return queryRows<BranchRow>(
    db,
    sql`select o.id::int as id, o.name, o.path::text as path, p.name as parent_name, o.full_members,
               exists (select 1 from organizations g where g.parent_id = o.id and g.type = 'group') as has_groups,
               coalesce((select jsonb_object_agg(c.period || ' ' || c.type, c.sub_held) from org_life_counts c
                          where c.org_id = o.id and c.period in (${k.month}, ${k.quarter}, ${k.year}) and c.sub_held > 0),
                        '{}'::jsonb) as held
          from organizations o left join organizations p on p.id = o.parent_id
         where ${pathUnder(rootPath, sql`o.path`)} and ${BRANCH_TYPE_CONDITION(sql`o`)}
         order by o.path`,
  );
}

function standingOfBranch(b: BranchRow, overrides: readonly OverrideRow[], today: string): BranchStanding {
  const rules = effectiveRules(overridesAt(overrides, b.path));
  const standings = branchStandings(
    rules,
    { fullMembers: b.full_members, hasGroups: b.has_groups },
    today,
    (period, type) => b.held[`${period} ${type}`] ?? 0,
  );
  return {
    orgId: b.id,
    orgName: b.name,
    parentName: b.parent_name,
    status: overallStanding(standings),
    standings: standings.map(({ frequency: _f, ...s }) => s),
  };
}

/** Each branch of the subtree: its standing this month, quarter and year by the rules that hold there. */
export async function standings(db: Db, actor: Actor, query: StandingsQuery) {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const today = chinaToday();
  const [rows, overrides] = await Promise.all([branchRows(db, root.path, today), overridesAround(db, root.path)]);
  const all = rows.map((b) => standingOfBranch(b, overrides, today));
  const count = (s: BranchStanding['status']) => all.filter((b) => b.status === s).length;
  return {
    root,
    today,
    branches: all.length,
    atRisk: count('at_risk'),
    due: count('due'),
    done: count('done'),
    items: query.atRiskOnly ? all.filter((b) => b.status === 'at_risk') : all,
  };
}

// ---------------------------------------------------------------------------------------------------
// The workbench: branches at risk, counted in SQL

const lit = (v: string) => sql.raw(`'${v.replace(/'/g, "''")}'`);

/**
 * Today's periods of each frequency as a VALUES list: its key, last day, days left and whether a rule of that
 * frequency may be at risk in it (a 第四季度 rule only in Q4).
 */
function periodsToday(today: string): SQL {
  const rows = (['month', 'quarter', 'year', 'year_q4'] as const).map((frequency) => {
    const s = standingOf({ type: 'other', frequency, leadDays: 0, appliesTo: 'all' }, today, 0);
    const inWindow = frequency !== 'year_q4' || today >= `${today.slice(0, 4)}-10-01`;
    const p = s as NonNullable<typeof s>;
    return sql`(${lit(frequency)}, ${lit(p.period)}, ${lit(p.deadline)}::date, ${p.daysLeft}::int, ${inWindow}::boolean)`;
  });
  return sql`(values ${sql.join(rows, sql`, `)}) as p(frequency, period, end_on, days_left, in_window)`;
}

/** The defaults as a VALUES list, every type (其他 with none: only an override makes it required). */
const DEFAULTS = sql`(values ${sql.join(
  MEETING_TYPES.map((type) => {
    const d = DEFAULT_MEETING_RULES.find((r) => r.type === type);
    return sql`(${lit(type)}, ${lit(d?.frequency ?? 'none')}, ${d?.leadDays ?? 0}::int, ${lit(d?.appliesTo ?? 'all')})`;
  }),
  sql`, `,
)}) as d(type, frequency, lead_days, applies_to)`;

type AtRiskRow = { id: number; name: string; parent_name: string | null; missing: MeetingType[]; due_on: string };

/**
 * Branches of the actor's scope at risk today, in one statement (countDue), each under the rules that hold at that
 * branch: the defaults, each replaced by the nearest override up the branch's own path (a district's rules hold for
 * its branches whether the account is the district, a street under it or the city above it; a street's own rules
 * for its branches only). Overrides are few (cities, districts, streets), so the branches are grouped by which of
 * their ancestors hold any (their "regime", usually one or two for a whole scope), the (type, period) pairs at risk
 * today computed once per regime, then each branch probed in org_life_counts by primary key for its regime's pairs.
 */
export function atRiskDue(db: Db, actor: Actor, today: string, query: DueQuery) {
  return countDue<AtRiskRow>(db, 'org-life.at-risk', query, {
    keys: sql`with holders as materialized (select array_agg(distinct org_id) as ids from org_life_rules),
              branches as materialized (
                select subpath(o.path, -1)::text::bigint as id,
                       array(select x.a from unnest(string_to_array(o.path::text, '.')::bigint[]) with ordinality as x(a, n)
                              where x.a = any (h.ids) order by x.n) as regime
                  from organizations o cross join holders h
                 where ${pathUnder(actor.scopePath, sql`o.path`)} and ${BRANCH_TYPE_CONDITION(sql`o`)}),
              rules as (
                select g.regime, d.type, coalesce(ov.frequency, d.frequency) as frequency,
                       coalesce(ov.lead_days, d.lead_days) as lead_days, d.applies_to
                  from (select distinct regime from branches) g
                 cross join ${DEFAULTS}
                  left join lateral (select ru.frequency, ru.lead_days
                                       from unnest(g.regime) with ordinality as x(org_id, n)
                                       join org_life_rules ru on ru.org_id = x.org_id and ru.type = d.type
                                      order by x.n desc limit 1) ov on true),
              pairs as materialized (
                select r.regime, r.type, p.period, p.end_on, r.applies_to
                  from rules r join ${periodsToday(today)} on p.frequency = r.frequency
                 where p.in_window and p.days_left <= r.lead_days)
              select b.id, false as overdue, m.missing, m.due_on from branches b
              cross join lateral (
                select array_agg(pr.type order by pr.type) as missing, min(pr.end_on)::text as due_on
                  from pairs pr
                 where pr.regime = b.regime
                   and (pr.applies_to = 'all'
                        or (pr.applies_to = 'with_committee'
                            and (select x.full_members from organizations x where x.id = b.id) >= ${COMMITTEE_MIN_FULL_MEMBERS})
                        or (pr.applies_to = 'with_groups'
                            and exists (select 1 from organizations g where g.parent_id = b.id and g.type = 'group')))
                   and not exists (select 1 from org_life_counts c where c.org_id = b.id and c.period = pr.period
                                      and c.type = pr.type and c.sub_held > 0)) m
             where m.missing is not null`,
    order: sql`id`,
    items: (shown) => sql`select d.id::int as id, o.name, p.name as parent_name, d.missing, d.due_on
                            from ${shown} d join organizations o on o.id = d.id
                            left join organizations p on p.id = o.parent_id order by d.id`,
  });
}

export const atRiskSource: DueSource = {
  name: 'org-life.at-risk',
  label: '组织生活临期未开',
  permission: ['orglife.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await atRiskDue(db, actor, today, query);
    const order = (t: MeetingType) => MEETING_TYPES.indexOf(t);
    const items = rows.map((r) => ({
      key: `org-life.at-risk:${r.id}`,
      title: `${r.name} 尚未召开：${[...r.missing]
        .sort((a, b) => order(a) - order(b))
        .map((t) => MEETING_TYPE_LABELS[t])
        .join('、')}`,
      orgName: r.parent_name,
      dueOn: r.due_on,
      overdue: false,
      link: '/org-life/standings',
    }));
    return { ...counts, items };
  },
};

// ---------------------------------------------------------------------------------------------------
// Figures: from the counters

type FigureSqlRow = {
  id: number;
  name: string;
  branches: number;
  counts: { type: MeetingType; held: number; done: number; expected: number; present: number }[];
};

function periodLabel(period: string): string {
  if (/^\d{4}$/.test(period)) return yearPeriod(`${period}-01-01`).label;
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return quarterPeriod(`${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}-01`).label;
  return monthPeriod(`${period}-01`).label;
}

/** Whether the default rule of a type asks for it in a period of this kind (a month, a quarter, a year). */
function requiredIn(rule: MeetingRule, period: string): boolean {
  const kind = /^\d{4}$/.test(period) ? 'year' : period.includes('Q') ? 'quarter' : 'month';
  switch (rule.frequency) {
    case 'month':
      return true;
    case 'quarter':
      return kind !== 'month';
    case 'year':
      return kind === 'year';
    case 'year_q4':
      return kind === 'year' || period.endsWith('-Q4');
    case 'none':
      return false;
  }
}

/**
 * A subtree's meetings by type against what the rules ask, for a period (the current quarter by default), for the
 * root and each child: counters read by primary key and the branches counted from org_life_branches_idx.
 */
export async function figures(db: Db, actor: Actor, query: FiguresQuery): Promise<Figures & { rootPath: string }> {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const period = query.period ?? quarterPeriod(chinaToday()).key;
  const rows = await queryRows<FigureSqlRow>(
    db,
    sql`select x.id::int as id, x.name,
               (select count(*)::int from organizations b
                 where b.path >= x.path and b.path < (x.path::text || '-')::ltree and ${BRANCH_TYPE_CONDITION(sql`b`)}) as branches,
               coalesce((select jsonb_agg(jsonb_build_object('type', c.type, 'held', c.sub_held, 'done', c.branches_done,
                                                             'expected', c.expected, 'present', c.present))
                           from org_life_counts c where c.org_id = x.id and c.period = ${period}), '[]'::jsonb) as counts
          from organizations x
         where x.id = ${root.id} or x.parent_id = ${root.id}
         order by x.id <> ${root.id}, x.path`,
  );
  const overrides = await overridesAround(db, root.path);
  const rules = effectiveRules(overridesAt(overrides, root.path));
  const shape = (r: FigureSqlRow) => {
    const expected = r.counts.reduce((n, c) => n + c.expected, 0);
    const present = r.counts.reduce((n, c) => n + c.present, 0);
    return {
      orgId: r.id,
      orgName: r.name,
      branches: r.branches,
      byType: MEETING_TYPES.map((type) => {
        const c = r.counts.find((x) => x.type === type);
        const rule = rules.find((x) => x.type === type);
        return {
          type,
          held: c?.held ?? 0,
          branchesDone: c?.done ?? 0,
          required: rule ? requiredIn(rule, period) : false,
        };
      }),
      expected,
      present,
      attendanceRate: expected > 0 ? Math.round((present / expected) * 1000) / 1000 : null,
    };
  };
  const [own, ...children] = rows;
  return {
    ...shape(own as FigureSqlRow),
    period,
    periodLabel: periodLabel(period),
    children: children.map(shape),
    rootPath: root.path,
  };
}

// ---------------------------------------------------------------------------------------------------
// Local rules

export async function rulesOf(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const org = await requireOrgInScope(db, actor, root.id);
  const overrides = await queryRows<OverrideRow>(
    db,
    sql`select r.type, r.frequency, r.lead_days as "leadDays", o.path::text as path, o.name as org_name
          from org_life_rules r join organizations o on o.id = r.org_id where o.path @> ${root.path}::ltree`,
  );
  const here = overridesAt(overrides, root.path);
  const own = here.filter((o) => o.path === root.path);
  const rules = effectiveRules(here);
  const effective = MEETING_TYPES.map((type) => {
    const rule = rules.find((r) => r.type === type);
    const from = here.find((o) => o.type === type);
    const base = DEFAULT_MEETING_RULES.find((r) => r.type === type);
    return {
      type,
      frequency: rule?.frequency ?? 'none',
      leadDays: rule?.leadDays ?? from?.leadDays ?? base?.leadDays ?? 7,
      appliesTo: base?.appliesTo ?? 'all',
      source: from ? from.org_name : '默认（支部工作条例）',
    };
  });
  return {
    orgId: root.id,
    orgName: root.name,
    overrides: own.map(({ type, frequency, leadDays }) => ({ type, frequency, leadDays })),
    effective,
    canSet: RULE_ORG_TYPES.includes(org.type),
  };
}

/** A city's, district's or street's own rules, replacing its earlier ones (audited, one row per type). */
export async function setRules(db: Db, actor: Actor, ctx: AuditContext, input: SetRules) {
  const types = new Set<string>();
  input.overrides.forEach((o, i) => {
    if (types.has(o.type)) throw invalid(`overrides.${i}.type`, '重复设置');
    types.add(o.type);
  });
  await audited(db, ctx, 'org_life_rules.update', async (tx) => {
    const org = await requireOrgInScope(tx, actor, input.orgId);
    if (!RULE_ORG_TYPES.includes(org.type)) throw invalid('orgId', '本地规则由市委、县区委或街道党工委设置');
    await tx.execute(sql`delete from org_life_rules where org_id = ${org.id}`);
    if (input.overrides.length) {
      await tx.insert(orgLifeRules).values(input.overrides.map((o) => ({ orgId: org.id, ...o })));
    }
  });
  return rulesOf(db, actor, input.orgId);
}
