import { SIGNUP_STATUS_LABELS } from '@gongjian/shared';
import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendPrintPage } from '../http/print.js';
import { HTML_PAGE, sendDownload, sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  activityDetail,
  activityInScope,
  addSignup,
  cancelActivity,
  confirmAttendance,
  createActivity,
  exportActivities,
  listActivities,
  publishActivity,
  removeSignup,
  updateActivity,
} from './activities.service.js';
import {
  certificateFor,
  correctRecord,
  decideRecord,
  listRecords,
  memberFile,
  RECORD_COLUMNS,
  recordsForExport,
  residentFile,
} from './records.service.js';
import { cancelSelf, me, myActivities, reportService, signUpSelf } from './self.service.js';
import {
  addTeamMember,
  createResident,
  createTeam,
  listResidents,
  listTeams,
  removeTeamMember,
  residentsForExport,
  teamDetail,
  updateResident,
  updateTeam,
  updateTeamMember,
} from './teams.service.js';
import {
  ActivityDetailSchema,
  ActivityExportQuerySchema,
  ActivityInputSchema,
  ActivityListSchema,
  ActivityPatchSchema,
  ActivityQuerySchema,
  ActivitySchema,
  AddSignupSchema,
  AttendanceSchema,
  CancelActivitySchema,
  CorrectRecordSchema,
  FileSchema,
  MyActivitiesQuerySchema,
  MyActivityListSchema,
  MySignupResultSchema,
  PeriodQuerySchema,
  RecordExportQuerySchema,
  RecordListSchema,
  RecordQuerySchema,
  RecordSchema,
  RejectRecordSchema,
  ResidentExportQuerySchema,
  ResidentInputSchema,
  ResidentListSchema,
  ResidentPatchSchema,
  ResidentQuerySchema,
  ResidentSchema,
  SelfReportSchema,
  TeamDetailSchema,
  TeamInputSchema,
  TeamListSchema,
  TeamMemberInputSchema,
  TeamMemberPatchSchema,
  TeamPatchSchema,
  TeamQuerySchema,
} from './volunteers.schema.js';

const tags = ['volunteers'];
const READ = { permission: 'volunteer.read' } as const;
const WRITE = { permission: 'volunteer.write' } as const;
const SELF = { permission: 'self.volunteer' } as const;
const ok = (schema: z.ZodType) => ({ 200: schema, ...ERROR_RESPONSES });
const created = (schema: z.ZodType) => ({ 201: schema, ...ERROR_RESPONSES });
const OkSchema = z.object({ ok: z.boolean() }).meta({ id: 'VolunteerOk' });
const ConfirmedSchema = ActivitySchema.extend({ confirmed: z.number().int() }).meta({ id: 'VolunteerConfirmed' });
const ReportedSchema = z
  .object({ id: z.number().int(), status: z.literal('pending') })
  .meta({ id: 'VolunteerReported' });

