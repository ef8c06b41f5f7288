import { z } from 'zod';
import { defineModule } from '../module.js';

/** The platform itself: the health check, and the demo city's seeding as the audit trail names it. */
export const systemModule = defineModule({
  name: 'system',
  auditActions: { 'seed.demo_city': '生成演示数据' },
  routes(app, { database }) {
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
  },
});
