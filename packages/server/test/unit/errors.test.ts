import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../src/http/errors.js';

/** A database error as drizzle hands it on: the driver's error (with its SQLSTATE) as the cause. */
const dbError = (code: string) =>
  Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('pg'), { code }) });

describe('error handling', () => {
  it('answers a write that lost a race (unique violation, serialization failure, deadlock) with 409, not 500', async () => {
    const app = Fastify();
    registerErrorHandling(app);
    app.get('/race/:code', async (request) => {
      throw dbError((request.params as { code: string }).code);
    });
    for (const code of ['23505', '40001', '40P01']) {
      const res = await app.inject({ method: 'GET', url: `/race/${code}` });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/重试/) });
    }
    const other = await app.inject({ method: 'GET', url: '/race/XX000' });
    expect(other.statusCode).toBe(500);
    expect(other.json()).toEqual({ code: 'INTERNAL', message: '服务器内部错误' });
    await app.close();
  });
});

describe('a 400 about one field', () => {
  it('names the field in Chinese in the message and carries its key apart, for the form', async () => {
    const { z } = await import('zod');
    const { serializerCompiler, validatorCompiler } = await import('fastify-type-provider-zod');
    const { invalid } = await import('../../src/http/errors.js');
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app);
    const config = { fieldLabels: { joinedOn: '入党时间' } };
    app.post(
      '/zod',
      { config, schema: { body: z.object({ joinedOn: z.string().min(10, '不是有效日期') }) } },
      () => 'ok',
    );
    app.post('/rule', { config }, () => {
      throw invalid('joinedOn', '不能晚于今天');
    });
    const zod = await app.inject({ method: 'POST', url: '/zod', payload: { joinedOn: '2020' } });
    expect(zod.json()).toEqual({ code: 'VALIDATION', message: '入党时间：不是有效日期', field: 'joinedOn' });
    const rule = await app.inject({ method: 'POST', url: '/rule', payload: {} });
    expect(rule.json()).toEqual({ code: 'VALIDATION', message: '入党时间：不能晚于今天', field: 'joinedOn' });
    await app.close();
  });
});
