import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import { NEED_COLUMNS, PROJECT_COLUMNS, RESOURCE_COLUMNS } from './co-lists.export.js';
import {
  ClaimSchema,
  CreateNeedSchema,
  CreateProjectSchema,
  CreateResourceSchema,
  ExportQuerySchema,
  FinishProjectSchema,
  ListQuerySchema,
  MatchListSchema,
  NeedListSchema,
  NeedSchema,
  ProjectListSchema,
  ProjectSchema,
  ResourceListSchema,
  ResourceSchema,
  UnitResourceSchema,
  UnitResultsSchema,
  UpdateNeedSchema,
  UpdateResourceSchema,
} from './co-lists.schema.js';
import {
  addUnitResource,
  claimNeed,
  closeNeed,
  createNeed,
  createProject,
  createResource,
  finishProject,
  listNeeds,
  listProjects,
  listResources,
  matches,
  unitNeeds,
  unitResources,
  unitResults,
  updateNeed,
  updateResource,
} from './co-lists.service.js';

const tags = ['co-lists'];
const read = { permission: 'cobuild.read' } as const;
const write = { permission: 'cobuild.write' } as const;
const unit = { permission: 'cobuild.unit' } as const;
const ctxOf = (request: Parameters<typeof actorOf>[0] & { ip: string }) => auditContextOf(actorOf(request), request.ip);

