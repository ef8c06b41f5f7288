import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether `origin` is the app's own: one of the configured public origins, or else the host (and port) the request
 * was sent to — its Host header, or behind a trusted proxy the forwarded host. The scheme is not compared then:
 * behind a proxy that ends TLS the server sees http while the page is https.
 */
function isOwnOrigin(origin: string, request: FastifyRequest, publicOrigins: readonly string[]): boolean {
  if (publicOrigins.length > 0) return publicOrigins.includes(origin);
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}

/**
 * Cross-site request forgery. The session cookie is SameSite=Lax, which stops other sites but not a page of the
 * same site: another port of the same host, or any sibling subdomain of a government domain, whose form
 * posted to the API with the user's cookie (an account disabled, a roster imported). A browser says where a
 * request comes from (`Origin` on every POST, PATCH and DELETE; `Sec-Fetch-Site` in current browsers): a
 * state-changing API request from any other origin than the app's own is refused with 403. A request with
 * neither header comes from no browser (curl, the admin CLI), which cannot carry a victim's cookie unasked.
 *
 * And only the upload routes (their schema `consumes` multipart/form-data) take a multipart body: an HTML form
 * can send one cross-site without a preflight, JSON it cannot.
 */
export function registerRequestOrigin(app: FastifyInstance, publicOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const foreign =
      origin !== undefined
        ? !isOwnOrigin(origin, request, publicOrigins)
        : site !== undefined && site !== 'same-origin' && site !== 'none';
    if (foreign) throw new AppError('FORBIDDEN', '请求来自本系统以外的页面，已拒绝；请在本系统页面中操作');
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/')) {
      const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
      if (!consumes.includes('multipart/form-data')) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '此接口只接受 JSON 请求体（application/json）');
      }
    }
  });
}
