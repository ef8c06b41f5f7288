import { ROLE_PERMISSIONS, type OrgType, type Role } from '@gongjian/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audited, auditEvent } from '../db/audited.js';
import { accounts, organizations } from '../db/schema.js';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { ErrorSchema, notFound } from '../http/errors.js';
import { deleteSession } from './sessions.repo.js';
import { SESSION_COOKIE } from './auth.hook.js';
import { ChangePasswordSchema, LoginSchema, type Me, MeSchema } from './auth.schema.js';
import { changePassword, login } from './auth.service.js';
import type { Queryable } from '../db/client.js';

async function loadMe(db: Queryable, accountId: number): Promise<Me> {
  const [row] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      role: accounts.role,
      mustChangePassword: accounts.mustChangePassword,
      memberId: accounts.memberId,
      orgId: organizations.id,
      orgName: organizations.name,
      orgType: organizations.type,
    })
    .from(accounts)
    .innerJoin(organizations, eq(organizations.id, accounts.orgId))
    .where(eq(accounts.id, accountId));
  if (!row) throw notFound('账号');
  const role = row.role as Role;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role,
    permissions: [...ROLE_PERMISSIONS[role]],
    mustChangePassword: row.mustChangePassword,
    memberId: row.memberId,
    org: { id: row.orgId, name: row.orgName, type: row.orgType as OrgType },
  };
}

export const registerAuth: Module = (app, { database, config }) => {
  const { db } = database;

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: LoginSchema,
        response: { 200: MeSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { token, accountId } = await login(db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        signed: true,
      });
      return loadMe(db, accountId);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null(), 401: ErrorSchema } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ctx = auditContextOf(actor, request.ip);
      // The session ends and the logout goes on record together (sessions are not an audited table).
      await audited(db, ctx, 'auth.logout', async (tx) => {
        await deleteSession(tx, actor.sessionHash);
        await auditEvent(tx, ctx, {
          action: 'auth.logout',
          entity: 'account',
          entityId: String(actor.accountId),
          orgPath: actor.scopePath,
        });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: ChangePasswordSchema,
        response: { 204: z.null(), 400: ErrorSchema, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await changePassword(db, actor, auditContextOf(actor, request.ip), request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], summary: '当前账号', response: { 200: MeSchema, 401: ErrorSchema } },
    },
    async (request) => loadMe(db, actorOf(request).accountId),
  );
};
