import { APPRAISAL_GRADES, APPRAISAL_MEASURES, APPRAISAL_STAGES } from '@gongjian/shared';
import { z } from 'zod';
import { IdSchema, numberFromText } from '../http/common.schema.js';

const YearSchema = numberFromText(
  z.number({ error: '应为数字' }).int('应为整数').min(2000, '应在2000至2100之间').max(2100, '应在2000至2100之间'),
);
const Text = z.string().trim().max(2000, '最多2000个字符');

export const AppraisalCreateSchema = z
  .object({ orgId: IdSchema, year: YearSchema })
  .meta({ id: 'AppraisalCreateRequest' });

export const AppraisalListQuerySchema = z.object({ orgId: IdSchema.optional(), year: YearSchema.optional() });

export const EntryParamsSchema = z.object({ id: IdSchema, entryId: IdSchema });

export const EntryUpdateSchema = z
  .object({
    selfText: Text.nullish(),
    mutualText: Text.nullish(),
    grade: z.enum(APPRAISAL_GRADES, { error: '应为excellent、qualified、basic或unqualified' }).nullish(),
    measure: z
      .enum(APPRAISAL_MEASURES, { error: '应为correct（限期改正）、persuade（劝退）或expel（除名）' })
      .nullish(),
  })
  .meta({ id: 'AppraisalEntryRequest' });
export type EntryUpdate = z.infer<typeof EntryUpdateSchema>;

export const AppraisalEntrySchema = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    name: z.string(),
    probationary: z.boolean(),
    selfText: z.string().nullable(),
    mutualText: z.string().nullable(),
    grade: z.enum(APPRAISAL_GRADES).nullable(),
    measure: z.enum(APPRAISAL_MEASURES).nullable(),
  })
  .meta({ id: 'AppraisalEntry' });

export const AppraisalSummarySchema = z
  .object({
    id: z.number().int(),
    orgId: z.number().int(),
    orgName: z.string(),
    year: z.number().int(),
    stage: z.enum(APPRAISAL_STAGES),
    closedOn: z.string().nullable(),
    members: z.number().int(),
    /** Full members: those to be graded. */
    toGrade: z.number().int(),
    graded: z.number().int(),
    excellent: z.number().int(),
  })
  .meta({ id: 'AppraisalSummary' });
export type AppraisalSummary = z.infer<typeof AppraisalSummarySchema>;

export const AppraisalSchema = AppraisalSummarySchema.extend({
  /** The most 优秀 allowed (a third of those to be graded). */
  excellentCap: z.number().int(),
  entries: z.array(AppraisalEntrySchema),
}).meta({ id: 'Appraisal' });
export type Appraisal = z.infer<typeof AppraisalSchema>;

export const AppraisalListSchema = z.object({ items: z.array(AppraisalSummarySchema) }).meta({ id: 'AppraisalList' });

export const AppraisalFiguresSchema = z
  .object({
    orgId: z.number().int(),
    orgName: z.string(),
    year: z.number().int(),
    grades: z.object({
      excellent: z.number().int(),
      qualified: z.number().int(),
      basic: z.number().int(),
      unqualified: z.number().int(),
      ungraded: z.number().int(),
    }),
  })
  .meta({ id: 'AppraisalFigures' });

export const MemberAppraisalsSchema = z
  .object({
    items: z.array(
      z.object({
        year: z.number().int(),
        orgName: z.string(),
        stage: z.enum(APPRAISAL_STAGES),
        probationary: z.boolean(),
        grade: z.enum(APPRAISAL_GRADES).nullable(),
        measure: z.enum(APPRAISAL_MEASURES).nullable(),
      }),
    ),
  })
  .meta({ id: 'MemberAppraisals' });
