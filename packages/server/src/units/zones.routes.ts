import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  CreateZoneSchema,
  EndZoneSchema,
  OrgQuerySchema,
  UpdateZoneSchema,
  type Zone,
  ZoneCoverageSchema,
  ZoneQuerySchema,
  ZoneSchema,
} from './units.schema.js';
import { coverage, createZone, endZone, getZone, listZones, updateZone } from './zones.service.js';

const tags = ['zones'];

/** Collaboration zones (党建协作区) held by streets and districts, and their coverage. */
export const registerZones: Module = (app, { database: { db } }) => {
  app.get(
    '/api/zones',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '党建协作区',
        querystring: ZoneQuerySchema,
        response: { 200: z.object({ items: z.array(ZoneSchema) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      items: (await listZones(db, actorOf(request), request.query.orgId, request.query.ended)).items,
    }),
  );

  app.get(
    '/api/zones/coverage',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '协作区覆盖：覆盖社区占比、参加的组织',
        querystring: OrgQuerySchema,
        response: { 200: ZoneCoverageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => coverage(db, actorOf(request), request.query.orgId),
  );

  app.get(
    '/api/zones/export',
    {
      config: { permission: 'cobuild.read' },
      schema: { tags, summary: '导出党建协作区（.xlsx）', querystring: ZoneQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, items } = await listZones(db, actor, request.query.orgId, request.query.ended);
      const names = (refs: { name: string }[]) => refs.map((r) => r.name).join('、');
      return sendXlsx<Zone>(reply, db, auditContextOf(actor, request.ip), {
        name: `${root.name}党建协作区`,
        sheet: '协作区',
        columns: [
          { header: '协作区', value: (z) => z.name, width: 28 },
          { header: '组建单位', value: (z) => z.org.name, width: 22 },
          { header: '牵头单位', value: (z) => z.lead?.name ?? null, width: 24 },
          { header: '成员社区', value: (z) => names(z.communities), width: 40 },
          { header: '成员单位党组织', value: (z) => names(z.organizations), width: 40 },
          { header: '成员驻区单位', value: (z) => names(z.units), width: 40 },
          { header: '参加组织数', value: (z) => z.communities.length + z.organizations.length + z.units.length },
          { header: '撤销日期', value: (z) => z.endedOn },
        ],
        rows: items,
        action: 'collab_zone.export',
        entity: 'collab_zone',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/zones/:id',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '协作区详情',
        params: IdParamsSchema,
        response: { 200: ZoneSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getZone(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/zones',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '组建协作区',
        body: CreateZoneSchema,
        response: { 201: ZoneSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createZone(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/zones/:id',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '修改协作区（名称、牵头单位、成员）',
        params: IdParamsSchema,
        body: UpdateZoneSchema,
        response: { 200: ZoneSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateZone(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/zones/:id/end',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '撤销协作区',
        params: IdParamsSchema,
        body: EndZoneSchema,
        response: { 200: ZoneSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return endZone(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.endedOn);
    },
  );
};
