import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { OrgCreateInput, OrgUpdateInput } from './types';

/** Every organisation query starts with this key, so one invalidation refreshes tree, pickers and details. */
export const ORGS_KEY = ['organizations'] as const;

/** parentId null: the top of the account's scope. */
export const orgChildrenQuery = (parentId: number | null) =>
  queryOptions({
    queryKey: [...ORGS_KEY, 'children', parentId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/organizations', { params: { query: parentId === null ? {} : { parentId } }, signal })),
  });

/** The picker's search: part of the name or pinyin initials, in the account's scope, each with its ancestors. */
export const orgSearchQuery = (q: string) =>
  queryOptions({
    queryKey: [...ORGS_KEY, 'search', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/organizations/search', { params: { query: { q } }, signal })),
    enabled: q.length > 0,
  });

export const orgDetailQuery = (id: number) =>
  queryOptions({
    queryKey: [...ORGS_KEY, 'detail', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/organizations/{id}', { params: { path: { id } }, signal })),
  });

export const createOrg = (body: OrgCreateInput) => unwrap(api.POST('/api/organizations', { body }));

export const updateOrg = (id: number, body: OrgUpdateInput) =>
  unwrap(api.PATCH('/api/organizations/{id}', { params: { path: { id } }, body }));

export const deleteOrg = (id: number) => unwrap(api.DELETE('/api/organizations/{id}', { params: { path: { id } } }));

/** Live figures of a subtree and of each of its children (kept counters on the server, no subtree scan). */
export const orgFiguresQuery = (id: number) =>
  queryOptions({
    queryKey: [...ORGS_KEY, 'figures', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/organizations/{id}/figures', { params: { path: { id } }, signal })),
  });
