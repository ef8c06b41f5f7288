import type { Queryable } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/errors.js';
import { findOrg, findScopeRoot, type ScopeRoot } from './organizations.repo.js';

/**
 * Where a scoped list, export or count starts: the organisation the request names, or the actor's own without
 * one. Outside the actor's scope it is a 404, as for an organisation that does not exist. Every module asks
 * this one function (it replaced four copies: subtreeRoot, checkRoot, requireRoot and their notFound lines).
 */
export async function requireScopeRoot(
  db: Queryable,
  actor: Pick<Actor, 'scopePath' | 'orgId'>,
  orgId: number | undefined,
): Promise<ScopeRoot> {
  const root = await findScopeRoot(db, actor, orgId ?? actor.orgId);
  if (!root) throw notFound('组织');
  return root;
}

/** An organisation inside the actor's scope, or a 404 as for one that does not exist. */
export async function requireOrgInScope(db: Queryable, actor: Actor, orgId: number) {
  const org = await findOrg(db, actor, orgId);
  if (!org) throw notFound('组织');
  return org;
}
