import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendPrintPage } from '../http/print.js';
import { HTML_PAGE, XLSX_RESPONSES, sendDownload } from '../http/xlsx.js';
import { letterPage } from './letter.js';
import {
  CreateTransferSchema,
  DestinationListSchema,
  DestinationQuerySchema,
  IncomingTransferSchema,
  ReceiptSchema,
  ReturnTransferSchema,
  TransferExportQuerySchema,
  TransferListQuerySchema,
  TransferListSchema,
  TransferSchema,
} from './transfers.schema.js';
import {
  acceptTransfer,
  createTransfer,
  destinations,
  exportBox,
  getTransfer,
  listBox,
  recordReceipt,
  registerIncoming,
  requireTransfer,
  returnTransfer,
} from './transfers.service.js';

const tags = ['transfers'];

export const registerTransfers: Module = (app, { database: { db } }) => {
  app.get(
    '/api/transfers',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '组织关系转接：收件箱（box=in）或发件箱（box=out）',
        querystring: TransferListQuerySchema,
        response: { 200: TransferListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listBox(db, actorOf(request), request.query),
  );

  app.get(
    '/api/transfers/export',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '导出收件箱（box=in）或发件箱（box=out）（.xlsx，身份证号脱敏）',
        querystring: TransferExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stream = await exportBox(db, actor, auditContextOf(actor, request.ip), request.query);
      const name = request.query.box === 'in' ? '组织关系转接-收件箱' : '组织关系转接-发件箱';
      return sendDownload(reply, name, stream);
    },
  );

  app.get(
    '/api/transfers/destinations',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '按名称查找平台内的接收组织（只返回名称）',
        querystring: DestinationQuerySchema,
        response: { 200: DestinationListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => destinations(db, request.query.q),
  );

  app.get(
    '/api/transfers/:id',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '转接详情',
        params: IdParamsSchema,
        response: { 200: TransferSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getTransfer(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/transfers/:id/letter',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '可打印的介绍信（存根、介绍信、回执）；有 member.sensitive 时身份证号完整打印并记入审计',
        params: IdParamsSchema,
        response: { 200: HTML_PAGE, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await requireTransfer(db, actor, request.params.id);
      return sendPrintPage(reply, await letterPage(db, actor, auditContextOf(actor, request.ip), row));
    },
  );

  app.post(
    '/api/transfers',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '开具组织关系介绍信（平台内转接或转出平台）',
        body: CreateTransferSchema,
        response: { 201: TransferSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createTransfer(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/transfers/incoming',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '登记从平台外转入的介绍信并建立党员档案',
        body: IncomingTransferSchema,
        response: { 201: TransferSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await registerIncoming(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/transfers/:id/accept',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '接收（党员随即转入）',
        params: IdParamsSchema,
        response: { 200: TransferSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return acceptTransfer(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.post(
    '/api/transfers/:id/return',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '退回（须说明理由）',
        params: IdParamsSchema,
        body: ReturnTransferSchema,
        response: { 200: TransferSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return returnTransfer(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.reason);
    },
  );

  app.post(
    '/api/transfers/:id/receipt',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '登记转出平台介绍信的回执',
        params: IdParamsSchema,
        body: ReceiptSchema,
        response: { 200: TransferSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return recordReceipt(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.receivedOn);
    },
  );
};
