import {
  EDUCATION_LEVELS,
  GENDERS,
  MANAGEMENT_MODES,
  MAX_TAGS,
  MEMBER_CATEGORIES,
  MEMBER_FIELDS,
  MEMBER_STATUSES,
  TAG_MAX_LENGTH,
} from '@gongjian/shared';
import { z } from 'zod';
import { ExpectedUpdatedAtSchema } from '../http/concurrency.js';
import { DateSchema, IdNumberSchema, IdSchema, PageQuerySchema, PhoneSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);

const TagsSchema = z.array(Text(TAG_MAX_LENGTH).min(1, '标签不能为空')).max(MAX_TAGS, `最多${MAX_TAGS}个标签`);

const ProfileFields = {
  name: Text(MEMBER_FIELDS.name.maxLength).min(1, '不能为空'),
  gender: z.enum(GENDERS, { error: '应为男或女' }),
  ethnicity: Text(MEMBER_FIELDS.ethnicity.maxLength).nullish(),
  idNumber: IdNumberSchema,
  phone: PhoneSchema.nullish(),
  education: Text(MEMBER_FIELDS.education.maxLength).nullish(),
  joinedOn: DateSchema.nullish(),
  fullMemberOn: DateSchema.nullish(),
  status: z.enum(MEMBER_STATUSES, { error: '应为正式党员或预备党员' }),
  category: z.enum(MEMBER_CATEGORIES, { error: '不是有效的党员类别' }),
  managementMode: z.enum(MANAGEMENT_MODES, { error: '不是有效的管理方式' }).default('direct'),
  orgId: IdSchema,
  residence: Text(MEMBER_FIELDS.residence.maxLength).nullish(),
  employer: Text(MEMBER_FIELDS.employer.maxLength).nullish(),
  tags: TagsSchema.default([]),
};

export const CreateMemberSchema = z.object(ProfileFields).meta({ id: 'CreateMemberRequest' });
export type CreateMember = z.infer<typeof CreateMemberSchema>;

export const UpdateMemberSchema = z
  .object({
    name: ProfileFields.name.optional(),
    gender: ProfileFields.gender.optional(),
    ethnicity: ProfileFields.ethnicity,
    idNumber: IdNumberSchema.optional(),
    phone: ProfileFields.phone,
    education: ProfileFields.education,
    joinedOn: ProfileFields.joinedOn,
    fullMemberOn: ProfileFields.fullMemberOn,
    status: ProfileFields.status.optional(),
    category: ProfileFields.category.optional(),
    managementMode: z.enum(MANAGEMENT_MODES, { error: '不是有效的管理方式' }).optional(),
    orgId: IdSchema.optional(),
    residence: ProfileFields.residence,
    employer: ProfileFields.employer,
    tags: TagsSchema.optional(),
    updatedAt: ExpectedUpdatedAtSchema,
  })
  .meta({ id: 'UpdateMemberRequest' });
export type UpdateMember = z.infer<typeof UpdateMemberSchema>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20, '最多20项'));

export const MemberFilterSchema = z.object({
  orgId: IdSchema.optional(),
  category: csv(z.enum(MEMBER_CATEGORIES, { error: '不是有效的党员类别' })).optional(),
  status: z.enum(MEMBER_STATUSES, { error: '应为full或probationary' }).optional(),
  managementMode: z.enum(MANAGEMENT_MODES, { error: '不是有效的管理方式' }).optional(),
  tag: Text(20).optional(),
  q: Text(50).optional(),
});
export type MemberFilter = z.infer<typeof MemberFilterSchema>;

export const MemberListQuerySchema = MemberFilterSchema.extend(PageQuerySchema.shape);
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

export const MemberExportQuerySchema = MemberFilterSchema.extend({
  /** Only accounts with member.sensitive; the export's audit row records it. */
  unmasked: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});

export const MemberSummarySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    gender: z.enum(GENDERS),
    idNumber: z.string().meta({ description: '已脱敏' }),
    phone: z.string().nullable().meta({ description: '已脱敏' }),
    status: z.enum(MEMBER_STATUSES),
    category: z.enum(MEMBER_CATEGORIES),
    managementMode: z.enum(MANAGEMENT_MODES),
    orgId: z.number().int(),
    orgName: z.string(),
    joinedOn: z.string().nullable(),
    tags: z.array(z.string()),
  })
  .meta({ id: 'MemberSummary' });
export type MemberSummary = z.infer<typeof MemberSummarySchema>;

export const MemberListSchema = z
  .object({
    items: z.array(MemberSummarySchema),
    total: z.number().int(),
    /** True when total stopped counting at its cap (a very large filtered list). */
    totalCapped: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'MemberList' });

export const MemberHistoryEntrySchema = z
  .object({
    orgId: z.number().int(),
    orgName: z.string(),
    fromOn: z.string(),
    toOn: z.string().nullable(),
    reason: z.string(),
    /** Why the row closed when not by a move (the member left the platform). */
    endReason: z.string().nullable(),
  })
  .meta({ id: 'MemberHistoryEntry' });

export const MemberDetailSchema = MemberSummarySchema.extend({
  ethnicity: z.string().nullable(),
  birthDate: z.string().nullable(),
  education: z.string().nullable(),
  fullMemberOn: z.string().nullable(),
  /** For probationary members: when the year of probation ends. */
  probationEndsOn: z.string().nullable(),
  residence: z.string().nullable(),
  employer: z.string().nullable(),
  history: z.array(MemberHistoryEntrySchema),
  /** Set when the member left the platform: the page still opens, the member is in no active list. */
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'MemberDetail' });
export type MemberDetail = z.infer<typeof MemberDetailSchema>;

export const RevealSchema = z
  .object({ idNumber: z.string(), phone: z.string().nullable() })
  .meta({ id: 'MemberReveal' });

export const ConvertSchema = z.object({ fullMemberOn: DateSchema }).meta({ id: 'ConvertMemberRequest' });

export const DueQuerySchema = z.object({ orgId: IdSchema.optional() });
export const DueListSchema = z
  .object({
    items: z.array(MemberSummarySchema.extend({ probationEndsOn: z.string(), overdue: z.boolean() })),
  })
  .meta({ id: 'ProbationDueList' });

export { EDUCATION_LEVELS };
