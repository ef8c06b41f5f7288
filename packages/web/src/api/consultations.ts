import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { paths } from './schema';

type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ConsultationQuery = QueryOf<paths['/api/consultations']['get']>;
export type ConsultationPage = SuccessBody<paths['/api/consultations']['get']>;
export type Consultation = ConsultationPage['items'][number];
export type ConsultationDetail = SuccessBody<paths['/api/consultations/{id}']['get']>;
export type ConsultationInput = RequestBody<paths['/api/consultations']['post']>;
export type OpinionInput = RequestBody<paths['/api/consultations/{id}/opinion']['post']>;
export type OverrideInput = RequestBody<paths['/api/consultations/{id}/override']['post']>;
export type OutcomeInput = RequestBody<paths['/api/consultations/{id}/outcome']['post']>;
export type Candidate = SuccessBody<paths['/api/consultations/candidates']['get']>['items'][number];

export const CONSULTATIONS_KEY = ['consultations'] as const;
const id = (value: number) => ({ params: { path: { id: value } } });

export const consultationsQuery = (query: ConsultationQuery) =>
  queryOptions({
    queryKey: [...CONSULTATIONS_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/consultations', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
export const consultationQuery = (consultationId: number) =>
  queryOptions({
    queryKey: [...CONSULTATIONS_KEY, 'one', consultationId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/consultations/{id}', { ...id(consultationId), signal })),
  });
export const consultationFiguresQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...CONSULTATIONS_KEY, 'figures', orgId ?? null],
    queryFn: ({ signal }) => unwrap(api.GET('/api/consultations/figures', { params: { query: { orgId } }, signal })),
  });
export const candidatesQuery = (unitId: number) =>
  queryOptions({
    queryKey: [...CONSULTATIONS_KEY, 'candidates', unitId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/consultations/candidates', { params: { query: { unitId } }, signal })),
  });

export const askConsultation = (body: ConsultationInput) => unwrap(api.POST('/api/consultations', { body }));
export const answerConsultation = (consultationId: number, body: OpinionInput) =>
  unwrap(api.POST('/api/consultations/{id}/opinion', { ...id(consultationId), body }));
export const recordOverride = (consultationId: number, body: OverrideInput) =>
  unwrap(api.POST('/api/consultations/{id}/override', { ...id(consultationId), body }));
export const recordOutcome = (consultationId: number, body: OutcomeInput) =>
  unwrap(api.POST('/api/consultations/{id}/outcome', { ...id(consultationId), body }));
export const revealIdNumber = (consultationId: number) =>
  unwrap(api.POST('/api/consultations/{id}/reveal', id(consultationId)));
