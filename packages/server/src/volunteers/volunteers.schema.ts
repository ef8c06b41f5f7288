import {
  ACTIVITY_MAX_CAPACITY,
  ACTIVITY_PHASES,
  ACTIVITY_TYPES,
  MAX_TAGS,
  RECORD_SOURCES,
  RECORD_STATUSES,
  SIGNUP_STATUSES,
  TAG_MAX_LENGTH,
} from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, numberFromText, PageQuerySchema, PhoneSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);
const Required = (max: number) => Text(max).min(1, '不能为空');
const Tags = z.array(Required(TAG_MAX_LENGTH)).max(MAX_TAGS, `最多${MAX_TAGS}项`);
/** An instant with its offset: `2026-12-10T09:00:00+08:00`. */
const Instant = z.iso.datetime({ offset: true, error: '应为带时区的时间，如2026-12-10T09:00:00+08:00' });
const Hours = numberFromText(z.number({ error: '应为数字' }).positive('应大于0').max(9999, '过大'));
const Flag = z
  .enum(['true', 'false'], { error: '应为true或false' })
  .optional()
  .transform((v) => v === 'true');
const Int = z.number().int();
const Page = { total: Int, page: Int, pageSize: Int };

// Resident volunteers

const ResidentFields = {
  name: Required(30),
  phone: PhoneSchema.nullish(),
  address: Text(100).nullish(),
  tags: Tags,
};
export const ResidentInputSchema = z
  .object({ orgId: IdSchema, ...ResidentFields, tags: Tags.default([]) })
  .meta({ id: 'VolunteerResidentRequest' });
export type ResidentInput = z.infer<typeof ResidentInputSchema>;
export const ResidentPatchSchema = z
  .object({ ...ResidentFields, ended: z.boolean() })
  .partial()
  .meta({ id: 'VolunteerResidentPatch' });
export type ResidentPatch = z.infer<typeof ResidentPatchSchema>;

export const ResidentSchema = z
  .object({
    id: Int,
    orgId: Int,
    orgName: z.string(),
    name: z.string(),
    phone: z.string().nullable().meta({ description: '无 member.sensitive 时脱敏' }),
    address: z.string().nullable(),
    tags: z.array(z.string()),
    endedOn: z.string().nullable(),
    hoursThisYear: z.number(),
    hoursTotal: z.number(),
  })
  .meta({ id: 'VolunteerResident' });
export const ResidentQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  q: Text(30).optional(),
  includeEnded: Flag,
});
export type ResidentQuery = z.infer<typeof ResidentQuerySchema>;
export const ResidentExportQuerySchema = ResidentQuerySchema.omit({ page: true, pageSize: true });
export const ResidentListSchema = z
  .object({ items: z.array(ResidentSchema), ...Page })
  .meta({ id: 'VolunteerResidentList' });

// Teams

const TeamFields = { name: Required(40), area: Text(60).nullish(), description: Text(300).nullish() };
export const TeamInputSchema = z.object({ orgId: IdSchema, ...TeamFields }).meta({ id: 'VolunteerTeamRequest' });
export type TeamInput = z.infer<typeof TeamInputSchema>;
export const TeamPatchSchema = z
  .object({ ...TeamFields, dissolved: z.boolean() })
  .partial()
  .meta({ id: 'VolunteerTeamPatch' });
export type TeamPatch = z.infer<typeof TeamPatchSchema>;
export const TeamSchema = z
  .object({
    id: Int,
    orgId: Int,
    orgName: z.string(),
    name: z.string(),
    area: z.string().nullable(),
    description: z.string().nullable(),
    dissolvedOn: z.string().nullable(),
    leaderName: z.string().nullable(),
    size: Int,
  })
  .meta({ id: 'VolunteerTeam' });
export const TeamQuerySchema = z.object({ orgId: IdSchema.optional(), includeDissolved: Flag });
export type TeamQuery = z.infer<typeof TeamQuerySchema>;
export const TeamListSchema = z.object({ items: z.array(TeamSchema) }).meta({ id: 'VolunteerTeamList' });
export const TeamMemberInputSchema = z
  .object({
    memberId: IdSchema.optional(),
    residentId: IdSchema.optional(),
    leader: z.boolean().default(false),
    area: Text(60).nullish(),
  })
  .meta({ id: 'VolunteerTeamMemberRequest' });
