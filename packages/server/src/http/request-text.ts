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
 * Characters no one types into a form: NUL (PostgreSQL text cannot hold it: it would fail deep in a query), the
 * other C0 controls but tab and line breaks, DEL and the C1 controls, and the bidirectional embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069), with which a name shows reversed or a file name hides its type
 * ("张三\u202Exslx.exe").
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Why `text` may not be stored (a NUL, a control or a bidi override character, named), or undefined. */
export function problemOf(text: string): string | undefined {
  const found = FORBIDDEN.exec(text);
  if (!found) return undefined;
  const code = (found[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return code === '0000' ? '不能包含空字符（U+0000）' : `不能包含控制字符或文字方向控制符（U+${code}）`;
}

type Found = { path: string[]; problem: string };

/**
 * Cleans a parsed request part in place and returns the first string (or key) holding a forbidden character, with
 * its path (['members', '0', 'name']), or undefined. Bodies are at most MAX_JSON_DEPTH deep (http/json-body.ts):
 * the recursion is bounded.
 */
function cleanRequestText(value: unknown, path: string[] = []): Found | undefined {
  // An uploaded file (a Buffer in a multipart body) is its own format's business, checked when it is read.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(record)) {
    const keyProblem = problemOf(key);
    if (keyProblem) return { path: [...path, key], problem: keyProblem };
    if (typeof inner === 'string') {
      const verbatim = VERBATIM.has(key);
      // A password may hold any character but NUL, which no database column or hash input should see.
      const problem = verbatim ? (inner.includes('\u0000') ? problemOf('\u0000') : undefined) : problemOf(inner);
      if (problem) return { path: [...path, key], problem };
      if (!verbatim && INVISIBLE.test(inner)) record[key] = inner.replace(INVISIBLE_ALL, '');
      continue;
    }
    const found = cleanRequestText(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Before validation, on the query, path and JSON or form body: invisible characters are removed (passwords
 * excepted), and a NUL, a control or a bidi override character anywhere is a 400 naming the field.
 */
export function registerRequestText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.url) return; // no such route: the 404 says so
    for (const [part, value] of [
      ['参数', request.params],
      ['参数', request.query],
      ['请求体', request.body],
    ] as const) {
      const problem = typeof value === 'string' ? problemOf(value) : undefined;
      const found: Found | undefined = problem ? { path: [], problem } : cleanRequestText(value);
      if (found) {
        if (!found.path.length) throw new AppError('VALIDATION', `${part}：${found.problem}`);
        const field = found.path.join('.');
        throw new AppError('VALIDATION', `${fieldLabel(field)}：${found.problem}`, { field, problem: found.problem });
      }
    }
  });
}
