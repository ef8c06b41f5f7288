import {
  ASSIGNEE_TYPE_LABELS,
  CONTACT_PREF_LABELS,
  RATING_LABELS,
  REQUEST_CATEGORY_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  chinaDateTime,
} from '@gongjian/shared';
import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES, ErrorSchema } from '../http/errors.js';
import { sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import { sendStoredFile, STORED_FILE_RESPONSES } from '../storage/index.js';
import type { RequestRow } from './requests.repo.js';
import {
  DeclineSchema,
  DispatchOptionsQuerySchema,
  DispatchOptionsSchema,
  DispatchSchema,
  MergeSchema,
  MyResidenceSchema,
  NoteSchema,
  OptionalNoteSchema,
  PhotoUploadSchema,
  PublicBuildingsSchema,
  PublicCommunitiesSchema,
  RateSchema,
  RequestDetailSchema,
  RequestInputSchema,
  RequestListSchema,
  RequestPhotoSchema,
  RequestQuerySchema,
  RequestSummarySchema,
  ResidentInputSchema,
  ResidentListSchema,
  ResidentQuerySchema,
  ResidentRegisterSchema,
  ResidentRegisteredSchema,
  ResidentSchema,
  ServeDetailSchema,
  StaffRequestInputSchema,
  WishListSchema,
} from './requests.schema.js';
import {
  acceptRequest,
  addOwnPhoto,
  addStaffPhoto,
  claimWish,
  closeRequest,
  declineRequest,
  dispatchOptions,
  dispatchRequest,
  exportRows,
  listRequests,
  memberDone,
  memberProgress,
  mergeRequest,
  myRequest,
  myRequests,
  openForClaiming,
  openPhoto,
  rateOwn,
  requestDetail,
  serveDetail,
  serveList,
  staffDone,
  staffProgress,
  submitForResident,
  submitOwn,
} from './requests.service.js';
import {
  confirmResident,
  createResident,
  listResidents,
  myResidence,
  publicBuildings,
  publicCommunities,
  registerResident,
  revealResident,
} from './residents.service.js';

const tags = ['requests'];
const consumes = ['multipart/form-data'];
const UPLOAD_ERRORS = { ...ERROR_RESPONSES, 413: ErrorSchema, 415: ErrorSchema };

/** Serving residents: registration, the resident's requests, the community's queue, members' part, photos. */
export const registerRequests: Module = (app, { database: { db } }) => {
  // Public: the registration page's lists and the registration itself.
  app.get(
    '/api/public/communities',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '居民注册：各街道的社区（仅名称，无需登录）',
        response: { 200: PublicCommunitiesSchema },
      },
    },
    async () => publicCommunities(db),
  );
  app.get(
    '/api/public/communities/:id/buildings',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '居民注册：社区的楼栋（仅名称，无需登录）',
        params: IdParamsSchema,
        response: { 200: PublicBuildingsSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => publicBuildings(db, request.params.id),
  );
  app.post(
    '/api/public/residents',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '居民注册（用户名为手机号；社区确认居住信息前也可提交诉求）；同一IP频繁注册为429',
        body: ResidentRegisterSchema,
        response: { 201: ResidentRegisteredSchema, 400: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await registerResident(db, request.ip, request.body)),
  );

  // The resident's own (resident.self): no resident id anywhere, the login names them.
  const own = { permission: 'resident.self' } as const;
  app.get(
    '/api/resident/me',
    {
      config: own,
      schema: { tags, summary: '本人居民信息', response: { 200: MyResidenceSchema, ...ERROR_RESPONSES } },
    },
    async (request) => myResidence(db, actorOf(request)),
  );
  app.get(
    '/api/resident/requests',
    {
      config: own,
      schema: {
        tags,
        summary: '我的诉求和微心愿',
        response: { 200: z.object({ items: z.array(RequestSummarySchema) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => myRequests(db, actorOf(request)),
  );
  app.post(
    '/api/resident/requests',
    {
      config: own,
      schema: {
        tags,
        summary: '提交诉求或微心愿',
        body: RequestInputSchema,
        response: { 201: RequestDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await submitOwn(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );
  app.get(
    '/api/resident/requests/:id',
    {
      config: own,
      schema: {
        tags,
        summary: '我的诉求：进度时间线',
        params: IdParamsSchema,
        response: { 200: RequestDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => myRequest(db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/resident/requests/:id/photos',
    {
      config: own,
      schema: {
        tags,
        consumes,
        summary: '为我的诉求添加照片（JPEG、PNG、WebP，≤5MB，去除位置信息，每件最多3张）',
        params: IdParamsSchema,
        body: PhotoUploadSchema,
        response: { 201: RequestPhotoSchema, ...UPLOAD_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ctx = auditContextOf(actor, request.ip);
      return reply.status(201).send(await addOwnPhoto(db, actor, ctx, request.params.id, request.body.file));
    },
  );
  app.post(
    '/api/resident/requests/:id/rate',
    {
      config: own,
      schema: {
        tags,
        summary: '评价（满意、基本满意、不满意；每件一次，首次不满意退回社区重办）',
        params: IdParamsSchema,
        body: RateSchema,
        response: { 200: RequestDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return rateOwn(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  // Photos: whoever may see the request.
  app.get(
    '/api/request-photos/:id',
    {
      schema: {
        tags,
        summary: '诉求照片（社区、提交的居民、办理的党员可看）',
        params: IdParamsSchema,
        response: STORED_FILE_RESPONSES,
      },
    },
    async (request, reply) => {
      const file = await openPhoto(db, actorOf(request), request.params.id);
      await sendStoredFile(reply, file.key, file.contentType);
      return reply;
    },
  );

  // The community's queue (serve.read / serve.write).
  const read = { permission: 'serve.read' } as const;
  const write = { permission: 'serve.write' } as const;
  app.get(
    '/api/requests',
    {
      config: read,
      schema: {
        tags,
        summary: '诉求和微心愿（按状态、类别筛选；含响应、办结时限）',
        querystring: RequestQuerySchema,
        response: { 200: RequestListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listRequests(db, actorOf(request), request.query),
  );
  app.get(
    '/api/requests/export',
    {
      config: read,
      schema: { tags, summary: '导出诉求（.xlsx，留痕）', querystring: RequestQuerySchema, response: XLSX_RESPONSES },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { root, rows } = await exportRows(db, actor, request.query);
      return sendXlsx<RequestRow>(reply, db, auditContextOf(actor, request.ip), {
        name: `${root.name}群众诉求`,
        sheet: '群众诉求',
        columns: EXPORT_COLUMNS,
        rows,
        action: 'request.export',
        entity: 'service_request',
        orgPath: root.path,
        filter: request.query,
      });
    },
  );
  app.post(
    '/api/requests',
    {
      config: write,
      schema: {
        tags,
        summary: '社区代居民登记诉求或微心愿',
        body: StaffRequestInputSchema,
        response: { 201: RequestDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await submitForResident(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );
  app.get(
    '/api/requests/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '诉求详情：时间线、照片',
        params: IdParamsSchema,
        response: { 200: RequestDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => requestDetail(db, actorOf(request), request.params.id),
  );
  app.get(
    '/api/requests/:id/options',
    {
      config: write,
      schema: {
        tags,
        summary:
          '受理与派单的候选：疑似重复（同楼栋同类别7日内）、可合并的诉求、网格责任党员、服务队、驻区单位、按特长的党员',
        params: IdParamsSchema,
        querystring: DispatchOptionsQuerySchema,
        response: { 200: DispatchOptionsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => dispatchOptions(db, actorOf(request), request.params.id, request.query.tag),
  );

  const step = <T>(
    path: string,
    summary: string,
    body: z.ZodType<T> | undefined,
    run: (
      actor: ReturnType<typeof actorOf>,
      ctx: ReturnType<typeof auditContextOf>,
      id: number,
      body: T,
    ) => Promise<z.infer<typeof RequestDetailSchema>>,
  ) =>
    app.post(
      path,
      {
        config: write,
        schema: {
          tags,
          summary,
          params: IdParamsSchema,
          ...(body && { body: body as z.ZodType }),
          response: { 200: RequestDetailSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return run(actor, auditContextOf(actor, request.ip), request.params.id, request.body as T);
      },
    );
  step('/api/requests/:id/accept', '受理', undefined, (a, c, id) => acceptRequest(db, a, c, id));
  step('/api/requests/:id/decline', '不予受理（理由告知居民）', DeclineSchema, (a, c, id, b) =>
    declineRequest(db, a, c, id, b.reason),
  );
  step('/api/requests/:id/merge', '合并到同社区尚未办结的诉求（告知居民）', MergeSchema, (a, c, id, b) =>
    mergeRequest(db, a, c, id, b.intoId),
  );
  step('/api/requests/:id/dispatch', '派单：网格责任党员、党员、服务队或驻区单位', DispatchSchema, (a, c, id, b) =>
    dispatchRequest(db, a, c, id, b),
  );
  step('/api/requests/:id/open', '微心愿发布认领', undefined, (a, c, id) => openForClaiming(db, a, c, id));
  step('/api/requests/:id/progress', '记录办理进展', NoteSchema, (a, c, id, b) => staffProgress(db, a, c, id, b.note));
  step('/api/requests/:id/done', '办结（办理结果）', NoteSchema, (a, c, id, b) => staffDone(db, a, c, id, b.note));
  step('/api/requests/:id/close', '关闭已办结的诉求', OptionalNoteSchema, (a, c, id, b) =>
    closeRequest(db, a, c, id, b.note),
  );
  app.post(
    '/api/requests/:id/photos',
    {
      config: write,
      schema: {
        tags,
        consumes,
        summary: '为诉求添加照片（JPEG、PNG、WebP，≤5MB，去除位置信息，每件最多3张）',
        params: IdParamsSchema,
        body: PhotoUploadSchema,
        response: { 201: RequestPhotoSchema, ...UPLOAD_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ctx = auditContextOf(actor, request.ip);
      return reply.status(201).send(await addStaffPhoto(db, actor, ctx, request.params.id, request.body.file));
    },
  );

  // Residents (the community's register).
  app.get(
    '/api/residents',
    {
      config: read,
      schema: {
        tags,
        summary: '居民（待确认居住信息的在前；电话脱敏）',
        querystring: ResidentQuerySchema,
        response: { 200: ResidentListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listResidents(db, actorOf(request), request.query),
  );
  app.post(
    '/api/residents',
    {
      config: write,
      schema: {
        tags,
        summary: '登记居民（如无手机的老人），登记即确认居住信息',
        body: ResidentInputSchema,
        response: { 201: ResidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createResident(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );
  app.post(
    '/api/residents/:id/confirm',
    {
      config: write,
      schema: {
        tags,
        summary: '确认居民的居住信息',
        params: IdParamsSchema,
        response: { 200: ResidentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return confirmResident(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );
  app.post(
    '/api/residents/:id/reveal',
    {
      config: { permission: ['serve.read', 'member.sensitive'] },
      schema: {
        tags,
        summary: '查看居民完整电话（留痕）',
        params: IdParamsSchema,
        response: { 200: z.object({ phone: z.string().nullable() }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return revealResident(db, actor, auditContextOf(actor, request.ip), request.params.id);
    },
  );

  // Members (self.serve).
  const member = { permission: 'self.serve' } as const;
  app.get(
    '/api/serve/wishes',
    {
      config: member,
      schema: {
        tags,
        summary: '本社区（所在或双报到社区）待认领的微心愿（居民只显示姓氏）',
        response: { 200: WishListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => serveList(db, actorOf(request), 'open'),
  );
  app.get(
    '/api/serve/mine',
    {
      config: member,
      schema: { tags, summary: '派给我的和我认领的', response: { 200: WishListSchema, ...ERROR_RESPONSES } },
    },
    async (request) => serveList(db, actorOf(request), 'mine'),
  );
  app.get(
    '/api/serve/:id',
    {
      config: member,
      schema: {
        tags,
        summary: '诉求或微心愿（派给我或我认领后才显示联系方式）',
        params: IdParamsSchema,
        response: { 200: ServeDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => serveDetail(db, actorOf(request), request.params.id),
  );
  const memberStep = <T>(
    path: string,
    summary: string,
    body: z.ZodType<T> | undefined,
    run: (
      actor: ReturnType<typeof actorOf>,
      ctx: ReturnType<typeof auditContextOf>,
      id: number,
      body: T,
    ) => Promise<z.infer<typeof ServeDetailSchema>>,
  ) =>
    app.post(
      path,
      {
        config: member,
        schema: {
          tags,
          summary,
          params: IdParamsSchema,
          ...(body && { body: body as z.ZodType }),
          response: { 200: ServeDetailSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return run(actor, auditContextOf(actor, request.ip), request.params.id, request.body as T);
      },
    );
  memberStep('/api/serve/:id/claim', '认领微心愿（每件只能一人认领）', undefined, (a, c, id) =>
    claimWish(db, a, c, id),
  );
  memberStep('/api/serve/:id/progress', '记录办理进展', NoteSchema, (a, c, id, b) =>
    memberProgress(db, a, c, id, b.note),
  );
  memberStep('/api/serve/:id/done', '办结（办理结果）', NoteSchema, (a, c, id, b) => memberDone(db, a, c, id, b.note));
};

const EXPORT_COLUMNS = [
  { header: '编号', width: 8, value: (r: RequestRow) => r.id },
  { header: '社区', width: 18, value: (r: RequestRow) => r.org_name },
  { header: '类型', width: 8, value: (r: RequestRow) => REQUEST_KIND_LABELS[r.kind] },
  { header: '类别', width: 10, value: (r: RequestRow) => REQUEST_CATEGORY_LABELS[r.category] },
  { header: '紧急', width: 6, value: (r: RequestRow) => (r.urgent ? '是' : '') },
  { header: '内容', width: 40, value: (r: RequestRow) => r.text },
  { header: '居民', width: 10, value: (r: RequestRow) => r.resident_name },
  { header: '楼栋', width: 10, value: (r: RequestRow) => r.building_name },
  { header: '联系方式', width: 12, value: (r: RequestRow) => CONTACT_PREF_LABELS[r.contact_pref] },
  { header: '状态', width: 10, value: (r: RequestRow) => REQUEST_STATUS_LABELS[r.status] },
  { header: '提交时间', width: 18, value: (r: RequestRow) => chinaDateTime(r.submitted_at) },
  { header: '响应时限', width: 18, value: (r: RequestRow) => chinaDateTime(r.respond_by) },
  { header: '办结时限', width: 18, value: (r: RequestRow) => chinaDateTime(r.resolve_by) },
  { header: '办结时间', width: 18, value: (r: RequestRow) => chinaDateTime(r.resolved_at) },
  {
    header: '办理方',
    width: 18,
    value: (r: RequestRow) =>
      r.assignee_type ? `${ASSIGNEE_TYPE_LABELS[r.assignee_type]}：${r.assignee_name ?? ''}` : '',
  },
  { header: '评价', width: 10, value: (r: RequestRow) => (r.rating ? RATING_LABELS[r.rating] : '') },
];
