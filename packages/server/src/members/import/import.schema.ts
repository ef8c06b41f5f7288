import { z } from 'zod';
import { IdSchema, numberFromText } from '../../http/common.schema.js';
import { IMPORT_FIELDS } from './headers.js';

const FileSchema = z
  .any()
  .refine((v) => Buffer.isBuffer(v), '请上传文件')
  .meta({ type: 'string', format: 'binary' }) as unknown as z.ZodType<Buffer>;

const MappingSchema = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  },
  z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0, '列号无效').max(99, '列号无效'), {
    error: '应为字段到列号的对应（JSON）',
  }),
);

export const AnalyzeBodySchema = z.object({ file: FileSchema });
export const CheckBodySchema = z.object({
  file: FileSchema,
  orgId: IdSchema,
  mapping: MappingSchema.optional(),
  /** 1-based header row, as confirmed by the user; found automatically when absent. */
  headerRow: numberFromText(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '最小为1').max(50, '最大为50'),
  ).optional(),
});
export const ImportBodySchema = CheckBodySchema.extend({
  mode: z.enum(['all', 'valid'], { error: '应为all（全部通过才导入）或valid（只导入无误的行）' }).default('all'),
});
export type CheckBody = z.infer<typeof CheckBodySchema>;

export const ImportFieldSchema = z.enum(IMPORT_FIELDS).meta({ id: 'ImportField' });

export const ImportAnalysisSchema = z
  .object({
    /** 1-based number of the header row in the sheet. */
    headerRow: z.number().int(),
    headers: z.array(z.string()),
    mapping: z.partialRecord(ImportFieldSchema, z.number().int()),
    fields: z.array(z.object({ field: ImportFieldSchema, label: z.string(), required: z.boolean() })),
    rowCount: z.number().int(),
    sample: z.array(z.array(z.string())),
  })
  .meta({ id: 'ImportAnalysis' });

export const RowProblemSchema = z
  .object({ row: z.number().int(), column: z.string(), message: z.string() })
  .meta({ id: 'ImportRowProblem' });

export const ImportReportSchema = z
  .object({
    total: z.number().int(),
    valid: z.number().int(),
    /** Rows whose member is already on the roster (a re-import): skipped, never duplicated. */
    existing: z.number().int(),
    invalid: z.number().int(),
    problems: z.array(RowProblemSchema),
    problemsTruncated: z.boolean(),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportResultSchema = ImportReportSchema.extend({
  imported: z.number().int(),
  skipped: z.number().int(),
}).meta({ id: 'ImportResult' });
