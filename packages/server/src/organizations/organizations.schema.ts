import { ORG_SECTORS, ORG_TYPES } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema } from '../http/common.schema.js';

const NameSchema = z.string().trim().min(1, '不能为空').max(100, '最多100个字符');
const CodeSchema = z
  .string()
  .trim()
  .max(50, '最多50个字符')
  .regex(/^[0-9A-Za-z-]*$/, '只能包含字母、数字和连字符');

export const OrgNodeSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    name: z.string(),
    type: z.enum(ORG_TYPES),
    sector: z.enum(ORG_SECTORS),
    code: z.string().nullable(),
    foundedOn: z.string().nullable(),
    childCount: z.number().int(),
    memberCount: z.number().int(),
  })
  .meta({ id: 'OrgNode' });
export type OrgNode = z.infer<typeof OrgNodeSchema>;

export const OrgDetailSchema = OrgNodeSchema.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'OrgDetail' });
export type OrgDetail = z.infer<typeof OrgDetailSchema>;

export const OrgListQuerySchema = z.object({ parentId: IdSchema.optional() });
export const OrgListSchema = z.object({ items: z.array(OrgNodeSchema) }).meta({ id: 'OrgList' });

export const CreateOrgSchema = z
  .object({
    parentId: IdSchema,
    name: NameSchema,
    type: z.enum(ORG_TYPES, { error: '不是有效的组织类型' }),
    sector: z.enum(ORG_SECTORS, { error: '不是有效的组织类别' }).default('regional'),
    code: CodeSchema.nullish(),
    foundedOn: DateSchema.nullish(),
  })
  .meta({ id: 'CreateOrgRequest' });
export type CreateOrg = z.infer<typeof CreateOrgSchema>;

export const UpdateOrgSchema = z
  .object({
    parentId: IdSchema.optional(),
    name: NameSchema.optional(),
    type: z.enum(ORG_TYPES, { error: '不是有效的组织类型' }).optional(),
    sector: z.enum(ORG_SECTORS, { error: '不是有效的组织类别' }).optional(),
    code: CodeSchema.nullish(),
    foundedOn: DateSchema.nullish(),
  })
  .meta({ id: 'UpdateOrgRequest' });
export type UpdateOrg = z.infer<typeof UpdateOrgSchema>;
