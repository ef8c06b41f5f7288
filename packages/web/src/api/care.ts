import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';

// Shapes from the generated schema (no antd here: the phone pages use this file too).
type S = components['schemas'];
export type CareResident = S['CareResident'];
export type CareDetail = S['CareResidentDetail'];
export type CareVisit = S['CareVisit'];
export type CareInput = S['CareResidentRequest'];
export type CarePatch = S['CareResidentPatch'];
export type CareVisitInput = S['CareVisitRequest'];
export type CareQuery = NonNullable<paths['/api/care/residents']['get']['parameters']['query']>;

export const CARE_KEY = ['care'] as const;
const id = (value: number) => ({ params: { path: { id: value } } });

// Console

export const careListQuery = (query: CareQuery) =>
  queryOptions({
    queryKey: [...CARE_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/care/residents', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
/** A full view is on record on the server: read once per visit of the page, not refreshed in the background. */
export const careDetailQuery = (residentId: number) =>
  queryOptions({
    queryKey: [...CARE_KEY, 'detail', residentId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/care/residents/{id}', { ...id(residentId), signal })),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
export const createCare = (body: CareInput) => unwrap(api.POST('/api/care/residents', { body }));
export const updateCare = (residentId: number, body: CarePatch) =>
  unwrap(api.PATCH('/api/care/residents/{id}', { ...id(residentId), body }));
export const endCare = (residentId: number, reason: string) =>
  unwrap(api.POST('/api/care/residents/{id}/end', { ...id(residentId), body: { reason } }));
export const recordVisit = (residentId: number, body: CareVisitInput) =>
  unwrap(api.POST('/api/care/residents/{id}/visits', { ...id(residentId), body }));

// The carer's phone

export const myCareQuery = queryOptions({
  queryKey: [...CARE_KEY, 'mine'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/care/mine', { signal })),
});
export const myCareDetailQuery = (residentId: number) =>
  queryOptions({
    queryKey: [...CARE_KEY, 'mine', residentId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/care/mine/{id}', { ...id(residentId), signal })),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
export const recordMyVisit = (residentId: number, body: CareVisitInput) =>
  unwrap(api.POST('/api/care/mine/{id}/visits', { ...id(residentId), body }));
