import { createHash, randomBytes } from 'node:crypto';
import { SESSION_IDLE_MINUTES } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import { sessions } from '../db/schema.js';
import { dataChanged } from '../db/data-generation.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function createSession(db: Queryable, accountId: number, ip: string | null, userAgent: string | null) {
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ tokenHash: hashToken(token), accountId, ip, userAgent });
  return token;
}

export type SessionRow = {
  token_hash: string;
  idle: boolean;
  stale: boolean;
  account_id: number;
  username: string;
  display_name: string;
  role: string;
  disabled: boolean;
  must_change_password: boolean;
  org_id: number;
  org_path: string;
  member_id: number | null;
};

/** One query per request: the session, its account and the account's organisation path. */
export async function findSession(db: Queryable, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await queryRows<SessionRow>(
    db,
    sql`
    select s.token_hash,
           s.last_seen_at < now() - make_interval(mins => ${SESSION_IDLE_MINUTES}) as idle,
           s.last_seen_at < now() - interval '1 minute' as stale,
           a.id::int as account_id, a.username, a.display_name, a.role, a.disabled, a.must_change_password,
           a.org_id::int as org_id, o.path::text as org_path,
           a.member_id::int as member_id
      from sessions s
      join accounts a on a.id = s.account_id
      join organizations o on o.id = a.org_id
     where s.token_hash = ${tokenHash}`,
  );
  return row;
}

/** Idle time is counted from the last request; we write at most once a minute per session. */
export async function touchSession(db: Queryable, tokenHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  dataChanged();
}

export async function deleteAccountSessions(db: Queryable, accountId: number, except?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      except
        ? sql`${sessions.accountId} = ${accountId} and ${sessions.tokenHash} <> ${except}`
        : eq(sessions.accountId, accountId),
    );
  dataChanged();
}
