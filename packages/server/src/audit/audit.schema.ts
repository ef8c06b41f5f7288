import { z } from 'zod';
import { PageQuerySchema } from '../http/common.schema.js';

const Timestamp = z.iso.datetime({ offset: true, error: '应为ISO时间，如2026-01-01T00:00:00+08:00' });

export const AuditQuerySchema = PageQuerySchema.extend({
  entity: z.string().trim().max(50, '最多50个字符').optional(),
  entityId: z.string().trim().max(50, '最多50个字符').optional(),
  actor: z.string().trim().max(64, '最多64个字符').optional(),
  action: z.string().trim().max(64, '最多64个字符').optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  /** Logins, failed logins and logouts are many and rarely what a reader looks for: left out unless asked. */
  logins: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export const AuditExportQuerySchema = AuditQuerySchema.omit({ page: true, pageSize: true });
export type AuditFilter = z.infer<typeof AuditExportQuerySchema>;

export const AuditLogSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    /** The action as the page shows it (修改党组织). */
    actionLabel: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    /** What was changed, as the page shows it (党组织 #4 和平社区党委). */
    targetLabel: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
    /** ID numbers or phones in before/after are shown masked; POST /api/audit-logs/:id/reveal shows them. */
    masked: z.boolean(),
  })
  .meta({ id: 'AuditLog' });
export type AuditLog = z.infer<typeof AuditLogSchema>;

export const AuditListSchema = z
  .object({
    items: z.array(AuditLogSchema),
    /** At most AUDIT_COUNT_CAP (10,000); totalCapped says there are more. */
    total: z.number().int(),
    totalCapped: z.boolean(),
    /**
     * Names of the organisations and members the page's entries name by id (org_id, parent_id, member_id…),
     * keyed by id: only those in the reader's scope, so an id outside it stays a bare number.
     */
    names: z.object({ org: z.record(z.string(), z.string()), member: z.record(z.string(), z.string()) }),
  })
  .meta({ id: 'AuditList' });

export const AuditRevealSchema = z.object({ before: z.unknown(), after: z.unknown() }).meta({ id: 'AuditReveal' });
export type AuditReveal = z.infer<typeof AuditRevealSchema>;

export const AuditLabelsSchema = z
  .object({
    actions: z.record(z.string(), z.string()),
    entities: z.record(z.string(), z.string()),
    /** Per entity, the recorded columns by the names the forms use (display_name → 姓名). */
    fields: z.record(z.string(), z.record(z.string(), z.string())),
    /** Per entity and column, enum values by their labels (role: branch_secretary → 支部书记). */
    values: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string()))),
    /** The columns holding an organisation's or a member's id, which `names` of a list page resolves. */
    orgIdFields: z.array(z.string()),
    memberIdFields: z.array(z.string()),
  })
  .meta({ id: 'AuditLabels' });
