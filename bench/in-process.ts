// What the in-process bench steps (bench/volunteering.ts, bench/org-life.ts) share: the bench user as an actor
// for calling services directly, and a percentile of timings.
import { ROLE_PERMISSIONS, type Role } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../packages/server/src/db/client.js';
import type { Actor } from '../packages/server/src/http/actor.js';
import { BENCH_USER } from './data.js';

/** The bench user (the root's administrator) as an actor. */
export async function benchActor(db: Queryable): Promise<Actor> {
  const [row] = await queryRows<{ id: number; role: Role; org_id: number; path: string }>(
    db,
    sql`select a.id::int, a.role, a.org_id::int, o.path::text from accounts a join organizations o on o.id = a.org_id
         where a.username = ${BENCH_USER}`,
  );
  if (!row) throw new Error('no bench user');
  return {
    accountId: row.id,
    username: BENCH_USER,
    displayName: BENCH_USER,
    role: row.role,
    permissions: ROLE_PERMISSIONS[row.role],
    orgId: row.org_id,
    memberId: null,
    scopePath: row.path,
    mustChangePassword: false,
    sessionHash: '',
  };
}

/** The p-th percentile (0..1) of timings. */
export function percentile(xs: readonly number[], p: number): number {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;
}
