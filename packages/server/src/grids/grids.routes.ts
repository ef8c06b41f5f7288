import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { z } from 'zod';
import {
  BuildingBulkSchema,
  BuildingInputSchema,
  BuildingListSchema,
  BuildingPatchSchema,
  BuildingSchema,
  BulkResultSchema,
  CommunityQuerySchema,
  GridFiguresQuerySchema,
  GridFiguresSchema,
  GridInputSchema,
  GridListSchema,
  GridMemberEndSchema,
  GridMemberInputSchema,
  GridPatchSchema,
  GridSchema,
  MyGridsSchema,
} from './grids.schema.js';
import {
  addGridMember,
  bulkCreateBuildings,
  createBuilding,
  createGrid,
  deleteBuilding,
  deleteGrid,
  endGridMember,
  gridFigures,
  listBuildings,
  listGrids,
  myGrids,
  updateBuilding,
  updateGrid,
} from './grids.service.js';

const tags = ['grids'];
const read = { permission: 'serve.read' } as const;
const write = { permission: 'serve.write' } as const;
const NoContent = { 204: z.null(), ...ERROR_RESPONSES };

export const registerGrids: Module = (app, { database: { db } }) => {
  app.get(
    '/api/grids/buildings',
    {
      config: read,
      schema: {
        tags,
        summary: '社区的楼栋（户数、所属网格）',
        querystring: CommunityQuerySchema,
        response: { 200: BuildingListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listBuildings(db, actorOf(request), request.query.orgId),
  );

  app.post(
    '/api/grids/buildings',
    {
      config: write,
      schema: {
        tags,
        summary: '登记楼栋',
        body: BuildingInputSchema,
        response: { 201: BuildingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createBuilding(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/grids/buildings/bulk',
    {
      config: write,
      schema: {
        tags,
        summary: '批量登记楼栋（如1–12号楼；已有的跳过）',
        body: BuildingBulkSchema,
        response: { 201: BulkResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await bulkCreateBuildings(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/grids/buildings/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改楼栋',
        params: IdParamsSchema,
        body: BuildingPatchSchema,
        response: { 200: BuildingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateBuilding(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/grids/buildings/:id',
    {
      config: write,
      schema: { tags, summary: '删除楼栋', params: IdParamsSchema, response: NoContent },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteBuilding(db, actor, auditContextOf(actor, request.ip), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/grids',
    {
      config: read,
      schema: {
        tags,
        summary: '社区的网格（楼栋、户数、责任党员及其历史）',
        querystring: CommunityQuerySchema,
        response: { 200: GridListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listGrids(db, actorOf(request), request.query.orgId),
  );

  app.get(
    '/api/grids/figures',
    {
      config: read,
      schema: {
        tags,
        summary: '网格概况：各社区的网格数、覆盖户数、责任党员',
        querystring: GridFiguresQuerySchema,
        response: { 200: GridFiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => gridFigures(db, actorOf(request), request.query.orgId),
  );

  app.get(
    '/api/grids/mine',
    {
      config: { permission: 'self.serve' },
      schema: {
        tags,
        summary: '本人负责的网格（党员责任区）',
        response: { 200: MyGridsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => myGrids(db, actorOf(request)),
  );

  app.post(
    '/api/grids',
    {
      config: write,
      schema: {
        tags,
        summary: '划分网格（一栋楼只能属于一个网格）',
        body: GridInputSchema,
        response: { 201: GridSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createGrid(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/grids/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改网格（名称、网格党支部、楼栋）',
        params: IdParamsSchema,
        body: GridPatchSchema,
        response: { 200: GridSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateGrid(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/grids/:id',
    {
      config: write,
      schema: { tags, summary: '删除网格（楼栋回到未划分）', params: IdParamsSchema, response: NoContent },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteGrid(db, actor, auditContextOf(actor, request.ip), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/grids/:id/members',
    {
      config: write,
      schema: {
        tags,
        summary: '指定网格责任党员（党员责任区）',
        params: IdParamsSchema,
        body: GridMemberInputSchema,
        response: { 201: GridSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await addGridMember(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body));
    },
  );

  app.post(
    '/api/grid-members/:id/end',
    {
      config: write,
      schema: {
        tags,
        summary: '结束责任党员的责任（保留历史）',
        params: IdParamsSchema,
        body: GridMemberEndSchema,
        response: { 200: GridSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return endGridMember(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.endedOn);
    },
  );
};
