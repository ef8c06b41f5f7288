import { chinaToday } from '@gongjian/shared';
import { z } from 'zod';
import { actorOf, type Module } from '../http/app-types.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { readWorkbench } from './workbench.service.js';

const DueItemSchema = z
  .object({
    key: z.string(),
    title: z.string(),
    orgName: z.string().nullable(),
    dueOn: z.string(),
    overdue: z.boolean(),
    link: z.string(),
  })
  .meta({ id: 'DueItem' });

export const WorkbenchSchema = z
  .object({
    /** The sources the account may see, each with its count and its soonest items. */
    sources: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        total: z.number().int(),
        overdue: z.number().int(),
        items: z.array(DueItemSchema),
      }),
    ),
  })
  .meta({ id: 'Workbench' });

/** 工作台: what falls due in the account's scope, from every module's due sources. */
export const registerWorkbench: Module = (app, { database: { db } }) => {
  app.get(
    '/api/workbench',
    {
      schema: {
        tags: ['workbench'],
        summary: '工作台：本级及下级即将到期和已超期的事项',
        response: { 200: WorkbenchSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => readWorkbench(db, actorOf(request), app.dueSources, chinaToday()),
  );
};
