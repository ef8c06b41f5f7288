import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { App } from './app-types.js';

/**
 * The headers helmet would set on a response, computed once. Our policy has no per-request part (no nonces),
 * so every response gets the same headers; @fastify/helmet instead built a new helmet middleware, parsing the
 * CSP directives again, on every request (a sixth of a small endpoint's CPU, bench/RESULTS.md).
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  // helmet's middleware is synchronous; anything else would mean headers applied after the response started.
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/** Sets helmet's headers on every response (a route or hook may still override one, as swagger-ui does its CSP). */
export function registerSecurityHeaders(app: App, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
