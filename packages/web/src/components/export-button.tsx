import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { paths } from '../api/schema';
import { downloadFile } from '../lib/download';

/** Every export the API has: the paths of openapi.json ending in /export. */
export type ExportPath = Extract<keyof paths, `${string}/export`>;
type GetOf<P extends ExportPath> = paths[P] extends { get: infer G } ? G : never;
type QueryOf<P extends ExportPath> = GetOf<P> extends { parameters: { query?: infer Q } } ? Q : never;
type PathParamsOf<P extends ExportPath> = GetOf<P> extends { parameters: { path: infer X } } ? X : never;

export type ExportTarget<P extends ExportPath> = {
  path: P;
  query?: QueryOf<P>;
} & ([PathParamsOf<P>] extends [never | undefined] ? { pathParams?: never } : { pathParams: PathParamsOf<P> });

/** The download's URL: path parameters filled in, the query's defined values only (lists comma-separated). */
export function exportHref<P extends ExportPath>(target: ExportTarget<P>): string {
  const params = (target.pathParams ?? {}) as Record<string, string | number>;
  const path = target.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((target.query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * 导出 .xlsx: every download in the console goes through this button. The file is fetched, so a refusal (a
 * 400 naming the field, a 403) shows as a message instead of a page of raw JSON; the server records each export
 * in the audit log.
 */
export function ExportButton<P extends ExportPath>({
  label = '导出Excel',
  type,
  ...target
}: ExportTarget<P> & { label?: string; type?: 'default' | 'primary' }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      type={type}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(exportHref(target as ExportTarget<P>));
        } catch (error) {
          message.error(error instanceof Error ? error.message : '导出失败');
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}
