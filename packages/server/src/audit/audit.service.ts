import { maskIdNumber, maskPhone } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { pathInScope } from '../http/scope.js';
import type { AuditLog, AuditQuery } from './audit.schema.js';

const MASKERS: Record<string, (v: string) => string> = { id_number: maskIdNumber, phone: maskPhone };

/** Rows in the audit trail carry personal data as it was; who may not see it unmasked sees it masked here too. */
function maskRow(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, mask] of Object.entries(MASKERS)) {
    const v = out[key];
    if (typeof v === 'string') out[key] = mask(v);
  }
  return out;
}

type Row = Omit<AuditLog, 'actorId' | 'actorName' | 'entityId'> & {
  actor_id: number | null;
  actor_name: string | null;
  entity_id: string | null;
};

export async function listAuditLogs(db: Queryable, actor: Actor, query: AuditQuery) {
  // The prefix on the path's text is what the index answers (audit_logs_org_path_idx, drizzle/0010); `<@` then
  // keeps label boundaries ('1.12' is a text prefix of '1.123' but not its ancestor).
  const inScope = sql`((l.org_path::text collate "C") ^@ ${actor.scopePath} and ${pathInScope(actor, sql`l.org_path`)})`;
  const conditions: SQL[] = [
    // Events tied to no organisation (a login with an unknown username) belong to the system administrators.
    actor.role === 'sysadmin' ? sql`(${inScope} or l.org_path is null)` : inScope,
  ];
  if (query.entity) conditions.push(sql`l.entity = ${query.entity}`);
  if (query.entityId) conditions.push(sql`l.entity_id = ${query.entityId}`);
  if (query.actor) conditions.push(sql`l.actor_name = ${query.actor}`);
  if (query.action) conditions.push(sql`l.action = ${query.action}`);
  if (query.from) conditions.push(sql`l.at >= ${query.from}::timestamptz`);
  if (query.to) conditions.push(sql`l.at < ${query.to}::timestamptz`);
  const where = sql.join(conditions, sql` and `);
  const [rows, [total]] = await Promise.all([
    queryRows<Row>(
      db,
      sql`select l.id::int as id, to_json(l.at) #>> '{}' as at, l.actor_id::int as actor_id, l.actor_name, l.action,
        l.entity, l.entity_id, l.before, l.after, l.ip
      from audit_logs l where ${where}
      order by l.at desc, l.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_logs l where ${where}`),
  ]);
  const reveal = actor.permissions.includes('member.sensitive');
  const items = rows.map((r): AuditLog => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: reveal ? r.before : maskRow(r.before),
    after: reveal ? r.after : maskRow(r.after),
    ip: r.ip,
  }));
  return { items, total: total?.n ?? 0 };
}
