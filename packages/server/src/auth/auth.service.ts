import { LOCKOUT_MINUTES, LOGIN_MAX_FAILURES } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { audited, auditEvent } from '../audit/audited.js';
import { type Db, queryRows } from '../db/client.js';
import { accounts } from '../db/schema.js';
import type { Actor, AuditContext } from '../http/actor.js';
import { AppError, invalid } from '../http/errors.js';
import { assertStrongPassword, dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { createSession, deleteAccountSessions } from './sessions.repo.js';

type LoginInput = { username: string; password: string; ip: string | null; userAgent: string | null };

/** 等保 2.0: five wrong passwords in a row lock the account for 15 minutes; a locked account is refused even with the right password. */
export async function login(db: Db, input: LoginInput): Promise<{ token: string; accountId: number }> {
  const [account] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      passwordHash: accounts.passwordHash,
      disabled: accounts.disabled,
      orgPath: sql<string>`(select o.path::text from organizations o where o.id = ${accounts.orgId})`,
      lockedMinutesLeft: sql<number | null>`case when ${accounts.lockedUntil} > now()
        then ceil(extract(epoch from ${accounts.lockedUntil} - now()) / 60)::int end`,
    })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${input.username})`);
  const anonymous: AuditContext = { actorId: account?.id ?? null, actorName: input.username, ip: input.ip };
  if (!account) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await auditEvent(db, anonymous, {
      action: 'auth.login_failed',
      entity: 'account',
      after: { reason: 'unknown_user' },
    });
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  if (account.lockedMinutesLeft !== null) {
    await auditEvent(db, anonymous, {
      action: 'auth.login_refused_locked',
      entity: 'account',
      entityId: String(account.id),
      orgPath: account.orgPath,
    });
    throw new AppError(
      'ACCOUNT_LOCKED',
      `连续${LOGIN_MAX_FAILURES}次密码错误，账号已锁定${LOCKOUT_MINUTES}分钟，请约${account.lockedMinutesLeft}分钟后再试`,
    );
  }
  if (account.disabled) {
    await auditEvent(db, anonymous, {
      action: 'auth.login_refused_disabled',
      entity: 'account',
      entityId: String(account.id),
      orgPath: account.orgPath,
    });
    throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    // One atomic statement, so concurrent wrong attempts cannot undercount the failures.
    const [after] = await audited(db, anonymous, 'auth.login_failed', (tx) =>
      queryRows<{ failures: number; locked: boolean }>(
        tx,
        sql`update accounts set
              failed_logins = case when failed_logins + 1 >= ${LOGIN_MAX_FAILURES} then 0 else failed_logins + 1 end,
              locked_until = case when failed_logins + 1 >= ${LOGIN_MAX_FAILURES}
                                  then now() + make_interval(mins => ${LOCKOUT_MINUTES}) else locked_until end
            where id = ${account.id}
            returning failed_logins as failures, coalesce(locked_until > now(), false) as locked`,
      ),
    );
    throw after?.locked
      ? new AppError('ACCOUNT_LOCKED', `连续${LOGIN_MAX_FAILURES}次密码错误，账号已锁定${LOCKOUT_MINUTES}分钟`)
      : new AppError(
          'INVALID_CREDENTIALS',
          `用户名或密码错误，再错${LOGIN_MAX_FAILURES - (after?.failures ?? 0)}次账号将被锁定`,
        );
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
