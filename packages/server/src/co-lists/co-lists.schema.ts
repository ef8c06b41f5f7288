import { CO_CATEGORIES, NEED_STATUSES, PROJECT_STATUSES, RESOURCE_PROVIDERS } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, PageQuerySchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);
const Category = z.enum(CO_CATEGORIES, { error: '不是有效的类别' });

const NeedFields = {
  title: Text(200).min(1, '不能为空'),
  category: Category,
  description: Text(2_000).nullish(),
  place: Text(200).nullish(),
  neededBy: DateSchema.nullish(),
};
export const CreateNeedSchema = z
  .object({ orgId: IdSchema, requestId: IdSchema.nullish(), ...NeedFields })
  .meta({ id: 'CreateNeedRequest' });
export type CreateNeed = z.infer<typeof CreateNeedSchema>;
export const UpdateNeedSchema = z.object(NeedFields).meta({ id: 'UpdateNeedRequest' });
export type UpdateNeed = z.infer<typeof UpdateNeedSchema>;

export const NeedSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    title: z.string(),
    category: Category,
    description: z.string().nullable(),
    place: z.string().nullable(),
    neededBy: z.string().nullable(),
    requestId: z.number().int().nullable().meta({ description: '来源的居民诉求' }),
    status: z.enum(NEED_STATUSES),
    claimedUnitId: z.number().int().nullable(),
    claimedUnitName: z.string().nullable(),
    claimNote: z.string().nullable(),
    metOn: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CoNeed' });
export type Need = z.infer<typeof NeedSchema>;

const ResourceFields = {
  title: Text(200).min(1, '不能为空'),
  category: Category,
  description: Text(2_000).nullish(),
  place: Text(200).nullish(),
  availability: Text(200).nullish(),
  availableFrom: DateSchema.nullish(),
  availableTo: DateSchema.nullish(),
};
export const CreateResourceSchema = z
  .object({
    orgId: IdSchema,
    provider: z.enum(RESOURCE_PROVIDERS, { error: '应为驻区单位、党员或社区' }),
    unitId: IdSchema.nullish(),
    memberId: IdSchema.nullish(),
    ...ResourceFields,
  })
  .meta({ id: 'CreateResourceRequest' });
export type CreateResource = z.infer<typeof CreateResourceSchema>;
export const UpdateResourceSchema = z
  .object({ ...ResourceFields, active: z.boolean().default(true) })
  .meta({ id: 'UpdateResourceRequest' });
export type UpdateResource = z.infer<typeof UpdateResourceSchema>;
export const UnitResourceSchema = z.object(ResourceFields).meta({ id: 'UnitResourceRequest' });
export type UnitResource = z.infer<typeof UnitResourceSchema>;

export const ResourceSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    provider: z.enum(RESOURCE_PROVIDERS),
    unitId: z.number().int().nullable(),
    memberId: z.number().int().nullable(),
    providerName: z.string(),
    title: z.string(),
    category: Category,
    description: z.string().nullable(),
    place: z.string().nullable(),
    availability: z.string().nullable(),
    availableFrom: z.string().nullable(),
    availableTo: z.string().nullable(),
    active: z.boolean(),
    committed: z.boolean().meta({ description: '已用于实施中的项目' }),
  })
  .meta({ id: 'CoResource' });
export type Resource = z.infer<typeof ResourceSchema>;

export const CreateProjectSchema = z
  .object({
    needId: IdSchema,
    resourceIds: z.array(IdSchema).min(1, '至少选择一项资源').max(20, '最多20项'),
    title: Text(200).min(1, '不能为空'),
    leadName: Text(50).min(1, '不能为空'),
    leadUnitId: IdSchema.nullish(),
    startedOn: DateSchema,
  })
  .meta({ id: 'CreateProjectRequest' });
export type CreateProject = z.infer<typeof CreateProjectSchema>;
export const FinishProjectSchema = z
  .object({
    status: z.enum(['done', 'cancelled'], { error: '应为done（完成）或cancelled（取消）' }),
    endedOn: DateSchema,
    result: Text(2_000).min(1, '不能为空'),
  })
  .meta({ id: 'FinishProjectRequest' });
export type FinishProject = z.infer<typeof FinishProjectSchema>;

export const ProjectSchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    needId: z.number().int(),
    needTitle: z.string(),
    title: z.string(),
    leadName: z.string(),
    leadUnitId: z.number().int().nullable(),
    leadUnitName: z.string().nullable(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    status: z.enum(PROJECT_STATUSES),
    result: z.string().nullable(),
    resources: z.array(z.object({ id: z.number().int(), title: z.string(), providerName: z.string() })),
  })
  .meta({ id: 'CoProject' });
export type Project = z.infer<typeof ProjectSchema>;

export const ListQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  category: Category.optional(),
  /** A need's or a project's status, or `active` / `inactive` for resources. */
  status: z
    .enum(
      [...new Set([...NEED_STATUSES, ...PROJECT_STATUSES, 'active', 'inactive'] as const)] as [string, ...string[]],
      {
        error: '不是有效的状态',
      },
    )
    .optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;
export const ExportQuerySchema = ListQuerySchema.omit({ page: true, pageSize: true });

export const NeedListSchema = z
  .object({ items: z.array(NeedSchema), total: z.number().int() })
  .meta({ id: 'CoNeedList' });
export const ResourceListSchema = z
  .object({ items: z.array(ResourceSchema), total: z.number().int() })
  .meta({ id: 'CoResourceList' });
export const ProjectListSchema = z
  .object({ items: z.array(ProjectSchema), total: z.number().int() })
  .meta({ id: 'CoProjectList' });

export const MatchListSchema = z
  .object({
    items: z.array(
      z.object({
        need: NeedSchema,
        resources: z.array(ResourceSchema.extend({ score: z.number().int(), reasons: z.array(z.string()) })),
      }),
    ),
  })
  .meta({ id: 'CoMatchList' });

export const ClaimSchema = z.object({ note: Text(500).nullish() }).meta({ id: 'ClaimNeedRequest' });

export const UnitResultsSchema = z
  .object({
    items: z.array(
      z.object({
        unitId: z.number().int(),
        name: z.string(),
        orgName: z.string(),
        tasks: z.number().int(),
        tasksDone: z.number().int(),
        tasksOnTime: z.number().int(),
        needsMet: z.number().int(),
        projects: z.number().int(),
        projectsDone: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CoUnitResults' });
