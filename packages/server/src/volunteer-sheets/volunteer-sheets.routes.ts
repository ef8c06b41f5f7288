import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendPrintPage } from '../http/print.js';
import { HTML_PAGE, XLSX_RESPONSES, sendDownload } from '../http/xlsx.js';
import {
  FiguresQuerySchema,
  GenerateResultSchema,
  GenerateSchema,
  MarkSentResultSchema,
  MarkSentSchema,
  OrgIdParamsSchema,
  RankingQuerySchema,
  RankingSchema,
  RulesQuerySchema,
  SheetFilterSchema,
  SheetListQuerySchema,
  SheetListSchema,
  SheetSchema,
  SheetUnitsQuerySchema,
  SheetUnitsSchema,
  VolunteerFiguresSchema,
  VolunteerRulesSchema,
  VolunteerSettingSchema,
} from './volunteer-sheets.schema.js';
import {
  exportSheets,
  figures,
  generate,
  getRules,
  getSheet,
  listSheets,
  markSent,
  printSheet,
  printSheets,
  ranking,
  setRules,
  sheetUnits,
} from './volunteer-sheets.service.js';

const tags = ['volunteer-sheets'];

export const registerVolunteerSheets: Module = (app, { database: { db } }) => {
  app.get(
    '/api/volunteer-rules',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '志愿服务地方规则：本组织的设置与实际生效的规则（逐项沿用上级）',
        querystring: RulesQuerySchema,
        response: { 200: VolunteerRulesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getRules(db, actorOf(request), request.query.orgId),
  );

  app.patch(
    '/api/volunteer-rules/:orgId',
    {
      config: { permission: 'volunteer.write' },
      schema: {
        tags,
        summary: '设置市或县区的志愿服务规则（年度时长目标、积分、排行；留空沿用上级）',
        params: OrgIdParamsSchema,
        body: VolunteerSettingSchema,
        response: { 200: VolunteerRulesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setRules(db, actor, auditContextOf(actor, request.ip), request.params.orgId, request.body);
    },
  );

  app.get(
    '/api/residence-sheets',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '在职党员社区表现反馈表：报到社区或党员单位在本范围内的（按单位、姓名排序）',
        querystring: SheetListQuerySchema,
        response: { 200: SheetListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listSheets(db, actorOf(request), request.query),
  );

  app.get(
    '/api/residence-sheets/units',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '一个季度的反馈表按社区和单位党组织汇总，及是否已送达',
        querystring: SheetUnitsQuerySchema,
        response: { 200: SheetUnitsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => sheetUnits(db, actorOf(request), request.query),
  );

  app.get(
    '/api/residence-sheets/export',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '导出反馈表（.xlsx，每人一行，按单位党组织排列）',
        querystring: SheetFilterSchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stream = await exportSheets(db, actor, auditContextOf(actor, request.ip), request.query);
      return sendDownload(reply, '在职党员社区表现反馈表', stream);
    },
  );

  app.get(
    '/api/residence-sheets/print',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '打印一个季度的反馈表（每人一页A4，最多500份）',
        querystring: SheetFilterSchema,
        response: { 200: HTML_PAGE, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return sendPrintPage(reply, await printSheets(db, actor, auditContextOf(actor, request.ip), request.query));
    },
  );

  app.get(
    '/api/residence-sheets/:id',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '一名党员的季度反馈表',
        params: IdParamsSchema,
        response: { 200: SheetSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getSheet(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/residence-sheets/:id/print',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '打印一名党员的季度反馈表（A4）',
        params: IdParamsSchema,
        response: { 200: HTML_PAGE, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return sendPrintPage(reply, await printSheet(db, actor, auditContextOf(actor, request.ip), request.params.id));
    },
  );

  app.post(
    '/api/residence-sheets/generate',
    {
      config: { permission: 'volunteer.write' },
      schema: {
        tags,
        summary: '生成或刷新本范围内一个季度的反馈表（已送达的不变；季度未结束时统计到今天）',
        body: GenerateSchema,
        response: { 200: GenerateResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return generate(db, actor, auditContextOf(actor, request.ip), request.body);
    },
  );

  app.post(
    '/api/residence-sheets/sent',
    {
      config: { permission: 'volunteer.write' },
      schema: {
        tags,
        summary: '社区标记一个季度的反馈表已送达单位党组织（不指定单位则为全部未送达的）',
        body: MarkSentSchema,
        response: { 200: MarkSentResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return markSent(db, actor, auditContextOf(actor, request.ip), request.body);
    },
  );

  app.get(
    '/api/volunteer-figures',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '志愿服务数据：本组织及下级的服务队、居民志愿者，各季度活动、确认时长、服务人次（计数表）',
        querystring: FiguresQuerySchema,
        response: { 200: VolunteerFiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => figures(db, actorOf(request), request.query.orgId, request.query.year),
  );

  app.get(
    '/api/volunteer-ranking',
    {
      config: { permission: 'volunteer.read' },
      schema: {
        tags,
        summary: '志愿服务排行（本地开启时）：上一个已结束的季度或年度的确认时长和积分',
        querystring: RankingQuerySchema,
        response: { 200: RankingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ranking(db, actorOf(request), request.query.orgId, request.query.period),
  );
};
