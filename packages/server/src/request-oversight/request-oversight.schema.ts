import {
  MAX_DEADLINE_HOURS,
  MAX_INSTRUCTIONS,
  MAX_RETURN_DAYS,
  MIN_DEADLINE_HOURS,
  MIN_RETURN_DAYS,
  DEFAULT_RETURN_DAYS,
  REQUEST_CATEGORIES,
  ratePeriod,
} from '@gongjian/shared';
import { z } from 'zod';
import { IdSchema, numberFromText, PageQuerySchema } from '../http/common.schema.js';

const Hours = z
  .number({ error: '应为小时数' })
  .int('应为整数小时')
  .min(MIN_DEADLINE_HOURS, `最少${MIN_DEADLINE_HOURS}小时`)
  .max(MAX_DEADLINE_HOURS, `最多${MAX_DEADLINE_HOURS}小时（90天）`);

const Category = z.enum(REQUEST_CATEGORIES, { error: '不是有效的诉求类别' });

export const DeadlineQuerySchema = z.object({ orgId: IdSchema.optional() });
export const OrgIdParamsSchema = z.object({ orgId: IdSchema });

/** One category's own setting at a city or district: a null field inherits from above. */
export const DeadlineSettingBodySchema = z
  .object({ category: Category, respondHours: Hours.nullable(), resolveHours: Hours.nullable() })
  .meta({ id: 'RequestDeadlineSettingBody' });

const Rule = z.object({ respondHours: z.number().int(), resolveHours: z.number().int() });
const SetBy = z.object({ orgId: z.number().int(), orgName: z.string() }).nullable();

export const DeadlineSettingsSchema = z
  .object({
    org: z.object({ id: z.number().int(), name: z.string(), type: z.string() }),
    /** Only a city or district sets deadlines; the others read what applies to them. */
    settable: z.boolean(),
    categories: z.array(
      z.object({
        category: z.enum(REQUEST_CATEGORIES),
        urgent: z.boolean(),
        own: z
          .object({ respondHours: z.number().int().nullable(), resolveHours: z.number().int().nullable() })
          .nullable(),
        effective: Rule.extend({ respondSetBy: SetBy, resolveSetBy: SetBy }),
      }),
    ),
  })
  .meta({ id: 'RequestDeadlineSettings' });

export const QUEUE_VIEWS = ['escalated', 'returned'] as const;

export const QueueQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  /** escalated: held by a street or district of the subtree; returned: sent back down with instructions, still open. */
  view: z.enum(QUEUE_VIEWS, { error: '应为 escalated 或 returned' }).default('escalated'),
  level: numberFromText(z.union([z.literal(1), z.literal(2)], { error: '应为1（街道）或2（区）' })).optional(),
});

export const QueueItemSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: z.string(),
  category: z.string(),
  text: z.string(),
  urgent: z.boolean(),
  status: z.string(),
  submittedAt: z.string(),
  respondBy: z.string().nullable(),
  resolveBy: z.string().nullable(),
  escalationLevel: z.number().int(),
  escalationOrgId: z.number().int().nullable(),
  escalationOrgName: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  /** When it moves up next (or, at the district, the district's own deadline). */
  escalateAt: z.string().nullable(),
  takenAt: z.string().nullable(),
  takenByName: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnNote: z.string().nullable(),
  /** The reason of the last escalation (the event's note). */
  reason: z.string().nullable(),
});

export const QueueSchema = z
  .object({
    items: z.array(QueueItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'RequestOversightQueue' });

export const TakeBodySchema = z.object({
  note: z.string().trim().max(MAX_INSTRUCTIONS, `最多${MAX_INSTRUCTIONS}字`).optional(),
});

export const ReturnBodySchema = z.object({
  instructions: z
    .string({ error: '请填写办理意见' })
    .trim()
    .min(1, '请填写办理意见')
    .max(MAX_INSTRUCTIONS, `最多${MAX_INSTRUCTIONS}字`),
  days: numberFromText(
    z
      .number({ error: '应为天数' })
      .int('应为整数天')
      .min(MIN_RETURN_DAYS, `最少${MIN_RETURN_DAYS}天`)
      .max(MAX_RETURN_DAYS, `最多${MAX_RETURN_DAYS}天`),
  ).default(DEFAULT_RETURN_DAYS),
});

export const OversightResultSchema = z.object({
  id: z.number().int(),
  escalationLevel: z.number().int(),
  escalationOrgId: z.number().int().nullable(),
  escalateAt: z.string().nullable(),
  takenAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
});

const PeriodKey = z
  .string({ error: '应为统计周期' })
  .refine((s) => ratePeriod(s) !== null, '应为 2026-12、2026-Q4 或 2026 这样的周期');

export const RatesQuerySchema = z.object({ orgId: IdSchema.optional(), period: PeriodKey });

const Counters = z.object({
  total: z.number().int(),
  dueRespond: z.number().int(),
  respondedInTime: z.number().int(),
  resolved: z.number().int(),
  resolvedInTime: z.number().int(),
  openOverdue: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
});
const RatesValues = z.object({
  responseRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});
const RateRow = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  orgType: z.string(),
  counters: Counters,
  rates: RatesValues,
});

export const RatesSchema = z
  .object({
    period: z.object({ key: z.string(), label: z.string() }),
    org: RateRow,
    children: z.array(RateRow),
  })
  .meta({ id: 'RequestRates' });
