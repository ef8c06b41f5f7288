import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import {
  CreateOrgSchema,
  OrgDetailSchema,
  OrgExportQuerySchema,
  OrgListQuerySchema,
  OrgListSchema,
  UpdateOrgSchema,
} from './organizations.schema.js';
import { createOrg, deleteOrg, getOrg, listOrgChildren, updateOrg } from './organizations.service.js';
import { orgRegistry, REGISTRY_COLUMNS, type RegistryRow } from './organizations.export.js';
import { XLSX_RESPONSES, sendXlsx } from '../http/xlsx.js';
import { OrgSearchListSchema, OrgSearchQuerySchema, searchOrgs } from './org-search.js';

const tags = ['organizations'];

export const registerOrganizations: Module = (app, { database: { db } }) => {
  app.get(
    '/api/organizations',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '下级组织（不传 parentId 时为本账号所属组织）',
        querystring: OrgListQuerySchema,
        response: { 200: OrgListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: await listOrgChildren(db, actorOf(request), request.query.parentId) }),
  );

  app.get(
    '/api/organizations/search',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '组织选择器的查找：名称的一部分或拼音首字母，限本账号范围',
        querystring: OrgSearchQuerySchema,
        response: { 200: OrgSearchListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => searchOrgs(db, actorOf(request), request.query.q),
  );

  app.get(
    '/api/organizations/export',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '导出党组织名册（.xlsx；不传 orgId 时为本账号所属组织及全部下级）',
        querystring: OrgExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { rootPath, rows } = await orgRegistry(db, actor, request.query.orgId);
      return sendXlsx<RegistryRow>(reply, db, auditContextOf(actor, request.ip), {
        name: '党组织名册',
        sheet: '党组织名册',
        columns: REGISTRY_COLUMNS,
        rows,
        action: 'organization.export',
        entity: 'organization',
        orgPath: rootPath,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/organizations/:id',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '组织详情',
        params: IdParamsSchema,
        response: { 200: OrgDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getOrg(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/organizations',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '新建组织',
        body: CreateOrgSchema,
        response: { 201: OrgDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createOrg(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/organizations/:id',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '修改或移动组织（传 parentId 即移动整棵子树）',
        params: IdParamsSchema,
        body: UpdateOrgSchema,
        response: { 200: OrgDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateOrg(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/organizations/:id',
    {
      config: { permission: 'org.write' },
      schema: { tags, summary: '删除组织', params: IdParamsSchema, response: { 204: z.null(), ...ERROR_RESPONSES } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteOrg(db, actor, auditContextOf(actor, request.ip), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
