import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  CandidatesQuerySchema,
  CandidatesSchema,
  ConsultationDetailSchema,
  ConsultationExportQuerySchema,
  ConsultationFiguresSchema,
  ConsultationInputSchema,
  ConsultationListQuerySchema,
  ConsultationListSchema,
  ConsultationSchema,
  FiguresQuerySchema,
  OpinionSchema,
  OutcomeSchema,
  OverrideSchema,
  RevealSchema,
} from './consultations.schema.js';
import {
  answer,
  candidates,
  CONSULTATION_COLUMNS,
  consultationsForExport,
  createConsultation,
  figures,
  getConsultation,
  listConsultations,
  recordOutcome,
  recordOverride,
  reveal,
} from './consultations.service.js';

const tags = ['consultations'];

/**
 * Prior consultation. The unit's side (its liaison, `cobuild.unit`, or the community holding it) asks, records an
 * override and the outcome; the community (`cobuild.write`) answers. Routes open to both check in the service.
 */
export const registerConsultations: Module = (app, { database: { db } }) => {
  app.get(
    '/api/consultations',
    {
      schema: {
        tags,
        summary: '事前征求意见列表：社区收到的；联络员本单位发出的',
        querystring: ConsultationListQuerySchema,
        response: { 200: ConsultationListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listConsultations(db, actorOf(request), request.query),
  );

  app.get(
    '/api/consultations/export',
    {
      schema: {
        tags,
        summary: '导出事前征求意见（.xlsx，身份证号脱敏）',
        querystring: ConsultationExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { rows, orgPath } = await consultationsForExport(db, actor, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '事前征求意见',
        sheet: '事前征求意见',
        columns: CONSULTATION_COLUMNS,
        rows,
        action: 'consultations.export',
        entity: 'consultation',
        orgPath,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/consultations/figures',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '事前征求意见统计：收到、已答复、按期答复（本组织及下级，按答复期限年份）',
        querystring: FiguresQuerySchema,
        response: { 200: ConsultationFiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => figures(db, actorOf(request), request.query),
  );

  app.get(
    '/api/consultations/candidates',
    {
      schema: {
        tags,
        summary: '可征求意见的人员：本单位党员中已到单位所在社区报到（双报到）的',
        querystring: CandidatesQuerySchema,
        response: { 200: CandidatesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => candidates(db, actorOf(request), request.query.unitId),
  );

  app.get(
    '/api/consultations/:id',
    {
      schema: {
        tags,
        summary: '征求意见详情，附人员的报到、志愿服务时长、办结诉求记录',
        params: IdParamsSchema,
        response: { 200: ConsultationDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getConsultation(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/consultations',
    {
      schema: {
        tags,
        summary: '驻区单位事前征求社区党委意见（评优、提拔、推荐表彰）',
        body: ConsultationInputSchema,
        response: { 201: ConsultationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await createConsultation(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/consultations/:id/opinion',
    {
      config: { permission: 'cobuild.write' },
      schema: {
        tags,
        summary: '社区党委答复意见：同意、不同意、有保留意见，附理由',
        params: IdParamsSchema,
        body: OpinionSchema,
        response: { 200: ConsultationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return answer(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/consultations/:id/override',
    {
      schema: {
        tags,
        summary: '单位记录上级党组织的书面决定（决定机关、文号、日期）',
        params: IdParamsSchema,
        body: OverrideSchema,
        response: { 200: ConsultationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return recordOverride(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/consultations/:id/outcome',
    {
      schema: {
        tags,
        summary: '单位记录办理结果：办结（须社区同意或有上级决定，否则409）或撤回',
        params: IdParamsSchema,
        body: OutcomeSchema,
        response: { 200: ConsultationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return recordOutcome(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/consultations/:id/reveal',
    {
      config: { permission: 'member.sensitive' },
      schema: {
        tags,
        summary: '查看完整身份证号（记入审计日志）',
        params: IdParamsSchema,
        response: { 200: RevealSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return reveal(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );
};
