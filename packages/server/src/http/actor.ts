import type { Permission, Role } from '@gongjian/shared';
import type { AuditContext } from '../db/audited.js';

/** Who is making the request: the account, its role and the organisation subtree it may see. */
export type Actor = {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  permissions: readonly Permission[];
  orgId: number;
  /** The member profile the account is linked to (a party member acting for themselves), if any. */
  memberId: number | null;
  /** ltree path of the account's organisation: the root of everything it may see. */
  scopePath: string;
  mustChangePassword: boolean;
  sessionHash: string;
};

export function auditContextOf(actor: Actor, ip: string | null): AuditContext {
  return { actorId: actor.accountId, actorName: actor.username, ip };
}
