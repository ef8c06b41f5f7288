import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';
import { fieldLabel } from './field-labels.js';

/**
 * The path (['members', '0', 'name']) of the first string holding U+0000 in a parsed request part, or undefined.
 * PostgreSQL text cannot store that character: it would fail deep in a query as a server error.
 */
export function pathOfNul(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  // An uploaded file (a Buffer in a multipart body) is its own format's business, checked when it is read.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = pathOfNul(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** Refuses, with a 400 naming the field, any query, path or JSON body that holds a NUL character. */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.url) return; // no such route: the 404 says so
    for (const [part, value] of [
      ['参数', request.params],
      ['参数', request.query],
      ['请求体', request.body],
    ] as const) {
      const path = pathOfNul(value);
      if (path) {
        const field = fieldLabel(path.length ? path.join('.') : part, request.routeOptions.url);
        throw new AppError('VALIDATION', `${field}：不能包含空字符（U+0000）`);
      }
    }
  });
}