export const registerCoLists: Module = (app, { database: { db } }) => {
  // The three lists: each a page, an export, a create and an edit.
  app.get(
    '/api/co-lists/needs',
    {
      config: read,
      schema: {
        tags,
        summary: '需求清单',
        querystring: ListQuerySchema,
        response: { 200: NeedListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { page, pageSize, ...q } = request.query;
      const { items, total } = await listNeeds(db, actorOf(request), q, page, pageSize);
      return { items, total };
    },
  );
  app.get(
    '/api/co-lists/needs/export',
    {
      config: read,
      schema: { tags, summary: '导出需求清单（.xlsx）', querystring: ExportQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const { root, items } = await listNeeds(db, actorOf(request), request.query);
      return sendXlsx(reply, db, ctxOf(request), {
        name: '需求清单',
        sheet: '需求清单',
        columns: NEED_COLUMNS,
        rows: items,
        action: 'co_lists.export',
        entity: 'co_need',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
  app.post(
    '/api/co-lists/needs',
    {
      config: write,
      schema: { tags, summary: '登记需求', body: CreateNeedSchema, response: { 201: NeedSchema, ...ERROR_RESPONSES } },
    },
    async (request, reply) =>
      reply.status(201).send(await createNeed(db, actorOf(request), ctxOf(request), request.body)),
  );
  app.patch(
    '/api/co-lists/needs/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改需求',
        params: IdParamsSchema,
        body: UpdateNeedSchema,
        response: { 200: NeedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => updateNeed(db, actorOf(request), ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/co-lists/needs/:id/close',
    {
      config: write,
      schema: {
        tags,
        summary: '关闭需求（不再办理）',
        params: IdParamsSchema,
        response: { 200: NeedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => closeNeed(db, actorOf(request), ctxOf(request), request.params.id),
  );

  app.get(
    '/api/co-lists/resources',
    {
      config: read,
      schema: {
        tags,
        summary: '资源清单（status=active 可用，inactive 已停用）',
        querystring: ListQuerySchema,
        response: { 200: ResourceListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { page, pageSize, ...q } = request.query;
      const { items, total } = await listResources(db, actorOf(request), q, page, pageSize);
      return { items, total };
    },
  );
  app.get(
    '/api/co-lists/resources/export',
    {
      config: read,
      schema: { tags, summary: '导出资源清单（.xlsx）', querystring: ExportQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const { root, items } = await listResources(db, actorOf(request), request.query);
      return sendXlsx(reply, db, ctxOf(request), {
        name: '资源清单',
        sheet: '资源清单',
        columns: RESOURCE_COLUMNS,
        rows: items,
        action: 'co_lists.export',
        entity: 'co_resource',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
  app.post(
    '/api/co-lists/resources',
    {
      config: write,
      schema: {
        tags,
        summary: '登记资源（驻区单位、党员或社区提供）',
        body: CreateResourceSchema,
        response: { 201: ResourceSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createResource(db, actorOf(request), ctxOf(request), request.body)),
  );
  app.patch(
    '/api/co-lists/resources/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改或停用资源',
        params: IdParamsSchema,
        body: UpdateResourceSchema,
        response: { 200: ResourceSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => updateResource(db, actorOf(request), ctxOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/co-lists/projects',
    {
      config: read,
      schema: {
        tags,
        summary: '项目清单',
        querystring: ListQuerySchema,
        response: { 200: ProjectListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { page, pageSize, ...q } = request.query;
      const { items, total } = await listProjects(db, actorOf(request), q, page, pageSize);
      return { items, total };
    },
  );
  app.get(
    '/api/co-lists/projects/export',
    {
      config: read,
      schema: { tags, summary: '导出项目清单（.xlsx）', querystring: ExportQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const { root, items } = await listProjects(db, actorOf(request), request.query);
      return sendXlsx(reply, db, ctxOf(request), {
        name: '项目清单',
        sheet: '项目清单',
        columns: PROJECT_COLUMNS,
        rows: items,
        action: 'co_lists.export',
        entity: 'co_project',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
  app.post(
    '/api/co-lists/projects',
    {
      config: write,
      schema: {
        tags,
        summary: '确认对接：以需求和资源立项',
        body: CreateProjectSchema,
        response: { 201: ProjectSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProject(db, actorOf(request), ctxOf(request), request.body)),
  );
  app.post(
    '/api/co-lists/projects/:id/finish',
    {
      config: write,
      schema: {
        tags,
        summary: '项目结束：完成（需求满足）或取消',
        params: IdParamsSchema,
        body: FinishProjectSchema,
        response: { 200: ProjectSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => finishProject(db, actorOf(request), ctxOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/co-lists/matches',
    {
      config: read,
      schema: {
        tags,
        summary: '平台建议的需求与资源对接（同类别、同社区或街道、资源未被占用）',
        querystring: ListQuerySchema.pick({ orgId: true }),
        response: { 200: MatchListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => matches(db, actorOf(request), request.query.orgId),
  );
  app.get(
    '/api/co-lists/unit-results',
    {
      config: read,
      schema: {
        tags,
        summary: '各驻区单位共建成效：任务、需求满足、项目',
        querystring: ListQuerySchema.pick({ orgId: true }),
        response: { 200: UnitResultsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => unitResults(db, actorOf(request), request.query.orgId),
  );

  // The unit liaison's own unit (cobuild.unit).
  app.get(
    '/api/co-lists/unit/needs',
    {
      config: unit,
      schema: {
        tags,
        summary: '本单位所在社区待认领的需求及本单位认领的需求',
        response: { 200: NeedListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => unitNeeds(db, actorOf(request)),
  );
  app.post(
    '/api/co-lists/unit/needs/:id/claim',
    {
      config: unit,
      schema: {
        tags,
        summary: '本单位认领需求',
        params: IdParamsSchema,
        body: ClaimSchema,
        response: { 200: NeedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => claimNeed(db, actorOf(request), ctxOf(request), request.params.id, request.body.note ?? null),
  );
  app.get(
    '/api/co-lists/unit/resources',
    {
      config: unit,
      schema: { tags, summary: '本单位提供的资源', response: { 200: ResourceListSchema, ...ERROR_RESPONSES } },
    },
    async (request) => unitResources(db, actorOf(request)),
  );
  app.post(
    '/api/co-lists/unit/resources',
    {
      config: unit,
      schema: {
        tags,
        summary: '本单位登记可提供的资源',
        body: UnitResourceSchema,
        response: { 201: ResourceSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addUnitResource(db, actorOf(request), ctxOf(request), request.body)),
  );
};
