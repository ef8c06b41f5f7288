import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { NewOrgInput, NewOrgQuery, NewOrgUpdateInput, TeamPostInput } from './types';

// Under the organisations key, so that any change to the tree refreshes these too.
const KEY = ['organizations', 'system'] as const;
export const ORG_SYSTEM_KEY = KEY;

export const teamQuery = (orgId: number) =>
  queryOptions({
    queryKey: [...KEY, 'team', orgId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/organizations/{id}/team', { params: { path: { id: orgId } }, signal })),
  });

export const addTeamPost = (orgId: number, body: TeamPostInput) =>
  unwrap(api.POST('/api/organizations/{id}/team', { params: { path: { id: orgId } }, body }));

export const endTeamPost = (id: number, endedOn: string) =>
  unwrap(api.POST('/api/team-posts/{id}/end', { params: { path: { id } }, body: { endedOn } }));

export const rulesQuery = (orgId: number | undefined, within: 'subtree' | 'self' = 'subtree') =>
  queryOptions({
    queryKey: [...KEY, 'rules', orgId ?? null, within],
    queryFn: ({ signal }) => unwrap(api.GET('/api/org-rules', { params: { query: { orgId, within } }, signal })),
  });

export const termsQuery = (orgId: number | undefined, status: 'overdue' | 'ending' | undefined) =>
  queryOptions({
    queryKey: [...KEY, 'terms', orgId ?? null, status ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/terms', { params: { query: { orgId, status } }, signal })),
  });

export const newOrgsQuery = (query: NewOrgQuery) =>
  queryOptions({
    queryKey: [...KEY, 'new-orgs', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/new-orgs', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const coverageQuery = (orgId: number | undefined) =>
  queryOptions({
    queryKey: [...KEY, 'coverage', orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/coverage', { params: { query: { orgId } }, signal })),
  });

export const createNewOrg = (body: NewOrgInput) => unwrap(api.POST('/api/new-orgs', { body }));

/** What the one click will create: its name, the units, and their party members on the roster. */
export const jointBranchPreviewQuery = (newOrgIds: number[]) =>
  queryOptions({
    queryKey: [...KEY, 'joint-branch-preview', newOrgIds],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/coverage/joint-branches/preview', {
          params: { query: { newOrgIds: newOrgIds.join(',') } },
          signal,
        }),
      ),
    staleTime: 0,
  });

export const createJointBranch = (newOrgIds: number[], memberIds: number[]) =>
  unwrap(api.POST('/api/coverage/joint-branches', { body: { newOrgIds, memberIds } }));

export const updateNewOrg = (id: number, body: NewOrgUpdateInput) =>
  unwrap(api.PATCH('/api/new-orgs/{id}', { params: { path: { id } }, body }));
