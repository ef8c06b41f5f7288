import {
  ASSIGNEE_TYPES,
  CONTACT_PREFS,
  RATING_COMMENT_MAX,
  RATINGS,
  REQUEST_CATEGORIES,
  REQUEST_KINDS,
  REQUEST_NOTE_MAX,
  REQUEST_REASON_MAX,
  REQUEST_REASON_MIN,
  REQUEST_STATUSES,
  REQUEST_TEXT_MAX,
  REQUEST_TEXT_MIN,
} from '@gongjian/shared';
import { z } from 'zod';
import { IdSchema, PageQuerySchema, PhoneSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字`);
const Required = (max: number) => Text(max).min(1, '不能为空');
const Int = z.number().int();
const Flag = z
  .enum(['true', 'false'], { error: '应为true或false' })
  .optional()
  .transform((v) => v === 'true');

const RequestText = z
  .string()
  .trim()
  .min(REQUEST_TEXT_MIN, `至少${REQUEST_TEXT_MIN}个字，请说清楚需要什么帮助`)
  .max(REQUEST_TEXT_MAX, `最多${REQUEST_TEXT_MAX}个字`);
const Reason = z
  .string()
  .trim()
  .min(REQUEST_REASON_MIN, `至少${REQUEST_REASON_MIN}个字`)
  .max(REQUEST_REASON_MAX, `最多${REQUEST_REASON_MAX}个字`);
const Note = Text(REQUEST_NOTE_MAX);
const Category = z.enum(REQUEST_CATEGORIES, { error: '请选择类别' });
const Kind = z.enum(REQUEST_KINDS, { error: '应为诉求或微心愿' });
const ContactPref = z.enum(CONTACT_PREFS, { error: '请选择联系方式' });
const Password = z.string().min(1, '不能为空').max(128, '最多128个字符');

// Residents

export const PublicCommunitiesSchema = z
  .object({
    streets: z.array(
      z.object({ id: Int, name: z.string(), communities: z.array(z.object({ id: Int, name: z.string() })) }),
    ),
  })
  .meta({ id: 'PublicCommunities' });
export const PublicBuildingsSchema = z
  .object({ items: z.array(z.object({ id: Int, name: z.string() })) })
  .meta({ id: 'PublicBuildings' });

export const ResidentRegisterSchema = z
  .object({
    name: Required(30),
    phone: PhoneSchema,
    password: Password,
    communityId: IdSchema,
    buildingId: IdSchema.nullish(),
    addressDetail: Text(50).nullish(),
  })
  .meta({ id: 'ResidentRegister' });
export type ResidentRegister = z.infer<typeof ResidentRegisterSchema>;
export const ResidentRegisteredSchema = z.object({ username: z.string() }).meta({ id: 'ResidentRegistered' });

export const ResidentInputSchema = z
  .object({
    orgId: IdSchema,
    name: Required(30),
    phone: PhoneSchema.nullish(),
    buildingId: IdSchema.nullish(),
    addressDetail: Text(50).nullish(),
  })
  .meta({ id: 'ServiceResidentCreate' });
export type ResidentInput = z.infer<typeof ResidentInputSchema>;

export const ResidentSchema = z
  .object({
    id: Int,
    orgId: Int,
    orgName: z.string(),
    name: z.string(),
    phone: z.string().nullable().meta({ description: '脱敏；完整号码用 reveal（留痕）' }),
    buildingId: Int.nullable(),
    buildingName: z.string().nullable(),
    addressDetail: z.string().nullable(),
    hasAccount: z.boolean(),
    confirmedAt: z.string().nullable(),
    createdAt: z.string(),
    requests: Int,
  })
  .meta({ id: 'ServiceResident' });
export type Resident = z.infer<typeof ResidentSchema>;
export const ResidentListSchema = z
  .object({ items: z.array(ResidentSchema), total: Int, page: Int, pageSize: Int })
  .meta({ id: 'ServiceResidentList' });
export const ResidentQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  unconfirmed: Flag,
  q: Text(30).optional(),
});
export type ResidentQuery = z.infer<typeof ResidentQuerySchema>;

export const MyResidenceSchema = z
  .object({
    id: Int,
    name: z.string(),
    phone: z.string().nullable(),
    community: z.object({ id: Int, name: z.string() }),
    building: z.object({ id: Int, name: z.string() }).nullable(),
    addressDetail: z.string().nullable(),
    confirmed: z.boolean(),
    buildings: z.array(z.object({ id: Int, name: z.string() })),
  })
  .meta({ id: 'MyResidence' });

// Requests

export const RequestInputSchema = z
  .object({
    kind: Kind.default('request'),
    category: Category,
    text: RequestText,
    buildingId: IdSchema.nullish(),
    contactPref: ContactPref.default('phone'),
  })
  .meta({ id: 'RequestCreate' });
export type RequestInput = z.infer<typeof RequestInputSchema>;
export const StaffRequestInputSchema = RequestInputSchema.extend({ residentId: IdSchema }).meta({
  id: 'StaffRequestInput',
});
export type StaffRequestInput = z.infer<typeof StaffRequestInputSchema>;

const Person = z.object({ id: Int, name: z.string() });

export const RequestEventSchema = z
  .object({
    id: Int,
    at: z.string(),
    kind: z.string(),
    actorName: z.string().nullable().meta({ description: '经办人；居民看到的是“社区”“党员”等身份' }),
    note: z.string().nullable(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
  })
  .meta({ id: 'RequestEvent' });
export const RequestPhotoSchema = z
  .object({ id: Int, contentType: z.string(), size: Int, url: z.string() })
  .meta({ id: 'RequestPhoto' });

const Deadlines = {
  respondBy: z.string().nullable(),
  resolveBy: z.string().nullable(),
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
};

export const RequestSummarySchema = z
  .object({
    id: Int,
    orgId: Int,
    orgName: z.string(),
    kind: Kind,
    category: Category,
    text: z.string(),
    urgent: z.boolean(),
    status: z.enum(REQUEST_STATUSES),
    residentName: z.string(),
    residentConfirmed: z.boolean(),
    buildingName: z.string().nullable(),
    submittedAt: z.string(),
    ...Deadlines,
    assigneeType: z.enum(ASSIGNEE_TYPES).nullable(),
    assigneeName: z.string().nullable(),
    rating: z.enum(RATINGS).nullable(),
    reopened: z.boolean(),
    escalationLevel: Int,
  })
  .meta({ id: 'RequestSummary' });
export type RequestSummary = z.infer<typeof RequestSummarySchema>;
export const RequestListSchema = z
  .object({ items: z.array(RequestSummarySchema), total: Int, page: Int, pageSize: Int, now: z.string() })
  .meta({ id: 'RequestList' });
export const RequestQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  status: z.enum(REQUEST_STATUSES, { error: '状态不正确' }).optional(),
  kind: Kind.optional(),
  category: Category.optional(),
  overdue: Flag,
  q: Text(50).optional(),
});
export type RequestQuery = z.infer<typeof RequestQuerySchema>;

export const RequestDetailSchema = RequestSummarySchema.extend({
  contactPref: ContactPref,
  resident: z.object({
    id: Int,
    name: z.string(),
    phone: z.string().nullable().meta({ description: '脱敏' }),
    addressDetail: z.string().nullable(),
    confirmed: z.boolean(),
  }),
  buildingId: Int.nullable(),
  declineReason: z.string().nullable(),
  mergedInto: z.object({ id: Int, text: z.string(), status: z.enum(REQUEST_STATUSES) }).nullable(),
  doneNote: z.string().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  assigneeMemberId: Int.nullable(),
  assigneeTeamId: Int.nullable(),
  assigneeUnitId: Int.nullable(),
  claimedBy: Person.nullable(),
  enteredByStaff: z.boolean(),
  events: z.array(RequestEventSchema),
  photos: z.array(RequestPhotoSchema),
}).meta({ id: 'RequestDetail' });
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

export const DispatchOptionsSchema = z
  .object({
    duplicates: z.array(
      z.object({ id: Int, text: z.string(), status: z.enum(REQUEST_STATUSES), submittedAt: z.string() }),
    ),
    mergeTargets: z.array(
      z.object({ id: Int, text: z.string(), status: z.enum(REQUEST_STATUSES), submittedAt: z.string() }),
    ),
    gridMembers: z.array(Person),
    teams: z.array(Person),
    units: z.array(Person),
    byTag: z.array(Person.extend({ orgName: z.string(), tags: z.array(z.string()) })),
  })
  .meta({ id: 'RequestDispatchOptions' });
export const DispatchOptionsQuerySchema = z.object({ tag: Text(20).optional() });

export const MergeSchema = z.object({ intoId: IdSchema }).meta({ id: 'RequestMerge' });
export const DeclineSchema = z.object({ reason: Reason }).meta({ id: 'RequestDecline' });
export const DispatchSchema = z
  .object({
    assigneeType: z.enum(ASSIGNEE_TYPES, { error: '请选择派单对象' }),
    memberId: IdSchema.optional(),
    teamId: IdSchema.optional(),
    unitId: IdSchema.optional(),
    note: Note.optional(),
  })
  .meta({ id: 'RequestDispatch' });
export type Dispatch = z.infer<typeof DispatchSchema>;
export const NoteSchema = z.object({ note: Note.min(1, '不能为空') }).meta({ id: 'RequestNote' });
export const OptionalNoteSchema = z.object({ note: Note.optional() }).meta({ id: 'RequestOptionalNote' });
export const RateSchema = z
  .object({
    rating: z.enum(RATINGS, { error: '请选择满意、基本满意或不满意' }),
    comment: Text(RATING_COMMENT_MAX).optional(),
  })
  .meta({ id: 'RequestRate' });
export type Rate = z.infer<typeof RateSchema>;

const UploadSchema = z
  .any()
  .refine((v) => Buffer.isBuffer(v), '请选择照片')
  .meta({ type: 'string', format: 'binary' }) as unknown as z.ZodType<Buffer>;
export const PhotoUploadSchema = z.object({ file: UploadSchema });

// Members (self.serve)

export const WishSchema = z
  .object({
    id: Int,
    kind: Kind,
    category: Category,
    text: z.string(),
    status: z.enum(REQUEST_STATUSES),
    residentName: z.string().meta({ description: '认领前只显示姓氏（王**）' }),
    orgName: z.string(),
    submittedAt: z.string(),
    resolveBy: z.string().nullable(),
    mine: z.boolean(),
  })
  .meta({ id: 'ServeItem' });
export const WishListSchema = z.object({ items: z.array(WishSchema) }).meta({ id: 'ServeList' });
export const ServeDetailSchema = WishSchema.extend({
  contact: z
    .object({
      name: z.string(),
      phone: z.string().nullable(),
      building: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable()
    .meta({ description: '认领或被派单后才有' }),
  contactPref: ContactPref,
  doneNote: z.string().nullable(),
  events: z.array(RequestEventSchema),
  photos: z.array(RequestPhotoSchema),
}).meta({ id: 'ServeDetail' });

export const FulfilledSchema = z.object({ n: Int });
