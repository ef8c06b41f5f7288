import { maskIdNumber, maskPhone } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { AppError, invalid, notFound } from '../http/errors.js';
import { type SheetColumn, streamWorkbook } from '../http/xlsx.js';
import { pathInScope } from '../http/scope.js';
import { auditActionLabel, type AuditLabels, auditTargetLabel } from '../http/audit-labels.js';
import { auditEvent } from '../db/audited.js';
import { MEMBER_ID_FIELDS, ORG_ID_FIELDS } from './audit-fields.js';
import type { AuditFilter, AuditLog, AuditQuery, AuditReveal } from './audit.schema.js';

/** Beyond this many matching entries the total reads "10,000+". */
export const AUDIT_COUNT_CAP = 10_000;

/** Which masker a key takes: every column holding a phone (`phone`, `guardian_phone`, `contact_phone` …) or an ID number. */
function maskerOf(key: string): ((v: string) => string) | undefined {
  if (key === 'phone' || key.endsWith('_phone')) return maskPhone;
  if (key === 'id_number' || key.endsWith('_id_number')) return maskIdNumber;
  return undefined;
}

/**
 * Records that are the community's alone (the vulnerable-residents register, DOMAIN §5): their personal fields
 * are masked in the trail like phones, and only an account of the record's own organisation may reveal them —
 * a street or district with audit rights sees that a record changed, not whose.
 */
const COMMUNITY_PRIVATE: Readonly<Record<string, readonly string[]>> = {
  care_resident: ['name', 'address', 'needs', 'guardian_name', 'notes', 'end_reason', 'birth_year'],
  care_visit: ['content', 'follow_up_note', 'visitor'],
};

const maskName = (v: string) => `${[...v][0] ?? ''}**`;

/** The keys of a before/after record that hold an ID number, a phone or (for its entity) private data. */
function sensitiveKeys(value: unknown, entity: string): string[] {
  if (!value || typeof value !== 'object') return [];
  const row = value as Record<string, unknown>;
  const privateKeys = COMMUNITY_PRIVATE[entity] ?? [];
  return Object.keys(row).filter(
    (key) =>
      (typeof row[key] === 'string' && maskerOf(key) !== undefined) ||
      (privateKeys.includes(key) && row[key] !== null && row[key] !== undefined),
  );
}

/**
 * Rows in the audit trail carry personal data as it was. The trail shows it masked to everyone, as the roster
 * does: seeing a value whole is a reveal (revealAuditLog), and a reveal is on record.
 */
function maskRow(value: unknown, entity: string): unknown {
  const keys = sensitiveKeys(value, entity);
  if (keys.length === 0) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of keys) {
    const v = out[key];
    const masker = maskerOf(key);
    if (masker && typeof v === 'string') out[key] = masker(v);
    else out[key] = key === 'name' && typeof v === 'string' ? maskName(v) : '***';
  }
  return out;
}

/** The scope condition on audit_logs l for this actor. */
function auditScope(actor: Actor): SQL {
  // The prefix on the path's text is what the index answers (audit_logs_org_path_idx, drizzle/0010); `<@` then
  // keeps label boundaries ('1.12' is a text prefix of '1.123' but not its ancestor).
  const inScope = sql`((l.org_path::text collate "C") ^@ ${actor.scopePath} and ${pathInScope(actor, sql`l.org_path`)})`;
  // Events tied to no organisation (a login with an unknown username) belong to the system administrators.
  return actor.role === 'sysadmin' ? sql`(${inScope} or l.org_path is null)` : inScope;
}

type Row = Omit<AuditLog, 'actorId' | 'actorName' | 'entityId'> & {
  actor_id: number | null;
  actor_name: string | null;
  entity_id: string | null;
};

/** The scope and the filter of a list or an export, on audit_logs l. */
function auditWhere(actor: Actor, query: AuditFilter): SQL {
  const conditions: SQL[] = [auditScope(actor)];
  if (query.entity) conditions.push(sql`l.entity = ${query.entity}`);
  if (query.entityId) conditions.push(sql`l.entity_id = ${query.entityId}`);
  if (query.actor) conditions.push(sql`l.actor_name = ${query.actor}`);
  if (query.action) conditions.push(sql`l.action = ${query.action}`);
  if (query.from) conditions.push(sql`l.at >= ${query.from}::timestamptz`);
  if (query.to) conditions.push(sql`l.at < ${query.to}::timestamptz`);
  // Logins are left out unless asked for, or unless the filter names one of their actions.
  if (!query.logins && !query.action) conditions.push(sql`l.action not like 'auth.log%'`);
  return sql.join(conditions, sql` and `);
}

