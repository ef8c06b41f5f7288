import type { Permission } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/errors.js';
import { pathInScope } from '../http/scope.js';
import { liaisonUnitIds } from '../units/units.repo.js';

/**
 * Who may act for a resident unit (its facilities, its bookings' approvals, its consultations): the unit's
 * liaison (`cobuild.unit`, the units whose liaison the account is), or the community or street holding the unit
 * (`cobuild.write`, the unit's organisation in the account's subtree). Reads take `cobuild.read` for staff.
 */
export type UnitSide = { unitIds: readonly number[]; staffRead: boolean; staffWrite: boolean };

export async function unitSideOf(db: Queryable, actor: Actor): Promise<UnitSide> {
  const has = (p: Permission) => actor.permissions.includes(p);
  return {
    unitIds: has('cobuild.unit') ? await liaisonUnitIds(db, actor.accountId) : [],
    staffRead: has('cobuild.read'),
    staffWrite: has('cobuild.write'),
  };
}

/** 403 unless the account holds one of `permissions` (routes open to staff, liaisons or residents alike). */
export function requireAny(actor: Actor, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => actor.permissions.includes(p))) {
    throw new AppError('FORBIDDEN', '没有执行此操作的权限');
  }
}

/** The unit `unitId` (held by the organisation at `orgPath`) is one the actor may read, or act for with `write`. */
export function unitCondition(actor: Actor, side: UnitSide, unitId: SQL, orgPath: SQL, write = false): SQL {
  const staff = write ? side.staffWrite : side.staffRead;
  const parts: SQL[] = [];
  if (staff) parts.push(pathInScope(actor, orgPath));
  if (side.unitIds.length > 0) parts.push(sql`${unitId} = any(${`{${side.unitIds.join(',')}}`}::bigint[])`);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}
