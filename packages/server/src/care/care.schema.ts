import { CARE_LIMITS, CARE_NEEDS, CARE_RULE_KEYS, CARE_TYPES, isMobilePhone, toHalfWidth } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, numberFromText, PageQuerySchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().max(max, `最多${max}个字符`);
const Required = (max: number) => Text(max).min(1, '不能为空');
const Int = z.number().int();
const Flag = z
  .enum(['true', 'false'], { error: '应为true或false' })
  .optional()
  .transform((v) => v === 'true');
/** A mobile number, or a landline with its area code (many elderly people living alone have only that). */
const PhoneSchema = z
  .string()
  .overwrite(toHalfWidth)
  .trim()
  .refine((v) => isMobilePhone(v) || /^0\d{2,3}-?\d{7,8}$/.test(v), '应为11位手机号码或带区号的固定电话');
const BirthYear = numberFromText(z.number({ error: '应为数字' }).int('应为整数').min(1900, '过早').max(2100, '过大'));

const PersonFields = {
  name: Required(CARE_LIMITS.name),
  types: z
    .array(z.enum(CARE_TYPES, { error: '不是有效的类别' }))
    .min(1, '至少选择一项')
    .max(CARE_TYPES.length, '类别重复'),
  birthYear: BirthYear.nullish(),
  livesAlone: z.boolean(),
  leftBehind: z.boolean(),
  buildingId: IdSchema.nullish(),
  address: Text(CARE_LIMITS.address).nullish(),
  phone: PhoneSchema.nullish(),
  needs: z.array(z.enum(CARE_NEEDS, { error: '不是有效的需求' })).max(CARE_NEEDS.length, '需求重复'),
  guardianName: Text(CARE_LIMITS.guardianName).nullish(),
  guardianPhone: PhoneSchema.nullish(),
  carerMemberId: IdSchema.nullish(),
  carerAccountId: IdSchema.nullish(),
  notes: Text(CARE_LIMITS.notes).nullish(),
};
export const CareResidentInputSchema = z
  .object({
    orgId: IdSchema,
    ...PersonFields,
    livesAlone: PersonFields.livesAlone.default(false),
    leftBehind: PersonFields.leftBehind.default(false),
    needs: PersonFields.needs.default([]),
  })
  .meta({ id: 'CareResidentRequest' });
export type CareResidentInput = z.infer<typeof CareResidentInputSchema>;
export const CareResidentPatchSchema = z.object(PersonFields).partial().meta({ id: 'CareResidentPatch' });
export type CareResidentPatch = z.infer<typeof CareResidentPatchSchema>;
export const CareEndSchema = z
  .object({ endedOn: DateSchema.optional(), reason: Required(CARE_LIMITS.endReason) })
  .meta({ id: 'CareResidentEnd' });
export type CareEnd = z.infer<typeof CareEndSchema>;

export const CareVisitInputSchema = z
  .object({
    visitedOn: DateSchema,
    visitor: Text(CARE_LIMITS.visitor).optional(),
    content: Required(CARE_LIMITS.content),
    followUp: z.boolean().default(false),
    followUpNote: Text(CARE_LIMITS.followUpNote).nullish(),
  })
  .meta({ id: 'CareVisitRequest' });
export type CareVisitInput = z.infer<typeof CareVisitInputSchema>;

export const CareListQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  type: z.enum(CARE_TYPES, { error: '不是有效的类别' }).optional(),
  standing: z.enum(['overdue', 'due'], { error: '应为overdue或due' }).optional(),
  q: Text(CARE_LIMITS.name).optional(),
  includeEnded: Flag,
});
export type CareListQuery = z.infer<typeof CareListQuerySchema>;
export const CareExportQuerySchema = CareListQuerySchema.omit({ page: true, pageSize: true });

const Standing = z.enum(['overdue', 'due_soon', 'ok']);
export const CareResidentSchema = z
  .object({
    id: Int,
    orgId: Int,
    orgName: z.string(),
    full: z.boolean().meta({ description: '本社区工作人员或帮扶人：完整信息；否则姓名、电话脱敏，无地址' }),
    name: z.string(),
    types: z.array(z.enum(CARE_TYPES)),
    livesAlone: z.boolean(),
    leftBehind: z.boolean(),
    age: Int.nullable(),
    buildingName: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable().meta({ description: '列表中一律脱敏' }),
    needs: z.array(z.enum(CARE_NEEDS)),
    carerName: z.string().nullable(),
    rule: z.enum(CARE_RULE_KEYS),
    intervalMonths: Int,
    lastVisitOn: z.string().nullable(),
    nextVisitDue: z.string().nullable(),
    standing: Standing,
    endedOn: z.string().nullable(),
  })
  .meta({ id: 'CareResident' });
export const CareListSchema = z
  .object({ items: z.array(CareResidentSchema), total: Int, page: Int, pageSize: Int })
  .meta({ id: 'CareResidentList' });

export const CareVisitSchema = z
  .object({
    id: Int,
    visitedOn: z.string(),
    visitor: z.string(),
    content: z.string().nullable().meta({ description: '无权查看完整信息时为空' }),
    followUp: z.boolean(),
    followUpNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CareVisit' });
export const CareDetailSchema = CareResidentSchema.extend({
  birthYear: Int.nullable(),
  buildingId: Int.nullable(),
  guardianName: z.string().nullable(),
  guardianPhone: z.string().nullable(),
  carerMemberId: Int.nullable(),
  carerAccountId: Int.nullable(),
  notes: z.string().nullable(),
  registeredOn: z.string(),
  endReason: z.string().nullable(),
  updatedAt: z.string(),
  visits: z.array(CareVisitSchema),
}).meta({ id: 'CareResidentDetail' });

export const CareMineSchema = z.object({ items: z.array(CareResidentSchema) }).meta({ id: 'CareMine' });