export async function listAuditLogs(db: Queryable, actor: Actor, labels: AuditLabels, query: AuditQuery) {
  const where = auditWhere(actor, query);
  const [rows, [total]] = await Promise.all([
    queryRows<Row>(
      db,
      sql`select l.id::int as id, to_json(l.at) #>> '{}' as at, l.actor_id::int as actor_id, l.actor_name, l.action,
        l.entity, l.entity_id, l.before, l.after, l.ip
      from audit_logs l where ${where}
      order by l.at desc, l.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    // Counted up to a cap: the trail grows by two rows per imported member, and counting a city's millions
    // of rows took ~0.7 s per page. Past the cap the page says so; a time range narrows it.
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select 1 from audit_logs l where ${where} limit ${AUDIT_COUNT_CAP + 1}) c`,
    ),
  ]);
  const items = rows.map((r): AuditLog => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    actionLabel: auditActionLabel(labels, r.action),
    entity: r.entity,
    entityId: r.entity_id,
    targetLabel: auditTargetLabel(labels, {
      entity: r.entity,
      entityId: r.entity_id,
      before: maskRow(r.before, r.entity),
      after: maskRow(r.after, r.entity),
    }),
    before: maskRow(r.before, r.entity),
    after: maskRow(r.after, r.entity),
    ip: r.ip,
    masked: sensitiveKeys(r.before, r.entity).length + sensitiveKeys(r.after, r.entity).length > 0,
  }));
  const n = total?.n ?? 0;
  const names = await namesInScope(db, actor, rows);
  return { items, total: Math.min(n, AUDIT_COUNT_CAP), totalCapped: n > AUDIT_COUNT_CAP, names };
}

/** The ids a page's before/after records hold in the given columns, as text. */
function idsIn(rows: readonly Pick<Row, 'before' | 'after'>[], fields: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    for (const side of [row.before, row.after]) {
      if (!side || typeof side !== 'object') continue;
      for (const field of fields) {
        const value = (side as Record<string, unknown>)[field];
        if ((typeof value === 'number' || typeof value === 'string') && /^\d{1,18}$/.test(String(value))) {
          ids.add(String(value));
        }
      }
    }
  }
  return [...ids];
}

