import {
  ABSENCE_REASONS,
  ATTENDANCE_STATUSES,
  MEETING_ATTACHMENT_KINDS,
  MEETING_STATUSES,
  MEETING_TIME_PATTERN,
  MEETING_TYPES,
  RULE_FREQUENCIES,
  RULE_MAX_LEAD_DAYS,
  STANDINGS,
} from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, numberFromText, PageQuerySchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);
const Time = z.string().regex(MEETING_TIME_PATTERN, '时间格式应为HH:MM');
const MeetingTypeSchema = z.enum(MEETING_TYPES, { error: '不是有效的会议类型' });
const AbsenceReasonSchema = z.enum(ABSENCE_REASONS, { error: '应为病假、事假、公假或其他' });

export const AttendanceInSchema = z.object({
  memberId: IdSchema,
  status: z.enum(ATTENDANCE_STATUSES, { error: '应为present（出席）或absent（缺席）' }).nullable(),
  absenceReason: AbsenceReasonSchema.nullish(),
  absenceNote: Text(200).nullish(),
  /** 其他: the branch judged the reason 正当 (党章 §9). Ignored for 病假/事假/公假, justified by their kind. */
  absenceJustified: z.boolean({ error: '应为true或false' }).optional(),
});
export type AttendanceIn = z.infer<typeof AttendanceInSchema>;

export const VoteSchema = z.object({
  subject: Text(200).min(1, '不能为空'),
  result: Text(200).min(1, '不能为空'),
});

/** The fields of a meeting a form edits; `attendance` marks some or all of the expected attendees. */
const MeetingFields = {
  heldOn: DateSchema,
  startTime: Time,
  endTime: Time.nullish(),
  place: Text(100).nullish(),
  online: z.boolean().default(false),
  hostMemberId: IdSchema.nullish(),
  hostName: Text(50).nullish(),
  topic: Text(200).min(1, '不能为空'),
  minutes: Text(20_000).nullish(),
  decisions: Text(5_000).nullish(),
  votes: z.array(VoteSchema).max(50, '最多50项').default([]),
  guests: Text(500).nullish(),
  attendance: z.array(AttendanceInSchema).max(2_000, '最多2000人').default([]),
};

export const CreateMeetingSchema = z
  .object({ orgId: IdSchema, type: MeetingTypeSchema, ...MeetingFields })
  .meta({ id: 'CreateMeetingRequest' });
export type CreateMeeting = z.infer<typeof CreateMeetingSchema>;

export const UpdateMeetingSchema = z.object({ ...MeetingFields }).meta({ id: 'UpdateMeetingRequest' });
export type UpdateMeeting = z.infer<typeof UpdateMeetingSchema>;

export const CorrectMeetingSchema = z
  .object({ reason: Text(500).min(1, '不能为空'), ...MeetingFields })
  .meta({ id: 'CorrectMeetingRequest' });
export type CorrectMeeting = z.infer<typeof CorrectMeetingSchema>;

export const MeetingListQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  type: MeetingTypeSchema.optional(),
  status: z.enum(MEETING_STATUSES, { error: '应为draft或final' }).optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;
export const MeetingExportQuerySchema = MeetingListQuerySchema.omit({ page: true, pageSize: true });

