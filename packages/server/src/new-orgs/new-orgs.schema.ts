import {
  COVERAGE_STATUSES,
  MEMBER_STATUSES,
  NEW_ORG_KINDS,
  parseUscc,
  REMEDY_KINDS,
  toHalfWidth,
} from '@gongjian/shared';
import { z } from 'zod';
import { ExpectedUpdatedAtSchema } from '../http/concurrency.js';
import { IdSchema, PageQuerySchema } from '../http/common.schema.js';
import { PhoneSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多${max}个字符`);
const Count = z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(1_000_000, '过大');

const UsccSchema = z
  .string({ error: '不能为空' })
  .overwrite(toHalfWidth)
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const result = parseUscc(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  });

const OrgRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const NewOrgSchema = z
  .object({
    id: z.number().int(),
    org: OrgRefSchema,
    name: z.string(),
    uscc: z.string(),
    kind: z.enum(NEW_ORG_KINDS),
    industry: z.string(),
    address: z.string().nullable(),
    grid: z.string().nullable(),
    employees: z.number().int(),
    partyMembers: z.number().int(),
    ownOrg: OrgRefSchema.nullable(),
    jointBranch: OrgRefSchema.nullable(),
    instructorName: z.string().nullable(),
    instructorPhone: z.string().nullable(),
    status: z.enum(COVERAGE_STATUSES),
    updatedAt: z.string(),
  })
  .meta({ id: 'NewOrg' });
export type NewOrg = z.infer<typeof NewOrgSchema>;

export const NewOrgQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  status: z.enum(COVERAGE_STATUSES, { error: '不是有效的覆盖状态' }).optional(),
  q: z.string().trim().max(50, '最多50个字符').optional(),
});
export type NewOrgQuery = z.infer<typeof NewOrgQuerySchema>;
export const NewOrgExportQuerySchema = NewOrgQuerySchema.omit({ page: true, pageSize: true });

export const NewOrgListSchema = z
  .object({ items: z.array(NewOrgSchema), total: z.number().int() })
  .meta({ id: 'NewOrgList' });

export const CreateNewOrgSchema = z
  .object({
    orgId: IdSchema,
    name: Text(100),
    uscc: UsccSchema,
    kind: z.enum(NEW_ORG_KINDS, { error: '不是有效的组织类别' }),
    industry: Text(30),
    address: Text(200).nullish(),
    grid: Text(50).nullish(),
    employees: Count.default(0),
    partyMembers: Count.default(0),
    ownOrgId: IdSchema.nullish(),
    jointBranchId: IdSchema.nullish(),
    instructorName: Text(50).nullish(),
    instructorPhone: PhoneSchema.nullish(),
  })
  .meta({ id: 'CreateNewOrgRequest' });
export type CreateNewOrg = z.infer<typeof CreateNewOrgSchema>;

export const UpdateNewOrgSchema = CreateNewOrgSchema.partial()
  .extend({ employees: Count.optional(), partyMembers: Count.optional(), updatedAt: ExpectedUpdatedAtSchema })
  .meta({ id: 'UpdateNewOrgRequest' });
export type UpdateNewOrg = z.infer<typeof UpdateNewOrgSchema>;

export const CoverageCountsSchema = z.object({
  total: z.number().int(),
  own_org: z.number().int(),
  joint_branch: z.number().int(),
  instructor: z.number().int(),
  blank: z.number().int(),
  orgRate: z.number(),
  workRate: z.number(),
});

export const CoverageQuerySchema = z.object({ orgId: IdSchema.optional() });

export const CoverageSchema = z
  .object({
    org: OrgRefSchema,
    counts: CoverageCountsSchema,
    byChild: z.array(z.object({ org: OrgRefSchema, counts: CoverageCountsSchema })),
    blanks: z.array(
      NewOrgSchema.extend({
        remedy: z.object({
          kind: z.enum(REMEDY_KINDS),
          reason: z.string(),
          partners: z.array(OrgRefSchema),
        }),
      }),
    ),
  })
  .meta({ id: 'Coverage' });
export type Coverage = z.infer<typeof CoverageSchema>;

export const CreateJointBranchSchema = z
  .object({
    newOrgIds: z
      .array(IdSchema, { error: '应为两新组织ID列表' })
      .min(2, '联合党支部至少覆盖2个单位')
      .max(5, '联合党支部最多覆盖5个单位'),
    /** Chosen from the preview's members: they move into the new branch. */
    memberIds: z.array(IdSchema, { error: '应为党员ID列表' }).max(500, '最多500人').optional(),
  })
  .meta({ id: 'CreateJointBranchRequest' });

export const JointBranchCreatedSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    parentId: z.number().int(),
    newOrgIds: z.array(z.number().int()),
    memberIds: z.array(z.number().int()),
  })
  .meta({ id: 'JointBranchCreated' });

export const JointBranchPreviewQuerySchema = z.object({
  newOrgIds: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15}){0,9}$/, '应为逗号分隔的两新组织ID')
    .transform((v) => v.split(',').map(Number)),
});

export const JointBranchPreviewSchema = z
  .object({
    name: z.string(),
    parent: OrgRefSchema,
    units: z.array(
      z.object({ id: z.number().int(), name: z.string(), industry: z.string(), partyMembers: z.number().int() }),
    ),
    /** The units' party members on the roster (工作单位 is one of the units), in the caller's scope. */
    members: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        status: z.enum(MEMBER_STATUSES),
        org: OrgRefSchema,
        employer: z.string(),
      }),
    ),
  })
  .meta({ id: 'JointBranchPreview' });
