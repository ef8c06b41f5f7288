import { ORG_TYPES, RULE_CODES, TERM_STATUSES } from '@gongjian/shared';
import { z } from 'zod';
import { IdSchema } from '../http/common.schema.js';

export const RuleQuerySchema = z.object({
  orgId: IdSchema.optional(),
  within: z.enum(['subtree', 'self'], { error: '应为 subtree 或 self' }).default('subtree'),
});
export type RuleQuery = z.infer<typeof RuleQuerySchema>;

export const RuleViolationItemSchema = z
  .object({
    orgId: z.number().int(),
    orgName: z.string(),
    orgType: z.enum(ORG_TYPES),
    parentName: z.string().nullable(),
    rule: z.enum(RULE_CODES),
    reason: z.string(),
  })
  .meta({ id: 'RuleViolationItem' });
export type RuleViolationItem = z.infer<typeof RuleViolationItemSchema>;
export const RuleViolationListSchema = z
  .object({ items: z.array(RuleViolationItemSchema), checkedOrgs: z.number().int() })
  .meta({ id: 'RuleViolationList' });

export const TermQuerySchema = z.object({
  orgId: IdSchema.optional(),
  status: z.enum(['overdue', 'ending'], { error: '应为 overdue 或 ending' }).optional(),
});
export type TermQuery = z.infer<typeof TermQuerySchema>;

export const TermItemSchema = z
  .object({
    orgId: z.number().int(),
    orgName: z.string(),
    orgType: z.enum(ORG_TYPES),
    parentName: z.string().nullable(),
    secretaryName: z.string().nullable(),
    termStartedOn: z.string(),
    termEndsOn: z.string(),
    status: z.enum(TERM_STATUSES),
  })
  .meta({ id: 'TermItem' });
export type TermItem = z.infer<typeof TermItemSchema>;
export const TermListSchema = z.object({ items: z.array(TermItemSchema) }).meta({ id: 'TermList' });
