import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { XLSX_RESPONSES } from '../http/xlsx.js';
import {
  DeadlineQuerySchema,
  DeadlineSettingBodySchema,
  DeadlineSettingsSchema,
  OrgIdParamsSchema,
  OversightResultSchema,
  QueueQuerySchema,
  QueueSchema,
  RatesQuerySchema,
  RatesSchema,
  ReturnBodySchema,
  TakeBodySchema,
} from './request-oversight.schema.js';
import {
  exportRates,
  getDeadlines,
  queue,
  rates,
  returnRequest,
  setDeadline,
  takeRequest,
} from './request-oversight.service.js';

const tags = ['request-oversight'];

export const registerRequestOversight: Module = (app, { database: { db } }) => {
  app.get(
    '/api/request-deadlines',
    {
      config: { permission: 'serve.read' },
      schema: {
        tags,
        summary: '诉求办理时限：各类别在本组织生效的响应、办结时限（市设默认，县区可覆盖）',
        querystring: DeadlineQuerySchema,
        response: { 200: DeadlineSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getDeadlines(db, actorOf(request), request.query.orgId),
  );

  app.patch(
    '/api/request-deadlines/:orgId',
    {
      config: { permission: 'serve.write' },
      schema: {
        tags,
        summary: '设置市或县区某一类别的诉求办理时限（小时；留空沿用上级或平台默认）',
        params: OrgIdParamsSchema,
        body: DeadlineSettingBodySchema,
        response: { 200: DeadlineSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setDeadline(db, actor, auditContextOf(actor, request.ip), request.params.orgId, request.body);
    },
  );

  app.get(
    '/api/request-oversight/queue',
    {
      config: { permission: 'serve.read' },
      schema: {
        tags,
        summary: '督办队列：上报到本范围街道、区的未办结诉求，或上级退回社区、仍未办结的诉求',
        querystring: QueueQuerySchema,
        response: { 200: QueueSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => queue(db, actorOf(request), request.query),
  );

  app.post(
    '/api/request-oversight/requests/:id/take',
    {
      config: { permission: 'serve.write' },
      schema: {
        tags,
        summary: '接办上报的诉求（由本级办理，诉求状态与承办人不变）',
        params: IdParamsSchema,
        body: TakeBodySchema,
        response: { 200: OversightResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return takeRequest(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.note);
    },
  );

  app.post(
    '/api/request-oversight/requests/:id/return',
    {
      config: { permission: 'serve.write' },
      schema: {
        tags,
        summary: '退回下级办理：附办理意见和新的办结时限（逾期再次上报）',
        params: IdParamsSchema,
        body: ReturnBodySchema,
        response: { 200: OversightResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return returnRequest(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.get(
    '/api/request-oversight/rates',
    {
      config: { permission: 'serve.read' },
      schema: {
        tags,
        summary: '诉求办理“三率”和按时办结率：本组织及下级（按提交月份汇总，月、季度、年）',
        querystring: RatesQuerySchema,
        response: { 200: RatesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { root: _root, ...result } = await rates(db, actorOf(request), request.query);
      return result;
    },
  );

  app.get(
    '/api/request-oversight/rates/export',
    {
      config: { permission: 'serve.read' },
      schema: {
        tags,
        summary: '导出诉求办理“三率”（.xlsx，本组织及下级各一行）',
        querystring: RatesQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return exportRates(db, actor, auditContextOf(actor, request.ip), reply, request.query);
    },
  );
};
