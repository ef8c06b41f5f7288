import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from './actor.js';
import { organizations } from '../db/schema.js';

/**
 * Data scope, in one place: every query on scoped data adds one of these conditions inside its SQL, so a
 * record outside the actor's subtree is never read and answers 404 like a record that does not exist.
 */
export function pathInScope(actor: Pick<Actor, 'scopePath'>, path: AnyPgColumn | SQL): SQL {
  return sql`${path} <@ ${actor.scopePath}::ltree`;
}

/** For tables that hold an organisation id: the organisation must lie in the actor's subtree. */
export function orgInScope(actor: Pick<Actor, 'scopePath'>, orgId: AnyPgColumn | SQL): SQL {
  return sql`exists (select 1 from ${organizations} so where so.id = ${orgId} and so.path <@ ${actor.scopePath}::ltree)`;
}

/**
 * `path <@ rootPath` as a range of ltree's btree order (organizations_path_key), which selects exactly the same
 * paths: ltree compares label by label, a shorter path first when one is a prefix of the other, so a subtree is
 * the range from its root's path up to, not including, the same path with `-` appended to its last label (`-` is
 * the smallest character a label may hold, and no path of another subtree falls in between; workbench.test.ts
 * checks it against `<@` for every organisation). Written without `<@`, which would lead the planner to the GiST: a
 * district's 1,300 organisations in a bitmap and their heap pages (~1 ms), against an index-only range (~0.2 ms).
 */
export function pathUnder(rootPath: string, path: SQL): SQL {
  return sql`(${path} >= ${rootPath}::ltree and ${path} < ${`${rootPath}-`}::ltree)`;
}

/**
 * `orgId` is one of the actor's subtree's organisations, for a table's index of a few hundred entries led by the
 * organisation (the workbench's due sources): `= any(array(…))` of the subtree's ids, read from the path's btree
 * alone (the last label of a path is the organisation's id, a check constraint). As an array, the ids are one index
 * condition: the index is searched once, its leaf pages read in order, skipping what lies between the ids — a
 * district's 1,300 organisations against 8,000 members away cost 52 buffers, against 2,858 for a probe per
 * organisation, and an index of another order is filtered by the array without a hash of the ids.
 */
export function orgIdInSubtree(actor: Pick<Actor, 'scopePath'>, orgId: SQL): SQL {
  return sql`${orgId} = any(array(select subpath(so.path, -1)::text::bigint from ${organizations} so
    where ${pathUnder(actor.scopePath, sql`so.path`)}))`;
}
