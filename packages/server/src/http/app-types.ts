import type { Permission } from '@gongjian/shared';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { JobRunner } from '../jobs/runner.js';
import type { Actor } from './actor.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type Deps = { database: Database; config: AppConfig };

export type RouteInfo = { method: string; url: string; public: boolean };

/** A module of the API registers its routes with this. */
export type Module = (app: App, deps: Deps) => void;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, docs). */
    public?: boolean;
    /** The permission the route needs (or all of several); checked before the body is even read. */
    permission?: Permission | readonly Permission[];
    /** Reachable while the account must still change its initial password. */
    duringPasswordChange?: boolean;
  }
  interface FastifyInstance {
    /** Every /api route, as registered: the scope suite walks this list. */
    apiRoutes: RouteInfo[];
    /** The scheduled jobs (jobs/runner.ts): started by startServer(), never by tests unless they tick it. */
    jobs: JobRunner;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The authenticated actor of a request; routes that are not public can rely on it. */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new Error('route without authentication reached a handler that needs an actor');
  return request.actor;
}
