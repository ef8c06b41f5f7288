import { chinaToday } from '@gongjian/shared';
import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { DateSchema } from '../http/common.schema.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { readWorkbench, snoozeItem } from './workbench.service.js';

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
        /** Items due, but those the account put aside. */
        total: z.number().int(),
        overdue: z.number().int(),
        /** Items the account put aside (暂缓) until a later day. */
        snoozed: z.number().int(),
        items: z.array(DueItemSchema),
      }),
    ),
  })
  .meta({ id: 'Workbench' });

const SnoozeSchema = z
  .object({
    key: z.string().trim().min(1, '不能为空').max(200, '最多200个字符'),
    until: DateSchema,
    reason: z.string().trim().min(1, '请写明暂缓的理由').max(200, '最多200个字符'),
  })
  .meta({ id: 'SnoozeRequest' });
const SnoozedSchema = z.object({ key: z.string(), until: z.string() }).meta({ id: 'Snoozed' });

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

  app.post(
    '/api/workbench/snoozes',
    {
      schema: {
        tags: ['workbench'],
        summary: '暂缓工作台中的一项（须写明理由，到期后重新出现）',
        body: SnoozeSchema,
        response: { 201: SnoozedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ctx = auditContextOf(actor, request.ip);
      reply.code(201);
      return snoozeItem(db, actor, ctx, app.dueSources, chinaToday(), request.body);
    },
  );
};
