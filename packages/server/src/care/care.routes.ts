import { CARE_NEED_LABELS, CARE_RULE_LABELS, CARE_TYPE_LABELS } from '@gongjian/shared';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { type SheetColumn, sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  CareDetailSchema,
  CareEndSchema,
  CareExportQuerySchema,
  CareListQuerySchema,
  CareListSchema,
  CareMineSchema,
  CareResidentInputSchema,
  CareResidentPatchSchema,
  CareResidentSchema,
  CareVisitInputSchema,
} from './care.schema.js';
import {
  careDetail,
  createCare,
  endCare,
  exportCare,
  listCare,
  myCare,
  myCareDetail,
  recordMyVisit,
  recordVisit,
  updateCare,
} from './care.service.js';

const tags = ['care'];
const read = { permission: 'care.read' } as const;
const write = { permission: 'care.write' } as const;
const own = { permission: 'self.serve' } as const;

type ExportRow = Awaited<ReturnType<typeof exportCare>>['rows'][number];
const STANDING = { overdue: '已逾期', due_soon: '即将到期', ok: '' } as const;
const COLUMNS: SheetColumn<ExportRow>[] = [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '所属社区', width: 20, value: (r) => r.orgName },
  { header: '类别', width: 18, value: (r) => r.types.map((t) => CARE_TYPE_LABELS[t]).join('、') },
  { header: '年龄', width: 6, value: (r) => r.age },
  {
    header: '独居/留守',
    width: 10,
    value: (r) => [r.livesAlone && '独居', r.leftBehind && '留守'].filter(Boolean).join('、'),
  },
  { header: '楼栋', width: 10, value: (r) => r.buildingName },
  { header: '住址', width: 24, value: (r) => r.address },
  { header: '联系电话', width: 14, value: (r) => r.phone },
  { header: '需求', width: 24, value: (r) => r.needs.map((n) => CARE_NEED_LABELS[n]).join('、') },
  { header: '监护人/联系人', width: 12, value: (r) => r.guardianName },
  { header: '监护人电话', width: 14, value: (r) => r.guardianPhone },
  { header: '帮扶人', width: 10, value: (r) => r.carerName },
  { header: '走访频次', width: 14, value: (r) => `${CARE_RULE_LABELS[r.rule]} 每${r.intervalMonths}个月` },
  { header: '上次走访', width: 12, value: (r) => r.lastVisitOn },
  { header: '下次应走访', width: 12, value: (r) => r.nextVisitDue },
  { header: '走访状态', width: 10, value: (r) => (r.endedOn ? '已移出名册' : STANDING[r.standing]) },
];

export const registerCare: Module = (app, { database: { db } }) => {
  app.get(
    '/api/care/residents',
    {
      config: read,
      schema: {
        tags,
        summary: '困难群体名册（本社区工作人员和帮扶人见姓名和住址，其他人脱敏；逾期的在前）',
        querystring: CareListQuerySchema,
        response: { 200: CareListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listCare(db, actorOf(request), request.query),
  );

  app.get(
    '/api/care/residents/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出困难群体名册（.xlsx，按查看人权限脱敏；导出记入审计）',
        querystring: CareExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, rows } = await exportCare(db, actor, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '困难群体名册',
        sheet: '困难群体',
        columns: COLUMNS,
        rows,
        action: 'care_resident.export',
        entity: 'care_resident',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );

  app.post(
    '/api/care/residents',
    {
      config: write,
      schema: {
        tags,
        summary: '登记困难群体',
        body: CareResidentInputSchema,
        response: { 201: CareResidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createCare(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.get(
    '/api/care/residents/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '困难群体详情与走访记录（完整信息仅本社区工作人员和帮扶人可见，每次查看记入审计）',
        params: IdParamsSchema,
        response: { 200: CareDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return careDetail(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.patch(
    '/api/care/residents/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改困难群体信息（类别变化时重算下次走访日期）',
        params: IdParamsSchema,
        body: CareResidentPatchSchema,
        response: { 200: CareResidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateCare(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/care/residents/:id/end',
    {
      config: write,
      schema: {
        tags,
        summary: '移出名册（迁出、去世等；走访记录保留）',
        params: IdParamsSchema,
        body: CareEndSchema,
        response: { 200: CareResidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return endCare(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/care/residents/:id/visits',
    {
      config: write,
      schema: {
        tags,
        summary: '登记走访',
        params: IdParamsSchema,
        body: CareVisitInputSchema,
        response: { 201: CareResidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await recordVisit(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body));
    },
  );

  app.get(
    '/api/care/mine',
    {
      config: own,
      schema: {
        tags,
        summary: '我帮扶的困难群众（逾期的在前）',
        response: { 200: CareMineSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => myCare(db, actorOf(request)),
  );

  app.get(
    '/api/care/mine/:id',
    {
      config: own,
      schema: {
        tags,
        summary: '我帮扶的一位困难群众（完整信息，查看记入审计）',
        params: IdParamsSchema,
        response: { 200: CareDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return myCareDetail(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.post(
    '/api/care/mine/:id/visits',
    {
      config: own,
      schema: {
        tags,
        summary: '帮扶人登记走访',
        params: IdParamsSchema,
        body: CareVisitInputSchema,
        response: { 201: CareResidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await recordMyVisit(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body));
    },
  );
};
