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
import { registerAuthHook } from './auth/auth.hook.js';
import { collectAuditLabels } from './http/audit-labels.js';
import type { DueSource } from './http/due.js';
import type { App, Deps, RouteInfo } from './http/app-types.js';
import { COMMON_FIELD_LABELS } from './http/field-labels.js';
import { registerErrorHandling, routeNotFound } from './http/errors.js';
import { registerJsonBody } from './http/json-body.js';
import { registerRequestOrigin } from './http/request-origin.js';
import { registerRequestText } from './http/request-text.js';
import { createSerializerCompiler } from './http/serializer.js';
import { FILE_MEDIA_TYPES } from './http/xlsx.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import './http/zod-setup.js';
import { serverPackageDir } from './paths.js';
import { JobRunner } from './scheduler/runner.js';
import { configureFileStore } from './storage/index.js';
import type { ServerModule } from './module.js';
import { JOBS, MODULES } from './modules.js';

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
  configureFileStore(deps.config.dataDir);
  const routes: RouteInfo[] = [];
  app.decorate('apiRoutes', routes);
  const dueSources = MODULES.flatMap((m): readonly DueSource[] => m.dueSources ?? []);
  app.decorate('jobs', new JobRunner(deps.database.db, JOBS, { dueSources }));
  app.decorate('auditLabels', collectAuditLabels(MODULES));
  app.decorate('dueSources', dueSources);
  // The module whose routes are being registered (module routes register synchronously, one module at a time).
  let registering: ServerModule | undefined;
  app.addHook('onClose', () => app.jobs.stop());
  app.addHook('onRoute', (route) => {
    // The interactive docs are as public as the OpenAPI document they show.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
    if (registering) {
      const fieldLabels = { ...COMMON_FIELD_LABELS, ...registering.fieldLabels };
      route.config = { ...route.config, module: registering.name, fieldLabels };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (route.url.startsWith('/api/') && method !== 'HEAD')
        routes.push({ method, url: route.url, public: route.config?.public === true, module: registering?.name });
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
  for (const m of MODULES) {
    registering = m;
    m.routes(app, deps);
  }
  registering = undefined;

  const webDist = join(serverPackageDir(), '..', 'web', 'dist');
  const serveWeb = existsSync(join(webDist, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      // The build writes a .br and a .gz beside each text file (web/vite.config.ts): sent as they are.
      preCompressed: true,
      // Hashed names change with their content: a phone keeps them and asks again for the page only.
      setHeaders: (reply, path) => {
        if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get their app's shell: /m and everything under /m/ the phone pages' (m.html), the rest
    // (/orgs, /audit, …) the console's; unknown /api paths stay JSON 404s.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile(/^\/m(\/|\?|$)/.test(request.url) ? 'm.html' : 'index.html');
    return reply.status(404).send(routeNotFound(request.method, request.url));
  });
  return app;
}
