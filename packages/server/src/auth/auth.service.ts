import { LOCKOUT_MINUTES, LOGIN_ACCOUNT_MAX_FAILURES, LOGIN_MAX_FAILURES } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited, auditEvent } from '../db/audited.js';
import type { Db } from '../db/client.js';
import { accounts } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { AppError, invalid } from '../http/errors.js';
import { assertStrongPassword, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { loginStanding } from './login-throttle.js';
import { createSession, deleteAccountSessions } from './sessions.repo.js';

type LoginInput = { username: string; password: string; ip: string | null; userAgent: string | null };

const WRONG = '用户名或密码错误';

/**
 * Login, throttled (auth/login-throttle.ts) before the password is even checked. The answers depend on the
 * username as typed and the password, never on whether the account exists: an unknown username and a wrong
 * password get the same message and count down the same way, and a disabled account says so only to someone who
 * knows its password.
 */
export async function login(db: Db, input: LoginInput): Promise<{ token: string; accountId: number }> {
  const [account] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      passwordHash: accounts.passwordHash,
      disabled: accounts.disabled,
      updatedAt: accounts.updatedAt,
      orgPath: sql<string>`(select o.path::text from organizations o where o.id = ${accounts.orgId})`,
    })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${input.username})`);
  const ip = input.ip ?? '';
  const standing = await loginStanding(db, {
    username: input.username,
    ip,
    accountId: account?.id ?? null,
    accountChangedAt: account?.updatedAt ?? null,
    now: new Date(),
  });
  if (standing.ipWaitSeconds > 0) {
    // Not on record: each refusal here would be a row an attacker writes for free.
    throw new AppError('TOO_MANY_REQUESTS', `登录尝试过于频繁，请${standing.ipWaitSeconds}秒后再试`);
  }
  const anonymous: AuditContext = { actorId: account?.id ?? null, actorName: input.username, ip: input.ip };
  const onAccount = { entity: 'account', entityId: account ? String(account.id) : null, orgPath: account?.orgPath };
  if (standing.lockedMinutesLeft !== null) {
    await auditEvent(db, anonymous, { action: 'auth.login_refused_locked', ...onAccount });
    throw new AppError(
      'ACCOUNT_LOCKED',
      `登录失败次数过多，已锁定${LOCKOUT_MINUTES}分钟，请约${standing.lockedMinutesLeft}分钟后再试，或请管理员解除`,
    );
  }
  // An unknown username costs a hash check too, so that the time of the answer does not tell it apart.
  const passwordRight = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!account || !passwordRight) {
    await auditEvent(db, anonymous, { action: 'auth.login_failed', ...onAccount });
    const pairFailures = standing.pairFailures + 1;
    if (account && standing.nameFailures + 1 === LOGIN_ACCOUNT_MAX_FAILURES) {
      // Shown on the accounts page (锁定), where 启用 lifts it; the count itself decides the next attempts.
      await audited(db, anonymous, 'auth.account_locked', (tx) =>
        tx
          .update(accounts)
          .set({ lockedUntil: sql`now() + make_interval(mins => ${LOCKOUT_MINUTES})` })
          .where(eq(accounts.id, account.id)),
      );
    }
    throw pairFailures >= LOGIN_MAX_FAILURES
      ? new AppError('ACCOUNT_LOCKED', `连续${LOGIN_MAX_FAILURES}次登录失败，已锁定${LOCKOUT_MINUTES}分钟`)
      : new AppError(
          'INVALID_CREDENTIALS',
          `${WRONG}，再错${LOGIN_MAX_FAILURES - pairFailures}次将锁定${LOCKOUT_MINUTES}分钟`,
        );
  }
  if (account.disabled) {
    await auditEvent(db, anonymous, { action: 'auth.login_refused_disabled', ...onAccount });
    throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
  }
  return audited(db, { ...anonymous, actorName: account.username }, 'auth.login', async (tx) => {
    await tx
      .update(accounts)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()` })
      .where(eq(accounts.id, account.id));
    const token = await createSession(tx, account.id, input.ip, input.userAgent);
    return { token, accountId: account.id };
  });
}

export async function changePassword(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [account] = await db
    .select({ passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, actor.accountId));
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', '当前密码不正确');
  }
  assertStrongPassword(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await audited(db, ctx, 'auth.password_change', async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` })
      .where(eq(accounts.id, actor.accountId));
    // Other sessions of this account end: whoever knew the old password is logged out.
    await deleteAccountSessions(tx, actor.accountId, actor.sessionHash);
  });
}
