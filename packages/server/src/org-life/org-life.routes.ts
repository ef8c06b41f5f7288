import { MEETING_TYPE_LABELS, MEETING_TYPES } from '@gongjian/shared';
import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema, PageQuerySchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendPrintPage } from '../http/print.js';
import { HTML_PAGE, sendDownload, sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import { registerMeetingAttachments } from './org-life.attachments.routes.js';
import { exportMeetings, STANDING_COLUMNS } from './org-life.export.js';
import { yearlyRecordPage } from './org-life.print.js';
import {
  CorrectMeetingSchema,
  CreateMeetingSchema,
  ExpectedListSchema,
  ExpectedQuerySchema,
  FiguresQuerySchema,
  FiguresSchema,
  LeaveSchema,
  MeetingExportQuerySchema,
  MeetingListQuerySchema,
  MeetingListSchema,
  MeetingSchema,
  MyMeetingListSchema,
  MyMeetingSchema,
  MyMeetingsQuerySchema,
  PrintQuerySchema,
  RulesQuerySchema,
  RulesSchema,
  SetRulesSchema,
  StandingsExportQuerySchema,
  StandingsQuerySchema,
  StandingsSchema,
  UpdateMeetingSchema,
} from './org-life.schema.js';
import {
  correctMeeting,
  createMeeting,
  deleteMeeting,
  expectedFor,
  finaliseMeeting,
  getMeeting,
  list,
  meetingsOfMember,
  myMeetings,
  setLeave,
  updateMeeting,
} from './org-life.service.js';
import { figures, rulesOf, setRules, standings } from './org-life.standings.js';

const tags = ['org-life'];
const MEETING_RESPONSES = { 200: MeetingSchema, ...ERROR_RESPONSES };

export const registerOrgLife: Module = (app, deps) => {
  const {
    database: { db },
  } = deps;
  registerMeetingAttachments(app, deps);
  app.get(
    '/api/org-life/meetings',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '会议记录（三会一课等），按组织子树、类型、状态、日期筛选',
        querystring: MeetingListQuerySchema,
        response: { 200: MeetingListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => list(db, actorOf(request), request.query),
  );

  app.get(
    '/api/org-life/meetings/export',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '导出会议记录（.xlsx）',
        querystring: MeetingExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return sendDownload(
        reply,
        '会议记录',
        await exportMeetings(db, actor, auditContextOf(actor, request.ip), request.query),
      );
    },
  );

  app.get(
    '/api/org-life/expected',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '新会议的应到人员（党员大会等：本组织党员；支委会：现任委员；党小组会：小组成员）',
        querystring: ExpectedQuerySchema,
        response: { 200: ExpectedListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => expectedFor(db, actorOf(request), request.query.orgId, request.query.type),
  );

  app.get(
    '/api/org-life/meetings/:id',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '会议记录详情：应到人员、出席与缺席、会前请假、更正记录',
        params: IdParamsSchema,
        response: MEETING_RESPONSES,
      },
    },
    async (request) => getMeeting(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/org-life/meetings',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary: `新建会议（计划或补记，草稿）：${MEETING_TYPES.map((t) => MEETING_TYPE_LABELS[t]).join('、')}`,
        body: CreateMeetingSchema,
        response: { 201: MeetingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createMeeting(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/org-life/meetings/:id',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary: '修改草稿（含出席登记）；已定稿的记录只能更正',
        params: IdParamsSchema,
        body: UpdateMeetingSchema,
        response: MEETING_RESPONSES,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateMeeting(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/org-life/meetings/:id/finalise',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary: '定稿：会议已召开、应到人员均已登记；表决须到会正式党员过半数',
        params: IdParamsSchema,
        response: MEETING_RESPONSES,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return finaliseMeeting(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.post(
    '/api/org-life/meetings/:id/corrections',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary: '更正已定稿的记录（保留原记录，注明原因）',
        params: IdParamsSchema,
        body: CorrectMeetingSchema,
        response: MEETING_RESPONSES,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return correctMeeting(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/org-life/meetings/:id',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary: '删除草稿（未召开的会议）',
        params: IdParamsSchema,
        response: { 204: z.null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteMeeting(db, actor, auditContextOf(actor, request.ip), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/org-life/standings',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '各党支部本月、本季度、本年度组织生活完成情况：已完成 / 待开展 / 临期未开',
        querystring: StandingsQuerySchema,
        response: { 200: StandingsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { root: _root, ...rest } = await standings(db, actorOf(request), request.query);
      return rest;
    },
  );

  app.get(
    '/api/org-life/standings/export',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '导出党支部组织生活完成情况（.xlsx）',
        querystring: StandingsExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await standings(db, actor, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: request.query.atRiskOnly ? '组织生活临期未开' : '组织生活完成情况',
        sheet: '完成情况',
        columns: STANDING_COLUMNS,
        rows: result.items,
        action: 'org_life_standings.export',
        entity: 'meeting',
        orgPath: result.root.path,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/org-life/figures',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '组织生活统计：各类会议召开数、开展的党支部数、出席率（本组织及下级，按期间）',
        querystring: FiguresQuerySchema,
        response: { 200: FiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { rootPath: _p, ...rest } = await figures(db, actorOf(request), request.query);
      return rest;
    },
  );

  app.get(
    '/api/org-life/figures/export',
    {
      config: { permission: 'orglife.read' },
      schema: { tags, summary: '导出组织生活统计（.xlsx）', querystring: FiguresQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const f = await figures(db, actor, request.query);
      type Row = (typeof f.children)[number];
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: `组织生活统计${f.period}`,
        sheet: f.periodLabel,
        columns: [
          { header: '组织', width: 28, value: (r: Row) => r.orgName },
          { header: '党支部数', width: 10, value: (r: Row) => r.branches },
          ...MEETING_TYPES.map((type) => ({
            header: `${MEETING_TYPE_LABELS[type]}（次/支部）`,
            width: 14,
            value: (r: Row) => {
              const t = r.byType.find((x) => x.type === type);
              return t ? `${t.held}/${t.branchesDone}` : '';
            },
          })),
          {
            header: '出席率',
            width: 10,
            value: (r: Row) => (r.attendanceRate === null ? '' : `${(r.attendanceRate * 100).toFixed(1)}%`),
          },
        ],
        rows: [f, ...f.children],
        action: 'org_life_figures.export',
        entity: 'meeting',
        orgPath: f.rootPath,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/org-life/record',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '可打印的年度组织生活记录（A4）',
        querystring: PrintQuerySchema,
        response: { 200: HTML_PAGE, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const page = await yearlyRecordPage(
        db,
        actor,
        auditContextOf(actor, request.ip),
        request.query.orgId,
        request.query.year,
      );
      return sendPrintPage(reply, page);
    },
  );

  app.get(
    '/api/org-life/rules',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '组织生活频次规则：默认（支部工作条例）及本地（市、县区、街道）设置',
        querystring: RulesQuerySchema,
        response: { 200: RulesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => rulesOf(db, actorOf(request), request.query.orgId),
  );

  app.post(
    '/api/org-life/rules',
    {
      config: { permission: 'orglife.write' },
      schema: {
        tags,
        summary: '设置本地频次规则（市委、县区委、街道党工委；替换原设置，下级沿用）',
        body: SetRulesSchema,
        response: { 200: RulesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setRules(db, actor, auditContextOf(actor, request.ip), request.body);
    },
  );

  app.get(
    '/api/org-life/members/:id/meetings',
    {
      config: { permission: 'orglife.read' },
      schema: {
        tags,
        summary: '党员参加的组织生活（已定稿的会议及其出席情况）',
        params: IdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: MyMeetingListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => meetingsOfMember(db, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/org-life/mine',
    {
      config: { permission: 'self.orglife' },
      schema: {
        tags,
        summary: '我的组织生活：即将召开（upcoming）或已参加（past）的会议',
        querystring: MyMeetingsQuerySchema,
        response: { 200: MyMeetingListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => myMeetings(db, actorOf(request), request.query),
  );

  app.post(
    '/api/org-life/mine/:id/leave',
    {
      config: { permission: 'self.orglife' },
      schema: {
        tags,
        summary: '会前请假：告知支部不能参加（注明原因）',
        params: IdParamsSchema,
        body: LeaveSchema,
        response: { 200: MyMeetingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setLeave(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/org-life/mine/:id/leave',
    {
      config: { permission: 'self.orglife' },
      schema: {
        tags,
        summary: '取消会前请假',
        params: IdParamsSchema,
        response: { 200: MyMeetingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setLeave(db, actor, auditContextOf(actor, request.ip), request.params.id, null);
    },
  );
};
