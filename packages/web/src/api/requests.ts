import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';

// Shapes from the generated schema (no antd here: the phone pages use this file too).
type S = components['schemas'];
export type RequestSummary = S['RequestSummary'];
export type RequestDetail = S['RequestDetail'];
export type RequestEvent = S['RequestEvent'];
export type RequestCreate = S['RequestCreate'];
export type DispatchInput = S['RequestDispatch'];
export type DispatchOptions = S['RequestDispatchOptions'];
export type ServiceResident = S['ServiceResident'];
export type ServeItem = S['ServeItem'];
export type ServeDetail = S['ServeDetail'];
export type MyResidence = S['MyResidence'];
export type RequestQuery = NonNullable<paths['/api/requests']['get']['parameters']['query']>;
export type ResidentQuery = NonNullable<paths['/api/residents']['get']['parameters']['query']>;

export const REQUESTS_KEY = ['requests'] as const;
const id = (value: number) => ({ params: { path: { id: value } } });

// Public: registration.
export const publicCommunitiesQuery = queryOptions({
  queryKey: [...REQUESTS_KEY, 'public-communities'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/public/communities', { signal })),
});
export const publicBuildingsQuery = (communityId: number | undefined) =>
  queryOptions({
    queryKey: [...REQUESTS_KEY, 'public-buildings', communityId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/public/communities/{id}/buildings', { ...id(communityId as number), signal })),
    enabled: communityId !== undefined,
  });
export const registerResident = (body: S['ResidentRegister']) => unwrap(api.POST('/api/public/residents', { body }));

// The resident's own.
export const myResidenceQuery = queryOptions({
  queryKey: [...REQUESTS_KEY, 'me'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/resident/me', { signal })),
});
export const myRequestsQuery = queryOptions({
  queryKey: [...REQUESTS_KEY, 'mine'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/resident/requests', { signal })),
});
export const myRequestQuery = (requestId: number) =>
  queryOptions({
    queryKey: [...REQUESTS_KEY, 'mine', requestId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/resident/requests/{id}', { ...id(requestId), signal })),
  });
export const submitRequest = (body: RequestCreate) => unwrap(api.POST('/api/resident/requests', { body }));
export const rateRequest = (requestId: number, body: S['RequestRate']) =>
  unwrap(api.POST('/api/resident/requests/{id}/rate', { ...id(requestId), body }));
/** A photo for the resident's own request (multipart: the file alone). */
export function uploadOwnPhoto(requestId: number, file: Blob) {
  const form = new FormData();
  form.set('file', file);
  return unwrap(api.POST('/api/resident/requests/{id}/photos', { ...id(requestId), body: form as never }));
}
export function uploadStaffPhoto(requestId: number, file: Blob) {
  const form = new FormData();
  form.set('file', file);
  return unwrap(api.POST('/api/requests/{id}/photos', { ...id(requestId), body: form as never }));
}

// The community's queue.
export const requestsQuery = (query: RequestQuery) =>
  queryOptions({
    queryKey: [...REQUESTS_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/requests', { params: { query }, signal })),
  });
export const requestQuery = (requestId: number) =>
  queryOptions({
    queryKey: [...REQUESTS_KEY, 'detail', requestId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/requests/{id}', { ...id(requestId), signal })),
  });
export const dispatchOptionsQuery = (requestId: number, tag?: string) =>
  queryOptions({
    queryKey: [...REQUESTS_KEY, 'options', requestId, tag],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/requests/{id}/options', {
          ...id(requestId),
          params: { path: { id: requestId }, query: { tag } },
          signal,
        }),
      ),
  });
export const createRequestFor = (body: S['StaffRequestInput']) => unwrap(api.POST('/api/requests', { body }));
export const acceptRequest = (requestId: number) => unwrap(api.POST('/api/requests/{id}/accept', id(requestId)));
export const openRequest = (requestId: number) => unwrap(api.POST('/api/requests/{id}/open', id(requestId)));
export const declineRequest = (requestId: number, reason: string) =>
  unwrap(api.POST('/api/requests/{id}/decline', { ...id(requestId), body: { reason } }));
export const mergeRequest = (requestId: number, intoId: number) =>
  unwrap(api.POST('/api/requests/{id}/merge', { ...id(requestId), body: { intoId } }));
export const dispatchRequest = (requestId: number, body: DispatchInput) =>
  unwrap(api.POST('/api/requests/{id}/dispatch', { ...id(requestId), body }));
export const progressRequest = (requestId: number, note: string) =>
  unwrap(api.POST('/api/requests/{id}/progress', { ...id(requestId), body: { note } }));
export const finishRequest = (requestId: number, note: string) =>
  unwrap(api.POST('/api/requests/{id}/done', { ...id(requestId), body: { note } }));
export const closeRequest = (requestId: number) =>
  unwrap(api.POST('/api/requests/{id}/close', { ...id(requestId), body: {} }));

// Residents.
export const residentsQuery = (query: ResidentQuery) =>
  queryOptions({
    queryKey: [...REQUESTS_KEY, 'residents', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/residents', { params: { query }, signal })),
  });
export const createResident = (body: S['ServiceResidentCreate']) => unwrap(api.POST('/api/residents', { body }));
export const confirmResident = (residentId: number) => unwrap(api.POST('/api/residents/{id}/confirm', id(residentId)));
export const revealResident = (residentId: number) => unwrap(api.POST('/api/residents/{id}/reveal', id(residentId)));

// Members (self.serve).
export const wishesQuery = queryOptions({
  queryKey: [...REQUESTS_KEY, 'serve', 'wishes'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/serve/wishes', { signal })),
});
export const serveMineQuery = queryOptions({
  queryKey: [...REQUESTS_KEY, 'serve', 'mine'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/serve/mine', { signal })),
});
export const serveItemQuery = (requestId: number) =>
  queryOptions({
    queryKey: [...REQUESTS_KEY, 'serve', requestId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/serve/{id}', { ...id(requestId), signal })),
  });
export const claimWish = (requestId: number) => unwrap(api.POST('/api/serve/{id}/claim', id(requestId)));
export const serveProgress = (requestId: number, note: string) =>
  unwrap(api.POST('/api/serve/{id}/progress', { ...id(requestId), body: { note } }));
export const serveDone = (requestId: number, note: string) =>
  unwrap(api.POST('/api/serve/{id}/done', { ...id(requestId), body: { note } }));
