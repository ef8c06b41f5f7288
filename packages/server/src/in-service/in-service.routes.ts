import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { XLSX_RESPONSES, sendDownload } from '../http/xlsx.js';
import {
  CommunityListSchema,
  CommunityQuerySchema,
  EndRegistrationSchema,
  InServiceExportQuerySchema,
  InServiceListQuerySchema,
  MyRegistrationSchema,
  RegisterSchema,
  RegistrationListSchema,
  RegistrationSchema,
  SelfRegisterSchema,
  UnregisteredListSchema,
  UnregisteredQuerySchema,
} from './in-service.schema.js';
import {
  communities,
  endRegistration,
  exportRegistrations,
  list,
  mine,
  register,
  registerSelf,
  unregistered,
} from './in-service.service.js';

const tags = ['in-service'];

export const registerInService: Module = (app, { database: { db } }) => {
  app.get(
    '/api/in-service',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '在职党员社区报到：view=community 来本社区报到的；view=unit 本单位党员在哪里报到',
        querystring: InServiceListQuerySchema,
        response: { 200: RegistrationListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => list(db, actorOf(request), request.query),
  );

  app.get(
    '/api/in-service/unregistered',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '未报到：党员类别为在职党员、尚未到居住社区报到的党员',
        querystring: UnregisteredQuerySchema,
        response: { 200: UnregisteredListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => unregistered(db, actorOf(request), request.query),
  );

  app.get(
    '/api/in-service/export',
    {
      config: { permission: 'member.read' },
      schema: {
        tags,
        summary: '导出报到列表（.xlsx，电话脱敏）',
        querystring: InServiceExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stream = await exportRegistrations(db, actor, auditContextOf(actor, request.ip), request.query);
      return sendDownload(reply, '在职党员报到', stream);
    },
  );

  app.get(
    '/api/in-service/communities',
    {
      config: { permission: 'self.in_service' },
      schema: {
        tags,
        summary: '按名称查找可报到的社区（只返回名称）',
        querystring: CommunityQuerySchema,
        response: { 200: CommunityListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => communities(db, request.query.q),
  );

  app.get(
    '/api/in-service/mine',
    {
      config: { permission: 'self.in_service' },
      schema: { tags, summary: '本人的社区报到', response: { 200: MyRegistrationSchema, ...ERROR_RESPONSES } },
    },
    async (request) => mine(db, actorOf(request)),
  );

  app.post(
    '/api/in-service',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '为在职党员登记社区报到（社区或所在单位党组织）',
        body: RegisterSchema,
        response: { 201: RegistrationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await register(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/in-service/self',
    {
      config: { permission: 'self.in_service' },
      schema: {
        tags,
        summary: '本人到居住地社区报到',
        body: SelfRegisterSchema,
        response: { 201: RegistrationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await registerSelf(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/in-service/:id/end',
    {
      config: { permission: 'member.write' },
      schema: {
        tags,
        summary: '结束报到（搬离等）',
        params: IdParamsSchema,
        body: EndRegistrationSchema,
        response: { 200: RegistrationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return endRegistration(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.endedOn);
    },
  );
};
