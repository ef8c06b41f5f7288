import { UNIT_KINDS, UNIT_RELATIONS } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import type { UnitFigure } from './units.schema.js';
import { coverage } from './zones.service.js';

/** A subtree's counters from `unit_figures` (kept by triggers): the root's and its children's rows by key. */
export async function unitFigures(db: Db, actor: Actor, orgId: number | undefined) {
  const root = await requireScopeRoot(db, actor, orgId);
  const rows = await queryRows<{ org_id: number; name: string; is_root: boolean; metric: string | null; n: number }>(
    db,
    sql`select o.id::int as org_id, o.name, o.id = ${root.id} as is_root, f.metric, coalesce(f.n, 0)::int as n
          from organizations o left join unit_figures f on f.org_id = o.id
         where o.id = ${root.id} or o.parent_id = ${root.id}
         order by o.id = ${root.id} desc, o.path`,
  );
  const figures = new Map<number, { name: string; isRoot: boolean; figure: UnitFigure }>();
  for (const r of rows) {
    let entry = figures.get(r.org_id);
    if (!entry) {
      entry = {
        name: r.name,
        isRoot: r.is_root,
        figure: {
          units: 0,
          linked: 0,
          partTime: 0,
          byKind: Object.fromEntries(UNIT_KINDS.map((k) => [k, 0])) as UnitFigure['byKind'],
          byRelation: Object.fromEntries(UNIT_RELATIONS.map((k) => [k, 0])) as UnitFigure['byRelation'],
        },
      };
      figures.set(r.org_id, entry);
    }
    const f = entry.figure;
    if (r.metric === 'units') f.units = r.n;
    else if (r.metric === 'linked') f.linked = r.n;
    else if (r.metric === 'parttime') f.partTime = r.n;
    else if (r.metric?.startsWith('kind:')) f.byKind[r.metric.slice(5) as keyof UnitFigure['byKind']] = r.n;
    else if (r.metric?.startsWith('relation:')) f.byRelation[r.metric.slice(9) as keyof UnitFigure['byRelation']] = r.n;
  }
  const { byChild: _children, ...cover } = await coverage(db, actor, root.id);
  const all = [...figures.entries()];
  const own = all.find(([, e]) => e.isRoot)?.[1];
  return {
    org: { id: root.id, name: root.name },
    figures: (own as NonNullable<typeof own>).figure,
    children: all
      .filter(([, e]) => !e.isRoot && (e.figure.units > 0 || e.figure.partTime > 0))
      .map(([id, e]) => ({ org: { id, name: e.name }, figures: e.figure })),
    coverage: cover,
  };
}
