import { z } from 'zod';
import { DateSchema, IdSchema, PageQuerySchema } from '../http/common.schema.js';
import { IdNumberSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);

const Details = {
  communityId: IdSchema,
  residence: Text(100).nullish(),
  wishes: Text(200).nullish(),
};

/** Staff register a member: a community registers someone living there, or a unit registers its member. */
export const RegisterSchema = z
  .object({ memberId: IdSchema.optional(), idNumber: IdNumberSchema.optional(), ...Details })
  .meta({ id: 'InServiceRegisterRequest' });
export type Register = z.infer<typeof RegisterSchema>;

export const SelfRegisterSchema = z.object(Details).meta({ id: 'InServiceSelfRegisterRequest' });
export type SelfRegister = z.infer<typeof SelfRegisterSchema>;

export const UnregisteredQuerySchema = PageQuerySchema.extend({ orgId: IdSchema.optional() });
export type UnregisteredQuery = z.infer<typeof UnregisteredQuerySchema>;

/** A member the roster calls 在职党员 with no open registration with the community where they live (未报到). */
export const UnregisteredListSchema = z
  .object({
    items: z.array(
      z.object({
        memberId: z.number().int(),
        name: z.string(),
        phone: z.string().nullable().meta({ description: '已脱敏' }),
        orgId: z.number().int(),
        orgName: z.string(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'InServiceUnregisteredList' });

export const InServiceListQuerySchema = PageQuerySchema.extend({
  /** community: who registered with our communities; unit: where our members registered. */
  view: z.enum(['community', 'unit'], { error: '应为community或unit' }),
  orgId: IdSchema.optional(),
  includeEnded: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type InServiceListQuery = z.infer<typeof InServiceListQuerySchema>;
export const InServiceExportQuerySchema = InServiceListQuerySchema.omit({ page: true, pageSize: true });

export const RegistrationSchema = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    memberName: z.string(),
    phone: z.string().nullable().meta({ description: '已脱敏' }),
    communityId: z.number().int(),
    communityName: z.string(),
    unitOrgId: z.number().int(),
    unitOrgName: z.string(),
    residence: z.string().nullable(),
    wishes: z.string().nullable(),
    registeredOn: z.string(),
    endedOn: z.string().nullable(),
    serviceHours: z.number().meta({ description: '自报到起已确认的志愿服务时长（小时）' }),
  })
  .meta({ id: 'InServiceRegistration' });

export const RegistrationListSchema = z
  .object({
    items: z.array(RegistrationSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'InServiceRegistrationList' });

export const CommunityQuerySchema = z.object({ q: z.string().trim().min(1, '请输入社区名称').max(50, '最多50个字符') });
export const CommunityListSchema = z
  .object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) })
  .meta({ id: 'InServiceCommunities' });
export const MyRegistrationSchema = z
  .object({
    member: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    registration: RegistrationSchema.nullable(),
  })
  .meta({ id: 'MyInServiceRegistration' });
export const EndRegistrationSchema = z.object({ endedOn: DateSchema }).meta({ id: 'EndInServiceRequest' });
