import { actorOf, type Module } from '../http/app-types.js';
import { IdParamsSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { FiguresSchema } from './figures.schema.js';
import { getFigures } from './figures.service.js';

/** Live figures of a subtree: members by status, gender and category; coverage of new organisations. */
export const registerFigures: Module = (app, { database: { db } }) => {
  app.get(
    '/api/organizations/:id/figures',
    {
      config: { permission: 'org.read' },
      schema: {
        tags: ['organizations'],
        summary: '组织（含下级）的实时统计：党员人数与类别、两新组织覆盖率',
        params: IdParamsSchema,
        response: { 200: FiguresSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => getFigures(db, actorOf(request), request.params.id),
  );
};
