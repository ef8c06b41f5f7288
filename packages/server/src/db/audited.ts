import type { AuditAction } from '../modules.js';
import { sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from './client.js';
import { auditLogs } from './schema.js';
import { dataChanged } from './data-generation.js';

/** What the audit trail needs about whoever causes a change (an actor, the system, or an anonymous login). */
export type AuditContext = { actorId: number | null; actorName: string; ip: string | null };

export const SYSTEM_AUDIT: AuditContext = { actorId: null, actorName: 'system', ip: null };

/**
 * The one way to change data. Runs `work` in a transaction whose local settings name the actor, the action
 * and the IP; the audit triggers (drizzle/0001) turn every changed row into an audit row in that same
 * transaction, and refuse any change made outside this helper.
 */
export async function audited<T>(
  db: Db,
  ctx: AuditContext,
  action: AuditAction,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      await setAuditContext(tx, ctx, action);
      return work(tx);
    });
  } finally {
    // After the commit (or the rollback): data cached before it (sessions) is read again.
    dataChanged();
  }
}

export async function setAuditContext(tx: Queryable, ctx: AuditContext, action: AuditAction): Promise<void> {
  await tx.execute(sql`select set_config('gongjian.actor_id', ${ctx.actorId === null ? '' : String(ctx.actorId)}, true),
    set_config('gongjian.actor_name', ${ctx.actorName}, true),
    set_config('gongjian.action', ${action}, true),
    set_config('gongjian.ip', ${ctx.ip ?? ''}, true)`);
}

/** Events that change no row but must be on record (a refused login, revealing a masked value, an export). */
export async function auditEvent(
  db: Queryable,
  ctx: AuditContext,
  event: { action: AuditAction; entity: string; entityId?: string | null; orgPath?: string | null; after?: unknown },
): Promise<void> {
  await db.insert(auditLogs).values({
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId ?? null,
    orgPath: event.orgPath ?? null,
    after: event.after ?? null,
    ip: ctx.ip,
  });
}
