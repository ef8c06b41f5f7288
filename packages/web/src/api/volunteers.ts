import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

// Shapes read off the generated schema (no antd here: the phone pages use this file too).
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ActivityQuery = QueryOf<paths['/api/volunteers/activities']['get']>;
export type ActivityPage = SuccessBody<paths['/api/volunteers/activities']['get']>;
export type Activity = ActivityPage['items'][number];
export type ActivityDetail = SuccessBody<paths['/api/volunteers/activities/{id}']['get']>;
export type Signup = ActivityDetail['signups'][number];
export type VolunteerRecord = ActivityDetail['records'][number];
export type ActivityInput = RequestBody<paths['/api/volunteers/activities']['post']>;
export type ActivityPatch = RequestBody<paths['/api/volunteers/activities/{id}']['patch']>;
export type AttendanceInput = RequestBody<paths['/api/volunteers/activities/{id}/attendance']['post']>;
export type RecordQuery = QueryOf<paths['/api/volunteers/records']['get']>;
export type Team = SuccessBody<paths['/api/volunteers/teams']['get']>['items'][number];
export type TeamDetail = SuccessBody<paths['/api/volunteers/teams/{id}']['get']>;
export type TeamInput = RequestBody<paths['/api/volunteers/teams']['post']>;
export type TeamMemberInput = RequestBody<paths['/api/volunteers/teams/{id}/members']['post']>;
export type ResidentQuery = QueryOf<paths['/api/volunteers/residents']['get']>;
export type Resident = SuccessBody<paths['/api/volunteers/residents']['get']>['items'][number];
export type ResidentInput = RequestBody<paths['/api/volunteers/residents']['post']>;
export type VolunteerFile = SuccessBody<paths['/api/volunteers/me/file']['get']>;
export type MyActivity = SuccessBody<paths['/api/volunteers/me/activities']['get']>['items'][number];
export type SelfReportInput = RequestBody<paths['/api/volunteers/me/reports']['post']>;

export const VOLUNTEERS_KEY = ['volunteers'] as const;
const id = (value: number) => ({ params: { path: { id: value } } });

// Console

export const activitiesQuery = (query: ActivityQuery) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'activities', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/activities', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const activityQuery = (activityId: number) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'activity', activityId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/activities/{id}', { ...id(activityId), signal })),
  });
export const createActivity = (body: ActivityInput) => unwrap(api.POST('/api/volunteers/activities', { body }));
export const updateActivity = (activityId: number, body: ActivityPatch) =>
  unwrap(api.PATCH('/api/volunteers/activities/{id}', { ...id(activityId), body }));
export const publishActivity = (activityId: number) =>
  unwrap(api.POST('/api/volunteers/activities/{id}/publish', id(activityId)));
export const cancelActivity = (activityId: number, reason: string) =>
  unwrap(api.POST('/api/volunteers/activities/{id}/cancel', { ...id(activityId), body: { reason } }));
export const addSignup = (activityId: number, body: { memberId?: number; residentId?: number }) =>
  unwrap(api.POST('/api/volunteers/activities/{id}/signups', { ...id(activityId), body }));
export const removeSignup = (signupId: number) => unwrap(api.POST('/api/volunteers/signups/{id}/cancel', id(signupId)));
export const confirmAttendance = (activityId: number, body: AttendanceInput) =>
  unwrap(api.POST('/api/volunteers/activities/{id}/attendance', { ...id(activityId), body }));

export const recordsQuery = (query: RecordQuery) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'records', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/records', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const confirmRecord = (recordId: number) =>
  unwrap(api.POST('/api/volunteers/records/{id}/confirm', id(recordId)));
export const rejectRecord = (recordId: number, note: string) =>
  unwrap(api.POST('/api/volunteers/records/{id}/reject', { ...id(recordId), body: { note } }));
export const correctRecord = (recordId: number, hours: number, reason: string) =>
  unwrap(api.POST('/api/volunteers/records/{id}/correct', { ...id(recordId), body: { hours, reason } }));

export const memberFileQuery = (memberId: number) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'file', 'member', memberId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/members/{id}/file', { ...id(memberId), signal })),
  });
export const residentFileQuery = (residentId: number) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'file', 'resident', residentId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/residents/{id}/file', { ...id(residentId), signal })),
  });
/** The printable certificate (志愿服务记录证明) of a member for a period: a page the browser opens. */
export const certificateHref = (memberId: number | 'me', from: string, to: string) =>
  `${memberId === 'me' ? '/api/volunteers/me' : `/api/volunteers/members/${memberId}`}/certificate?from=${from}&to=${to}`;

export const teamsQuery = (query: { orgId?: number; includeDissolved?: 'true' | 'false' }) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'teams', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/teams', { params: { query }, signal })),
  });
export const teamQuery = (teamId: number) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'team', teamId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/teams/{id}', { ...id(teamId), signal })),
  });
export const createTeam = (body: TeamInput) => unwrap(api.POST('/api/volunteers/teams', { body }));
export const dissolveTeam = (teamId: number) =>
  unwrap(api.PATCH('/api/volunteers/teams/{id}', { ...id(teamId), body: { dissolved: true } }));
export const addTeamMember = (teamId: number, body: TeamMemberInput) =>
  unwrap(api.POST('/api/volunteers/teams/{id}/members', { ...id(teamId), body }));
export const makeLeader = (entryId: number) =>
  unwrap(api.PATCH('/api/volunteers/team-members/{id}', { ...id(entryId), body: { leader: true } }));
export const removeTeamMember = (entryId: number) =>
  unwrap(api.DELETE('/api/volunteers/team-members/{id}', id(entryId)));

export const residentsQuery = (query: ResidentQuery) =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'residents', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/residents', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const createResident = (body: ResidentInput) => unwrap(api.POST('/api/volunteers/residents', { body }));
export const endResident = (residentId: number) =>
  unwrap(api.PATCH('/api/volunteers/residents/{id}', { ...id(residentId), body: { ended: true } }));

// The member's own (phone)

export const myActivitiesQuery = (view: 'open' | 'mine') =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'me', 'activities', view],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/me/activities', { params: { query: { view } }, signal })),
  });
export const myFileQuery = () =>
  queryOptions({
    queryKey: [...VOLUNTEERS_KEY, 'me', 'file'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/volunteers/me/file', { signal })),
  });
export const signUp = (activityId: number) =>
  unwrap(api.POST('/api/volunteers/me/activities/{id}/signup', id(activityId)));
export const cancelMySignup = (activityId: number) =>
  unwrap(api.POST('/api/volunteers/me/activities/{id}/cancel', id(activityId)));
export const reportService = (body: SelfReportInput) => unwrap(api.POST('/api/volunteers/me/reports', { body }));
