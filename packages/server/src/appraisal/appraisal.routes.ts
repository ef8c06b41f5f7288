import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  AppraisalCreateSchema,
  AppraisalFiguresSchema,
  AppraisalListQuerySchema,
  AppraisalListSchema,
  AppraisalSchema,
  EntryParamsSchema,
  EntryUpdateSchema,
  MemberAppraisalsSchema,
} from './appraisal.schema.js';
import {
  advanceAppraisal,
  appraisalFiguresOf,
  createAppraisal,
  ENTRY_COLUMNS,
  findAppraisal,
  getAppraisal,
  listAppraisals,
  listAppraisalsIn,
  SUMMARY_COLUMNS,
  memberAppraisals,
  updateEntry,
} from './appraisal.service.js';

const tags = ['appraisal'];
const read = { permission: 'orglife.read' } as const;
const write = { permission: 'orglife.write' } as const;

export const registerAppraisal: Module = (app, { database: { db } }) => {
  app.get(
    '/api/appraisals',
    {
      config: read,
      schema: {
        tags,
        summary: '民主评议党员：各组织各年度的评议',
        querystring: AppraisalListQuerySchema,
        response: { 200: AppraisalListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listAppraisals(db, actorOf(request), request.query),
  );

  app.get(
    '/api/appraisals/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出民主评议一览（.xlsx）',
        querystring: AppraisalListQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, items } = await listAppraisalsIn(db, actor, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '民主评议一览',
        sheet: '民主评议',
        columns: SUMMARY_COLUMNS,
        rows: items,
        action: 'appraisal.export',
        entity: 'appraisal',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );

  app.post(
    '/api/appraisals',
    {
      config: write,
      schema: {
        tags,
        summary: '建立某组织某年度的民主评议（直属党员各一行，预备党员参加但不评定等次）',
        body: AppraisalCreateSchema,
        response: { 201: AppraisalSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createAppraisal(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.get(
    '/api/appraisals/figures',
    {
      config: read,
      schema: {
        tags,
        summary: '民主评议结果统计（已完成的评议，按等次，取自计数表）',
        querystring: AppraisalListQuerySchema,
        response: { 200: AppraisalFiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => appraisalFiguresOf(db, actorOf(request), request.query),
  );

  app.get(
    '/api/appraisals/members/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '一名党员历年的民主评议结果',
        params: IdParamsSchema,
        response: { 200: MemberAppraisalsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => memberAppraisals(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/appraisals/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '一次民主评议：每名党员的自评、互评和等次',
        params: IdParamsSchema,
        response: { 200: AppraisalSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getAppraisal(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/appraisals/:id/entries/:entryId',
    {
      config: write,
      schema: {
        tags,
        summary: '填写自评、互评，评定等次（优秀不超过三分之一；不合格注明处理措施）',
        params: EntryParamsSchema,
        body: EntryUpdateSchema,
        response: { 200: AppraisalSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, entryId } = request.params;
      return updateEntry(db, actor, auditContextOf(actor, request.ip), id, entryId, request.body);
    },
  );

  app.post(
    '/api/appraisals/:id/advance',
    {
      config: write,
      schema: {
        tags,
        summary: '进入下一阶段：自评互评 → 支部评定 → 完成',
        params: IdParamsSchema,
        response: { 200: AppraisalSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return advanceAppraisal(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.get(
    '/api/appraisals/:id/export',
    {
      config: read,
      schema: { tags, summary: '导出民主评议表（.xlsx）', params: IdParamsSchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const appraisal = await getAppraisal(db, actor, request.params.id);
      const row = await findAppraisal(db, actor, appraisal.id);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: `民主评议-${appraisal.orgName}-${appraisal.year}`,
        sheet: '民主评议党员',
        columns: ENTRY_COLUMNS,
        rows: appraisal.entries,
        action: 'appraisal.export',
        entity: 'appraisal',
        orgPath: row.org_path,
        filter: { id: appraisal.id },
      });
    },
  );
};
