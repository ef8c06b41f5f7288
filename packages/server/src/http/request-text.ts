import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';
import { fieldLabel } from './field-labels.js';

/**
 * Characters that show nothing: zero-width space, non-joiner and joiner, word joiner, and the BOM. Text copied
 * out of WeChat, web pages and Word carries them; left in, 张\u200b三 is not found as 张三, an ID number fails its
 * format, and a name made of one of them looks blank. The body of a RegExp character class, shared with the
 * roster reader (members/import/sheet.ts).
 */
export const INVISIBLE_CHARACTERS = '\u200b-\u200d\u2060\ufeff';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARACTERS}]`);
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** Fields taken exactly as typed: a password is compared byte for byte. */
const VERBATIM = new Set(['password', 'currentPassword', 'newPassword']);

/**
 * Cleans a parsed request part in place and returns the path (['members', '0', 'name']) of the first string
 * holding U+0000, or undefined. PostgreSQL text cannot store that character: it would fail deep in a query.
 */
function cleanRequestText(value: unknown, path: string[] = []): string[] | undefined {
  // An uploaded file (a Buffer in a multipart body) is its own format's business, checked when it is read.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(record)) {
    if (key.includes('\u0000')) return [...path, key];
    if (typeof inner === 'string') {
      if (inner.includes('\u0000')) return [...path, key];
      if (!VERBATIM.has(key) && INVISIBLE.test(inner)) record[key] = inner.replace(INVISIBLE_ALL, '');
      continue;
    }
    const found = cleanRequestText(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Before validation, on the query, path and JSON or form body: invisible characters are removed (passwords
 * excepted), and a NUL character anywhere is a 400 naming the field.
 */
export function registerRequestText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.url) return; // no such route: the 404 says so
    for (const [part, value] of [
      ['参数', request.params],
      ['参数', request.query],
      ['请求体', request.body],
    ] as const) {
      const path = typeof value === 'string' ? (value.includes('\u0000') ? [] : undefined) : cleanRequestText(value);
      if (path) {
        const field = fieldLabel(path.length ? path.join('.') : part, request.routeOptions.url);
        throw new AppError('VALIDATION', `${field}：不能包含空字符（U+0000）`);
      }
    }
  });
}
