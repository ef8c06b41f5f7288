import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

// Read off the generated schema (as api/types.ts does), never re-declared by hand.
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;

export const VOLUNTEER_RULES_KEY = ['volunteer-rules'] as const;
export const SHEETS_KEY = ['residence-sheets'] as const;

export type VolunteerRules = SuccessBody<paths['/api/volunteer-rules']['get']>;
export type VolunteerSetting = NonNullable<VolunteerRules['own']>;
export type ResidenceSheet = SuccessBody<paths['/api/residence-sheets']['get']>['items'][number];
export type SheetUnit = SuccessBody<paths['/api/residence-sheets/units']['get']>['items'][number];
export type VolunteerFigures = SuccessBody<paths['/api/volunteer-figures']['get']>;
export type VolunteerRanking = SuccessBody<paths['/api/volunteer-ranking']['get']>;
type SheetQuery = NonNullable<paths['/api/residence-sheets']['get']['parameters']['query']>;
type UnitsQuery = NonNullable<paths['/api/residence-sheets/units']['get']['parameters']['query']>;

export const volunteerRulesQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...VOLUNTEER_RULES_KEY, orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteer-rules', { params: { query: { orgId } }, signal })),
  });
export const saveVolunteerRules = (orgId: number, body: VolunteerSetting) =>
  unwrap(api.PATCH('/api/volunteer-rules/{orgId}', { params: { path: { orgId } }, body }));

export const sheetsQuery = (query: SheetQuery) =>
  queryOptions({
    queryKey: [...SHEETS_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/residence-sheets', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const sheetUnitsQuery = (query: UnitsQuery) =>
  queryOptions({
    queryKey: [...SHEETS_KEY, 'units', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/residence-sheets/units', { params: { query }, signal })),
  });
export const sheetQuery = (id: number) =>
  queryOptions({
    queryKey: [...SHEETS_KEY, 'one', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/residence-sheets/{id}', { params: { path: { id } }, signal })),
  });
export const generateSheets = (body: { year: number; quarter: number; orgId?: number }) =>
  unwrap(api.POST('/api/residence-sheets/generate', { body }));
export const markSheetsSent = (body: { year: number; quarter: number; communityId: number; unitOrgId?: number }) =>
  unwrap(api.POST('/api/residence-sheets/sent', { body }));

/** The printable A4 pages (opened in a tab of their own, like the transfer letter). */
export const sheetPrintUrl = (id: number) => `/api/residence-sheets/${id}/print`;
export const sheetsPrintUrl = (q: { year: number; quarter: number; unitOrgId?: number; orgId?: number }) => {
  const search = new URLSearchParams({ year: String(q.year), quarter: String(q.quarter) });
  if (q.unitOrgId !== undefined) search.set('unitOrgId', String(q.unitOrgId));
  if (q.orgId !== undefined) search.set('orgId', String(q.orgId));
  return `/api/residence-sheets/print?${search.toString()}`;
};

export const volunteerFiguresQuery = (orgId: number, year: number) =>
  queryOptions({
    queryKey: ['volunteer-figures', orgId, year],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteer-figures', { params: { query: { orgId, year } }, signal })),
  });
export const volunteerRankingQuery = (orgId: number | undefined, period: 'quarter' | 'year') =>
  queryOptions({
    queryKey: ['volunteer-ranking', orgId ?? null, period],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/volunteer-ranking', { params: { query: { orgId, period } }, signal })),
    retry: false,
  });
