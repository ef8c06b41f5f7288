import { BOOKING_STATUSES, FACILITY_KINDS, openingHoursProblem, TIME_PATTERN } from '@gongjian/shared';
import { z } from 'zod';
import { DateSchema, IdSchema, numberFromText, PageQuerySchema, PhoneSchema } from '../http/common.schema.js';

const Text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多${max}个字符`);
const Time = z.string().regex(TIME_PATTERN, '应为“时:分”，如 08:30');
const TimeRange = z.object({ from: Time, to: Time });

export const OpeningHoursSchema = z
  .array(z.array(TimeRange).max(6, '每天最多6个时段'))
  .length(7, '应填写周一至周日七天的开放时间')
  .superRefine((hours, ctx) => {
    const problem = openingHoursProblem(hours);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const FacilityInputSchema = z
  .object({
    unitId: IdSchema,
    name: Text(50),
    kind: z.enum(FACILITY_KINDS, { error: '请选择设施类型' }),
    capacity: numberFromText(z.number({ error: '应为数字' }).int('应为整数').min(1, '至少为1').max(100_000, '过大')),
    address: z.string().trim().max(100, '最多100个字符').nullish(),
    openingHours: OpeningHoursSchema,
    blackoutDates: z.array(DateSchema).max(366, '最多366天').default([]),
    needsApproval: z.boolean({ error: '应为是或否' }),
    note: z.string().trim().max(500, '最多500个字符').nullish(),
    /** Communities besides the unit's own it is offered to. */
    communityIds: z.array(IdSchema).max(50, '最多50个社区').default([]),
  })
  .meta({ id: 'FacilityRequest' });
export type FacilityInput = z.infer<typeof FacilityInputSchema>;

export const FacilityUpdateSchema = FacilityInputSchema.omit({ unitId: true })
  .extend({ closed: z.boolean({ error: '应为是或否' }).optional() })
  .meta({ id: 'FacilityUpdateRequest' });
export type FacilityUpdate = z.infer<typeof FacilityUpdateSchema>;

const Named = z.object({ id: z.number().int(), name: z.string() });

export const FacilitySchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    unitName: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    name: z.string(),
    kind: z.enum(FACILITY_KINDS),
    capacity: z.number().int(),
    address: z.string().nullable(),
    openingHours: z.array(z.array(z.object({ from: z.string(), to: z.string() }))),
    blackoutDates: z.array(z.string()),
    needsApproval: z.boolean(),
    note: z.string().nullable(),
    closedOn: z.string().nullable(),
    communities: z.array(Named),
    /** The account may edit it and decide its bookings (the unit's liaison or the community holding the unit). */
    mayManage: z.boolean(),
  })
  .meta({ id: 'Facility' });

export const FacilityListSchema = z.object({ items: z.array(FacilitySchema) }).meta({ id: 'FacilityList' });

export const FacilityListQuerySchema = z.object({
  orgId: IdSchema.optional(),
  unitId: IdSchema.optional(),
  includeClosed: z
    .enum(['true', 'false'], { error: '应为true或false' })
    .optional()
    .transform((v) => v === 'true'),
});
export type FacilityListQuery = z.infer<typeof FacilityListQuerySchema>;

export const BookingRangeQuerySchema = z.object({ from: DateSchema, to: DateSchema });
export const DayQuerySchema = z.object({ date: DateSchema });

export const BookingInputSchema = z
  .object({
    facilityId: IdSchema,
    /** The booking community (staff only; a resident books for their own community). */
    orgId: IdSchema.optional(),
    date: DateSchema,
    from: Time,
    to: Time,
    purpose: Text(200),
    headcount: numberFromText(
      z.number({ error: '应为数字' }).int('应为整数').min(1, '至少为1').max(100_000, '过大'),
    ).nullish(),
    contactName: z.string().trim().max(20, '最多20个字符').nullish(),
    contactPhone: PhoneSchema.nullish(),
  })
  .meta({ id: 'FacilityBookingRequest' });
export type BookingInput = z.infer<typeof BookingInputSchema>;

export const DecideSchema = z
  .object({ approve: z.boolean({ error: '应为是或否' }), note: z.string().trim().max(200, '最多200个字符').nullish() })
  .meta({ id: 'FacilityBookingDecision' });
export const CancelSchema = z
  .object({ reason: z.string().trim().max(200, '最多200个字符').nullish() })
  .meta({ id: 'FacilityBookingCancel' });

export const BookingSchema = z
  .object({
    id: z.number().int(),
    facilityId: z.number().int(),
    facilityName: z.string(),
    unitId: z.number().int(),
    unitName: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    date: z.string(),
    from: z.string(),
    to: z.string(),
    purpose: z.string(),
    headcount: z.number().int().nullable(),
    bookerKind: z.enum(['community', 'resident']),
    bookerName: z.string(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable().meta({ description: '已脱敏' }),
    status: z.enum(BOOKING_STATUSES),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: z.string(),
    /** The account may approve or refuse it (pending, the unit's side). */
    mayDecide: z.boolean(),
    /** The account may cancel it (the booker's side or the unit's, while it holds the slot). */
    mayCancel: z.boolean(),
  })
  .meta({ id: 'FacilityBooking' });

export const BookingListQuerySchema = PageQuerySchema.extend({
  orgId: IdSchema.optional(),
  facilityId: IdSchema.optional(),
  status: z.enum(BOOKING_STATUSES, { error: '状态不正确' }).optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
});
export type BookingListQuery = z.infer<typeof BookingListQuerySchema>;
export const BookingExportQuerySchema = BookingListQuerySchema.omit({ page: true, pageSize: true });

export const BookingListSchema = z
  .object({
    items: z.array(BookingSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'FacilityBookingList' });

export const CalendarSchema = z
  .object({ facility: FacilitySchema, bookings: z.array(BookingSchema) })
  .meta({ id: 'FacilityCalendar' });

export const DaySchema = z
  .object({
    date: z.string(),
    open: z.array(z.object({ from: z.string(), to: z.string() })),
    blackout: z.boolean(),
    busy: z.array(z.object({ from: z.string(), to: z.string() })),
    free: z.array(z.object({ from: z.string(), to: z.string() })),
    slots: z.array(z.object({ from: z.string(), to: z.string() })),
  })
  .meta({ id: 'FacilityDay' });

export const FiguresQuerySchema = z.object({
  orgId: IdSchema.optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, '应为四位年份')
    .optional(),
});
export const FacilityFiguresSchema = z
  .object({
    year: z.string(),
    rows: z.array(
      z.object({
        orgId: z.number().int(),
        orgName: z.string(),
        approved: z.number().int(),
        pending: z.number().int(),
        refused: z.number().int(),
        cancelled: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'FacilityFigures' });
