import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { toApiError } from './errors';
import type {
  ImportAnalysis,
  ImportReport,
  ImportResult,
  MemberCreateInput,
  MemberQuery,
  MemberUpdateInput,
} from './types';

/** Every member query starts with this key: one invalidation refreshes lists, details and due lists. */
export const MEMBERS_KEY = ['members'] as const;

export const membersQuery = (query: MemberQuery) =>
  queryOptions({
    queryKey: [...MEMBERS_KEY, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/members', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const memberQuery = (id: number) =>
  queryOptions({
    queryKey: [...MEMBERS_KEY, 'detail', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/members/{id}', { params: { path: { id } }, signal })),
  });

export const dueQuery = (orgId?: number) =>
  queryOptions({
    queryKey: [...MEMBERS_KEY, 'due', orgId ?? null],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/members/due-for-conversion', { params: { query: orgId ? { orgId } : {} }, signal })),
  });

export const createMember = (body: MemberCreateInput) => unwrap(api.POST('/api/members', { body }));
export const updateMember = (id: number, body: MemberUpdateInput) =>
  unwrap(api.PATCH('/api/members/{id}', { params: { path: { id } }, body }));
export const revealMember = (id: number) => unwrap(api.POST('/api/members/{id}/reveal', { params: { path: { id } } }));
export const convertMember = (id: number, fullMemberOn: string) =>
  unwrap(api.POST('/api/members/{id}/convert', { params: { path: { id } }, body: { fullMemberOn } }));

/** The export is a plain download: the browser sends the session cookie and saves the streamed file. */
export function exportUrl(query: Omit<MemberQuery, 'page' | 'pageSize'> & { unmasked?: boolean }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return `/api/members/export?${params.toString()}`;
}

export type ImportForm = {
  file: File;
  orgId?: number;
  mapping?: Partial<Record<string, number>>;
  headerRow?: number;
  mode?: 'all' | 'valid';
};

/**
 * Uploads the roster with XMLHttpRequest, which reports upload progress (fetch does not). Answers the JSON
 * body, or a Blob for the rejected-rows download.
 */
function upload<T>(url: string, form: ImportForm, onProgress?: (percent: number) => void, blob = false): Promise<T> {
  const data = new FormData();
  if (form.orgId !== undefined) data.set('orgId', String(form.orgId));
  if (form.mapping) data.set('mapping', JSON.stringify(form.mapping));
  if (form.headerRow !== undefined) data.set('headerRow', String(form.headerRow));
  if (form.mode) data.set('mode', form.mode);
  data.set('file', form.file);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = blob ? 'blob' : 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.response as T);
      const body: unknown = blob ? JSON.parse(await (xhr.response as Blob).text()) : xhr.response;
      reject(toApiError(xhr.status, body));
    };
    xhr.send(data);
  });
}

export const analyzeImport = (form: ImportForm, onProgress?: (p: number) => void) =>
  upload<ImportAnalysis>('/api/member-imports/analyze', form, onProgress);
export const checkImport = (form: ImportForm, onProgress?: (p: number) => void) =>
  upload<ImportReport>('/api/member-imports/check', form, onProgress);
export const runImport = (form: ImportForm, onProgress?: (p: number) => void) =>
  upload<ImportResult>('/api/member-imports', form, onProgress);
export const rejectedRows = (form: ImportForm) => upload<Blob>('/api/member-imports/rejected', form, undefined, true);
