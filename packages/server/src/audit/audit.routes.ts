import { actorOf, type Module } from '../http/app-types.js';
import { ErrorSchema } from '../http/errors.js';
import { AuditListSchema, AuditQuerySchema } from './audit.schema.js';
import { listAuditLogs } from './audit.service.js';

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
    async (request) => listAuditLogs(db, actorOf(request), request.query),
  );
};
