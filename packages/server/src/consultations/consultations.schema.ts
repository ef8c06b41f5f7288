import { CONSULTATION_MATTERS, CONSULTATION_STATUSES, OPINIONS } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdNumberSchema, IdSchema, PageQuerySchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多${max}个字符`);

export const ConsultationInputSchema = z
  .object({
    unitId: IdSchema,
    matterKind: z.enum(CONSULTATION_MATTERS, { error: '请选择事项类型' }),
    matter: Text(500),
    /** A member registered with the community (双报到), from the candidates. */
    memberId: IdSchema.optional(),
    /** Or the person by ID number (with the name), when not among them. */
    idNumber: IdNumberSchema.optional(),
    personName: z.string().trim().min(1, '不能为空').max(20, '最多20个字符').optional(),
    deadline: DateSchema,
  })
  .meta({ id: 'ConsultationRequest' });
export type ConsultationInput = z.infer<typeof ConsultationInputSchema>;

export const OpinionSchema = z
  .object({ opinion: z.enum(OPINIONS, { error: '请选择意见' }), reason: Text(1000) })
  .meta({ id: 'ConsultationOpinion' });
export const OverrideSchema = z
  .object({ overrideBy: Text(50), overrideDocNo: Text(50), overrideOn: DateSchema })
  .meta({ id: 'ConsultationOverride' });
export const OutcomeSchema = z
  .object({
    outcome: z.enum(['done', 'withdrawn'], { error: '应为办结或撤回' }),
    note: z.string().trim().max(500, '最多500个字符').nullish(),
  })
  .meta({ id: 'ConsultationOutcome' });

export const ConsultationSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    unitName: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    matterKind: z.enum(CONSULTATION_MATTERS),
    matter: z.string(),
    memberId: z.number().int().nullable(),
    personName: z.string(),
    idNumber: z.string().nullable().meta({ description: '已脱敏' }),
    deadline: z.string(),
    status: z.enum(CONSULTATION_STATUSES),
    overdue: z.boolean(),
    opinion: z.enum(OPINIONS).nullable(),
    opinionReason: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredOnTime: z.boolean().nullable(),
    answeredByName: z.string().nullable(),
    overrideBy: z.string().nullable(),
    overrideDocNo: z.string().nullable(),
    overrideOn: z.string().nullable(),
    outcomeNote: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    createdByName: z.string(),
    /** The community may give its opinion now. */
    mayAnswer: z.boolean(),
    /** The unit's side may record the outcome, an override, or withdraw. */
    mayClose: z.boolean(),
    /** Why the matter may not be recorded as done yet (null: it may). */
    blockedReason: z.string().nullable(),
  })
  .meta({ id: 'Consultation' });

export const ConsultationRecordsSchema = z
  .object({
    registrations: z.array(
      z.object({
        communityId: z.number().int(),
        communityName: z.string(),
        registeredOn: z.string(),
        endedOn: z.string().nullable(),
      }),
    ),
    confirmedHours: z.number().meta({ description: '已确认的志愿服务时长（小时）' }),
    confirmedRecords: z.number().int(),
    requestsFulfilled: z.number().int().nullable(),
    requestsNote: z.string().nullable(),
  })
  .meta({ id: 'ConsultationRecords' });

export const ConsultationDetailSchema = ConsultationSchema.extend({
  /** The person's records beside the form (null: a person the platform has no member record of). */
  records: ConsultationRecordsSchema.nullable(),
}).meta({ id: 'ConsultationDetail' });

export const ConsultationListQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  unitId: IdSchema.optional(),
  status: z.enum(CONSULTATION_STATUSES, { error: '状态不正确' }).optional(),
});
export type ConsultationListQuery = z.infer<typeof ConsultationListQuerySchema>;
export const ConsultationExportQuerySchema = ConsultationListQuerySchema.omit({ page: true, pageSize: true });

export const ConsultationListSchema = z
  .object({
    items: z.array(ConsultationSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ConsultationList' });

export const CandidatesQuerySchema = z.object({ unitId: IdSchema });
export const CandidatesSchema = z
  .object({
    items: z.array(
      z.object({
        memberId: z.number().int(),
        name: z.string(),
        orgName: z.string(),
        communityName: z.string(),
        registeredOn: z.string(),
      }),
    ),
  })
  .meta({ id: 'ConsultationCandidates' });

export const RevealSchema = z.object({ idNumber: z.string().nullable() }).meta({ id: 'ConsultationReveal' });

export const FiguresQuerySchema = z.object({
  orgId: IdSchema.optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, '应为四位年份')
    .optional(),
});
export const ConsultationFiguresSchema = z
  .object({
    year: z.string(),
    rows: z.array(
      z.object({
        orgId: z.number().int(),
        orgName: z.string(),
        asked: z.number().int(),
        answered: z.number().int(),
        answeredOnTime: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ConsultationFigures' });
