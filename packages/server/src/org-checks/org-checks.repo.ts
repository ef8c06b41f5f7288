import { type SQL, sql } from 'drizzle-orm';
import { addMonths, ORG_TYPES, type OrgType, TERM_REMINDER_MONTHS, termYears } from '@gongjian/shared';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery } from '../http/due.js';
import { pathInScope, pathUnder } from '../http/scope.js';

type Scope = Pick<Actor, 'scopePath'>;

export type FactsRow = {
  id: number;
  name: string;
  type: OrgType;
  parent_name: string | null;
  full_members: number;
  probationary_members: number;
  direct_full: number;
  team_size: number;
  committee_members: number;
  has_secretary: boolean;
  covered_units: number;
};

/** The organisations to check: the root's whole subtree, or the root alone. */
function rootCondition(rootPath: string, within: 'subtree' | 'self'): SQL {
  return within === 'self' ? sql`o.path = ${rootPath}::ltree` : sql`o.path <@ ${rootPath}::ltree`;
}

/** Everything the establishment rules need about each organisation, from the records, in one query. */
export async function loadFacts(
  db: Queryable,
  scope: Scope,
  rootPath: string,
  within: 'subtree' | 'self',
): Promise<FactsRow[]> {
  return queryRows<FactsRow>(
    db,
    sql`select o.id::int as id, o.name, o.type, p.name as parent_name, o.full_members, o.probationary_members,
          (select count(*)::int from members m where m.org_id = o.id and m.status = 'full' and m.left_on is null) as direct_full,
          coalesce(t.team_size, 0) as team_size, coalesce(t.committee_members, 0) as committee_members,
          coalesce(t.has_secretary, false) as has_secretary,
          (select count(*)::int from new_organizations n where n.joint_branch_id = o.id) as covered_units
        from organizations o
        left join organizations p on p.id = o.parent_id
        left join lateral (
          select count(*)::int as team_size,
                 count(*) filter (where position not in ('secretary', 'deputy_secretary'))::int as committee_members,
                 bool_or(position = 'secretary') as has_secretary
            from team_posts tp where tp.org_id = o.id and tp.ended_on is null) t on true
        where ${rootCondition(rootPath, within)} and ${pathInScope(scope, sql`o.path`)}
        order by o.path`,
  );
}

export type TermRow = {
  id: number;
  name: string;
  type: OrgType;
  parent_name: string | null;
  term_started_on: string;
  secretary_name: string | null;
};

/**
 * A type's term in years, in SQL — `case o.type when 'branch' then 3 … end`, null for a type without one — made from
 * the shared termYears (the types are the shared enum's own words, written in as literals).
 */
const TERM_YEARS = sql.raw(
  `case o.type ${ORG_TYPES.flatMap((type) => {
    const years = termYears(type);
    if (!/^[a-z_]+$/.test(type)) throw new Error(`organisation type ${type} is not a plain word`);
    return years === null ? [] : [`when '${type}' then ${years}`];
  }).join(' ')} end`,
);

/**
 * The term's last day: the start plus the type's years, as the shared termEndsOn counts them (PostgreSQL adds
 * years to a 29 February as addMonths does, giving the 28th).
 */
const TERM_ENDS_ON = sql`(o.term_started_on + make_interval(years => ${TERM_YEARS}))::date`;

/**
 * Organisations under `rootPath` whose term ends within the reminder window, or has ended: what
 * organizations_term_idx carries (path, start, type), so that a district's are counted from its entries alone.
 */
const termDueCondition = (rootPath: string, today: string) =>
  sql`o.term_started_on is not null and ${pathUnder(rootPath, sql`o.path`)}
    and ${TERM_ENDS_ON} <= ${addMonths(today, TERM_REMINDER_MONTHS)}::date`;

/** The terms coming due under `rootPath` (the list's status, ending or over, is the shared rule's: termStatus). */
export async function loadTerms(db: Queryable, scope: Scope, rootPath: string, today: string): Promise<TermRow[]> {
  return queryRows<TermRow>(
    db,
    sql`select o.id::int as id, o.name, o.type, p.name as parent_name, o.term_started_on::text as term_started_on,
          (select tp.person_name from team_posts tp
            where tp.org_id = o.id and tp.position = 'secretary' and tp.ended_on is null limit 1) as secretary_name
        from organizations o left join organizations p on p.id = o.parent_id
        where ${termDueCondition(rootPath, today)} and ${pathInScope(scope, sql`o.path`)}
        order by o.term_started_on, o.id`,
  );
}

export type TermDueRow = {
  id: number;
  name: string;
  type: OrgType;
  parent_name: string | null;
  term_started_on: string;
  overdue: boolean;
};

/** The workbench's term reminders in the actor's scope: counted in SQL, the soonest ending first. */
export function termsDue(db: Queryable, scope: Scope, today: string, query: DueQuery) {
  return countDue<TermDueRow>(db, 'org-checks.terms', query, {
    // The id from the path's last label: the index's entries hold everything the count needs.
    keys: sql`select subpath(o.path, -1)::text::bigint as id, ${TERM_ENDS_ON} as ends_on, o.term_started_on,
                     ${TERM_ENDS_ON} <= ${today}::date as overdue
                from organizations o where ${termDueCondition(scope.scopePath, today)}`,
    order: sql`ends_on, term_started_on, id`,
    items: (shown) => sql`select d.id::int as id, o.name, o.type, p.name as parent_name,
                                 o.term_started_on::text as term_started_on, d.overdue
                            from ${shown} d join organizations o on o.id = d.id
                            left join organizations p on p.id = o.parent_id
                           order by d.ends_on, d.term_started_on, d.id`,
  });
}
