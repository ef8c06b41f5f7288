import { IMPORT_MAX_FILE_MB } from '@gongjian/shared';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type FieldLabels, fieldLabel } from './field-labels.js';

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 401,
  ACCOUNT_DISABLED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
};

/** The one error type services throw; mapped to `{ code, message }` and its HTTP status in one place. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For a 400 about one field: the field and what is wrong with it, named with the route's labels when sent. */
    readonly invalidField?: { field: string; problem: string },
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权访问`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const invalid = (field: string, problem: string) =>
  new AppError('VALIDATION', `${fieldLabel(field)}：${problem}`, { field, problem });

export const ErrorSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z
      .string()
      .optional()
      .meta({ description: '400：出错的请求字段（键名，如 joinedOn、tags.2），表单据此把提示放在该项旁' }),
  })
  .meta({ id: 'Error' });

/** The error answers a scoped, validated route can give; spread into each route's `response`. */
export const ERROR_RESPONSES = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

type ValidationIssue = { instancePath?: string; message?: string };

/** A 400 about one field: the message names it in Chinese, `field` carries its key for the form. */
export function fieldError(field: string, problem: string, labels: FieldLabels | undefined) {
  return { code: 'VALIDATION' as const, message: `${fieldLabel(field, labels)}：${problem}`, field };
}

function describeIssue(issue: ValidationIssue, context: string | undefined, labels: FieldLabels | undefined) {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const problem = issue.message ?? '格式不正确';
  if (path.length > 0) return fieldError(path.join('.'), problem, labels);
  return { code: 'VALIDATION' as const, message: `${context === 'body' ? '请求体' : '参数'}：${problem}` };
}

// PostgreSQL errors a user can provoke by sending values the schema let through (e.g. an id beyond bigint).
const USER_DB_ERRORS: Record<string, string> = {
  '22003': '数值超出范围',
  '22P02': '格式不正确',
  '22007': '日期格式不正确',
  '22008': '日期超出范围',
};

// PostgreSQL errors of two requests racing each other (the checks before the write passed for both): the
// second one is told to retry, not that the server failed.
const RACE_DB_ERRORS: Record<string, string> = {
  '23505': '同一记录刚被另一操作占用（如已关联、已存在），请刷新后重试',
  '40001': '与另一操作同时修改了相同的数据，请重试',
  '40P01': '与另一操作同时修改了相同的数据，请重试',
  // A record another one names (deleted meanwhile, or still named): the services check first, this is the net.
  '23503': '相关记录已不存在或仍被其他记录引用，请刷新后重试',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const bad = error.invalidField;
      if (bad) {
        return reply
          .status(error.status)
          .send(fieldError(bad.field, bad.problem, request.routeOptions.config.fieldLabels));
      }
      return reply.status(error.status).send({ code: error.code, message: error.message });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0] as ValidationIssue;
      return reply
        .status(400)
        .send(describeIssue(first, error.validationContext, request.routeOptions.config.fieldLabels));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误' });
    }
    const pgCode = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? error.code;
    if (pgCode && USER_DB_ERRORS[pgCode]) {
      return reply.status(400).send({ code: 'VALIDATION', message: `参数${USER_DB_ERRORS[pgCode]}` });
    }
    if (pgCode && RACE_DB_ERRORS[pgCode]) {
      request.log.warn({ err: error }, 'concurrent write refused by the database');
      return reply.status(409).send({ code: 'CONFLICT', message: RACE_DB_ERRORS[pgCode] });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply
        .status(413)
        .send({ code: 'PAYLOAD_TOO_LARGE', message: `文件超过${IMPORT_MAX_FILE_MB} MB，请分成几个文件导入` });
    }
    if (error.statusCode === 413) return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' });
    if (error.statusCode === 415) {
      return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, empty body with a JSON content type, …
      const message = error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? '请求体不能为空' : '请求格式不正确';
      return reply.status(400).send({ code: 'VALIDATION', message });
    }
    // A broken multipart body fails while the form is read, before any handler: the body never got set.
    const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
    if (multipart && request.body === undefined) {
      return reply.status(400).send({ code: 'VALIDATION', message: '上传内容不完整或格式不正确，请重新选择文件上传' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误' });
  });
}

export function routeNotFound(method: string, url: string): { code: ErrorCode; message: string } {
  return { code: 'NOT_FOUND', message: `接口不存在：${method} ${url.split('?')[0]}` };
}
