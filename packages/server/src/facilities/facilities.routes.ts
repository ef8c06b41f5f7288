import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { sendXlsx, XLSX_RESPONSES } from '../http/xlsx.js';
import {
  BookingExportQuerySchema,
  BookingInputSchema,
  BookingListQuerySchema,
  BookingListSchema,
  BookingRangeQuerySchema,
  BookingSchema,
  CalendarSchema,
  CancelSchema,
  DayQuerySchema,
  DaySchema,
  DecideSchema,
  FacilityFiguresSchema,
  FacilityInputSchema,
  FacilityListQuerySchema,
  FacilityListSchema,
  FacilitySchema,
  FacilityUpdateSchema,
  FiguresQuerySchema,
} from './facilities.schema.js';
import {
  book,
  BOOKING_COLUMNS,
  bookingsForExport,
  calendar,
  cancel,
  createFacility,
  day,
  decide,
  figures,
  getBooking,
  getFacility,
  listBookings,
  listFacilities,
  updateFacility,
} from './facilities.service.js';

const tags = ['facilities'];

/**
 * Facilities and bookings. Several routes serve the console's staff (`cobuild.*`), the unit's liaison
 * (`cobuild.unit`) and residents (`resident.self`) alike: the service checks which of them the account holds and
 * reads in that light (no `config.permission`, which would need all of them).
 */
export const registerFacilities: Module = (app, { database: { db } }) => {
  app.get(
    '/api/facilities',
    {
      schema: {
        tags,
        summary: '共享设施：本辖区驻区单位的、开放给本辖区社区的；联络员本单位的；居民本社区可预约的',
        querystring: FacilityListQuerySchema,
        response: { 200: FacilityListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listFacilities(db, actorOf(request), request.query),
  );

  app.get(
    '/api/facilities/figures',
    {
      config: { permission: 'cobuild.read' },
      schema: {
        tags,
        summary: '设施预约统计：本组织及下级（按年，计数表）',
        querystring: FiguresQuerySchema,
        response: { 200: FacilityFiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => figures(db, actorOf(request), request.query),
  );

  app.get(
    '/api/facilities/:id',
    {
      schema: {
        tags,
        summary: '设施详情',
        params: IdParamsSchema,
        response: { 200: FacilitySchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getFacility(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/facilities/:id/bookings',
    {
      schema: {
        tags,
        summary: '设施日历：一段日期内占用时段的预约（周视图）',
        params: IdParamsSchema,
        querystring: BookingRangeQuerySchema,
        response: { 200: CalendarSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => calendar(db, actorOf(request), request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/api/facilities/:id/day',
    {
      schema: {
        tags,
        summary: '某日的开放时段、已占用与空闲时段',
        params: IdParamsSchema,
        querystring: DayQuerySchema,
        response: { 200: DaySchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => day(db, actorOf(request), request.params.id, request.query.date),
  );

  app.post(
    '/api/facilities',
    {
      schema: {
        tags,
        summary: '登记驻区单位开放的设施（单位联络员，或单位所在社区、街道）',
        body: FacilityInputSchema,
        response: { 201: FacilitySchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createFacility(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.patch(
    '/api/facilities/:id',
    {
      schema: {
        tags,
        summary: '修改设施（开放时间、闭馆日、审批、开放社区；停止开放）',
        params: IdParamsSchema,
        body: FacilityUpdateSchema,
        response: { 200: FacilitySchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateFacility(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.get(
    '/api/facility-bookings',
    {
      schema: {
        tags,
        summary: '预约列表：社区的、单位的（审批）、居民本人的',
        querystring: BookingListQuerySchema,
        response: { 200: BookingListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => listBookings(db, actorOf(request), request.query),
  );

  app.get(
    '/api/facility-bookings/export',
    {
      schema: {
        tags,
        summary: '导出预约（.xlsx，电话脱敏）',
        querystring: BookingExportQuerySchema,
        response: XLSX_RESPONSES,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { rows, orgPath } = await bookingsForExport(db, actor, request.query);
      return sendXlsx(reply, db, auditContextOf(actor, request.ip), {
        name: '设施预约',
        sheet: '设施预约',
        columns: BOOKING_COLUMNS,
        rows,
        action: 'facilities.export',
        entity: 'facility_booking',
        orgPath,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/facility-bookings/:id',
    {
      schema: {
        tags,
        summary: '预约详情',
        params: IdParamsSchema,
        response: { 200: BookingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getBooking(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/facility-bookings',
    {
      schema: {
        tags,
        summary: '预约时段（社区为本社区预约，或居民本人预约）；时段重叠为409',
        body: BookingInputSchema,
        response: { 201: BookingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await book(db, actor, auditContextOf(actor, request.ip), request.body));
    },
  );

  app.post(
    '/api/facility-bookings/:id/decide',
    {
      schema: {
        tags,
        summary: '单位审批预约（同意或不同意）',
        params: IdParamsSchema,
        body: DecideSchema,
        response: { 200: BookingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return decide(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body);
    },
  );

  app.post(
    '/api/facility-bookings/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消预约（时段即释放）',
        params: IdParamsSchema,
        body: CancelSchema,
        response: { 200: BookingSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return cancel(db, actor, auditContextOf(actor, request.ip), request.params.id, request.body.reason);
    },
  );
};
