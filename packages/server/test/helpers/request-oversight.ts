import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { type Db, type Queryable, queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';

/**
 * Requests as request-oversight's tests need them: written straight into the requests module's tables (a request
 * submitted long ago, resolved late, rated …), which its API would not let a test date. Raw SQL, as the module's
 * own code: request-oversight imports nothing of the requests module.
 */

let seq = 0;
const HOUR = 3_600_000;

export type RequestSpec = {
  orgId: number;
  /** Hours before `now` it was submitted. */
  ago: number;
  now?: Date;
  status?: 'submitted' | 'accepted' | 'dispatched' | 'open' | 'in_progress' | 'done' | 'closed' | 'declined' | 'merged';
  category?: string;
  urgent?: boolean;
  /** Hours after submission it was responded to / resolved (done). */
  respondedAfter?: number;
  resolvedAfter?: number;
  rating?: 'satisfied' | 'basically' | 'unsatisfied';
  escalationLevel?: 0 | 1 | 2;
  escalationOrgId?: number;
  /** Deadlines in hours after submission (default 24 / 168). */
  respondHours?: number;
  resolveHours?: number;
  mergedIntoId?: number;
  /** Dispatched to this member (the one who fulfils it). */
  assigneeMemberId?: number;
};

export async function asSystem<T>(db: Db, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return audited(db, SYSTEM_AUDIT, 'test.build' as AuditAction, work);
}

/** A resident of the community and one request of theirs as `spec` says; its id. */
export async function insertRequest(db: Db, spec: RequestSpec): Promise<number> {
  const now = (spec.now ?? new Date()).getTime();
  const submitted = now - spec.ago * HOUR;
  const at = (h: number | undefined) => (h === undefined ? null : new Date(submitted + h * HOUR).toISOString());
  const status = spec.status ?? (spec.resolvedAfter !== undefined ? 'done' : 'accepted');
  const responded = spec.respondedAfter ?? (status === 'submitted' ? undefined : 1);
  const [row] = await asSystem(db, async (tx) => {
    const [resident] = await queryRows<{ id: number }>(
      tx,
      sql`insert into residents (org_id, name) values (${spec.orgId}, ${`督办居民${++seq}`}) returning id::int as id`,
    );
    return queryRows<{ id: number }>(
      tx,
      sql`insert into service_requests (org_id, kind, resident_id, category, text, contact_pref, urgent, status,
                                        merged_into_id, submitted_at, respond_by, resolve_by, responded_at,
                                        resolved_at, done_at, rating, rated_at, escalation_level, escalation_org_id,
                                        escalated_at, assignee_type, assignee_member_id)
          values (${spec.orgId}, 'request', ${resident!.id}, ${spec.category ?? 'repair'}, ${`督办测试诉求${seq}`},
                  'phone', ${spec.urgent ?? false}, ${status}, ${spec.mergedIntoId ?? null},
                  ${new Date(submitted).toISOString()}, ${at(spec.respondHours ?? 24)}, ${at(spec.resolveHours ?? 168)},
                  ${at(responded)}, ${at(spec.resolvedAfter)}, ${at(spec.resolvedAfter)}, ${spec.rating ?? null},
                  ${spec.rating ? at((spec.resolvedAfter ?? 0) + 1) : null}, ${spec.escalationLevel ?? 0},
                  ${spec.escalationOrgId ?? null}, ${spec.escalationLevel ? new Date(now).toISOString() : null},
                  ${spec.assigneeMemberId ? 'member' : null}, ${spec.assigneeMemberId ?? null})
          returning id::int as id`,
    );
  });
  return row!.id;
}

export type OversightRow = {
  id: number;
  status: string;
  escalation_level: number;
  escalation_org_id: number | null;
  escalate_at: string | null;
  taken_at: string | null;
  returned_at: string | null;
  return_note: string | null;
  respond_overdue: boolean;
  resolve_overdue: boolean;
  reminded: number;
};

export async function readRequest(db: Db, id: number): Promise<OversightRow> {
  const [row] = await queryRows<OversightRow>(
    db,
    sql`select id::int as id, status, escalation_level::int as escalation_level,
               escalation_org_id::int as escalation_org_id, escalate_at::text as escalate_at, taken_at::text as taken_at,
               returned_at::text as returned_at, return_note, respond_overdue, resolve_overdue, reminded::int as reminded
          from service_requests where id = ${id}`,
  );
  return row!;
}

export async function eventsOf(db: Db, id: number) {
  return queryRows<{ kind: string; note: string | null; actor_account_id: number | null }>(
    db,
    sql`select kind, note, actor_account_id::int as actor_account_id from service_request_events
         where request_id = ${id} order by at, id`,
  );
}
