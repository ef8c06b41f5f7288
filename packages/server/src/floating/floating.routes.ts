import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { XLSX_RESPONSES, sendDownload } from '../http/xlsx.js';
import {
  CreateFloatingSchema,
  EndFloatingSchema,
  FloatingExportQuerySchema,
  FloatingListQuerySchema,
  FloatingListSchema,
  FloatingSchema,
  ReportInSchema,
  UnregisteredListSchema,
  UnregisteredQuerySchema,
} from './floating.schema.js';
import { create, end, exportFloating, list, reportIn, unregistered } from './floating.service.js';

const tags = ['floating-members'];

export const registerFloating: Module = (app, { database: { db } }) => {
  app.get(
    '/api/floating-members',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '流动党员（流出/流入；due=transfer 应转接组织关系，due=unreported 今年未报告）',
        querystring: FloatingListQuerySchema,
        response: { 200: FloatingListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => list(db, actorOf(request), request.query),
  );

  app.get(
    '/api/floating-members/unregistered',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '流向未登记：党员类别为流动党员、却没有未结束的流出登记的党员',
        querystring: UnregisteredQuerySchema,
        response: { 200: UnregisteredListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => unregistered(db, actorOf(request), request.query),
  );

  app.get(
    '/api/floating-members/export',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '导出流动党员列表（.xlsx，身份证号和电话脱敏）',
        querystring: FloatingExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stream = await exportFloating(db, actor, auditContextOf(actor, request.ip), request.query);
      return sendDownload(reply, '流动党员', stream);
    },
  );

  app.post(
    '/api/floating-members',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '登记流出或流入党员',
        body: CreateFloatingSchema,
        response: { 201: FloatingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await create(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/floating-members/:id/report',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '登记年度报告',
        params: IdParamsSchema,
        body: ReportInSchema,
        response: { 200: FloatingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return reportIn(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.reportedOn);
    },
  );

  app.post(
    '/api/floating-members/:id/end',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '结束流动（返回或已转接）',
        params: IdParamsSchema,
        body: EndFloatingSchema,
        response: { 200: FloatingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return end(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.endedOn);
    },
  );
};
