import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../helpers/api.js';
import { multipart } from '../helpers/multipart.js';
import { openapi, type Operation, resolveSchema as resolve, type Schema } from '../helpers/openapi.js';
import {
  buildWorld,
  loadProbeFiles,
  type ModuleProbes,
  type Probe,
  type ProbeFile,
  streetAdminOf,
  type Value,
  type World,
} from '../helpers/scope-probes.js';

/**
 * Walks every registered /api route as accounts of street A against street B's records. Each module declares
 * its routes' probes in `src/<module>/<module>.probes.ts` (test/helpers/scope-probes.ts says what a probe is);
 * a route without one fails this suite, and each probe must answer 403 or 404 — or, for a list, answer
 * without a trace of street B.
 */
const api = useApi();
let world: World;
/** Loaded when the file is collected: the walk below is one test per module (each within the test timeout). */
const files: ProbeFile[] = await loadProbeFiles();
/** Each module's probes, built (with the records they name) once the city is there. */
let declared: (ModuleProbes & { module: string })[];
let PROBES: Record<string, Probe[]>;
let SELF_ROUTES: string[];
let CROSS_SCOPE: Record<string, Record<string, string>>;
let actors: { name: string; cookie: string }[];
let streetAdmin: string;

/** A field naming a record: id, orgId, memberIds … */
const ID_FIELD = /^id$|Ids?$/;

beforeAll(async () => {
  world = await buildWorld(api);
  declared = [];
  for (const file of files) declared.push({ module: file.module, ...(await file.build(world)) });
  PROBES = Object.assign({}, ...declared.map((d) => d.probes));
  SELF_ROUTES = declared.flatMap((d) => d.self ?? []);
  CROSS_SCOPE = Object.assign({}, ...declared.map((d) => d.crossScope ?? {}));
  streetAdmin = await streetAdminOf(world);
  actors = [
    { name: 'street committee of A', cookie: await api.login(world.city.streetAUser.username) },
    { name: 'administrator of A', cookie: streetAdmin },
  ];
});

/** Every id field a route's query or body (at any depth) refers to, by its place: `query.orgId`, `body.member.orgId`. */
function idFieldsOf(operation: Operation): string[] {
  const found = new Set<string>();
  for (const p of operation.parameters ?? [])
    if (p.in === 'query' && ID_FIELD.test(p.name)) found.add(`query.${p.name}`);
  const walk = (schema: Schema | undefined, at: string) => {
    const s = schema && resolve(schema);
    if (!s) return;
    for (const inner of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? []), ...(s.items ? [s.items] : [])])
      walk(inner, at);
    for (const [key, inner] of Object.entries(s.properties ?? {})) {
      if (ID_FIELD.test(key)) found.add(`${at}.${key}`);
      walk(inner, `${at}.${key}`);
    }
  };
  for (const content of Object.values(operation.requestBody?.content ?? {})) walk(content.schema, 'body');
  return [...found];
}

/** The text a user would see of an answer: JSON as it is, an .xlsx workbook as its cells. */
async function visibleText(res: { body: string; rawPayload: Buffer; headers: Record<string, unknown> }) {
  if (!String(res.headers['content-type']).includes('spreadsheetml')) return res.body;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text ?? '')))),
  );
  return cells.join('\n');
}

describe('scope suite', () => {
  it('has a probe for every non-public route', () => {
    const routes = api.app.apiRoutes.filter((r) => !r.public).map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !PROBES[r] && !SELF_ROUTES.includes(r));
    expect(missing, 'add a scope probe for these routes to src/<module>/<module>.probes.ts').toEqual([]);
  });

  it("declares each route's probes in its own module's file, once", () => {
    const moduleOf = new Map(api.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.module]));
    const misplaced: string[] = [];
    const seen = new Set<string>();
    for (const d of declared) {
      for (const route of [...Object.keys(d.probes), ...(d.self ?? []), ...Object.keys(d.crossScope ?? {})]) {
        if (moduleOf.get(route) !== d.module)
          misplaced.push(`${route}: declared by ${d.module}, served by ${moduleOf.get(route)}`);
      }
      for (const route of [...Object.keys(d.probes), ...(d.self ?? [])]) {
        if (seen.has(route)) misplaced.push(`${route}: declared twice`);
        seen.add(route);
      }
    }
    expect(misplaced).toEqual([]);
    expect(files.map((f) => f.module)).toContain('members');
  });

  it('has a probe naming street B in every id field of a query or body (or a reason it may)', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(openapi.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`;
        for (const field of idFieldsOf(operation)) {
          const probed = PROBES[route]?.some((p) => p.id?.field === field);
          if (!probed && !CROSS_SCOPE[route]?.[field]) missing.push(`${route} ${field}`);
        }
      }
    }
    expect(missing, 'add a probe with id: { field, outside, inside } for these fields').toEqual([]);
  });

  it.each(files.map((f) => f.module))('never shows or changes street B to accounts of street A: %s', async (module) => {
    const { city } = world;
    const outsideMarkers = [city.streetB.name, city.communityB.name, city.branchB.name, city.streetBUser.username];
    const call = (route: string, probe: Probe, cookie: string, value: Value) => {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE';
      const upload = probe.upload?.(value);
      const form = upload && multipart(upload.fields, upload.file);
      return api.app.inject({
        method,
        url: probe.url(value),
        headers: { cookie, ...form?.headers },
        ...(probe.body && { payload: probe.body(value) }),
        ...(form && { payload: form.payload }),
      });
    };
    const own = declared.find((d) => d.module === module)?.probes ?? {};
    for (const [route, probes] of Object.entries(own)) {
      for (const probe of probes) {
        const value = probe.id?.outside() ?? 0;
        for (const actor of actors) {
          const res = await call(route, probe, actor.cookie, value);
          const where = `${actor.name}: ${route} ${probe.id?.field ?? ''} ${probe.url(value)}`;
          if (probe.list && res.statusCode === 200) {
            const text = await visibleText(res);
            for (const marker of outsideMarkers) expect(text, where).not.toContain(marker);
          } else {
            expect([403, 404], `${where} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          }
        }
        if (probe.id) {
          // The control: the same request naming street A's own record succeeds.
          const inside = await probe.id.inside();
          const res = await call(route, probe, streetAdmin, inside);
          expect(res.statusCode, `control ${route} ${probe.id.field}=${inside} → ${res.body}`).toBeLessThan(300);
        }
      }
    }
  });

  it('leaves every record of street B as it was after the walk', async () => {
    const admin = await api.login(world.city.admin.username);
    for (const d of declared) await d.unchanged?.(admin);
  });

  it('answers 401 on every non-public route without a session', async () => {
    for (const route of api.app.apiRoutes.filter((r) => !r.public)) {
      const url = route.url.replace(':id', '1');
      const res = await api.app.inject({ method: route.method as 'GET', url });
      expect(res.statusCode, `${route.method} ${url}`).toBe(401);
    }
  });
});