/** One parameter holding the ids as an array literal (drizzle would spread a JS array into a list). */
const pgArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * The names of the organisations and members a page names by id, read with the reader's scope in the query:
 * an entry may name an organisation outside it (a transfer's destination, a move out), whose name it must not
 * learn here.
 */
async function namesInScope(db: Queryable, actor: Actor, rows: readonly Row[]) {
  const orgIds = idsIn(rows, ORG_ID_FIELDS);
  const memberIds = idsIn(rows, MEMBER_ID_FIELDS);
  const [orgs, members] = await Promise.all([
    orgIds.length === 0
      ? []
      : queryRows<{ id: string; name: string }>(
          db,
          sql`select o.id::text as id, o.name from organizations o
              where o.id = any(${pgArray(orgIds)}::bigint[]) and ${pathInScope(actor, sql`o.path`)}`,
        ),
    memberIds.length === 0
      ? []
      : queryRows<{ id: string; name: string }>(
          db,
          sql`select m.id::text as id, m.name from members m join organizations o on o.id = m.org_id
              where m.id = any(${pgArray(memberIds)}::bigint[]) and ${pathInScope(actor, sql`o.path`)}`,
        ),
  ]);
  const byId = (list: { id: string; name: string }[]) => Object.fromEntries(list.map((r) => [r.id, r.name]));
  return { org: byId(orgs), member: byId(members) };
}

/** One entry of the trail with its ID numbers and phones whole; the reveal itself goes on record. */
export async function revealAuditLog(db: Queryable, actor: Actor, ctx: AuditContext, id: number): Promise<AuditReveal> {
  const [row] = await queryRows<{ org_path: string | null; entity: string; before: unknown; after: unknown }>(
    db,
    sql`select l.org_path::text as org_path, l.entity, l.before, l.after from audit_logs l
        where l.id = ${id} and ${auditScope(actor)}`,
  );
  if (!row) throw notFound('审计记录');
  if (COMMUNITY_PRIVATE[row.entity] && actor.role !== 'sysadmin' && row.org_path !== actor.scopePath) {
    throw new AppError('FORBIDDEN', '困难群体的信息只有所在社区的工作人员可以查看');
  }
  const fields = [
    ...new Set([...sensitiveKeys(row.before, row.entity), ...sensitiveKeys(row.after, row.entity)]),
  ].sort();
  await auditEvent(db, ctx, {
    action: 'audit.reveal',
    entity: 'audit_log',
    entityId: String(id),
    orgPath: row.org_path,
    after: { fields },
  });
  return { before: row.before, after: row.after };
}

/** An export holds at most this many entries; more is refused with a request to narrow the time range. */
export const AUDIT_EXPORT_CAP = 100_000;
const EXPORT_PAGE = 1_000;
/** Excel refuses a cell over 32,767 characters. */
const CELL_MAX = 32_000;

type ExportRow = { id: number; at: string; at_china: string; actor_name: string | null } & Pick<
  AuditLog,
  'action' | 'entity' | 'before' | 'after' | 'ip'
> & { entity_id: string | null };

const jsonCell = (value: unknown, entity: string) => {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(maskRow(value, entity));
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX)}…` : text;
};

const exportColumns = (labels: AuditLabels): SheetColumn<ExportRow>[] => [
  { header: '时间（北京时间）', width: 20, value: (r) => r.at_china },
  { header: '操作人', width: 14, value: (r) => r.actor_name ?? '系统' },
  { header: '操作', width: 20, value: (r) => auditActionLabel(labels, r.action) },
  {
    header: '对象',
    width: 30,
    value: (r) =>
      auditTargetLabel(labels, {
        entity: r.entity,
        entityId: r.entity_id,
        before: maskRow(r.before, r.entity),
        after: maskRow(r.after, r.entity),
      }),
  },
  { header: 'IP', width: 16, value: (r) => r.ip ?? '' },
  { header: '变更前', width: 60, value: (r) => jsonCell(r.before, r.entity) },
  { header: '变更后', width: 60, value: (r) => jsonCell(r.after, r.entity) },
];

/**
 * The filtered trail as .xlsx, newest first, ID numbers and phones masked as on the page. Read in keyset pages
 * (time, id) so the server holds one page at a time; the export itself goes on record first.
 */
export async function exportAuditLogs(
  db: Queryable,
  actor: Actor,
  ctx: AuditContext,
  labels: AuditLabels,
  query: AuditFilter,
) {
  const where = auditWhere(actor, query);
  const [counted] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from audit_logs l where ${where} limit ${AUDIT_EXPORT_CAP + 1}) c`,
  );
  const rows = counted?.n ?? 0;
  if (rows > AUDIT_EXPORT_CAP) {
    throw invalid('from', `符合条件的记录超过${AUDIT_EXPORT_CAP}条，请缩小时间范围分批导出`);
  }
  await auditEvent(db, ctx, {
    action: 'audit.export',
    entity: 'audit_log',
    orgPath: actor.scopePath,
    after: { filter: query, rows },
  });
  async function* pages(): AsyncIterable<ExportRow[]> {
    let after: { at: string; id: number } | null = null;
    for (;;) {
      const page: ExportRow[] = await queryRows<ExportRow>(
        db,
        sql`select l.id::int as id, to_json(l.at) #>> '{}' as at,
              to_char(l.at at time zone 'UTC' + interval '8 hours', 'YYYY-MM-DD HH24:MI:SS') as at_china,
              l.actor_name, l.action, l.entity, l.entity_id, l.before, l.after, l.ip
            from audit_logs l where ${where}
              ${after ? sql`and (l.at, l.id) < (${after.at}::timestamptz, ${after.id})` : sql``}
            order by l.at desc, l.id desc limit ${EXPORT_PAGE}`,
      );
      if (page.length === 0) return;
      yield page;
      const last = page[page.length - 1] as ExportRow;
      after = { at: last.at, id: last.id };
      if (page.length < EXPORT_PAGE) return;
    }
  }
  return streamWorkbook('审计日志', exportColumns(labels), pages());
}
