import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type ZodSchema = z.ZodType;
type Stringify = (data: unknown) => string;

function zodSchemaOf(maybeSchema: unknown): ZodSchema | undefined {
  if (maybeSchema instanceof z.ZodType) return maybeSchema;
  const properties = (maybeSchema as { properties?: unknown } | null)?.properties;
  return properties instanceof z.ZodType ? properties : undefined;
}

/**
 * fast-json-stringify compiled from the response schema's JSON Schema (the one the OpenAPI document shows), or
 * undefined when the schema has no faithful JSON Schema (a transform, a refinement on output, …).
 */
export function compileFast(schema: ZodSchema): Stringify | undefined {
  try {
    const jsonSchema = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
  } catch {
    return undefined;
  }
}

/**
 * Responses are written by a stringifier compiled from each route's response schema, as Fastify does by default,
 * instead of fastify-type-provider-zod's `safeParse` + `JSON.stringify` on every response: on the cheapest
 * endpoints that parse was a tenth of the request's CPU (bench/RESULTS.md). Both keep only the schema's
 * properties, in its order. The compiled one does not check values against the schema at run time, so with
 * `verify` (the test suites turn it on) every response is also produced the zod way and must be identical,
 * byte for byte: any route whose data and schema disagree fails its tests instead of passing unnoticed.
 */
export function createSerializerCompiler(options: { verify: boolean }): FastifySerializerCompiler<unknown> {
  return (route) => {
    const schema = zodSchemaOf(route.schema);
    const fast = schema ? compileFast(schema) : undefined;
    if (fast && !options.verify) return fast;
    const viaZod = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]) as Stringify;
    if (!fast) return viaZod;
    return (data) => {
      const expected = viaZod(data);
      const actual = fast(data);
      if (actual !== expected) {
        throw new Error(
          `compiled serializer differs from zod on ${route.method} ${route.url}:\n zod:  ${expected.slice(0, 500)}\n fast: ${actual.slice(0, 500)}`,
        );
      }
      return actual;
    };
  };
}
