import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

export type CoListQuery = NonNullable<paths['/api/co-lists/needs']['get']['parameters']['query']>;
export type CoNeed = SuccessBody<paths['/api/co-lists/needs']['get']>['items'][number];
export type CoResource = SuccessBody<paths['/api/co-lists/resources']['get']>['items'][number];
export type CoProject = SuccessBody<paths['/api/co-lists/projects']['get']>['items'][number];
export type CoMatch = SuccessBody<paths['/api/co-lists/matches']['get']>['items'][number];
export type CoUnitResult = SuccessBody<paths['/api/co-lists/unit-results']['get']>['items'][number];
export type NeedInput = RequestBody<paths['/api/co-lists/needs']['post']>;
export type ResourceInput = RequestBody<paths['/api/co-lists/resources']['post']>;
export type UnitResourceInput = RequestBody<paths['/api/co-lists/unit/resources']['post']>;
export type ProjectInput = RequestBody<paths['/api/co-lists/projects']['post']>;
export type FinishInput = RequestBody<paths['/api/co-lists/projects/{id}/finish']['post']>;

export const CO_LISTS_KEY = ['co-lists'] as const;

export const needsQuery = (query: CoListQuery) =>
  queryOptions({
    queryKey: [...CO_LISTS_KEY, 'needs', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/co-lists/needs', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const resourcesQuery = (query: CoListQuery) =>
  queryOptions({
    queryKey: [...CO_LISTS_KEY, 'resources', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/co-lists/resources', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const projectsQuery = (query: CoListQuery) =>
  queryOptions({
    queryKey: [...CO_LISTS_KEY, 'projects', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/co-lists/projects', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const matchesQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...CO_LISTS_KEY, 'matches', orgId ?? null],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/co-lists/matches', { params: { query: orgId ? { orgId } : {} }, signal })),
  });
export const unitResultsQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...CO_LISTS_KEY, 'unit-results', orgId ?? null],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/co-lists/unit-results', { params: { query: orgId ? { orgId } : {} }, signal })),
  });
export const unitNeedsQuery = () =>
  queryOptions({
    queryKey: [...CO_LISTS_KEY, 'unit', 'needs'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/co-lists/unit/needs', { signal })),
  });
export const unitResourcesQuery = () =>
  queryOptions({
    queryKey: [...CO_LISTS_KEY, 'unit', 'resources'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/co-lists/unit/resources', { signal })),
  });

export const createNeed = (body: NeedInput) => unwrap(api.POST('/api/co-lists/needs', { body }));
export const closeNeed = (id: number) =>
  unwrap(api.POST('/api/co-lists/needs/{id}/close', { params: { path: { id } } }));
export const createResource = (body: ResourceInput) => unwrap(api.POST('/api/co-lists/resources', { body }));
export const createProject = (body: ProjectInput) => unwrap(api.POST('/api/co-lists/projects', { body }));
export const finishProject = (id: number, body: FinishInput) =>
  unwrap(api.POST('/api/co-lists/projects/{id}/finish', { params: { path: { id } }, body }));
export const claimNeed = (id: number, note: string | null) =>
  unwrap(api.POST('/api/co-lists/unit/needs/{id}/claim', { params: { path: { id } }, body: { note } }));
export const addUnitResource = (body: UnitResourceInput) => unwrap(api.POST('/api/co-lists/unit/resources', { body }));
