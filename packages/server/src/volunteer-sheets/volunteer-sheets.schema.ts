import { MAX_POINTS, MAX_TARGET_HOURS } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, numberFromText, PageQuerySchema } from '../http/common.schema.js';

const Year = numberFromText(
  z.number({ error: '应为年份' }).int('应为整数').min(2000, '应为2000年以后').max(2100, '年份过大'),
);
const QuarterNo = numberFromText(z.number({ error: '应为1到4' }).int('应为1到4').min(1, '应为1到4').max(4, '应为1到4'));

const Points = z.number({ error: '应为数字' }).min(0, '不能为负数').max(MAX_POINTS, `最大为${MAX_POINTS}`);

/** A locality's own setting: every field null inherits. */
export const VolunteerSettingSchema = z
  .object({
    yearlyTargetHours: z
      .number({ error: '应为小时数' })
      .positive('应大于0')
      .max(MAX_TARGET_HOURS, `最大为${MAX_TARGET_HOURS}`)
      .refine((n) => Number.isInteger(n * 2), '以半小时为单位')
      .nullable(),
    pointsEnabled: z.boolean({ error: '应为是或否' }).nullable(),
    pointsPerHour: Points.nullable(),
    pointsPerActivity: z
      .record(z.string().min(1).max(40), Points)
      .refine((r) => Object.keys(r).length <= 40, '活动类型过多')
      .nullable(),
    rankingEnabled: z.boolean({ error: '应为是或否' }).nullable(),
  })
  .meta({ id: 'VolunteerRuleSetting' });

const OrgRef = z.object({ orgId: z.number().int(), orgName: z.string() }).nullable();

export const VolunteerRulesSchema = z
  .object({
    org: z.object({ id: z.number().int(), name: z.string(), type: z.string() }),
    /** Only a city or district sets rules; others read what they inherit. */
    settable: z.boolean(),
    own: VolunteerSettingSchema.nullable(),
    effective: z.object({
      yearlyTargetHours: z.number().nullable(),
      pointsEnabled: z.boolean(),
      pointsPerHour: z.number(),
      pointsPerActivity: z.record(z.string(), z.number()),
      rankingEnabled: z.boolean(),
      setBy: z.object({
        yearlyTargetHours: OrgRef,
        pointsEnabled: OrgRef,
        pointsPerHour: OrgRef,
        pointsPerActivity: OrgRef,
        rankingEnabled: OrgRef,
      }),
    }),
  })
  .meta({ id: 'VolunteerRules' });

export const RulesQuerySchema = z.object({ orgId: IdSchema.optional() });
export const OrgIdParamsSchema = z.object({ orgId: IdSchema });

export const QuarterSchema = z.object({ year: Year, quarter: QuarterNo });

export const SheetListQuerySchema = PageQuerySchema.extend({
  year: Year,
  quarter: QuarterNo,
  /** The subtree: sheets whose community or unit lies in it (the actor's organisation when absent). */
  orgId: IdSchema.optional(),
  unitOrgId: IdSchema.optional(),
});
export type SheetListQuery = z.infer<typeof SheetListQuerySchema>;
export const SheetFilterSchema = SheetListQuerySchema.omit({ page: true, pageSize: true });
export type SheetFilter = z.infer<typeof SheetFilterSchema>;

export const SheetSchema = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    quarter: z.number().int(),
    memberId: z.number().int(),
    memberName: z.string(),
    memberOrgName: z.string(),
    communityId: z.number().int(),
    communityName: z.string(),
    unitOrgId: z.number().int(),
    unitOrgName: z.string(),
    registeredOn: z.string(),
    asOf: z.string(),
    quarterActivities: z.number().int(),
    quarterHours: z.number(),
    yearActivities: z.number().int(),
    yearHours: z.number(),
    requestsFulfilled: z.number().int().meta({ description: '本季度办结的群众诉求和微心愿（派给本人或本人认领）' }),
    targetHours: z.number().nullable(),
    generatedAt: z.string(),
    sentOn: z.string().nullable(),
  })
  .meta({ id: 'ResidenceSheet' });

export const SheetListSchema = z
  .object({
    items: z.array(SheetSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ResidenceSheetList' });

export const SheetUnitsQuerySchema = z.object({ year: Year, quarter: QuarterNo, orgId: IdSchema.optional() });
export const SheetUnitsSchema = z
  .object({
    items: z.array(
      z.object({
        communityId: z.number().int(),
        communityName: z.string(),
        unitOrgId: z.number().int(),
        unitOrgName: z.string(),
        sheets: z.number().int(),
        sentOn: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ResidenceSheetUnits' });

export const GenerateSchema = z
  .object({ year: Year, quarter: QuarterNo, orgId: IdSchema.optional() })
  .meta({ id: 'ResidenceSheetGenerateRequest' });
export type Generate = z.infer<typeof GenerateSchema>;
export const GenerateResultSchema = z
  .object({ sheets: z.number().int(), keptSent: z.number().int(), asOf: z.string() })
  .meta({ id: 'ResidenceSheetGenerateResult' });

export const MarkSentSchema = z
  .object({
    year: Year,
    quarter: QuarterNo,
    communityId: IdSchema,
    /** One unit's sheets; without it, every unit's of the community and quarter not yet sent. */
    unitOrgId: IdSchema.optional(),
    sentOn: DateSchema.optional(),
  })
  .meta({ id: 'ResidenceSheetMarkSentRequest' });
export type MarkSent = z.infer<typeof MarkSentSchema>;
export const MarkSentResultSchema = z.object({ units: z.number().int(), sheets: z.number().int() });

export const FiguresQuerySchema = z.object({ orgId: IdSchema.optional(), year: Year.optional() });
const FigureRow = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  teams: z.number(),
  residents: z.number(),
  quarters: z.array(
    z.object({ quarter: z.number().int(), activities: z.number(), hours: z.number(), records: z.number() }),
  ),
});
export const VolunteerFiguresSchema = z
  .object({ year: z.number().int(), org: FigureRow, children: z.array(FigureRow) })
  .meta({ id: 'VolunteerFigures' });

export const RankingQuerySchema = z.object({
  orgId: IdSchema.optional(),
  period: z.enum(['quarter', 'year'], { error: '应为quarter或year' }).default('quarter'),
});
export const RankingSchema = z
  .object({
    period: z.object({ year: z.number().int(), quarter: z.number().int().nullable(), label: z.string() }),
    pointsEnabled: z.boolean(),
    items: z.array(
      z.object({
        rank: z.number().int(),
        memberId: z.number().int(),
        memberName: z.string(),
        orgName: z.string(),
        hours: z.number(),
        points: z.number(),
        activities: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'VolunteerRanking' });
