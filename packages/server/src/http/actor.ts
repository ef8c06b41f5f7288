import type { Permission, Role } from '@gongjian/shared';

/** Who is making the request: the account, its role and the organisation subtree it may see. */
export type Actor = {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  permissions: readonly Permission[];
  orgId: number;
  /** ltree path of the account's organisation: the root of everything it may see. */
  scopePath: string;
  mustChangePassword: boolean;
  sessionHash: string;
};

/** What the audit trail needs about whoever causes a change (an actor, the system, or an anonymous login). */
export type AuditContext = { actorId: number | null; actorName: string; ip: string | null };

export function auditContextOf(actor: Actor, ip: string | null): AuditContext {
  return { actorId: actor.accountId, actorName: actor.username, ip };
}

export const SYSTEM_AUDIT: AuditContext = { actorId: null, actorName: 'system', ip: null };
