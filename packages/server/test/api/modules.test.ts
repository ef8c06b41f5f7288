import { describe, expect, it } from 'vitest';
import { COMMON_FIELD_LABELS } from '../../src/http/field-labels.js';
import { MODULES } from '../../src/modules.js';
import { useApi } from '../helpers/api.js';
import { openapi, resolveSchema, type Schema } from '../helpers/openapi.js';

/** The modules' declarations (module.ts) hold for every route they register. */
const api = useApi();

/** The top-level field names of a request body (through allOf/anyOf/oneOf). */
function bodyFields(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const s = resolveSchema(schema);
  return [
    ...Object.keys(s.properties ?? {}),
    ...[...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap(bodyFields),
  ];
}

describe('modules', () => {
  it('every /api route but the docs belongs to a module', () => {
    const orphans = api.app.apiRoutes
      .filter((r) => !r.module && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`);
    expect(orphans).toEqual([]);
  });

  it('every request field of every route has a Chinese label, from its module or the common ones', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const route of api.app.apiRoutes) {
      const declared = MODULES.find((m) => m.name === route.module);
      if (!declared) continue;
      const labels = { ...COMMON_FIELD_LABELS, ...declared.fieldLabels };
      const operation = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (!operation) continue; // hidden from the document: it takes no fields
      const fields = [
        ...(operation.parameters ?? []).map((p) => p.name),
        ...Object.values(operation.requestBody?.content ?? {}).flatMap((c) => bodyFields(c.schema)),
      ];
      for (const field of new Set(fields)) {
        checked++;
        if (!labels[field]) missing.push(`${route.method} ${route.url}: ${field} (${declared.name})`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('names every module once, and every job once', () => {
    const names = MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const jobs = MODULES.flatMap((m) => m.jobs ?? []).map((j) => j.name);
    expect(new Set(jobs).size).toBe(jobs.length);
    expect(api.app.jobs.jobs.map((j) => j.name)).toEqual(jobs);
  });
});
