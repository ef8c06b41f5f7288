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
import { AUDIT_FIELD_LABELS, AUDIT_VALUE_LABELS, MEMBER_ID_FIELDS, ORG_ID_FIELDS } from './audit-fields.js';
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
        summary: '审计日志的操作、对象类型、字段与取值的名称',
        response: { 200: AuditLabelsSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async () => ({
      ...app.auditLabels,
      fields: AUDIT_FIELD_LABELS,
      values: AUDIT_VALUE_LABELS,
      orgIdFields: [...ORG_ID_FIELDS],
      memberIdFields: [...MEMBER_ID_FIELDS],
    }),
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
