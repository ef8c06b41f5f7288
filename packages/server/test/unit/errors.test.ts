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
