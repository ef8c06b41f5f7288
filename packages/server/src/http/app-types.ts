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
import type { JobRunner } from '../scheduler/runner.js';
import type { AuditLabels } from './audit-labels.js';
import type { DueSource } from './due.js';
import type { Actor } from './actor.js';
import type { FieldLabels } from './field-labels.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type Deps = { database: Database; config: AppConfig };

/** `module`: the module that registered the route (module.ts); none for the platform's own (health, docs). */
export type RouteInfo = { method: string; url: string; public: boolean; module?: string };

/** What registers a module's routes (module.ts `routes`). */
export type Module = (app: App, deps: Deps) => void;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, docs). */
    public?: boolean;
    /** The permission the route needs (or all of several); checked before the body is even read. */
    permission?: Permission | readonly Permission[];
    /** Reachable while the account must still change its initial password. */
    duringPasswordChange?: boolean;
    /** Set by buildApp: the registering module's name and its field labels with the common ones. */
    module?: string;
    fieldLabels?: FieldLabels;
  }
  interface FastifyInstance {
    /** Every /api route, as registered: the scope suite walks this list. */
    apiRoutes: RouteInfo[];
    /** The scheduled jobs (jobs/runner.ts): started by startServer(), never by tests unless they tick it. */
    jobs: JobRunner;
    /** The audit trail's action and entity labels, collected from the modules. */
    auditLabels: AuditLabels;
    /** What falls due, for the workbench: the modules' due sources. */
    dueSources: readonly DueSource[];
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
