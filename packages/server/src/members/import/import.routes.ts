import { XLSX_RESPONSES, sendDownload } from '../../http/xlsx.js';
import { PassThrough } from 'node:stream';
import { auditContextOf } from '../../http/actor.js';
import { actorOf, type Module } from '../../http/app-types.js';
import { AppError, ErrorSchema } from '../../http/errors.js';
import {
  AnalyzeBodySchema,
  BranchesAnswerSchema,
  CheckBodySchema,
  ImportAnalysisSchema,
  ImportBodySchema,
  ImportReportSchema,
  ImportResultSchema,
} from './import.schema.js';
import { analyzeImport, checkImport, importBranches, rejectedRows, runImport } from './import.service.js';
import { SheetReader } from './sheet.js';

const tags = ['member-imports'];
const consumes = ['multipart/form-data'];
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
  429: ErrorSchema,
};

/**
 * The import wizard: analyse the sheet, match its 所在支部 values to organisations, check it with the confirmed
 * mapping (with `update`: the preview of what changes), import, download rejected rows.
 */
export const registerMemberImports: Module = (app, { database: { db }, config }) => {
  // The uploads are read in worker threads, a few at a time (config.uploadReads).
  const sheets = new SheetReader(config.uploadReads);
  app.addHook('onClose', () => sheets.close());

  app.post(
    '/api/member-imports/analyze',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        consumes,
        summary: '识别花名册的表头行和各列对应（.xlsx 或 .csv）',
        body: AnalyzeBodySchema,
        response: { 200: ImportAnalysisSchema, ...errors },
      },
    },
    async (request) => analyzeImport(sheets, request.body.file),
  );

  app.post(
    '/api/member-imports/branches',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        consumes,
        summary:
          '“所在支部”列的每个不同值对应到所选组织下的哪个组织（按全称，再按去掉上级组织名称和括号备注的简称），及可选的组织',
        body: CheckBodySchema,
        response: { 200: BranchesAnswerSchema, ...errors },
      },
    },
    async (request) => importBranches(db, sheets, actorOf(request), request.body),
  );

  app.post(
    '/api/member-imports/check',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        consumes,
        summary: '按确认的列对应逐行检查（不写入）；update=true 时列出已在册党员每项将更新的内容（旧值 → 新值）',
        body: CheckBodySchema,
        response: { 200: ImportReportSchema, ...errors },
      },
    },
    async (request) => checkImport(db, sheets, actorOf(request), request.body),
  );

  app.post(
    '/api/member-imports',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        consumes,
        summary:
          '导入：mode=all 全部无误才写入；mode=valid 只写入无误的行。已在册的党员跳过；update=true 时按身份证号更新其档案' +
          '（带上检查结果的 previewDigest 时，更新内容与预览不一致则409，不写入）。' +
          '请求头 Accept: application/x-ndjson 时逐行返回进度 {"progress":…}，最后一行 {"result":…} 或 {"error":…}',
        body: ImportBodySchema,
        response: { 200: ImportResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ctx = auditContextOf(actor, request.ip);
      if (!String(request.headers.accept ?? '').includes('application/x-ndjson')) {
        return runImport(db, sheets, actor, ctx, request.body);
      }
      // Long imports: one JSON line per batch so the page can show how far it has come.
      const out = new PassThrough();
      const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
      void runImport(db, sheets, actor, ctx, request.body, (progress) => line({ progress }))
        .then((result) => line({ result }))
        .catch((error: unknown) => {
          if (error instanceof AppError) return line({ error: { code: error.code, message: error.message } });
          request.log.error({ err: error }, 'import failed');
          return line({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
        })
        .finally(() => out.end());
      // A stream skips the response schema: its lines are documented in the summary.
      return reply.type('application/x-ndjson; charset=utf-8').send(out as never);
    },
  );

  app.post(
    '/api/member-imports/rejected',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        consumes,
        summary: '下载未通过检查的行（.xlsx，附问题说明，改正后可再导入）',
        body: CheckBodySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const buffer = await rejectedRows(db, sheets, actorOf(request), request.body);
      return sendDownload(reply, '未通过的行', buffer, false);
    },
  );
};
