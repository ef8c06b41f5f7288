import { ORG_TYPE_LABELS, ROLE_LABELS, ROLE_PERMISSIONS, type Role, roleFitsOrg } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited } from '../db/audited.js';
import { assertStrongPassword, hashPassword } from '../auth/passwords.js';
import { deleteAccountSessions } from '../auth/sessions.repo.js';
import type { Db, Queryable } from '../db/client.js';
import { accounts } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { AppError, conflict, invalid, notFound } from '../http/errors.js';
import { findOrg } from '../organizations/organizations.repo.js';
import { requireMember } from '../members/members.service.js';
import { accountOfMember, findAccount } from './accounts.repo.js';
import type { Account, CreateAccount, ResetPassword, UpdateAccount } from './accounts.schema.js';

/** A member profile in the administrator's scope (404 otherwise) that no other account is linked to (409). */
async function linkableMember(tx: Queryable, actor: Actor, memberId: number, accountId?: number) {
  const member = await requireMember(tx, actor, memberId, true);
  const holder = await accountOfMember(tx, member.id);
  if (holder && holder.id !== accountId) throw conflict(`党员${member.name}已关联账号 ${holder.username}`);
  return member;
}

/**
 * The organisation an account of `role` is bound to: in the administrator's scope (404 otherwise), of a type
 * the role may be bound to, and the role grants nothing the administrator lacks. `field` is the request field a
 * refusal names (the role, or the organisation when only it changed).
 */
async function placeAccount(tx: Queryable, actor: Actor, role: Role, orgId: number, field: 'role' | 'orgId') {
  const org = await findOrg(tx, actor, orgId);
  if (!org) throw notFound('所属组织');
  if (!roleFitsOrg(role, org.type)) {
    throw invalid(field, `${ROLE_LABELS[role]}账号不能设在${ORG_TYPE_LABELS[org.type]}`);
  }
  if (ROLE_PERMISSIONS[role].some((p) => !actor.permissions.includes(p))) {
    throw invalid('role', `不能授予高于本账号权限的角色（${ROLE_LABELS[role]}）`);
  }
  return org;
}

/** An account created by an administrator must change its password at first login. */
export async function createAccount(db: Db, actor: Actor, ctx: AuditContext, input: CreateAccount): Promise<Account> {
  assertStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return audited(db, ctx, 'account.create', async (tx) => {
    const org = await placeAccount(tx, actor, input.role, input.orgId, 'role');
    const [taken] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(sql`lower(${accounts.username}) = lower(${input.username})`);
    if (taken) throw conflict(`用户名 ${input.username} 已被使用`);
    const member = input.memberId === undefined ? undefined : await linkableMember(tx, actor, input.memberId);
    const [created] = await tx
      .insert(accounts)
      .values({
        username: input.username,
        displayName: input.displayName ?? input.username,
        passwordHash,
        orgId: org.id,
        role: input.role,
        memberId: member?.id ?? null,
        mustChangePassword: true,
      })
      .returning({ id: accounts.id });
    return (await findAccount(tx, actor, (created as { id: number }).id)) as Account;
  });
}

export async function setAccountDisabled(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  disabled: boolean,
): Promise<Account> {
  return audited(db, ctx, disabled ? 'account.disable' : 'account.enable', async (tx) => {
    const account = await findAccount(tx, actor, id);
    if (!account) throw notFound('账号');
    if (disabled && account.id === actor.accountId) throw conflict('不能停用自己的账号');
    // Enabling also lifts a lockout: the administrator has checked who is asking.
    await tx
      .update(accounts)
      .set(
        disabled
          ? { disabled, updatedAt: sql`now()` }
          : { disabled, failedLogins: 0, lockedUntil: null, updatedAt: sql`now()` },
      )
      .where(eq(accounts.id, id));
    if (disabled) await deleteAccountSessions(tx, id);
    return (await findAccount(tx, actor, id)) as Account;
  });
}

/**
 * Edits an account: its name, its post (role and organisation, checked as on creation) or its link to a member
 * profile. A change of post changes what the account may do and see, so its sessions end. Only the link given
 * alone is recorded as linking or unlinking; anything else is `account.update`.
 */
export async function updateAccount(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: UpdateAccount,
): Promise<Account> {
  const { memberId, displayName, role, orgId } = input;
  const edits = displayName !== undefined || role !== undefined || orgId !== undefined;
  if (!edits && memberId === undefined) throw new AppError('VALIDATION', '没有要修改的内容');
  const action = edits ? 'account.update' : memberId === null ? 'account.unlink_member' : 'account.link_member';
  return audited(db, ctx, action, async (tx) => {
    const account = await findAccount(tx, actor, id);
    if (!account) throw notFound('账号');
    const nextRole = role ?? account.role;
    const nextOrgId = orgId ?? account.org.id;
    const moved = nextRole !== account.role || nextOrgId !== account.org.id;
    if (moved) {
      // Like disabling oneself: an administrator demoting or moving itself would lose the page it is on.
      if (account.id === actor.accountId) throw conflict('不能修改自己的角色或所属组织');
      await placeAccount(tx, actor, nextRole, nextOrgId, role !== undefined ? 'role' : 'orgId');
    }
    const member =
      memberId === undefined ? undefined : memberId === null ? null : await linkableMember(tx, actor, memberId, id);
    await tx
      .update(accounts)
      .set({
        ...(displayName !== undefined && { displayName }),
        ...(moved && { role: nextRole, orgId: nextOrgId }),
        ...(member !== undefined && { memberId: member?.id ?? null }),
        updatedAt: sql`now()`,
      })
      .where(eq(accounts.id, id));
    if (moved) await deleteAccountSessions(tx, id);
    return (await findAccount(tx, actor, id)) as Account;
  });
}

/**
 * For a user who forgot their password: the administrator sets a temporary one to hand over. The account must
 * change it at its next login, its sessions end, and a lockout is lifted. The audit row says so (the hash is
 * never in it). Not for the administrator's own account: that goes through 修改密码 with the current one.
 */
export async function resetAccountPassword(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: ResetPassword,
): Promise<Account> {
  assertStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return audited(db, ctx, 'account.reset_password', async (tx) => {
    const account = await findAccount(tx, actor, id);
    if (!account) throw notFound('账号');
    if (account.id === actor.accountId) throw conflict('自己的密码请在“修改密码”中修改');
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: sql`now()` })
      .where(eq(accounts.id, id));
    await deleteAccountSessions(tx, id);
    return (await findAccount(tx, actor, id)) as Account;
  });
}
