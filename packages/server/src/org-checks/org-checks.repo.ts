import { type SQL, sql } from 'drizzle-orm';
import type { OrgType } from '@gongjian/shared';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';

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

export async function loadTerms(db: Queryable, scope: Scope, rootPath: string): Promise<TermRow[]> {
  return queryRows<TermRow>(
    db,
    sql`select o.id::int as id, o.name, o.type, p.name as parent_name, o.term_started_on::text as term_started_on,
          (select tp.person_name from team_posts tp
            where tp.org_id = o.id and tp.position = 'secretary' and tp.ended_on is null limit 1) as secretary_name
        from organizations o left join organizations p on p.id = o.parent_id
        where o.term_started_on is not null and o.path <@ ${rootPath}::ltree and ${pathInScope(scope, sql`o.path`)}
        order by o.term_started_on, o.id`,
  );
}
