import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendPrintPage } from '../http/print.js';
import { HTML_PAGE, sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { figures } from './joint-meetings.figures.js';
import { minutesPage, TASK_COLUMNS } from './joint-meetings.print.js';
import {
  AttendanceSchema,
  CreateJointMeetingSchema,
  CreateOutcomeSchema,
  FiguresQuerySchema,
  FiguresSchema,
  InvitableQuerySchema,
  InvitableSchema,
  JointMeetingListQuerySchema,
  JointMeetingListSchema,
  JointMeetingSchema,
  ProgressSchema,
  TaskExportQuerySchema,
  TaskListQuerySchema,
  TaskListSchema,
  TaskSchema,
  UpdateJointMeetingSchema,
} from './joint-meetings.schema.js';
import {
  addOutcome,
  addProgress,
  addUnitProgress,
  createMeeting,
  deleteMeeting,
  deleteOutcome,
  getMeeting,
  invitable,
  list,
  listTasks,
  markAttendance,
  markHeld,
  unitTasks,
  updateMeeting,
} from './joint-meetings.service.js';

const tags = ['joint-meetings'];
const MEETING = { 200: JointMeetingSchema, ...ERROR_RESPONSES };
const read = { permission: 'cobuild.read' } as const;
const write = { permission: 'cobuild.write' } as const;
const unit = { permission: 'cobuild.unit' } as const;

export const registerJointMeetings: Module = (app, { database: { db } }) => {
  app.get(
    '/api/joint-meetings',
    {
      config: read,
      schema: {
        tags,
        summary: '联席会议（社区大党委、协作区），按组织子树、状态筛选',
        querystring: JointMeetingListQuerySchema,
        response: { 200: JointMeetingListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => list(db, actorOf(request), request.query),
  );

  app.post(
    '/api/joint-meetings',
    {
      config: write,
      schema: {
        tags,
        summary: '安排联席会议：议程、邀请单位（以往未完成的任务自动列入议程）',
        body: CreateJointMeetingSchema,
        response: { 201: JointMeetingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createMeeting(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.get(
    '/api/joint-meetings/invitable',
    {
      config: read,
      schema: {
        tags,
        summary: '可邀请的驻区单位（本组织子树登记的在册单位）',
        querystring: InvitableQuerySchema,
        response: { 200: InvitableSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => invitable(db, actorOf(request), request.query.orgId),
  );

  app.get(
    '/api/joint-meetings/tasks',
    {
      config: read,
      schema: {
        tags,
        summary: '联席会议任务清单：进行中、已逾期、已完成',
        querystring: TaskListQuerySchema,
        response: { 200: TaskListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { page, pageSize, ...query } = request.query;
      const { items, total } = await listTasks(db, actorOf(request), query, page, pageSize);
      return { items, total };
    },
  );

  app.get(
    '/api/joint-meetings/tasks/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出联席会议任务清单（.xlsx）',
        querystring: TaskExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, items } = await listTasks(db, actor, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '联席会议任务清单',
        sheet: '任务',
        columns: TASK_COLUMNS,
        rows: items,
        action: 'joint_task.export',
        entity: 'joint_meeting_outcome',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );

  app.post(
    '/api/joint-meetings/tasks/:id/progress',
    {
      config: write,
      schema: {
        tags,
        summary: '登记任务进展或完成',
        params: IdParamsSchema,
        body: ProgressSchema,
        response: { 201: TaskSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const task = await addProgress(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
      return reply.status(201).send(task);
    },
  );

  app.get(
    '/api/joint-meetings/unit-tasks',
    {
      config: unit,
      schema: {
        tags,
        summary: '本单位（联络员所在驻区单位）承担的联席会议任务',
        response: { 200: TaskListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => unitTasks(db, actorOf(request)),
  );

  app.post(
    '/api/joint-meetings/unit-tasks/:id/progress',
    {
      config: unit,
      schema: {
        tags,
        summary: '联络员报告本单位任务进展或完成',
        params: IdParamsSchema,
        body: ProgressSchema,
        response: { 201: TaskSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const task = await addUnitProgress(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
      return reply.status(201).send(task);
    },
  );

  app.get(
    '/api/joint-meetings/figures',
    {
      config: read,
      schema: {
        tags,
        summary: '共驻共建统计：联席会议召开数、任务按期完成、需求满足、项目（本组织及下级）',
        querystring: FiguresQuerySchema,
        response: { 200: FiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const root = await requireScopeRoot(db, actor, request.query.orgId);
      return figures(db, root);
    },
  );

  app.delete(
    '/api/joint-meetings/outcomes/:id',
    {
      config: write,
      schema: { tags, summary: '撤回误录的议定事项（已有进展的任务除外）', params: IdParamsSchema, response: MEETING },
    },
    async (request) => {
      const actor = actorOf(request);
      return deleteOutcome(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.get(
    '/api/joint-meetings/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '联席会议：邀请单位与出席、议程（含上次会议未完成任务）、议定事项',
        params: IdParamsSchema,
        response: MEETING,
      },
    },
    async (request) => getMeeting(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/joint-meetings/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改会议：时间地点、议程、邀请单位、会议记录',
        params: IdParamsSchema,
        body: UpdateJointMeetingSchema,
        response: MEETING,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateMeeting(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/joint-meetings/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '取消未召开的会议（无议定事项）',
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

  app.post(
    '/api/joint-meetings/:id/attendance',
    {
      config: write,
      schema: {
        tags,
        summary: '会中登记一个单位的出席（出席/缺席，出席人员）',
        params: IdParamsSchema,
        body: AttendanceSchema,
        response: MEETING,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return markAttendance(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/joint-meetings/:id/outcomes',
    {
      config: write,
      schema: {
        tags,
        summary: '会中登记议定事项：通报、决议或任务（责任单位、完成期限不早于会议日期）',
        params: IdParamsSchema,
        body: CreateOutcomeSchema,
        response: { 201: JointMeetingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const m = await addOutcome(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
      return reply.status(201).send(m);
    },
  );

  app.post(
    '/api/joint-meetings/:id/held',
    {
      config: write,
      schema: { tags, summary: '记为已召开（计入统计）', params: IdParamsSchema, response: MEETING },
    },
    async (request) => {
      const actor = actorOf(request);
      return markHeld(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  app.get(
    '/api/joint-meetings/:id/minutes',
    {
      config: read,
      schema: {
        tags,
        summary: '可打印的会议纪要（A4，含出席情况）',
        params: IdParamsSchema,
        response: { 200: HTML_PAGE, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return sendPrintPage(reply, await minutesPage(db, actor, auditContextOf(actor, request.ip), request.params.id));
    },
  );
};
