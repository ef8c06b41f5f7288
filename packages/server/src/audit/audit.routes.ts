import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ErrorSchema } from '../http/errors.js';
import { sendDownload, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  AuditExportQuerySchema,
  AuditLabelsSchema,
  AuditListSchema,
  AuditQuerySchema,
  AuditRevealSchema,
} from './audit.schema.js';
import { exportAuditLogs, listAuditLogs, revealAuditLog } from './audit.service.js';

/** Read-only by design: no route changes or deletes an audit row (and the database refuses it anyway). */
export const registerAudit: Module = (app, { database: { db } }) => {
  app.get(
    '/api/audit-logs',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志',
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request) => listAuditLogs(db, actorOf(request), app.auditLabels, request.query),
  );

  app.get(
    '/api/audit-logs/labels',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志的操作与对象类型名称（筛选用）',
        response: { 200: AuditLabelsSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async () => app.auditLabels,
  );

  app.get(
    '/api/audit-logs/export',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '导出审计日志（.xlsx，最多10万条，身份证号和电话脱敏；导出本身记入审计）',
        querystring: AuditExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await exportAuditLogs(db, actor, auditContextOf(actor, request.ip), app.auditLabels, request.query);
      return sendDownload(reply, '审计日志', file);
    },
  );
  app.post(
    '/api/audit-logs/:id/reveal',
    {
      config: { permission: ['audit.read', 'member.sensitive'] },
      schema: {
        tags: ['audit'],
        summary: '查看审计记录中的完整身份证号和电话（记入审计）',
        params: IdParamsSchema,
        response: { 200: AuditRevealSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return revealAuditLog(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );
};
