import { ORG_MANAGEMENT_MODES, ORG_SECTORS, ORG_TYPES, TERM_STATUSES } from '@gongjian/shared';
import { z } from 'zod';
import { ExpectedUpdatedAtSchema } from '../http/concurrency.js';
import { DateSchema, IdSchema } from '../http/common.schema.js';

const NameSchema = z.string().trim().min(1, '不能为空').max(100, '最多100个字符');
const TextSchema = z.string().trim().max(200, '最多200个字符');
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
  address: z.string().nullable(),
  unitName: z.string().nullable(),
  managementMode: z.enum(ORG_MANAGEMENT_MODES),
  termStartedOn: z.string().nullable(),
  termEndsOn: z.string().nullable(),
  termStatus: z.enum(TERM_STATUSES).nullable(),
  /** Live counts from the member records: the whole subtree (rollups) and the organisation itself. */
  fullMembers: z.number().int(),
  probationaryMembers: z.number().int(),
  directFullMembers: z.number().int(),
  directProbationaryMembers: z.number().int(),
  /** The new organisations this organisation covers: its own unit, or the units of a joint branch. */
  coveredUnits: z.array(z.object({ id: z.number().int(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'OrgDetail' });
export type OrgDetail = z.infer<typeof OrgDetailSchema>;

export const OrgListQuerySchema = z.object({ parentId: IdSchema.optional() });
export const OrgExportQuerySchema = z.object({ orgId: IdSchema.optional() });
export const OrgListSchema = z.object({ items: z.array(OrgNodeSchema) }).meta({ id: 'OrgList' });

export const CreateOrgSchema = z
  .object({
    parentId: IdSchema,
    name: NameSchema,
    type: z.enum(ORG_TYPES, { error: '不是有效的组织类型' }),
    sector: z.enum(ORG_SECTORS, { error: '不是有效的组织类别' }).default('regional'),
    code: CodeSchema.nullish(),
    foundedOn: DateSchema.nullish(),
    address: TextSchema.nullish(),
    unitName: TextSchema.nullish(),
    managementMode: z.enum(ORG_MANAGEMENT_MODES, { error: '不是有效的管理方式' }).optional(),
    termStartedOn: DateSchema.nullish(),
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
    address: TextSchema.nullish(),
    unitName: TextSchema.nullish(),
    managementMode: z.enum(ORG_MANAGEMENT_MODES, { error: '不是有效的管理方式' }).optional(),
    termStartedOn: DateSchema.nullish(),
    updatedAt: ExpectedUpdatedAtSchema,
  })
  .meta({ id: 'UpdateOrgRequest' });
export type UpdateOrg = z.infer<typeof UpdateOrgSchema>;
