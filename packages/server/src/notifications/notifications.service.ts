import { type Permission, ROLE_PERMISSIONS, ROLES } from '@gongjian/shared';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { type AuditContext, audited, auditEvent } from '../db/audited.js';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/errors.js';
import { notifications, notificationSettings } from './notifications.tables.js';

/** Messages are kept this long, read or not. */
export const NOTIFICATION_KEEP_DAYS = 180;
export const NOTIFICATION_PAGE = 30;

/** A message as its author writes it. */
export type Message = {
  /** `<module>.<event>`: `transfers.arrived`. */
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  /** Makes the message idempotent per account: a second one with the same key is not written. */
  dedupeKey?: string | null;
};

/**
 * Addresses a message to accounts, in the caller's transaction (the change it tells about is in the same one:
 * both are kept or neither). Returns how many were written (a repeated dedupe key writes nothing).
 */
export async function notifyAccounts(tx: Queryable, accountIds: readonly number[], message: Message): Promise<number> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return 0;
  const written = await tx
    .insert(notifications)
    .values(
      ids.map((accountId) => ({
        accountId,
        kind: message.kind,
        title: message.title,
        body: message.body ?? '',
        link: message.link ?? null,
        dedupeKey: message.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return written.length;
}

const rolesWith = (permission: Permission) => ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));

/**
 * The accounts that run an organisation for a matter: of the organisation and its ancestors, the nearest one
 * with active accounts holding the permission — those accounts (a branch without its own login is run by its
 * community's). Accounts of members acting for themselves are never staff.
 */
export async function nearestStaff(db: Queryable, orgId: number, permission: Permission): Promise<number[]> {
  const roles = rolesWith(permission).filter((r) => r !== 'member');
  if (roles.length === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with nearest as (
          select o.id from organizations t join organizations o on o.path @> t.path
           where t.id = ${orgId}
             and exists (select 1 from accounts a where a.org_id = o.id and not a.disabled
                            and a.role in (${sql.join(
                              roles.map((r) => sql`${r}`),
                              sql`, `,
                            )}))
           order by nlevel(o.path) desc limit 1)
        select a.id::int as id from accounts a join nearest n on a.org_id = n.id
         where not a.disabled and a.role in (${sql.join(
           roles.map((r) => sql`${r}`),
           sql`, `,
         )})
         order by a.id`,
  );
  return rows.map((r) => r.id);
}

/** Tells those who run the organisation (nearestStaff) about a matter, in the caller's transaction. */
export async function notifyNearestStaff(
  tx: Queryable,
  target: { orgId: number; permission: Permission } & Message,
): Promise<number> {
  const { orgId, permission, ...message } = target;
  return notifyAccounts(tx, await nearestStaff(tx, orgId, permission), message);
}

/** Tells the member themselves, through the login linked to their profile (if they have one). */
export async function notifyMember(tx: Queryable, memberId: number, message: Message): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select id::int as id from accounts where member_id = ${memberId} and not disabled`,
  );
  return notifyAccounts(
    tx,
    rows.map((r) => r.id),
    message,
  );
}

const toMessage = (row: typeof notifications.$inferSelect) => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.createdAt,
  readAt: row.readAt,
});

export async function unreadCount(db: Queryable, accountId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notifications where account_id = ${accountId} and read_at is null`,
  );
  return row?.n ?? 0;
}

/** The account's messages, newest first, a page at a time (`before`: the last id of the previous page). */
export async function listMine(db: Db, actor: Actor, query: { unread?: boolean; before?: number }) {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.accountId, actor.accountId),
        query.unread ? isNull(notifications.readAt) : undefined,
        query.before !== undefined ? lt(notifications.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(NOTIFICATION_PAGE + 1);
  return {
    items: rows.slice(0, NOTIFICATION_PAGE).map(toMessage),
    hasMore: rows.length > NOTIFICATION_PAGE,
    unread: await unreadCount(db, actor.accountId),
  };
}

/** Marks one of the account's own messages read; another account's is a 404, as one that does not exist. */
export async function markRead(db: Db, actor: Actor, ctx: AuditContext, id: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(eq(notifications.id, id), eq(notifications.accountId, actor.accountId)))
      .returning();
    if (!row) throw notFound('消息');
    await auditEvent(tx, ctx, { action: 'notification.read', entity: 'notification', entityId: String(id) });
    return toMessage(row);
  });
}

/** Marks every unread message of the account read. */
export async function markAllRead(db: Db, actor: Actor, ctx: AuditContext) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    await auditEvent(tx, ctx, {
      action: 'notification.read_all',
      entity: 'notification',
      after: { count: rows.length },
    });
    return { marked: rows.length };
  });
}

export type Digest = (typeof notificationSettings.$inferSelect)['digest'];

export async function readSettings(db: Queryable, actor: Actor): Promise<{ digest: Digest }> {
  const [row] = await db
    .select({ digest: notificationSettings.digest })
    .from(notificationSettings)
    .where(eq(notificationSettings.accountId, actor.accountId));
  return { digest: row?.digest ?? 'immediate' };
}

export async function saveSettings(db: Db, actor: Actor, ctx: AuditContext, input: { digest: Digest }) {
  return audited(db, ctx, 'notification.settings', async (tx) => {
    await tx
      .insert(notificationSettings)
      .values({ accountId: actor.accountId, orgId: actor.orgId, digest: input.digest })
      .onConflictDoUpdate({
        target: notificationSettings.accountId,
        set: { digest: input.digest, updatedAt: sql`now()` },
      });
    return readSettings(tx, actor);
  });
}

/** Deletes the messages older than the keeping period; read or not. One audit event says how many. */
export async function purgeOld(db: Db, now: Date) {
  const cutoff = new Date(now.getTime() - NOTIFICATION_KEEP_DAYS * 86_400_000).toISOString();
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(notifications)
      .where(or(lt(notifications.createdAt, cutoff)))
      .returning({ id: notifications.id });
    if (deleted.length > 0) {
      await auditEvent(
        tx,
        { actorId: null, actorName: 'system', ip: null },
        {
          action: 'notification.purge',
          entity: 'notification',
          after: { deleted: deleted.length, before: cutoff },
        },
      );
    }
    return { deleted: deleted.length };
  });
}
