import { COVERAGE_STATUS_LABELS, NEW_ORG_KIND_LABELS } from '@gongjian/shared';
import { z } from 'zod';
import { XLSX_RESPONSES, sendXlsx } from '../http/xlsx.js';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import {
  CoverageQuerySchema,
  CoverageSchema,
  CreateJointBranchSchema,
  CreateNewOrgSchema,
  JointBranchCreatedSchema,
  JointBranchPreviewQuerySchema,
  JointBranchPreviewSchema,
  type NewOrg,
  NewOrgExportQuerySchema,
  NewOrgListSchema,
  NewOrgQuerySchema,
  NewOrgSchema,
  UpdateNewOrgSchema,
} from './new-orgs.schema.js';
import {
  createJointBranch,
  createNewOrg,
  deleteNewOrg,
  getCoverage,
  queryNewOrgs,
  updateNewOrg,
  previewJointBranch,
} from './new-orgs.service.js';

const tags = ['new-organizations'];

/** The registry of new economic and social organisations (两新组织) and the coverage of party work in them. */
export const registerNewOrgs: Module = (app, { database: { db } }) => {
  app.get(
    '/api/new-orgs',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '两新组织名录',
        querystring: NewOrgQuerySchema,
        response: { 200: NewOrgListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { items, total } = await queryNewOrgs(db, actorOf(request), filter, { page, pageSize });
      return { items, total };
    },
  );

  app.get(
    '/api/new-orgs/export',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '导出两新组织名录（.xlsx）',
        querystring: NewOrgExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, items } = await queryNewOrgs(db, actor, request.query);
      return sendXlsx<NewOrg>(reply, db, auditContextOf(actor, request.ip), {
        name: `${root.name}两新组织名录`,
        sheet: '两新组织',
        columns: [
          { header: '名称', value: (n) => n.name, width: 32 },
          { header: '统一社会信用代码', value: (n) => n.uscc, width: 22 },
          { header: '类别', value: (n) => NEW_ORG_KIND_LABELS[n.kind] },
          { header: '行业', value: (n) => n.industry },
          { header: '所在社区/街道', value: (n) => n.org.name, width: 24 },
          { header: '网格', value: (n) => n.grid },
          { header: '地址', value: (n) => n.address, width: 30 },
          { header: '从业人员', value: (n) => n.employees },
          { header: '党员人数', value: (n) => n.partyMembers },
          { header: '覆盖状态', value: (n) => COVERAGE_STATUS_LABELS[n.status] },
          { header: '本单位党组织', value: (n) => n.ownOrg?.name ?? null, width: 28 },
          { header: '所属联合党支部', value: (n) => n.jointBranch?.name ?? null, width: 28 },
          { header: '党建指导员', value: (n) => n.instructorName },
        ],
        rows: items,
        action: 'new_organization.export',
        entity: 'new_organization',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );

  app.post(
    '/api/new-orgs',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '登记两新组织',
        body: CreateNewOrgSchema,
        response: { 201: NewOrgSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createNewOrg(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/new-orgs/:id',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '修改两新组织（含覆盖情况、指导员）',
        params: IdParamsSchema,
        body: UpdateNewOrgSchema,
        response: { 200: NewOrgSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateNewOrg(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/new-orgs/:id',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '删除两新组织登记',
        params: IdParamsSchema,
        response: { 204: z.null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteNewOrg(db, actor, auditContextOf(actor, request.ip), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/coverage',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '两新组织党建覆盖：覆盖率、空白点及建议',
        querystring: CoverageQuerySchema,
        response: { 200: CoverageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getCoverage(db, actorOf(request), request.query.orgId),
  );

  app.post(
    '/api/coverage/joint-branches',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '一键组建建议的联合党支部',
        body: CreateJointBranchSchema,
        response: { 201: JointBranchCreatedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createJointBranch(db, actor, auditContextOf(actor, request.ip), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/coverage/joint-branches/preview',
    {
      config: { permission: 'org.write' },
      schema: {
        tags,
        summary: '一键组建联合党支部之前：将建立的支部名称、覆盖单位和可转入的党员',
        querystring: JointBranchPreviewQuerySchema,
        response: { 200: JointBranchPreviewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => previewJointBranch(db, actorOf(request), request.query.newOrgIds),
  );
};
