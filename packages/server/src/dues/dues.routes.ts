import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendDownload, sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  BatchPaymentInSchema,
  DuesBaseInSchema,
  DuesBaseSchema,
  DuesRosterExportQuerySchema,
  DuesRosterQuerySchema,
  DuesRosterSchema,
  DuesTotalsQuerySchema,
  DuesTotalsSchema,
  LapsedExportQuerySchema,
  LapsedListSchema,
  LapsedQuerySchema,
  MemberDuesSchema,
  PaymentInSchema,
  PaymentListQuerySchema,
  PaymentListSchema,
  PaymentSchema,
} from './dues.schema.js';
import {
  deletePayment,
  exportRoster,
  listPayments,
  listRoster,
  memberDues,
  myDues,
  readTotals,
  recordBatch,
  recordPayment,
  saveBase,
  TOTALS_COLUMNS,
} from './dues.service.js';
import { exportLapsed, listLapsed } from './lapsed.js';
import { requireScopeRoot } from '../organizations/scope-root.js';

const tags = ['dues'];
const read = { permission: 'orglife.read' } as const;
const write = { permission: 'orglife.write' } as const;

export const registerDues: Module = (app, { database: { db } }) => {
  app.get(
    '/api/dues/members',
    {
      config: read,
      schema: {
        tags,
        summary: '党费名册：党员的缴费基数、月缴金额、交至月份（behind=true 仅欠缴）',
        querystring: DuesRosterQuerySchema,
        response: { 200: DuesRosterSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listRoster(db, actorOf(request), request.query),
  );

  app.get(
    '/api/dues/members/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出党费名册或欠缴名单（.xlsx）',
        querystring: DuesRosterExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stream = await exportRoster(db, actor, auditContextOf(actor, request.ip), request.query);
      return sendDownload(reply, request.query.behind ? '欠缴党费名单' : '党费名册', stream);
    },
  );

  app.get(
    '/api/dues/members/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '一名党员的党费：交至、月缴金额、缴费记录',
        params: IdParamsSchema,
        response: { 200: MemberDuesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => memberDues(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/dues/me',
    {
      config: { permission: 'self.orglife' },
      schema: { tags, summary: '我的党费', response: { 200: MemberDuesSchema, ...ERROR_RESPONSES } },
    },
    async (request) => myDues(db, actorOf(request)),
  );

  app.put(
    '/api/dues/bases',
    {
      config: write,
      schema: {
        tags,
        summary: '核定党员某年的党费基数（按2008年规定计算月缴标准，可多交）',
        body: DuesBaseInSchema,
        response: { 200: DuesBaseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return saveBase(db, actor, auditContextOf(actor, request.ip), request.body);
    },
  );

  app.get(
    '/api/dues/payments',
    {
      config: read,
      schema: {
        tags,
        summary: '缴费记录：一名党员的（memberId），或一个组织某月收缴的（orgId、month）',
        querystring: PaymentListQuerySchema,
        response: { 200: PaymentListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listPayments(db, actorOf(request), request.query),
  );

  app.post(
    '/api/dues/payments',
    {
      config: write,
      schema: {
        tags,
        summary: '登记一笔党费（连续的若干月；同一月份不能重复缴纳）',
        body: PaymentInSchema,
        response: { 201: PaymentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await recordPayment(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/dues/payments/batch',
    {
      config: write,
      schema: {
        tags,
        summary: '批量登记党费：所选党员各自从交至的下一月起缴到同一月份',
        body: BatchPaymentInSchema,
        response: { 201: PaymentListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await recordBatch(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.delete(
    '/api/dues/payments/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '撤销党员最近的一笔缴费（录入错误时）',
        params: IdParamsSchema,
        response: { 204: z.null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deletePayment(db, actor, auditContextOf(actor, request.ip), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/dues/totals',
    {
      config: read,
      schema: {
        tags,
        summary: '党费收缴统计：各月与全年收缴，按期交纳与欠缴人数（取自计数表）',
        querystring: DuesTotalsQuerySchema,
        response: { 200: DuesTotalsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => readTotals(db, actorOf(request), request.query),
  );

  app.get(
    '/api/dues/totals/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出党费收缴月报（.xlsx）',
        querystring: DuesTotalsQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = await readTotals(db, actor, request.query);
      const root = await requireScopeRoot(db, actor, t.orgId);
      const rows = [...t.months, { month: `${t.year}年合计`, amountFen: t.yearFen, payments: t.yearPayments }];
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: `党费收缴-${t.orgName}-${t.year}`,
        sheet: '党费收缴',
        columns: TOTALS_COLUMNS,
        rows,
        action: 'dues.export',
        entity: 'dues_payment',
        orgPath: root.path,
        filter: { ...request.query, list: 'totals' },
      });
    },
  );

  app.get(
    '/api/lapsed',
    {
      config: read,
      schema: {
        tags,
        summary: '连续4个月以上未交党费或未参加组织生活的党员（stage=6 仅满6个月）',
        querystring: LapsedQuerySchema,
        response: { 200: LapsedListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listLapsed(db, actorOf(request), request.query),
  );

  app.get(
    '/api/lapsed/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出组织关系预警名单（.xlsx）',
        querystring: LapsedExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stream = await exportLapsed(db, actor, auditContextOf(actor, request.ip), request.query);
      return sendDownload(reply, '组织关系预警', stream);
    },
  );
};
