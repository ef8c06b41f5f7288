import { readFileSync } from 'node:fs';

/** The parts of a JSON Schema the suites walk. */
export type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
export type Operation = {
  parameters?: { name: string; in: 'query' | 'path' | string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

/** The committed OpenAPI document, which the suites read to find every operation (a new route cannot hide). */
export const openapi = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** A schema with its `$ref` followed to the component it names. */
export const resolveSchema = (schema: Schema): Schema =>
  schema.$ref ? resolveSchema(openapi.components.schemas[schema.$ref.split('/').at(-1) as string] as Schema) : schema;
