import { DUES_KINDS, DUES_PAYMENT_METHODS, LAPSED_REASONS } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, numberFromText, PageQuerySchema } from '../http/common.schema.js';

/** A month as `YYYY-MM`. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');
const YearSchema = numberFromText(
  z.number({ error: '应为数字' }).int('应为整数').min(2000, '应在2000至2100之间').max(2100, '应在2000至2100之间'),
);
/** An amount in fen (分): a whole number, at most ten million yuan. */
const FenSchema = z
  .number({ error: '应为数字（分）' })
  .int('应为整数（分）')
  .min(0, '不能为负')
  .max(1_000_000_000, '数值过大');

export const DuesBaseInSchema = z
  .object({
    memberId: IdSchema,
    year: YearSchema,
    kind: z.enum(DUES_KINDS, { error: '应为employed、retired、student、unemployed或low_income' }),
    /** Income after tax (employed) or pension (retired), in fen a month; none for the flat kinds. */
    baseFen: FenSchema.nullish(),
    /** What the member pays a month, if more than the standard (a member may pay more). */
    monthlyFen: FenSchema.nullish(),
  })
  .meta({ id: 'DuesBaseRequest' });
export type DuesBaseIn = z.infer<typeof DuesBaseInSchema>;

export const DuesBaseSchema = z
  .object({
    memberId: z.number().int(),
    year: z.number().int(),
    kind: z.enum(DUES_KINDS),
    baseFen: z.number().int().nullable(),
    standardFen: z.number().int(),
    monthlyFen: z.number().int(),
  })
  .meta({ id: 'DuesBase' });

const Method = z.enum(DUES_PAYMENT_METHODS, { error: '应为cash（现金）或transfer（转账）' });

export const PaymentInSchema = z
  .object({
    memberId: IdSchema,
    /** The first month paid; by default the month after the one paid up to. */
    fromMonth: MonthSchema.optional(),
    toMonth: MonthSchema,
    /** By default the monthly amount of each month's year times the months. */
    amountFen: FenSchema.min(1, '应大于0').optional(),
    method: Method,
    paidOn: DateSchema,
    note: z.string().trim().max(200, '最多200个字符').nullish(),
  })
  .meta({ id: 'DuesPaymentRequest' });
export type PaymentIn = z.infer<typeof PaymentInSchema>;

export const BatchPaymentInSchema = z
  .object({
    memberIds: z.array(IdSchema).min(1, '请选择党员').max(200, '一次最多200人'),
    /** For members with no payment on record yet: the first month they pay. */
    fromMonth: MonthSchema.optional(),
    toMonth: MonthSchema,
    method: Method,
    paidOn: DateSchema,
  })
  .meta({ id: 'DuesBatchPaymentRequest' });
export type BatchPaymentIn = z.infer<typeof BatchPaymentInSchema>;

export const PaymentSchema = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    memberName: z.string(),
    orgName: z.string(),
    fromMonth: z.string(),
    toMonth: z.string(),
    months: z.number().int(),
    amountFen: z.number().int(),
    method: z.enum(DUES_PAYMENT_METHODS),
    paidOn: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'DuesPayment' });
export type Payment = z.infer<typeof PaymentSchema>;
export const PaymentListSchema = z.object({ items: z.array(PaymentSchema) }).meta({ id: 'DuesPaymentList' });

export const PaymentListQuerySchema = z.object({
  /** A member's payments, or … */
  memberId: IdSchema.optional(),
  /** … a subtree's payments received in a month. */
  orgId: IdSchema.optional(),
  month: MonthSchema.optional(),
});

export const DuesRosterQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  year: YearSchema.optional(),
  /** Only those behind (paid up to before last month, or nothing on record). */
  behind: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type DuesRosterQuery = z.infer<typeof DuesRosterQuerySchema>;
export const DuesRosterExportQuerySchema = DuesRosterQuerySchema.omit({ page: true, pageSize: true });

export const DuesRosterRowSchema = z
  .object({
    memberId: z.number().int(),
    name: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    status: z.enum(['full', 'probationary']),
    kind: z.enum(DUES_KINDS).nullable(),
    baseFen: z.number().int().nullable(),
    standardFen: z.number().int().nullable(),
    monthlyFen: z.number().int().nullable(),
    paidTo: z.string().nullable(),
    /** Months after paidTo up to last month; null with nothing on record. */
    monthsBehind: z.number().int().nullable(),
  })
  .meta({ id: 'DuesRosterRow' });
export type DuesRosterRow = z.infer<typeof DuesRosterRowSchema>;
export const DuesRosterSchema = z
  .object({
    items: z.array(DuesRosterRowSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** The year whose bases are shown. */
    year: z.number().int(),
    /** The last month due today (last month). */
    dueMonth: z.string(),
  })
  .meta({ id: 'DuesRoster' });

export const DuesTotalsQuerySchema = z.object({ orgId: IdSchema.optional(), year: YearSchema.optional() });
export const DuesTotalsSchema = z
  .object({
    orgId: z.number().int(),
    orgName: z.string(),
    year: z.number().int(),
    months: z.array(z.object({ month: z.string(), amountFen: z.number().int(), payments: z.number().int() })),
    yearFen: z.number().int(),
    yearPayments: z.number().int(),
    /** Active members in the subtree. */
    members: z.number().int(),
    /** Paid up to last month or later. */
    upToDate: z.number().int(),
    /** Paid up to before last month. */
    behind: z.number().int(),
    /** Of those behind, 4 months or more. */
    behind4: z.number().int(),
    /** Nothing on record. */
    noRecord: z.number().int(),
  })
  .meta({ id: 'DuesTotals' });
export type DuesTotals = z.infer<typeof DuesTotalsSchema>;

export const MemberDuesSchema = z
  .object({
    memberId: z.number().int(),
    name: z.string(),
    orgName: z.string(),
    paidTo: z.string().nullable(),
    monthsBehind: z.number().int().nullable(),
    monthlyFen: z.number().int().nullable(),
    kind: z.enum(DUES_KINDS).nullable(),
    payments: z.array(PaymentSchema),
  })
  .meta({ id: 'MemberDues' });

export const LapsedQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  reason: z.enum(LAPSED_REASONS, { error: '应为dues或org_life' }).optional(),
  /** 6: listed (six months or more); 4: every flag. */
  stage: numberFromText(z.union([z.literal(4), z.literal(6)], { error: '应为4或6' })).optional(),
});
export type LapsedQuery = z.infer<typeof LapsedQuerySchema>;
export const LapsedExportQuerySchema = LapsedQuerySchema.omit({ page: true, pageSize: true });

export const LapsedRowSchema = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    name: z.string(),
    orgName: z.string(),
    reason: z.enum(LAPSED_REASONS),
    stage: z.number().int(),
    since: z.string().nullable(),
    months: z.number().int(),
    flaggedOn: z.string(),
  })
  .meta({ id: 'LapsedFlag' });
export type LapsedRow = z.infer<typeof LapsedRowSchema>;
export const LapsedListSchema = z
  .object({
    items: z.array(LapsedRowSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'LapsedList' });
