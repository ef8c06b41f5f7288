import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

export type JointMeetingQuery = NonNullable<paths['/api/joint-meetings']['get']['parameters']['query']>;
export type JointMeetingPage = SuccessBody<paths['/api/joint-meetings']['get']>;
export type JointMeetingSummary = JointMeetingPage['items'][number];
export type JointMeeting = SuccessBody<paths['/api/joint-meetings/{id}']['get']>;
export type JointOutcome = JointMeeting['outcomes'][number];
export type JointMeetingInput = RequestBody<paths['/api/joint-meetings']['post']>;
export type JointMeetingUpdate = RequestBody<paths['/api/joint-meetings/{id}']['patch']>;
export type AttendanceInput = RequestBody<paths['/api/joint-meetings/{id}/attendance']['post']>;
export type OutcomeInput = RequestBody<paths['/api/joint-meetings/{id}/outcomes']['post']>;
export type ProgressInput = RequestBody<paths['/api/joint-meetings/tasks/{id}/progress']['post']>;
export type TaskQuery = NonNullable<paths['/api/joint-meetings/tasks']['get']['parameters']['query']>;
export type JointTask = SuccessBody<paths['/api/joint-meetings/tasks']['get']>['items'][number];
export type InvitableUnit = SuccessBody<paths['/api/joint-meetings/invitable']['get']>['items'][number];
export type CobuildFigures = SuccessBody<paths['/api/joint-meetings/figures']['get']>;

export const JOINT_KEY = ['joint-meetings'] as const;

export const jointMeetingsQuery = (query: JointMeetingQuery) =>
  queryOptions({
    queryKey: [...JOINT_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/joint-meetings', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const jointMeetingQuery = (id: number) =>
  queryOptions({
    queryKey: [...JOINT_KEY, 'meeting', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/joint-meetings/{id}', { params: { path: { id } }, signal })),
  });
export const invitableQuery = (orgId: number) =>
  queryOptions({
    queryKey: [...JOINT_KEY, 'invitable', orgId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/joint-meetings/invitable', { params: { query: { orgId } }, signal })),
  });
export const tasksQuery = (query: TaskQuery) =>
  queryOptions({
    queryKey: [...JOINT_KEY, 'tasks', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/joint-meetings/tasks', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const unitTasksQuery = () =>
  queryOptions({
    queryKey: [...JOINT_KEY, 'unit-tasks'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/joint-meetings/unit-tasks', { signal })),
  });
export const cobuildFiguresQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...JOINT_KEY, 'figures', orgId ?? null],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/joint-meetings/figures', { params: { query: orgId ? { orgId } : {} }, signal })),
  });

export const createJointMeeting = (body: JointMeetingInput) => unwrap(api.POST('/api/joint-meetings', { body }));
export const updateJointMeeting = (id: number, body: JointMeetingUpdate) =>
  unwrap(api.PATCH('/api/joint-meetings/{id}', { params: { path: { id } }, body }));
export const deleteJointMeeting = (id: number) =>
  unwrap(api.DELETE('/api/joint-meetings/{id}', { params: { path: { id } } }));
export const markAttendance = (id: number, body: AttendanceInput) =>
  unwrap(api.POST('/api/joint-meetings/{id}/attendance', { params: { path: { id } }, body }));
export const addOutcome = (id: number, body: OutcomeInput) =>
  unwrap(api.POST('/api/joint-meetings/{id}/outcomes', { params: { path: { id } }, body }));
export const deleteOutcome = (id: number) =>
  unwrap(api.DELETE('/api/joint-meetings/outcomes/{id}', { params: { path: { id } } }));
export const markHeld = (id: number) => unwrap(api.POST('/api/joint-meetings/{id}/held', { params: { path: { id } } }));
export const addProgress = (id: number, body: ProgressInput) =>
  unwrap(api.POST('/api/joint-meetings/tasks/{id}/progress', { params: { path: { id } }, body }));
export const addUnitProgress = (id: number, body: ProgressInput) =>
  unwrap(api.POST('/api/joint-meetings/unit-tasks/{id}/progress', { params: { path: { id } }, body }));

/** The minutes, printable on A4 (opened in a new tab). */
export const minutesUrl = (id: number) => `/api/joint-meetings/${id}/minutes`;
