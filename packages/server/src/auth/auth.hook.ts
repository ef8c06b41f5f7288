import { type Permission, ROLE_PERMISSIONS, type Role } from '@gongjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { AppError } from '../http/errors.js';
import type { App } from '../http/app-types.js';
import { SessionCache } from './session-cache.js';
import { deleteSession, findSession, hashToken, touchSession } from './sessions.repo.js';

export const SESSION_COOKIE = 'gj_session';
/** How long a session read may answer later requests of the same session (see SessionCache). */
export const SESSION_CACHE_MS = 5_000;

export function readSessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

/**
 * Authentication and permission check for every /api route, before the body is parsed or validated:
 * an anonymous caller learns nothing about a route but that it needs a login.
 */
export function registerAuthHook(app: App, database: Database, sessionCacheMs = SESSION_CACHE_MS): void {
  const sessions = new SessionCache(sessionCacheMs);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config;
    if (config.public) return;
    const token = readSessionToken(request);
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录');
    const tokenHash = hashToken(token);
    let row = sessions.get(tokenHash);
    if (!row) {
      const generation = sessions.begin();
      row = await findSession(database.db, tokenHash);
      if (row && !row.disabled && !row.idle) sessions.set(tokenHash, row, generation);
    }
    if (!row || row.disabled) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError('UNAUTHENTICATED', '请先登录');
    }
    if (row.idle) {
      await deleteSession(database.db, tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError('UNAUTHENTICATED', '长时间未操作，会话已过期，请重新登录');
    }
    if (row.stale) {
      await touchSession(database.db, tokenHash);
      row.stale = false;
    }
    const role = row.role as Role;
    const permissions = ROLE_PERMISSIONS[role];
    request.actor = {
      accountId: row.account_id,
      username: row.username,
      displayName: row.display_name,
      role,
      permissions,
      orgId: row.org_id,
      memberId: row.member_id,
      scopePath: row.org_path,
      mustChangePassword: row.must_change_password,
      sessionHash: tokenHash,
    };
    if (row.must_change_password && !config.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录须先修改初始密码');
    }
    const needed: readonly Permission[] = config.permission === undefined ? [] : [config.permission].flat();
    if (!needed.every((permission) => permissions.includes(permission))) {
      throw new AppError('FORBIDDEN', '没有执行此操作的权限');
    }
  });
}
