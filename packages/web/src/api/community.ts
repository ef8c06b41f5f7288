import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { FloatingCreateInput, FloatingQuery, InServiceQuery, RegisterInput, SelfRegisterInput } from './types';

export const FLOATING_KEY = ['floating-members'] as const;
export const IN_SERVICE_KEY = ['in-service'] as const;

export const floatingQuery = (query: FloatingQuery) =>
  queryOptions({
    queryKey: [...FLOATING_KEY, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/floating-members', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const floatingUnregisteredQuery = (query: { page: number; pageSize: number; orgId?: number }) =>
  queryOptions({
    queryKey: [...FLOATING_KEY, 'unregistered', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/floating-members/unregistered', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const inServiceUnregisteredQuery = (query: { page: number; pageSize: number; orgId?: number }) =>
  queryOptions({
    queryKey: [...IN_SERVICE_KEY, 'unregistered', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/in-service/unregistered', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const createFloating = (body: FloatingCreateInput) => unwrap(api.POST('/api/floating-members', { body }));
export const reportFloating = (id: number, reportedOn: string) =>
  unwrap(api.POST('/api/floating-members/{id}/report', { params: { path: { id } }, body: { reportedOn } }));
export const endFloating = (id: number, endedOn: string) =>
  unwrap(api.POST('/api/floating-members/{id}/end', { params: { path: { id } }, body: { endedOn } }));

export const inServiceQuery = (query: InServiceQuery) =>
  queryOptions({
    queryKey: [...IN_SERVICE_KEY, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/in-service', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const myRegistrationQuery = queryOptions({
  queryKey: [...IN_SERVICE_KEY, 'mine'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/in-service/mine', { signal })),
});
export const findCommunities = (q: string) =>
  unwrap(api.GET('/api/in-service/communities', { params: { query: { q } } }));
export const registerInService = (body: RegisterInput) => unwrap(api.POST('/api/in-service', { body }));
export const registerSelf = (body: SelfRegisterInput) => unwrap(api.POST('/api/in-service/self', { body }));
export const endRegistration = (id: number, endedOn: string) =>
  unwrap(api.POST('/api/in-service/{id}/end', { params: { path: { id } }, body: { endedOn } }));
