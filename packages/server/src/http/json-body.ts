import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * Deeper than any request schema of the API goes (the deepest, an incoming transfer's member, is 2) with room
 * to spare. JSON nested deeper is refused before it is parsed: 400,000 nested arrays in an 800 KB login body
 * overflowed the stack of the code walking it (a 500), and 4,000 cost 300 ms of CPU to anyone, unauthenticated.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in a JSON text, counted in one pass without recursion (brackets
 * inside strings do not count). Stops counting once past `limit`: the answer is then `limit + 1`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // a backslash escapes the next character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Replaces Fastify's JSON body parser by the same parser (prototype-poisoning checks included) behind the depth
 * check above.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      done(new AppError('VALIDATION', `请求体：嵌套层数超过${MAX_JSON_DEPTH}层`), undefined);
      return;
    }
    parse(request, text, done);
  });
}
