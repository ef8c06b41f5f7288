import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type Appraisal = components['schemas']['Appraisal'];
export type AppraisalSummary = components['schemas']['AppraisalSummary'];
export type AppraisalEntry = components['schemas']['AppraisalEntry'];
export type AppraisalEntryInput = components['schemas']['AppraisalEntryRequest'];
export type MemberAppraisals = components['schemas']['MemberAppraisals'];

export const APPRAISAL_KEY = ['appraisals'] as const;

export const appraisalsQuery = (query: { orgId?: number; year?: number }) =>
  queryOptions({
    queryKey: [...APPRAISAL_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/appraisals', { params: { query }, signal })),
  });

export const appraisalQuery = (id: number) =>
  queryOptions({
    queryKey: [...APPRAISAL_KEY, id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/appraisals/{id}', { params: { path: { id } }, signal })),
  });

export const appraisalFiguresQuery = (query: { orgId?: number; year?: number }) =>
  queryOptions({
    queryKey: [...APPRAISAL_KEY, 'figures', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/appraisals/figures', { params: { query }, signal })),
  });

export const memberAppraisalsQuery = (memberId: number) =>
  queryOptions({
    queryKey: [...APPRAISAL_KEY, 'member', memberId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/appraisals/members/{id}', { params: { path: { id: memberId } }, signal })),
  });

export const createAppraisal = (body: { orgId: number; year: number }) => unwrap(api.POST('/api/appraisals', { body }));
export const updateAppraisalEntry = (id: number, entryId: number, body: AppraisalEntryInput) =>
  unwrap(api.PATCH('/api/appraisals/{id}/entries/{entryId}', { params: { path: { id, entryId } }, body }));
export const advanceAppraisal = (id: number) =>
  unwrap(api.POST('/api/appraisals/{id}/advance', { params: { path: { id } } }));
