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
