import { UNIT_KIND_LABELS, UNIT_RELATION_LABELS } from '@gongjian/shared';
import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import { appointPartTime, getCommittee, setHomeUnit } from './committee.service.js';
import { unitFigures } from './figures.js';
import {
  AppointPartTimeSchema,
  CommitteePostSchema,
  CommitteeQuerySchema,
  CommitteeSchema,
  CreateUnitSchema,
  EndUnitSchema,
  LiaisonCandidateSchema,
  LinkNewOrgSchema,
  NewOrgCandidateSchema,
  OrgQuerySchema,
  SetHomeUnitSchema,
  type Unit,
  UnitExportQuerySchema,
  UnitFiguresSchema,
  UnitListSchema,
  UnitQuerySchema,
  UnitSchema,
  UpdateUnitSchema,
} from './units.schema.js';
import {
  candidates,
  createUnit,
  endUnit,
  getUnit,
  linkNewOrg,
  myUnits,
  queryUnits,
  updateUnit,
} from './units.service.js';

const tags = ['units'];

/** The resident units' registry (驻区单位), the big committee's part-time members, the figures. */
export const registerUnits: Module = (app, { database: { db } }) => {
  app.get(
    '/api/units',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '驻区单位名录',
        querystring: UnitQuerySchema,
        response: { 200: UnitListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { items, total } = await queryUnits(db, actorOf(request), filter, { page, pageSize });
      return { items, total };
    },
  );

  app.get(
    '/api/units/export',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '导出驻区单位名录（.xlsx）',
        querystring: UnitExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, items } = await queryUnits(db, actor, request.query);
      return sendXlsx<Unit>(reply, db, auditContextOf(actor, request.ip), {
        name: `${root.name}驻区单位名录`,
        sheet: '驻区单位',
        columns: [
          { header: '单位名称', value: (u) => u.name, width: 32 },
          { header: '统一社会信用代码', value: (u) => u.uscc, width: 22 },
          { header: '类别', value: (u) => UNIT_KIND_LABELS[u.kind] },
          { header: '管理关系', value: (u) => UNIT_RELATION_LABELS[u.relation] },
          { header: '所在社区/街道', value: (u) => u.org.name, width: 24 },
          { header: '地址', value: (u) => u.address, width: 30 },
          { header: '联系人', value: (u) => u.contactName },
          { header: '联系电话', value: (u) => u.contactPhone, width: 14 },
          { header: '职工人数', value: (u) => u.headcount },
          { header: '党员人数', value: (u) => u.partyMembers },
          { header: '单位党组织', value: (u) => u.partyOrg?.name ?? null, width: 28 },
          { header: '联络员', value: (u) => u.liaison?.displayName ?? null },
          { header: '两新组织', value: (u) => (u.newOrgId ? '是' : '') },
          { header: '退出日期', value: (u) => u.endedOn },
        ],
        rows: items,
        action: 'resident_unit.export',
        entity: 'resident_unit',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/units/candidates',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '登记驻区单位时可选的两新组织和联络员账号',
        querystring: OrgQuerySchema,
        response: {
          200: z.object({ newOrgs: z.array(NewOrgCandidateSchema), liaisons: z.array(LiaisonCandidateSchema) }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => candidates(db, actorOf(request), request.query.orgId),
  );

  app.get(
    '/api/units/mine',
    {
      config: { permission: 'cobuild.unit' },
      schema: {
        tags,
        summary: '本单位（驻区单位联络员所联络的单位）',
        response: { 200: z.object({ items: z.array(UnitSchema) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: await myUnits(db, actorOf(request)) }),
  );

  app.get(
    '/api/units/figures',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '驻区单位统计：类别、管理关系、兼职委员、协作区覆盖',
        querystring: OrgQuerySchema,
        response: { 200: UnitFiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => unitFigures(db, actorOf(request), request.query.orgId),
  );

  app.get(
    '/api/units/committee',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '社区大党委：委员构成、兼职委员及其所在单位',
        querystring: CommitteeQuerySchema,
        response: { 200: CommitteeSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getCommittee(db, actorOf(request), request.query.orgId),
  );

  app.post(
    '/api/units/committee/:id/posts',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '任命驻区单位的兼职委员',
        params: IdParamsSchema,
        body: AppointPartTimeSchema,
        response: { 201: CommitteePostSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const post = await appointPartTime(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
      return reply.status(201).send(post);
    },
  );

  app.post(
    '/api/units/committee/posts/:id/home-unit',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '设置委员所在的驻区单位',
        params: IdParamsSchema,
        body: SetHomeUnitSchema,
        response: { 200: CommitteePostSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setHomeUnit(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.unitId);
    },
  );

  app.get(
    '/api/units/:id',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '驻区单位详情',
        params: IdParamsSchema,
        response: { 200: UnitSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getUnit(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/units',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '登记驻区单位',
        body: CreateUnitSchema,
        response: { 201: UnitSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createUnit(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/units/from-new-org',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '从两新组织名册添加驻区单位（同一记录，不另存副本）',
        body: LinkNewOrgSchema,
        response: { 201: UnitSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await linkNewOrg(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/units/:id',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '修改驻区单位',
        params: IdParamsSchema,
        body: UpdateUnitSchema,
        response: { 200: UnitSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateUnit(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/units/:id/end',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '驻区单位退出名录',
        params: IdParamsSchema,
        body: EndUnitSchema,
        response: { 200: UnitSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return endUnit(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.endedOn);
    },
  );
};
