import { GENDERS, MAX_TAGS, MEMBER_CATEGORIES, MEMBER_FIELDS, MEMBER_STATUSES, TAG_MAX_LENGTH } from '@gongjian/shared';
import { z } from 'zod';
import { PhoneSchema } from '../http/common.schema.js';
import { ExpectedUpdatedAtSchema } from '../http/concurrency.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);
const OrgRefSchema = z.object({ id: z.number().int(), name: z.string() });

/** A member's own profile, as their phone shows it: the ID number masked, their own phone whole. */
export const MyProfileSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    gender: z.enum(GENDERS),
    idNumber: z.string().meta({ description: '已脱敏' }),
    phone: z.string().nullable(),
    status: z.enum(MEMBER_STATUSES),
    category: z.enum(MEMBER_CATEGORIES),
    joinedOn: z.string().nullable(),
    fullMemberOn: z.string().nullable(),
    /** The day probation ends, for a probationary member. */
    probationEndsOn: z.string().nullable(),
    employer: z.string().nullable(),
    residence: z.string().nullable(),
    tags: z.array(z.string()),
    /** The branch (支部) holding the member's relationship, and the organisation above it. */
    branch: OrgRefSchema,
    parent: OrgRefSchema.nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MyProfile' });
export type MyProfile = z.infer<typeof MyProfileSchema>;

/**
 * What a member may change of their own profile: phone, residence and specialties (特长兴趣), with the limits
 * of the member profile everywhere (shared MEMBER_FIELDS). The phone may be changed, not removed: the branch
 * must be able to reach its member.
 */
export const UpdateMyProfileSchema = z
  .object({
    phone: PhoneSchema.optional(),
    residence: Text(MEMBER_FIELDS.residence.maxLength).nullish(),
    tags: z.array(Text(TAG_MAX_LENGTH).min(1, '标签不能为空')).max(MAX_TAGS, `最多${MAX_TAGS}个标签`).optional(),
    updatedAt: ExpectedUpdatedAtSchema,
  })
  .meta({ id: 'UpdateMyProfileRequest' });
export type UpdateMyProfile = z.infer<typeof UpdateMyProfileSchema>;
