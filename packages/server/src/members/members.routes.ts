import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { XLSX_RESPONSES, sendXlsx, sendDownload } from '../http/xlsx.js';
import { exportMembers } from './members.export.js';
import {
  ConvertSchema,
  CreateMemberSchema,
  DueListSchema,
  DueQuerySchema,
  MemberDetailSchema,
  MemberExportQuerySchema,
  MemberListQuerySchema,
  MemberListSchema,
  RevealSchema,
  UpdateMemberSchema,
} from './members.schema.js';
import {
  convertMember,
  createMember,
  deleteMember,
  DUE_COLUMNS,
  dueForConversion,
  getMember,
  listMembers,
  revealMember,
  updateMember,
} from './members.service.js';

const tags = ['members'];

export const registerMembers: Module = (app, { database: { db } }) => {
  app.get(
    '/api/members',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '查找党员（组织子树、类别、状态、管理方式、标签；姓名/拼音首字母/全拼/身份证号/手机号）',
        querystring: MemberListQuerySchema,
        response: { 200: MemberListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listMembers(db, actorOf(request), request.query),
  );

  app.get(
    '/api/members/export',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '导出党员花名册（.xlsx，身份证号和电话脱敏，除非有权限并指定 unmasked=true）',
        querystring: MemberExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stream = await exportMembers(db, actor, auditContextOf(actor, request.ip), request.query);
      return sendDownload(reply, '党员花名册', stream);
    },
  );

  app.get(
    '/api/members/due-for-conversion',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '30天内到期和已超期的预备党员',
        querystring: DueQuerySchema,
        response: { 200: DueListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: (await dueForConversion(db, actorOf(request), request.query.orgId)).items }),
  );

  app.get(
    '/api/members/due-for-conversion/export',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '导出到期和超期的预备党员（.xlsx，身份证号和电话脱敏）',
        querystring: DueQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items, rootPath } = await dueForConversion(db, actor, request.query.orgId);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '预备党员转正提醒',
        sheet: '预备党员转正提醒',
        columns: DUE_COLUMNS,
        rows: items,
        action: 'member.due.export',
        entity: 'member',
        orgPath: rootPath,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/members/:id',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '党员详情（含组织关系历史）',
        params: IdParamsSchema,
        response: { 200: MemberDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getMember(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/members',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '新建党员档案',
        body: CreateMemberSchema,
        response: { 201: MemberDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createMember(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/members/:id',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '修改党员档案（改 orgId 即调整所在组织，历史保留）',
        params: IdParamsSchema,
        body: UpdateMemberSchema,
        response: { 200: MemberDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateMember(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/members/:id',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '删除党员档案（误录时）',
        params: IdParamsSchema,
        response: { 204: z.null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteMember(db, actor, auditContextOf(actor, request.ip), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/members/:id/reveal',
    {
      config: { permission: 'member.sensitive' },
      schema: {
        tags,
        summary: '查看完整身份证号和电话（记入审计）',
        params: IdParamsSchema,
        response: { 200: RevealSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return revealMember(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.post(
    '/api/members/:id/convert',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '预备党员转正',
        params: IdParamsSchema,
        body: ConvertSchema,
        response: { 200: MemberDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return convertMember(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.fullMemberOn);
    },
  );
};
