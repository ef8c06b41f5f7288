import {
  LOCKOUT_MINUTES,
  LOGIN_ACCOUNT_MAX_FAILURES,
  LOGIN_IP_FREE_FAILURES,
  LOGIN_IP_MAX_WAIT_SECONDS,
  LOGIN_KNOWN_IP_DAYS,
  LOGIN_MAX_FAILURES,
} from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';

/**
 * Where a login attempt stands, read from the audit trail's own login rows (auth.login, auth.login_failed,
 * auth.login_refused_locked: every attempt is on record anyway) for the last LOCKOUT_MINUTES. Keyed by the
 * username as typed, never by whether the account exists: an unknown username is throttled, counted down and
 * locked exactly like a real one, so the answers do not tell which usernames exist.
 *
 * - One IP: after LOGIN_IP_FREE_FAILURES failures, each further attempt waits 1, 2, 4 … seconds after the last
 *   (at most LOGIN_IP_MAX_WAIT_SECONDS): guessing from one place slows to a crawl, logins from elsewhere are
 *   untouched.
 * - One username from one IP: LOGIN_MAX_FAILURES wrong passwords in a row (since its last login, or since an
 *   administrator last changed the account) pause that pair for LOCKOUT_MINUTES (等保 2.0's lockout).
 * - One username from anywhere: LOGIN_ACCOUNT_MAX_FAILURES lock it for everyone but the IPs where it logged in
 *   within LOGIN_KNOWN_IP_DAYS, so that no stranger, however many addresses they have, can lock its owner out.
 */
export type LoginStanding = {
  /** Seconds this IP must still wait before its next attempt is even looked at; 0 when it may try. */
  ipWaitSeconds: number;
  /** Wrong passwords for this username from this IP in a row. */
  pairFailures: number;
  /** Wrong passwords for this username from anywhere in a row. */
  nameFailures: number;
  /** Minutes left of a lock on this attempt (the pair's, or the username's for an unknown IP); null: not locked. */
  lockedMinutesLeft: number | null;
};

const ATTEMPTS = sql.raw(`('auth.login', 'auth.login_failed', 'auth.login_refused_locked')`);

export async function loginStanding(
  db: Queryable,
  input: { username: string; ip: string; accountId: number | null; accountChangedAt: string | null; now: Date },
): Promise<LoginStanding> {
  const { username, ip } = input;
  const now = input.now.toISOString();
  const windowStart = sql`(${now}::timestamptz - make_interval(mins => ${LOCKOUT_MINUTES}))`;
  const [row] = await queryRows<{
    ip_failures: number;
    ip_wait_ms: number | null;
    pair_failures: number;
    pair_lock_ms: number | null;
    name_failures: number;
    name_lock_ms: number | null;
    known_ip: boolean;
  }>(
    db,
    sql`with by_name as (
          select at, ip, action from audit_logs
           where action in ${ATTEMPTS} and lower(actor_name) = lower(${username}) and at > ${windowStart}
        ), since as (
          select greatest(${windowStart}, (select max(at) from by_name where action = 'auth.login'),
                          ${input.accountChangedAt}::timestamptz) as t
        ), failures as (
          select at, ip from by_name, since where action = 'auth.login_failed' and at > since.t
        ), by_ip as (
          select at from audit_logs
           where action in ${ATTEMPTS} and action <> 'auth.login' and ip = ${ip} and at > ${windowStart}
        ), ip_stats as (select count(*)::int as n, max(at) as last from by_ip)
        select ip_stats.n as ip_failures,
               case when ip_stats.n >= ${LOGIN_IP_FREE_FAILURES} then
                 extract(epoch from ip_stats.last - ${now}::timestamptz) * 1000
                 + least(power(2, ip_stats.n - ${LOGIN_IP_FREE_FAILURES}), ${LOGIN_IP_MAX_WAIT_SECONDS}) * 1000
               end::float8 as ip_wait_ms,
               (select count(*) from failures where ip = ${ip})::int as pair_failures,
               (select extract(epoch from at - ${windowStart}) * 1000 from failures where ip = ${ip}
                 order by at desc offset ${LOGIN_MAX_FAILURES - 1} limit 1)::float8 as pair_lock_ms,
               (select count(*) from failures)::int as name_failures,
               (select extract(epoch from at - ${windowStart}) * 1000 from failures
                 order by at desc offset ${LOGIN_ACCOUNT_MAX_FAILURES - 1} limit 1)::float8 as name_lock_ms,
               exists (select 1 from audit_logs
                        where action = 'auth.login' and ip = ${ip} and actor_id = ${input.accountId}
                          and at > ${now}::timestamptz - make_interval(days => ${LOGIN_KNOWN_IP_DAYS})) as known_ip
          from ip_stats`,
  );
  const r = row as NonNullable<typeof row>;
  // The lock of the pair, else the username's (not for an IP the account is known at); from the Nth last failure.
  const lockMs = r.pair_lock_ms ?? (r.known_ip ? null : r.name_lock_ms);
  return {
    ipWaitSeconds: r.ip_wait_ms !== null && r.ip_wait_ms > 0 ? Math.ceil(r.ip_wait_ms / 1000) : 0,
    pairFailures: r.pair_failures,
    nameFailures: r.name_failures,
    lockedMinutesLeft: lockMs !== null && lockMs > 0 ? Math.max(1, Math.ceil(lockMs / 60_000)) : null,
  };
}
