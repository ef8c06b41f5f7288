import { registerFigures } from './figures/figures.routes.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { IMPORT_MAX_FILE_MB } from '@gongjian/shared';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAccounts } from './accounts/accounts.routes.js';
import { registerAudit } from './audit/audit.routes.js';
import { registerAuthHook } from './auth/auth.hook.js';
import { registerAuth } from './auth/auth.routes.js';
import type { App, Deps, Module, RouteInfo } from './http/app-types.js';
import { registerErrorHandling, routeNotFound } from './http/errors.js';
import { registerJsonBody } from './http/json-body.js';
import { registerRequestOrigin } from './http/request-origin.js';
import { registerRequestText } from './http/request-text.js';
import { createSerializerCompiler } from './http/serializer.js';
import { FILE_MEDIA_TYPES } from './http/xlsx.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import './http/zod-setup.js';
import { registerNewOrgs } from './new-orgs/new-orgs.routes.js';
import { registerOrgChecks } from './org-checks/org-checks.routes.js';
import { registerOrganizations } from './organizations/organizations.routes.js';
import { serverPackageDir } from './paths.js';
import { registerTeams } from './teams/teams.routes.js';
import { registerFloating } from './floating/floating.routes.js';
import { registerInService } from './in-service/in-service.routes.js';
import { registerMemberImports } from './members/import/import.routes.js';
import { registerMembers } from './members/members.routes.js';
import { registerTransfers } from './transfers/transfers.routes.js';
import { BUILTIN_JOBS } from './jobs/builtin.js';
import { registerJobs } from './jobs/jobs.routes.js';
import { JobRunner } from './jobs/runner.js';

/** Every API module, in one list: adding a module here is all it takes to serve it (and to put it under the scope suite). */
export const MODULES: Module[] = [
  registerAuth,
  registerOrganizations,
  registerTeams,
  registerOrgChecks,
  registerFigures,
  registerNewOrgs,
  registerAccounts,
  registerAudit,
  registerMembers,
  registerMemberImports,
  registerTransfers,
  registerFloating,
  registerInService,
  registerJobs,
];

const registerHealth: Module = (app, { database }) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['embedded', 'postgres']) }) },
      },
    },
    async () => {
      await database.db.execute('select 1');
      return { status: 'ok' as const, db: database.engine };
    },
  );
};

/**
 * Routes as fastify-type-provider-zod describes them, but a file response (XLSX_FILE, HTML_PAGE) as the file it
 * is — its media type, a binary string — while the same route's errors stay JSON (`produces` would have given
 * every response of the route the file's type).
 */
const describeFiles: typeof jsonSchemaTransform = (input) => {
  const described = jsonSchemaTransform(input);
  const responses = (input.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {};
  for (const [status, schema] of Object.entries(responses)) {
    const mediaType = FILE_MEDIA_TYPES.get(schema as z.ZodType);
    if (!mediaType) continue;
    const out = described.schema as { response: Record<string, unknown> };
    out.response[status] = {
      description: (schema as z.ZodType).meta()?.description ?? '文件',
      content: { [mediaType]: { schema: { type: 'string', contentMediaType: mediaType } } },
    };
  }
  return described;
};

/**
 * The components as fastify-type-provider-zod writes them for OpenAPI 3.1, without the `$schema` and the
 * fragment-only `$id` it puts on each (a 2020-12 `$id` must not be a fragment; code generators trip on them).
 */
const openApi31Components: typeof jsonSchemaTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as { components?: { schemas?: Record<string, object> } };
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    delete (schema as { $schema?: string }).$schema;
    delete (schema as { $id?: string }).$id;
  }
  return document as ReturnType<typeof jsonSchemaTransformObject>;
};

export async function buildApp(deps: Deps, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ? { level: deps.config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  const routes: RouteInfo[] = [];
  app.decorate('apiRoutes', routes);
  app.decorate('jobs', new JobRunner(deps.database.db, BUILTIN_JOBS));
  app.addHook('onClose', () => app.jobs.stop());
  app.addHook('onRoute', (route) => {
    // The interactive docs are as public as the OpenAPI document they show.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (route.url.startsWith('/api/') && method !== 'HEAD')
        routes.push({ method, url: route.url, public: route.config?.public === true });
    }
  });
  // The API speaks JSON only: a cross-site form cannot post text/plain to it.
  app.removeContentTypeParser('text/plain');
  registerJsonBody(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler({ verify: deps.config.verifyResponses }));
  registerErrorHandling(app);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
      },
    },
  });
  registerRequestOrigin(app, deps.config.publicOrigins);
  await app.register(cookie, { secret: deps.config.sessionSecret });
  // Roster uploads: one file of at most IMPORT_MAX_FILE_MB, every part buffered so that zod validates the whole form.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: IMPORT_MAX_FILE_MB * 1024 * 1024, files: 1, fields: 10, parts: 12 },
    async onFile(part) {
      (part as unknown as { value: Buffer }).value = await part.toBuffer();
    },
  });
  // After multipart's own preValidation hook, which builds the form's body.
  registerRequestText(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '共建 · 社区党建平台 API', version: '0.1.0' },
    },
    transform: describeFiles,
    transformObject: openApi31Components,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerAuthHook(app, deps.database);
  registerHealth(app, deps);
  for (const register of MODULES) register(app, deps);

  const webDist = join(serverPackageDir(), '..', 'web', 'dist');
  const serveWeb = existsSync(join(webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/orgs, /audit, …) get the app shell; unknown /api paths stay JSON 404s.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send(routeNotFound(request.method, request.url));
  });
  return app;
}
