import { sql } from 'drizzle-orm';
import type { OrgType } from '@gongjian/shared';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';

export type FigureRow = {
  id: number;
  parent_id: number | null;
  name: string;
  type: OrgType;
  /** The organisation's member counters (its row: kept by the member triggers, drizzle/0002). */
  full_members: number;
  probationary_members: number;
  metric: string | null;
  n: number | null;
};

/**
 * The counters of an organisation and of its direct children, in one query: their rows' member counts and
 * primary-key lookups on org_figures (kept by triggers, drizzle/0007), never a scan of the subtree. No row for `id` when it is
 * outside the actor's scope (the children's rows alone do not count).
 */
export async function figureRows(db: Queryable, scope: Pick<Actor, 'scopePath'>, id: number): Promise<FigureRow[]> {
  return queryRows<FigureRow>(
    db,
    sql`select o.id::int as id, o.parent_id::int as parent_id, o.name, o.type, o.full_members, o.probationary_members,
               f.metric, f.n::int as n
          from organizations o left join org_figures f on f.org_id = o.id
         where (o.id = ${id} or o.parent_id = ${id}) and ${pathInScope(scope, sql`o.path`)}
         order by o.id = ${id} desc, o.name, o.id`,
  );
}
