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

/** A multipart field holding JSON: parsed before it is validated (a form sends every field as text). */
const jsonField = (schema: z.ZodType) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, schema);

/** The user's choices on the 所在支部 step: the value as the sheet writes it → an organisation of the subtree. */
const OrgMapSchema = jsonField(
  z
    .record(z.string().trim().min(1, '所在支部不能为空').max(200, '所在支部最多200个字符'), IdSchema, {
      error: '应为所在支部到组织编号的对应（JSON）',
    })
    .refine((map) => Object.keys(map).length <= 1000, '最多对应1000个所在支部'),
) as unknown as z.ZodType<Record<string, number>>;

/** A yes/no multipart field: "true" or "false" (a JSON boolean too). */
const flagField = (message: string) =>
  z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: message }));

export const AnalyzeBodySchema = z.object({ file: FileSchema });
export const CheckBodySchema = z.object({
  file: FileSchema,
  orgId: IdSchema,
  mapping: MappingSchema.optional(),
  /** 1-based header row, as confirmed by the user; found automatically when absent. */
  headerRow: numberFromText(
    z.number({ error: '应为数字' }).int('应为整数').min(1, '最小为1').max(50, '最大为50'),
  ).optional(),
  orgMap: OrgMapSchema.optional(),
  /** 更新名册中已有的党员: members already on the roster (by ID number) take what the roster changes. */
  update: flagField('应为true（更新已有党员）或false').optional(),
});
export const ImportBodySchema = CheckBodySchema.extend({
  mode: z.enum(['all', 'valid'], { error: '应为all（全部通过才导入）或valid（只导入无误的行）' }).default('all'),
  /** With `update`: the digest of the preview the user confirmed (the check's `previewDigest`). */
  previewDigest: z
    .string()
    .regex(/^([0-9a-f]{64})?$/, '应为检查结果中的预览摘要')
    .optional(),
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

export const ImportChangeSchema = z
  .object({
    /** The row in the sheet, the member's record and name (as on the roster before the update). */
    row: z.number().int(),
    memberId: z.number().int(),
    name: z.string(),
    /** Each changed field: its label, the value stored and the roster's (labels, not codes; phones masked). */
    changes: z.array(z.object({ field: ImportFieldSchema, label: z.string(), from: z.string(), to: z.string() })),
  })
  .meta({ id: 'ImportChange' });

export const ImportReportSchema = z
  .object({
    total: z.number().int(),
    valid: z.number().int(),
    /**
     * Rows whose member is already on the roster (a re-import): skipped, never duplicated; with `update`, those
     * of them the roster changes (`updated`) and those it says nothing new about (`unchanged`).
     */
    existing: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
    problems: z.array(RowProblemSchema),
    problemsTruncated: z.boolean(),
    /** With `update`: the preview, what the import will change, member by member (the first 1,000). */
    changes: z.array(ImportChangeSchema),
    changesTruncated: z.boolean(),
    /** The digest of all the changes, to send back with the import; null when nothing would change. */
    previewDigest: z.string().nullable(),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportResultSchema = ImportReportSchema.extend({
  imported: z.number().int(),
  /** Rows not written: problems, members already on the roster not updated, and (mode all) all of them. */
  skipped: z.number().int(),
}).meta({ id: 'ImportResult' });

export const BranchMatchSchema = z
  .object({
    /** The 所在支部 value as the sheet writes it, and how many rows carry it. */
    value: z.string(),
    rows: z.number().int(),
    /** chosen: the user's; exact: the same name; short: a short name (without the committee or remarks). */
    match: z.enum(['chosen', 'exact', 'short', 'ambiguous', 'none']),
    orgId: z.number().int().nullable(),
    orgName: z.string().nullable(),
    /** When ambiguous: the organisations it may mean. */
    candidates: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .meta({ id: 'ImportBranchMatch' });

export const BranchesAnswerSchema = z
  .object({
    /** The sheet's 所在支部 column, by its header; null when no column is mapped to it. */
    column: z.string().nullable(),
    branches: z.array(BranchMatchSchema),
    branchesTruncated: z.boolean(),
    /** The chosen organisation's subtree to pick from (it is the root: parentId null), with pinyin initials. */
    orgs: z.array(
      z.object({
        id: z.number().int(),
        parentId: z.number().int().nullable(),
        name: z.string(),
        type: z.string(),
        initials: z.string(),
      }),
    ),
    orgsTruncated: z.boolean(),
  })
  .meta({ id: 'ImportBranches' });
export type BranchesAnswer = z.infer<typeof BranchesAnswerSchema>;
