import { isMobilePhone, parseIdNumber, toHalfWidth } from '@gongjian/shared';
import { z } from 'zod';

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * A number from JSON, or from a URL or a form (where everything is text) written in decimal digits. Stricter than
 * `z.coerce.number()`, which takes whatever `Number()` takes: true (1), "0x10" (16), "1e3", [5] and "" (0).
 */
export function numberFromText<T extends z.ZodType<number>>(schema: T) {
  const parsed = z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), schema);
  // The preprocessing step takes anything, undefined too, so zod would call the field optional in the JSON schema
  // (the OpenAPI document, the web's types). It is as optional as `schema`, which gets the undefined and refuses it.
  Object.defineProperty(parsed._zod, 'optin', { get: () => schema._zod.optin });
  return parsed;
}

/** A bigint id in a URL, a query or a body; anything else is a 400 naming the field. */
export const IdSchema = numberFromText(
  z.number({ error: '应为数字' }).int('应为整数').positive('应为正整数').max(Number.MAX_SAFE_INTEGER, '数值过大'),
);

export const IdParamsSchema = z.object({ id: IdSchema });

const PageNumber = (max: number, message: string, fallback: number) =>
  numberFromText(z.number({ error: '应为数字' }).int('应为整数').min(1, '最小为1').max(max, message).default(fallback));

export const PageQuerySchema = z.object({
  page: PageNumber(100_000, '过大', 1),
  pageSize: PageNumber(200, '最大为200', 20),
});

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    '不是有效日期',
  );

/** A citizen ID number (18 digits, checksum and birth date checked), full-width digits accepted. */
export const IdNumberSchema = z
  .string()
  .overwrite(toHalfWidth)
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseIdNumber(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  })
  .transform((value) => value.toUpperCase());

/** A mainland mobile number, full-width digits accepted. */
export const PhoneSchema = z
  .string()
  .overwrite(toHalfWidth)
  .trim()
  .refine((value) => isMobilePhone(value), '应为11位手机号码');