export const MeetingSummarySchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    type: z.enum(MEETING_TYPES),
    status: z.enum(MEETING_STATUSES),
    heldOn: z.string(),
    startTime: z.string(),
    endTime: z.string().nullable(),
    place: z.string().nullable(),
    online: z.boolean(),
    hostName: z.string().nullable(),
    topic: z.string(),
    expectedCount: z.number().int(),
    presentCount: z.number().int(),
    leaveCount: z.number().int().meta({ description: '会前请假（本人告知不能参加）的人数' }),
    quorate: z.boolean().nullable(),
    revision: z.number().int(),
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const MeetingListSchema = z
  .object({
    items: z.array(MeetingSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'MeetingList' });

export const AttendeeSchema = z
  .object({
    memberId: z.number().int(),
    name: z.string(),
    voting: z.boolean().meta({ description: '正式党员（有表决权）' }),
    status: z.enum(ATTENDANCE_STATUSES).nullable(),
    absenceReason: z.enum(ABSENCE_REASONS).nullable(),
    absenceNote: z.string().nullable(),
    absenceJustified: z.boolean().meta({ description: '缺席有正当理由（病假、事假、公假，或支部认定正当的其他原因）' }),
    leaveReason: z.enum(ABSENCE_REASONS).nullable().meta({ description: '会前本人请假的原因' }),
    leaveNote: z.string().nullable(),
    leaveAt: z.string().nullable(),
  })
  .meta({ id: 'MeetingAttendee' });
export type Attendee = z.infer<typeof AttendeeSchema>;

export const CorrectionSchema = z
  .object({
    id: z.number().int(),
    revision: z.number().int(),
    reason: z.string(),
    correctedBy: z.string().nullable(),
    createdAt: z.string(),
    before: z.object({ topic: z.string(), heldOn: z.string(), presentCount: z.number().int() }).meta({
      description: '更正前记录的要点（完整的更正前记录在审计日志与更正表中）',
    }),
  })
  .meta({ id: 'MeetingCorrection' });

export const MeetingAttachmentSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(MEETING_ATTACHMENT_KINDS),
    contentType: z.string(),
    size: z.number().int(),
    fileName: z.string(),
    addedAfterFinal: z.boolean().meta({ description: '定稿后补充（更正）' }),
    createdAt: z.string(),
  })
  .meta({ id: 'MeetingAttachment' });
export type MeetingAttachment = z.infer<typeof MeetingAttachmentSchema>;
export const MeetingAttachmentListSchema = z
  .object({ items: z.array(MeetingAttachmentSchema) })
  .meta({ id: 'MeetingAttachmentList' });

const UploadSchema = z
  .any()
  .refine((v) => Buffer.isBuffer(v), '请选择文件')
  .meta({ type: 'string', format: 'binary' }) as unknown as z.ZodType<Buffer>;

/** A multipart form: the file, what it is, and its name as the user's device had it (the form sends it apart). */
export const AttachmentUploadSchema = z.object({
  file: UploadSchema,
  kind: z.enum(MEETING_ATTACHMENT_KINDS, { error: '应为签到表、课件、会议照片或其他材料' }),
  name: Text(200).optional(),
});
export const AttachmentParamsSchema = z.object({ id: IdSchema, attachmentId: IdSchema });

export const MeetingSchema = MeetingSummarySchema.extend({
  hostMemberId: z.number().int().nullable(),
  minutes: z.string().nullable(),
  decisions: z.string().nullable(),
  votes: z.array(z.object({ subject: z.string(), result: z.string() })),
  guests: z.string().nullable(),
  votingExpected: z.number().int(),
  votingPresent: z.number().int(),
  quorumNeeded: z.number().int().nullable().meta({ description: '党员大会：表决所需的最少到会正式党员数' }),
  finalisedAt: z.string().nullable(),
  attendees: z.array(AttendeeSchema),
  corrections: z.array(CorrectionSchema),
  attachments: z.array(MeetingAttachmentSchema),
}).meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof MeetingSchema>;

export const ExpectedQuerySchema = z.object({ orgId: IdSchema, type: MeetingTypeSchema });
export const ExpectedListSchema = z
  .object({
    items: z.array(z.object({ memberId: z.number().int(), name: z.string(), voting: z.boolean() })),
  })
  .meta({ id: 'MeetingExpectedList' });

export const StandingsQuerySchema = z.object({
  orgId: IdSchema.optional(),
  atRiskOnly: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type StandingsQuery = z.infer<typeof StandingsQuerySchema>;
export const StandingsExportQuerySchema = StandingsQuerySchema;

export const TypeStandingSchema = z.object({
  type: z.enum(MEETING_TYPES),
  status: z.enum(STANDINGS),
  period: z.string(),
  periodLabel: z.string(),
  deadline: z.string(),
  daysLeft: z.number().int(),
  held: z.number().int(),
});

export const BranchStandingSchema = z
  .object({
    orgId: z.number().int(),
    orgName: z.string(),
    parentName: z.string().nullable(),
    status: z.enum(STANDINGS),
    standings: z.array(TypeStandingSchema),
  })
  .meta({ id: 'BranchStanding' });
export type BranchStanding = z.infer<typeof BranchStandingSchema>;

export const StandingsSchema = z
  .object({
    today: z.string(),
    branches: z.number().int(),
    atRisk: z.number().int(),
    due: z.number().int(),
    done: z.number().int(),
    items: z.array(BranchStandingSchema),
  })
  .meta({ id: 'OrgLifeStandings' });

export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
export const FiguresQuerySchema = z.object({
  orgId: IdSchema.optional(),
  period: z.string().regex(PERIOD_PATTERN, '应为年份（2026）、季度（2026-Q4）或月份（2026-12）').optional(),
});
export type FiguresQuery = z.infer<typeof FiguresQuerySchema>;

const FigureRowSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  branches: z.number().int().meta({ description: '子树中的党支部数' }),
  byType: z.array(
    z.object({
      type: z.enum(MEETING_TYPES),
      held: z.number().int().meta({ description: '已定稿的会议数' }),
      branchesDone: z.number().int().meta({ description: '本期开过该类会议的党支部数' }),
      required: z.boolean().meta({ description: '本期要求开展（按默认规则）' }),
    }),
  ),
  expected: z.number().int(),
  present: z.number().int(),
  attendanceRate: z.number().nullable().meta({ description: '出席率（0–1），无应到人员时为空' }),
});
export const FiguresSchema = FigureRowSchema.extend({
  period: z.string(),
  periodLabel: z.string(),
  children: z.array(FigureRowSchema),
}).meta({ id: 'OrgLifeFigures' });
export type Figures = z.infer<typeof FiguresSchema>;

