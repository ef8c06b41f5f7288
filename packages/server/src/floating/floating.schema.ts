import { z } from 'zod';
import { DateSchema, IdSchema, PageQuerySchema } from '../http/common.schema.js';
import { IdNumberSchema, PhoneSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);

const Common = {
  place: Text(100).min(1, '不能为空'),
  otherOrgName: Text(100).nullish(),
  contact: Text(100).nullish(),
  certificateNo: Text(50).nullish(),
  fixedPlace: z.boolean().default(true),
  since: DateSchema,
};

export const CreateFloatingSchema = z
  .discriminatedUnion(
    'direction',
    [
      z.object({ direction: z.literal('out'), memberId: IdSchema, ...Common }),
      z.object({
        direction: z.literal('in'),
        orgId: IdSchema,
        name: Text(50).min(1, '不能为空'),
        idNumber: IdNumberSchema.nullish(),
        phone: PhoneSchema.nullish(),
        ...Common,
      }),
    ],
    { error: '应为out（流出）或in（流入）' },
  )
  .meta({ id: 'CreateFloatingRequest' });
export type CreateFloating = z.infer<typeof CreateFloatingSchema>;

export const UnregisteredQuerySchema = PageQuerySchema.extend({ orgId: IdSchema.optional() });
export type UnregisteredQuery = z.infer<typeof UnregisteredQuerySchema>;

/** A member the roster calls 流动党员 with no open outflow record: where they went is not on record (流向未登记). */
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
  .meta({ id: 'FloatingUnregisteredList' });

export const FloatingListQuerySchema = PageQuerySchema.extend({
  direction: z.enum(['out', 'in'], { error: '应为out或in' }),
  orgId: IdSchema.optional(),
  /** transfer: away six months or more at a fixed place; unreported: away since before this year, no report-in this year. */
  due: z.enum(['transfer', 'unreported'], { error: '应为transfer或unreported' }).optional(),
  includeEnded: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type FloatingListQuery = z.infer<typeof FloatingListQuerySchema>;
export const FloatingExportQuerySchema = FloatingListQuerySchema.omit({ page: true, pageSize: true });

export const FloatingSchema = z
  .object({
    id: z.number().int(),
    direction: z.enum(['out', 'in']),
    memberId: z.number().int().nullable(),
    name: z.string(),
    idNumber: z.string().nullable().meta({ description: '已脱敏' }),
    phone: z.string().nullable().meta({ description: '已脱敏' }),
    orgId: z.number().int(),
    orgName: z.string(),
    place: z.string(),
    otherOrgName: z.string().nullable(),
    contact: z.string().nullable(),
    certificateNo: z.string().nullable(),
    fixedPlace: z.boolean(),
    since: z.string(),
    endedOn: z.string().nullable(),
    lastReportedOn: z.string().nullable(),
    /** Away six months or more at a fixed place: the relationship should be transferred. */
    shouldTransfer: z.boolean(),
    reportedThisYear: z.boolean(),
    /** Away since before this year, open, and no report this year: the yearly report is due (the list's 今年未报告). */
    reportDue: z.boolean(),
  })
  .meta({ id: 'FloatingMember' });
export type Floating = z.infer<typeof FloatingSchema>;

export const FloatingListSchema = z
  .object({
    items: z.array(FloatingSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'FloatingList' });

export const ReportInSchema = z.object({ reportedOn: DateSchema }).meta({ id: 'FloatingReportRequest' });
export const EndFloatingSchema = z.object({ endedOn: DateSchema }).meta({ id: 'EndFloatingRequest' });