export const registerVolunteers: Module = (app, { database: { db } }) => {
  // Activities

  app.get(
    '/api/volunteers/activities',
    {
      config: READ,
      schema: {
        tags,
        summary: '志愿服务活动列表（子树内，按开始时间倒序）',
        querystring: ActivityQuerySchema,
        response: ok(ActivityListSchema),
      },
    },
    async (request) => listActivities(db, actorOf(request), request.query),
  );
  app.get(
    '/api/volunteers/activities/export',
    {
      config: READ,
      schema: { tags, summary: '导出活动列表', querystring: ActivityExportQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return sendDownload(
        reply,
        '志愿服务活动',
        await exportActivities(db, actor, auditContextOf(actor, request.ip), request.query),
      );
    },
  );
  app.post(
    '/api/volunteers/activities',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '新建活动（草稿或直接发布）',
        body: ActivityInputSchema,
        response: created(ActivitySchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createActivity(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );
  app.get(
    '/api/volunteers/activities/:id',
    {
      config: READ,
      schema: {
        tags,
        summary: '活动详情、报名名单与时长记录',
        params: IdParamsSchema,
        response: ok(ActivityDetailSchema),
      },
    },
    async (request) => activityDetail(db, actorOf(request), request.params.id),
  );
  app.get(
    '/api/volunteers/activities/:id/export',
    {
      config: READ,
      schema: { tags, summary: '导出活动的报名与时长名单', params: IdParamsSchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const detail = await activityDetail(db, actor, request.params.id);
      const { org_path: orgPath } = await activityInScope(db, actor, request.params.id);
      const hours = new Map(
        detail.records
          .filter((r) => r.status === 'confirmed')
          .map((r) => [r.memberId ? `m${r.memberId}` : `r${r.residentId}`, r.hours]),
      );
      const rows = detail.signups.filter((s) => s.status !== 'cancelled');
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: `活动名单-${detail.title}`,
        sheet: '报名名单',
        columns: [
          { header: '姓名', width: 10, value: (s) => s.name },
          { header: '所在组织', width: 24, value: (s) => s.orgName },
          { header: '报名状态', width: 10, value: (s) => SIGNUP_STATUS_LABELS[s.status] },
          { header: '报名方式', width: 12, value: (s) => (s.addedByOrganiser ? '组织者代报' : '本人报名') },
          {
            header: '确认时长（小时）',
            width: 14,
            value: (s) => hours.get(s.memberId ? `m${s.memberId}` : `r${s.residentId}`) ?? null,
          },
        ],
        rows,
        action: 'volunteer.activity.export',
        entity: 'volunteer_activity',
        orgPath,
        filter: { activityId: detail.id },
      });
    },
  );
  app.patch(
    '/api/volunteers/activities/:id',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '修改活动',
        params: IdParamsSchema,
        body: ActivityPatchSchema,
        response: ok(ActivitySchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateActivity(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );
  app.post(
    '/api/volunteers/activities/:id/publish',
    { config: WRITE, schema: { tags, summary: '发布活动', params: IdParamsSchema, response: ok(ActivitySchema) } },
    async (request) => {
      const actor = actorOf(request);
      return publishActivity(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );
  app.post(
    '/api/volunteers/activities/:id/cancel',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '取消活动（通知已报名者）',
        params: IdParamsSchema,
        body: CancelActivitySchema,
        response: ok(ActivitySchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return cancelActivity(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.reason);
    },
  );
  app.post(
    '/api/volunteers/activities/:id/signups',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '组织者代为报名（满员则进入候补）',
        params: IdParamsSchema,
        body: AddSignupSchema,
        response: created(MySignupResultSchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await addSignup(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body));
    },
  );
  app.post(
    '/api/volunteers/signups/:id/cancel',
    {
      config: WRITE,
      schema: { tags, summary: '组织者取消一人的报名', params: IdParamsSchema, response: ok(OkSchema) },
    },
    async (request) => {
      const actor = actorOf(request);
      return removeSignup(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );
  app.post(
    '/api/volunteers/activities/:id/attendance',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '登记出勤并确认时长（活动结束后；超过活动时长须说明原因）',
        params: IdParamsSchema,
        body: AttendanceSchema,
        response: ok(ConfirmedSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return confirmAttendance(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  // Records

  app.get(
    '/api/volunteers/records',
    {
      config: READ,
      schema: {
        tags,
        summary: '志愿服务记录（待确认的本人申报等）',
        querystring: RecordQuerySchema,
        response: ok(RecordListSchema),
      },
    },
    async (request) => listRecords(db, actorOf(request), request.query),
  );
  app.get(
    '/api/volunteers/records/export',
    {
      config: READ,
      schema: { tags, summary: '导出志愿服务记录', querystring: RecordExportQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ctx = auditContextOf(actor, request.ip);
      const { root, rows } = await recordsForExport(db, actor, ctx, request.query);
      return sendXlsx(reply, db, ctx, {
        name: '志愿服务记录',
        sheet: '志愿服务记录',
        columns: RECORD_COLUMNS,
        rows,
        action: 'volunteer.record.export',
        entity: 'volunteer_record',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
  app.post(
    '/api/volunteers/records/:id/confirm',
    {
      config: WRITE,
      schema: { tags, summary: '确认本人申报的志愿服务', params: IdParamsSchema, response: ok(RecordSchema) },
    },
    async (request) => {
      const actor = actorOf(request);
      return decideRecord(db, actor, auditContextOf(actor, request.ip), request.params.id, { confirm: true });
    },
  );
  app.post(
    '/api/volunteers/records/:id/reject',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '不予确认（说明原因）',
        params: IdParamsSchema,
        body: RejectRecordSchema,
        response: ok(RecordSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return decideRecord(db, actor, auditContextOf(actor, request.ip), request.params.id, {
        confirm: false,
        note: request.body.note,
      });
    },
  );
  app.post(
    '/api/volunteers/records/:id/correct',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '更正已确认的记录（保留原记录）',
        params: IdParamsSchema,
        body: CorrectRecordSchema,
        response: created(RecordSchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await correctRecord(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body));
    },
  );

  // Files and the certificate

  app.get(
    '/api/volunteers/members/:id/file',
    { config: READ, schema: { tags, summary: '党员志愿者档案', params: IdParamsSchema, response: ok(FileSchema) } },
    async (request) => memberFile(db, actorOf(request), request.params.id),
  );
  app.get(
    '/api/volunteers/members/:id/certificate',
    {
      config: READ,
      schema: {
        tags,
        summary: '志愿服务记录证明（A4 打印页）',
        params: IdParamsSchema,
        querystring: PeriodQuerySchema,
        response: { 200: HTML_PAGE, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const page = await certificateFor(
        db,
        actor,
        auditContextOf(actor, request.ip),
        request.params.id,
        request.query,
        false,
      );
      return sendPrintPage(reply, page);
    },
  );
  app.get(
    '/api/volunteers/residents/:id/file',
    { config: READ, schema: { tags, summary: '居民志愿者档案', params: IdParamsSchema, response: ok(FileSchema) } },
    async (request) => residentFile(db, actorOf(request), request.params.id),
  );

  // Teams

  app.get(
    '/api/volunteers/teams',
    {
      config: READ,
      schema: { tags, summary: '服务队列表', querystring: TeamQuerySchema, response: ok(TeamListSchema) },
    },
    async (request) => ({ items: (await listTeams(db, actorOf(request), request.query)).items }),
  );
  app.get(
    '/api/volunteers/teams/export',
    {
      config: READ,
      schema: { tags, summary: '导出服务队列表', querystring: TeamQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, items } = await listTeams(db, actor, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '志愿服务队',
        sheet: '服务队',
        columns: [
          { header: '服务队', width: 20, value: (t) => t.name },
          { header: '组织', width: 24, value: (t) => t.orgName },
          { header: '队长', width: 10, value: (t) => t.leaderName },
          { header: '人数', width: 8, value: (t) => t.size },
          { header: '责任区', width: 20, value: (t) => t.area },
          { header: '说明', width: 30, value: (t) => t.description },
          { header: '撤销日期', width: 12, value: (t) => t.dissolvedOn },
        ],
        rows: items,
        action: 'volunteer.team.export',
        entity: 'volunteer_team',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
  app.post(
    '/api/volunteers/teams',
    {
      config: WRITE,
      schema: { tags, summary: '新建服务队', body: TeamInputSchema, response: created(TeamDetailSchema) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createTeam(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );
  app.get(
    '/api/volunteers/teams/:id',
    {
      config: READ,
      schema: { tags, summary: '服务队详情与成员', params: IdParamsSchema, response: ok(TeamDetailSchema) },
    },
    async (request) => teamDetail(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/volunteers/teams/:id',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '修改或撤销服务队',
        params: IdParamsSchema,
        body: TeamPatchSchema,
        response: ok(TeamDetailSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateTeam(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );
  app.post(
    '/api/volunteers/teams/:id/members',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '服务队增加成员（党员或居民志愿者）',
        params: IdParamsSchema,
        body: TeamMemberInputSchema,
        response: created(TeamDetailSchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await addTeamMember(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body));
    },
  );
  app.patch(
    '/api/volunteers/team-members/:id',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '设为队长、责任区',
        params: IdParamsSchema,
        body: TeamMemberPatchSchema,
        response: ok(TeamDetailSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateTeamMember(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );
  app.delete(
    '/api/volunteers/team-members/:id',
    { config: WRITE, schema: { tags, summary: '移出服务队', params: IdParamsSchema, response: ok(TeamDetailSchema) } },
    async (request) => {
      const actor = actorOf(request);
      return removeTeamMember(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  // Resident volunteers

  app.get(
    '/api/volunteers/residents',
    {
      config: READ,
      schema: { tags, summary: '居民志愿者', querystring: ResidentQuerySchema, response: ok(ResidentListSchema) },
    },
    async (request) => listResidents(db, actorOf(request), request.query),
  );
  app.get(
    '/api/volunteers/residents/export',
    {
      config: READ,
      schema: {
        tags,
        summary: '导出居民志愿者（电话脱敏）',
        querystring: ResidentExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, rows } = await residentsForExport(db, { ...actor, permissions: [] }, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '居民志愿者',
        sheet: '居民志愿者',
        columns: [
          { header: '姓名', width: 10, value: (r) => r.name },
          { header: '社区', width: 20, value: (r) => r.orgName },
          { header: '联系电话', width: 14, value: (r) => r.phone },
          { header: '住址', width: 24, value: (r) => r.address },
          { header: '特长', width: 24, value: (r) => r.tags.join('、') },
          { header: '本年时长', width: 10, value: (r) => r.hoursThisYear },
          { header: '累计时长', width: 10, value: (r) => r.hoursTotal },
          { header: '退出日期', width: 12, value: (r) => r.endedOn },
        ],
        rows,
        action: 'volunteer.resident.export',
        entity: 'volunteer_resident',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
  app.post(
    '/api/volunteers/residents',
    {
      config: WRITE,
      schema: { tags, summary: '登记居民志愿者', body: ResidentInputSchema, response: created(ResidentSchema) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createResident(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );
  app.patch(
    '/api/volunteers/residents/:id',
    {
      config: WRITE,
      schema: {
        tags,
        summary: '修改居民志愿者',
        params: IdParamsSchema,
        body: ResidentPatchSchema,
        response: ok(ResidentSchema),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateResident(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  // The member's own (phone pages)

  app.get(
    '/api/volunteers/me/activities',
    {
      config: SELF,
      schema: {
        tags,
        summary: '我可报名的活动（open）或我报名的活动（mine）',
        querystring: MyActivitiesQuerySchema,
        response: ok(MyActivityListSchema),
      },
    },
    async (request) => myActivities(db, actorOf(request), request.query.view),
  );
  app.post(
    '/api/volunteers/me/activities/:id/signup',
    {
      config: SELF,
      schema: { tags, summary: '报名（满员则候补）', params: IdParamsSchema, response: created(MySignupResultSchema) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await signUpSelf(db, actor, auditContextOf(actor, request.ip), request.params.id));
    },
  );
  app.post(
    '/api/volunteers/me/activities/:id/cancel',
    {
      config: SELF,
      schema: { tags, summary: '取消报名（截止前）', params: IdParamsSchema, response: ok(MySignupResultSchema) },
    },
    async (request) => {
      const actor = actorOf(request);
      return cancelSelf(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );
  app.get(
    '/api/volunteers/me/file',
    { config: SELF, schema: { tags, summary: '我的志愿服务时长与记录', response: ok(FileSchema) } },
    async (request) => {
      const actor = actorOf(request);
      return memberFile(db, actor, (await me(db, actor)).id, true);
    },
  );
  app.post(
    '/api/volunteers/me/reports',
    {
      config: SELF,
      schema: {
        tags,
        summary: '申报活动以外的志愿服务（待组织确认）',
        body: SelfReportSchema,
        response: created(ReportedSchema),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await reportService(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );
  app.get(
    '/api/volunteers/me/certificate',
    {
      config: SELF,
      schema: {
        tags,
        summary: '我的志愿服务记录证明（A4 打印页）',
        querystring: PeriodQuerySchema,
        response: { 200: HTML_PAGE, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const self = await me(db, actor);
      return sendPrintPage(
        reply,
        await certificateFor(db, actor, auditContextOf(actor, request.ip), self.id, request.query, true),
      );
    },
  );
};