export const PrintQuerySchema = z.object({
  orgId: IdSchema,
  year: numberFromText(
    z.number({ error: '应为数字' }).int('应为整数').min(2000, '不早于2000年').max(2100, '不晚于2100年'),
  ),
});

export const RulesQuerySchema = z.object({ orgId: IdSchema.optional() });
export const RuleOverrideSchema = z.object({
  type: MeetingTypeSchema,
  frequency: z.enum(RULE_FREQUENCIES, { error: '不是有效的频次' }),
  leadDays: numberFromText(
    z
      .number({ error: '应为数字' })
      .int('应为整数')
      .min(1, '最小为1')
      .max(RULE_MAX_LEAD_DAYS, `最大为${RULE_MAX_LEAD_DAYS}`),
  ),
});
export const SetRulesSchema = z
  .object({ orgId: IdSchema, overrides: z.array(RuleOverrideSchema).max(20, '最多20项') })
  .meta({ id: 'SetOrgLifeRulesRequest' });
export type SetRules = z.infer<typeof SetRulesSchema>;
export const RulesSchema = z
  .object({
    orgId: z.number().int(),
    orgName: z.string(),
    /** This organisation's own overrides. */
    overrides: z.array(RuleOverrideSchema.extend({ leadDays: z.number().int() })),
    /** What holds here: the defaults with the nearest overrides up the path. */
    effective: z.array(
      z.object({
        type: z.enum(MEETING_TYPES),
        frequency: z.enum(RULE_FREQUENCIES),
        leadDays: z.number().int(),
        appliesTo: z.enum(['all', 'with_committee', 'with_groups']),
        source: z.string().meta({ description: '规则来源：默认或设置该规则的组织名称' }),
      }),
    ),
    canSet: z.boolean().meta({ description: '本组织可设置本地规则（市、县区、街道）' }),
  })
  .meta({ id: 'OrgLifeRules' });

export const LeaveSchema = z
  .object({ reason: AbsenceReasonSchema, note: Text(200).nullish() })
  .meta({ id: 'MeetingLeaveRequest' });

export const MyMeetingSchema = z
  .object({
    id: z.number().int(),
    orgName: z.string(),
    type: z.enum(MEETING_TYPES),
    status: z.enum(MEETING_STATUSES),
    heldOn: z.string(),
    startTime: z.string(),
    endTime: z.string().nullable(),
    place: z.string().nullable(),
    online: z.boolean(),
    topic: z.string(),
    attendance: z.enum(ATTENDANCE_STATUSES).nullable(),
    absenceReason: z.enum(ABSENCE_REASONS).nullable(),
    leaveReason: z.enum(ABSENCE_REASONS).nullable(),
    leaveNote: z.string().nullable(),
  })
  .meta({ id: 'MyMeeting' });
export type MyMeeting = z.infer<typeof MyMeetingSchema>;
export const MyMeetingListSchema = z
  .object({ items: z.array(MyMeetingSchema), total: z.number().int() })
  .meta({ id: 'MyMeetingList' });
export const MyMeetingsQuerySchema = PageQuerySchema.extend({
  when: z.enum(['upcoming', 'past'], { error: '应为upcoming或past' }).default('past'),
});
