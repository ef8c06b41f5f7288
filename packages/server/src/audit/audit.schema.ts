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
  })
  .meta({ id: 'AuditList' });

export const AuditRevealSchema = z.object({ before: z.unknown(), after: z.unknown() }).meta({ id: 'AuditReveal' });
export type AuditReveal = z.infer<typeof AuditRevealSchema>;

export const AuditLabelsSchema = z
  .object({
    actions: z.record(z.string(), z.string()),
    entities: z.record(z.string(), z.string()),
  })
  .meta({ id: 'AuditLabels' });