export type TeamMemberInput = z.infer<typeof TeamMemberInputSchema>;
export const TeamMemberPatchSchema = z
  .object({ leader: z.boolean().optional(), area: Text(60).nullish() })
  .meta({ id: 'VolunteerTeamMemberPatch' });
export type TeamMemberPatch = z.infer<typeof TeamMemberPatchSchema>;
const PersonFields = {
  memberId: Int.nullable(),
  residentId: Int.nullable(),
  name: z.string(),
  orgName: z.string().meta({ description: '党员所在组织或登记居民志愿者的社区' }),
};
export const TeamMemberSchema = z
  .object({ id: Int, ...PersonFields, leader: z.boolean(), area: z.string().nullable() })
  .meta({ id: 'VolunteerTeamMember' });
export const TeamDetailSchema = TeamSchema.extend({ members: z.array(TeamMemberSchema) }).meta({
  id: 'VolunteerTeamDetail',
});

// Activities

const ActivityFields = {
  orgId: IdSchema,
  teamId: IdSchema.nullish(),
  title: Required(60),
  type: z.enum(ACTIVITY_TYPES, { error: '不是有效的活动类型' }),
  description: Text(1000).nullish(),
  place: Required(100),
  startsAt: Instant,
  endsAt: Instant,
  signupDeadline: Instant,
  capacity: numberFromText(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '最小为1').max(ACTIVITY_MAX_CAPACITY, '过大'),
  ).nullish(),
  tags: Tags.default([]),
  cohostOrgId: IdSchema.nullish(),
};
export const ActivityInputSchema = z
  .object({ ...ActivityFields, publish: z.boolean().default(false) })
  .meta({ id: 'VolunteerActivityRequest' });
export type ActivityInput = z.infer<typeof ActivityInputSchema>;
const { orgId: _orgId, ...ActivityPatchFields } = ActivityFields;
export const ActivityPatchSchema = z
  .object({ ...ActivityPatchFields, tags: Tags })
  .partial()
  .meta({ id: 'VolunteerActivityPatch' });
export type ActivityPatch = z.infer<typeof ActivityPatchSchema>;
export const CancelActivitySchema = z.object({ reason: Required(200) }).meta({ id: 'VolunteerCancelActivity' });

export const ActivitySchema = z
  .object({
    id: Int,
    orgId: Int,
    orgName: z.string(),
    teamId: Int.nullable(),
    teamName: z.string().nullable(),
    title: z.string(),
    type: z.enum(ACTIVITY_TYPES),
    description: z.string().nullable(),
    place: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    signupDeadline: z.string(),
    capacity: Int.nullable(),
    signedUp: Int,
    waiting: Int,
    tags: z.array(z.string()),
    cohostOrgId: Int.nullable(),
    cohostOrgName: z.string().nullable(),
    status: z.enum(['draft', 'published', 'cancelled', 'confirmed']),
    phase: z.enum(ACTIVITY_PHASES),
    cancelReason: z.string().nullable(),
    lengthHours: z.number(),
  })
  .meta({ id: 'VolunteerActivity' });
export const ActivityQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  type: z.enum(ACTIVITY_TYPES, { error: '不是有效的活动类型' }).optional(),
  q: Text(30).optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuerySchema>;
export const ActivityExportQuerySchema = ActivityQuerySchema.omit({ page: true, pageSize: true });
export const ActivityListSchema = z
  .object({ items: z.array(ActivitySchema), ...Page })
  .meta({ id: 'VolunteerActivityList' });

export const SignupSchema = z
  .object({
    id: Int,
    ...PersonFields,
    status: z.enum(SIGNUP_STATUSES),
    addedByOrganiser: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'VolunteerSignup' });
export const AddSignupSchema = z
  .object({ memberId: IdSchema.optional(), residentId: IdSchema.optional() })
  .meta({ id: 'VolunteerAddSignup' });
export type AddSignup = z.infer<typeof AddSignupSchema>;

