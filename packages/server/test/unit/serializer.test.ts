import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FiguresSchema } from '../../src/figures/figures.schema.js';
import { MemberDetailSchema } from '../../src/members/members.schema.js';
import { compileFast, createSerializerCompiler } from '../../src/http/serializer.js';

const route = (schema: unknown) => ({ schema, method: 'GET', url: '/api/x', httpStatus: '200' });

describe('response serializer', () => {
  const Item = z.object({
    id: z.number().int(),
    name: z.string(),
    note: z.string().nullable(),
    tags: z.array(z.enum(['a', 'b'])),
    counts: z.record(z.string(), z.number()),
  });

  it('writes what zod would: only the schema’s properties, in its order, nulls and nested values kept', () => {
    const data = { extra: 'dropped', counts: { x: 1 }, tags: ['b'], note: null, name: '张三"\n', id: 7 };
    const fast = createSerializerCompiler({ verify: false })(route(Item));
    const viaZod = JSON.stringify(Item.parse(data));
    expect(fast(data)).toBe(viaZod);
    expect(JSON.parse(fast(data))).toEqual({ id: 7, name: '张三"\n', note: null, tags: ['b'], counts: { x: 1 } });
  });

  it('compiles the hot endpoints’ response schemas instead of falling back to zod', () => {
    expect(compileFast(MemberDetailSchema)).toBeTypeOf('function');
    expect(compileFast(FiguresSchema)).toBeTypeOf('function');
    expect(compileFast(z.string().transform((s) => s.length))).toBeUndefined();
  });

  it('falls back to zod for a schema without a JSON Schema, and refuses data that does not fit it', () => {
    const serialize = createSerializerCompiler({ verify: false })(
      route(z.object({ n: z.string().transform((s) => s.length) })),
    );
    expect(serialize({ n: 'abc' })).toBe('{"n":3}');
    expect(() => serialize({ n: 3 })).toThrow();
  });

  it('in verify mode (the test suites) refuses a response whose data does not fit its schema', () => {
    const verified = createSerializerCompiler({ verify: true })(route(Item));
    const bad = { id: 1.5, name: 'x', note: null, tags: [], counts: {} };
    expect(() => verified(bad)).toThrow();
    // Unverified, the compiled stringifier does not check values: that is what verify is for.
    expect(() => createSerializerCompiler({ verify: false })(route(Item))(bad)).not.toThrow();
    const good = { id: 1, name: 'x', note: 'y', tags: ['a'], counts: { a: 2 } };
    expect(verified(good)).toBe(JSON.stringify(good));
  });
});
