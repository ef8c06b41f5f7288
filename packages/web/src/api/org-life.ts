import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

// Shapes read off the generated schema (types.ts's helpers, kept local: the module's types in one place).
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

export type MeetingQuery = NonNullable<paths['/api/org-life/meetings']['get']['parameters']['query']>;
export type MeetingPage = SuccessBody<paths['/api/org-life/meetings']['get']>;
export type MeetingSummary = MeetingPage['items'][number];
export type Meeting = SuccessBody<paths['/api/org-life/meetings/{id}']['get']>;
export type Attendee = Meeting['attendees'][number];
export type MeetingInput = RequestBody<paths['/api/org-life/meetings']['post']>;
export type MeetingUpdate = RequestBody<paths['/api/org-life/meetings/{id}']['patch']>;
export type MeetingCorrection = RequestBody<paths['/api/org-life/meetings/{id}/corrections']['post']>;
export type AttendanceMark = NonNullable<MeetingUpdate['attendance']>[number];
export type Expected = SuccessBody<paths['/api/org-life/expected']['get']>['items'][number];
export type Standings = SuccessBody<paths['/api/org-life/standings']['get']>;
export type BranchStanding = Standings['items'][number];
export type Figures = SuccessBody<paths['/api/org-life/figures']['get']>;
export type MyMeeting = SuccessBody<paths['/api/org-life/mine']['get']>['items'][number];
export type LeaveInput = RequestBody<paths['/api/org-life/mine/{id}/leave']['post']>;

export const ORG_LIFE_KEY = ['org-life'] as const;

export const meetingsQuery = (query: MeetingQuery) =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'meetings', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/org-life/meetings', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const meetingQuery = (id: number) =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'meeting', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/org-life/meetings/{id}', { params: { path: { id } }, signal })),
  });
export const expectedQuery = (orgId: number, type: MeetingInput['type']) =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'expected', orgId, type],
    queryFn: ({ signal }) => unwrap(api.GET('/api/org-life/expected', { params: { query: { orgId, type } }, signal })),
  });
export const standingsQuery = (query: { orgId?: number; atRiskOnly?: 'true' | 'false' }) =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'standings', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/org-life/standings', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const figuresQuery = (query: { orgId?: number; period?: string }) =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'figures', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/org-life/figures', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const memberMeetingsQuery = (memberId: number, page: number) =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'member', memberId, page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/org-life/members/{id}/meetings', {
          params: { path: { id: memberId }, query: { page, pageSize: 10 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
export const myMeetingsQuery = (when: 'upcoming' | 'past') =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'mine', when],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/org-life/mine', { params: { query: { when, pageSize: 50 } }, signal })),
  });

export const createMeeting = (body: MeetingInput) => unwrap(api.POST('/api/org-life/meetings', { body }));
export const updateMeeting = (id: number, body: MeetingUpdate) =>
  unwrap(api.PATCH('/api/org-life/meetings/{id}', { params: { path: { id } }, body }));
export const finaliseMeeting = (id: number) =>
  unwrap(api.POST('/api/org-life/meetings/{id}/finalise', { params: { path: { id } } }));
export const correctMeeting = (id: number, body: MeetingCorrection) =>
  unwrap(api.POST('/api/org-life/meetings/{id}/corrections', { params: { path: { id } }, body }));
export const deleteMeeting = (id: number) =>
  unwrap(api.DELETE('/api/org-life/meetings/{id}', { params: { path: { id } } }));
export const leaveMeeting = (id: number, body: LeaveInput) =>
  unwrap(api.POST('/api/org-life/mine/{id}/leave', { params: { path: { id } }, body }));
export const cancelLeave = (id: number) =>
  unwrap(api.DELETE('/api/org-life/mine/{id}/leave', { params: { path: { id } } }));

/** The yearly 组织生活记录, printable on A4 (opened in a new tab). */
export type MeetingAttachment = Meeting['attachments'][number];
export type AttachmentKind = MeetingAttachment['kind'];
/** Uploads a file to a meeting's record (multipart: the file, its kind, and its name as the device had it). */
export function uploadAttachment(meetingId: number, file: File, kind: AttachmentKind) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('name', file.name);
  form.set('file', file);
  return unwrap(
    api.POST('/api/org-life/meetings/{id}/attachments', {
      params: { path: { id: meetingId } },
      // The browser sets the multipart type and boundary for a FormData body.
      body: form as never,
    }),
  );
}
export const deleteAttachment = (meetingId: number, attachmentId: number) =>
  unwrap(
    api.DELETE('/api/org-life/meetings/{id}/attachments/{attachmentId}', {
      params: { path: { id: meetingId, attachmentId } },
    }),
  );
export const attachmentUrl = (meetingId: number, attachmentId: number) =>
  `/api/org-life/meetings/${meetingId}/attachments/${attachmentId}`;

export const yearlyRecordUrl = (orgId: number, year: number) => `/api/org-life/record?orgId=${orgId}&year=${year}`;

export type OrgLifeRules = SuccessBody<paths['/api/org-life/rules']['get']>;
export type SetRulesInput = RequestBody<paths['/api/org-life/rules']['post']>;
export const rulesQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...ORG_LIFE_KEY, 'rules', orgId ?? null],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/org-life/rules', { params: { query: orgId ? { orgId } : {} }, signal })),
  });
export const setRules = (body: SetRulesInput) => unwrap(api.POST('/api/org-life/rules', { body }));