export const AttendanceSchema = z
  .object({
    entries: z
      .array(
        z.object({
          memberId: IdSchema.optional(),
          residentId: IdSchema.optional(),
          hours: Hours,
          reason: Text(200).nullish(),
        }),
      )
      .max(5000, '过多'),
  })
  .meta({ id: 'VolunteerAttendance' });
export type Attendance = z.infer<typeof AttendanceSchema>;

// Records

export const RecordSchema = z
  .object({
    id: Int,
    ...PersonFields,
    recordOrgId: Int,
    recordOrgName: z.string(),
    activityId: Int.nullable(),
    activityTitle: z.string().nullable(),
    source: z.enum(RECORD_SOURCES),
    servedOn: z.string(),
    hours: z.number(),
    content: z.string().nullable(),
    witness: z.string().nullable(),
    reason: z.string().nullable(),
    status: z.enum(RECORD_STATUSES),
    correctsId: Int.nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'VolunteerRecord' });
export const ActivityDetailSchema = ActivitySchema.extend({
  signups: z.array(SignupSchema),
  records: z.array(RecordSchema),
}).meta({ id: 'VolunteerActivityDetail' });
export const RecordQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  status: z.enum(RECORD_STATUSES, { error: '不是有效的状态' }).optional(),
  source: z.enum(RECORD_SOURCES, { error: '不是有效的来源' }).optional(),
});
export type RecordQuery = z.infer<typeof RecordQuerySchema>;
export const RecordExportQuerySchema = RecordQuerySchema.omit({ page: true, pageSize: true });
export const RecordListSchema = z.object({ items: z.array(RecordSchema), ...Page }).meta({ id: 'VolunteerRecordList' });
export const RejectRecordSchema = z.object({ note: Required(200) }).meta({ id: 'VolunteerRejectRecord' });
export const CorrectRecordSchema = z
  .object({ hours: Hours, reason: Required(200) })
  .meta({ id: 'VolunteerCorrectRecord' });
export type CorrectRecord = z.infer<typeof CorrectRecordSchema>;

export const SelfReportSchema = z
  .object({
    servedOn: DateSchema,
    hours: Hours,
    content: Required(300),
    witness: Required(60),
    /** Who confirms it: the member's own organisation, or the community they registered with (双报到). */
    confirmBy: z.enum(['own', 'community'], { error: '应为own或community' }).default('own'),
  })
  .meta({ id: 'VolunteerSelfReport' });
export type SelfReport = z.infer<typeof SelfReportSchema>;

// Files and the certificate

export const FileSchema = z
  .object({
    memberId: Int.nullable(),
    residentId: Int.nullable(),
    name: z.string(),
    orgName: z.string(),
    phone: z.string().nullable(),
    tags: z.array(z.string()),
    hoursThisYear: z.number(),
    hoursTotal: z.number(),
    activitiesThisYear: Int,
    /** Requests and micro-wishes of residents the member finished (dispatched to or claimed by them); 0 for a resident. */
    requestsThisYear: Int,
    requestsTotal: Int,
    teams: z.array(z.object({ id: Int, name: z.string(), leader: z.boolean(), area: z.string().nullable() })),
    records: z.array(RecordSchema),
  })
  .meta({ id: 'VolunteerFile' });
export const PeriodQuerySchema = z.object({ from: DateSchema, to: DateSchema });
export type PeriodQuery = z.infer<typeof PeriodQuerySchema>;

// The member's own

export const MyActivitySchema = ActivitySchema.extend({
  mySignup: z.enum(SIGNUP_STATUSES).nullable(),
  myPosition: Int.nullable().meta({ description: '候补第几位' }),
}).meta({ id: 'MyVolunteerActivity' });
export const MyActivitiesQuerySchema = z.object({
  view: z.enum(['open', 'mine'], { error: '应为open或mine' }).default('open'),
});
export const MyActivityListSchema = z
  .object({ items: z.array(MyActivitySchema) })
  .meta({ id: 'MyVolunteerActivities' });
export const MySignupResultSchema = z
  .object({ status: z.enum(SIGNUP_STATUSES), position: Int.nullable() })
  .meta({ id: 'MyVolunteerSignup' });
