import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

// Shapes read off the generated schema (no antd here: the phone pages use this file too).
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type FacilityQuery = QueryOf<paths['/api/facilities']['get']>;
export type Facility = SuccessBody<paths['/api/facilities/{id}']['get']>;
export type FacilityInput = RequestBody<paths['/api/facilities']['post']>;
export type FacilityUpdate = RequestBody<paths['/api/facilities/{id}']['patch']>;
export type Calendar = SuccessBody<paths['/api/facilities/{id}/bookings']['get']>;
export type FacilityDay = SuccessBody<paths['/api/facilities/{id}/day']['get']>;
export type BookingQuery = QueryOf<paths['/api/facility-bookings']['get']>;
export type BookingPage = SuccessBody<paths['/api/facility-bookings']['get']>;
export type Booking = BookingPage['items'][number];
export type BookingInput = RequestBody<paths['/api/facility-bookings']['post']>;
export type FacilityFigures = SuccessBody<paths['/api/facilities/figures']['get']>;

export const FACILITIES_KEY = ['facilities'] as const;
const id = (value: number) => ({ params: { path: { id: value } } });

export const facilitiesQuery = (query: FacilityQuery = {}) =>
  queryOptions({
    queryKey: [...FACILITIES_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/facilities', { params: { query }, signal })),
  });
export const calendarQuery = (facilityId: number, from: string, to: string) =>
  queryOptions({
    queryKey: [...FACILITIES_KEY, 'calendar', facilityId, from, to],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/facilities/{id}/bookings', { params: { path: { id: facilityId }, query: { from, to } }, signal }),
      ),
    placeholderData: keepPreviousData,
  });
export const dayQuery = (facilityId: number, date: string) =>
  queryOptions({
    queryKey: [...FACILITIES_KEY, 'day', facilityId, date],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/facilities/{id}/day', { params: { path: { id: facilityId }, query: { date } }, signal })),
  });
export const bookingsQuery = (query: BookingQuery) =>
  queryOptions({
    queryKey: [...FACILITIES_KEY, 'bookings', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/facility-bookings', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const facilityFiguresQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...FACILITIES_KEY, 'figures', orgId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/facilities/figures', { params: { query: { orgId } }, signal })),
  });

export const createFacility = (body: FacilityInput) => unwrap(api.POST('/api/facilities', { body }));
export const updateFacility = (facilityId: number, body: FacilityUpdate) =>
  unwrap(api.PATCH('/api/facilities/{id}', { ...id(facilityId), body }));
export const bookSlot = (body: BookingInput) => unwrap(api.POST('/api/facility-bookings', { body }));
export const decideBooking = (bookingId: number, approve: boolean, note?: string) =>
  unwrap(api.POST('/api/facility-bookings/{id}/decide', { ...id(bookingId), body: { approve, note: note || null } }));
export const cancelBooking = (bookingId: number, reason?: string) =>
  unwrap(api.POST('/api/facility-bookings/{id}/cancel', { ...id(bookingId), body: { reason: reason || null } }));

/** The units the account may act for: its own as a liaison, else the registry of its scope (a form's choices). */
export const unitChoicesQuery = (liaison: boolean) =>
  queryOptions({
    queryKey: [...FACILITIES_KEY, 'unit-choices', liaison],
    queryFn: async ({ signal }) => {
      const { items } = liaison
        ? await unwrap(api.GET('/api/units/mine', { signal }))
        : await unwrap(api.GET('/api/units', { params: { query: { pageSize: 200, ended: 'false' } }, signal }));
      return items.map((u) => ({ id: u.id, name: u.name, orgName: u.org.name }));
    },
  });
