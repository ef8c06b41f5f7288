import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { paths } from './schema';
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

/** The export's query for the list's filters (the page and its size aside). */
export function exportQuery(
  filters: Omit<MemberQuery, 'page' | 'pageSize'>,
): NonNullable<paths['/api/members/export']['get']['parameters']['query']> {
  const { page: _page, pageSize: _size, ...rest } = filters as MemberQuery;
  return rest;
}

export type ImportForm = {
  file: File;
  orgId?: number;
  mapping?: Partial<Record<string, number>>;
  headerRow?: number;
  mode?: 'all' | 'valid';
  /** The user's choices on the 所在支部 step: the value as the sheet writes it → an organisation id. */
  orgMap?: Record<string, number>;
  /** 更新名册中已有的党员 (matched by ID number). */
  update?: boolean;
  /** With `update`, the preview the user confirmed (the check's digest). */
  previewDigest?: string;
};

/** The 所在支部 step: each value of the column, the organisation it matched, the subtree to choose from. */
export type ImportBranches =
  paths['/api/member-imports/branches']['post']['responses'][200]['content']['application/json'];

/** How far a request has come: the upload in percent, then (for a streamed import) the server's phases. */
export type UploadProgress = { percent: number; phase: 'upload' | 'check' | 'write' };
type OnProgress = (progress: UploadProgress) => void;

/**
 * Uploads the roster with XMLHttpRequest, which reports upload progress (fetch does not). Answers the JSON
 * body, a Blob for the rejected-rows download, or — for a streamed import — the last of its JSON lines.
 */
function upload<T>(
  url: string,
  form: ImportForm,
  onProgress?: OnProgress,
  as: 'json' | 'blob' | 'ndjson' = 'json',
): Promise<T> {
  const data = new FormData();
  if (form.orgId !== undefined) data.set('orgId', String(form.orgId));
  if (form.mapping) data.set('mapping', JSON.stringify(form.mapping));
  if (form.headerRow !== undefined) data.set('headerRow', String(form.headerRow));
  if (form.mode) data.set('mode', form.mode);
  if (form.orgMap && Object.keys(form.orgMap).length > 0) data.set('orgMap', JSON.stringify(form.orgMap));
  if (form.update) data.set('update', 'true');
  if (form.previewDigest) data.set('previewDigest', form.previewDigest);
  data.set('file', form.file);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = as === 'blob' ? 'blob' : as === 'json' ? 'json' : 'text';
    if (as === 'ndjson') xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable)
        onProgress?.({ percent: Math.round((event.loaded / event.total) * 100), phase: 'upload' });
    };
    const lines = () =>
      (xhr.responseText || '')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    if (as === 'ndjson') {
      xhr.onprogress = () => {
        const last = lines()
          .filter((l) => 'progress' in l)
          .at(-1)?.progress as { phase: 'check' | 'write'; done: number; total: number } | undefined;
        if (last)
          onProgress?.({ phase: last.phase, percent: last.total ? Math.round((last.done / last.total) * 100) : 100 });
      };
    }
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        if (as !== 'ndjson') return resolve(xhr.response as T);
        const last = lines().at(-1) ?? {};
        if ('result' in last) return resolve(last.result as T);
        return reject(toApiError(400, last.error));
      }
      const body: unknown =
        as === 'blob'
          ? JSON.parse(await (xhr.response as Blob).text())
          : as === 'ndjson'
            ? JSON.parse(xhr.responseText || 'null')
            : xhr.response;
      reject(toApiError(xhr.status, body));
    };
    xhr.send(data);
  });
}

export const analyzeImport = (form: ImportForm, onProgress?: OnProgress) =>
  upload<ImportAnalysis>('/api/member-imports/analyze', form, onProgress);
export const importBranches = (form: ImportForm, onProgress?: OnProgress) =>
  upload<ImportBranches>('/api/member-imports/branches', form, onProgress);
export const checkImport = (form: ImportForm, onProgress?: OnProgress) =>
  upload<ImportReport>('/api/member-imports/check', form, onProgress);
export const runImport = (form: ImportForm, onProgress?: OnProgress) =>
  upload<ImportResult>('/api/member-imports', form, onProgress, 'ndjson');
export const rejectedRows = (form: ImportForm) => upload<Blob>('/api/member-imports/rejected', form, undefined, 'blob');
