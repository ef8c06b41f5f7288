import { z } from 'zod';

/** A bigint id in a URL or query; anything else is a 400 naming the field. */
export const IdSchema = z.coerce
  .number({ error: '应为数字' })
  .int('应为整数')
  .positive('应为正整数')
  .max(Number.MAX_SAFE_INTEGER, '数值过大');

export const IdParamsSchema = z.object({ id: IdSchema });

export const PageQuerySchema = z.object({
  page: z.coerce.number({ error: '应为数字' }).int('应为整数').min(1, '最小为1').max(100_000, '过大').default(1),
  pageSize: z.coerce.number({ error: '应为数字' }).int('应为整数').min(1, '最小为1').max(200, '最大为200').default(20),
});

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    '不是有效日期',
  );
