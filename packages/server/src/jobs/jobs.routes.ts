import { z } from 'zod';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { assertPlatformAdmin, listJobs, listRuns, runNow } from './jobs.service.js';

const JobSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    schedule: z.string(),
    nextRunAt: z.string(),
    running: z.boolean(),
    lastStartedAt: z.string().nullable(),
    lastFinishedAt: z.string().nullable(),
    lastStatus: z.enum(['ok', 'error']).nullable(),
    lastResult: z.record(z.string(), z.unknown()).nullable(),
    lastError: z.string().nullable(),
    runs: z.number().int(),
    failures: z.number().int(),
  })
  .meta({ id: 'Job' });
const JobRunSchema = z
  .object({
    id: z.number().int(),
    runner: z.string(),
    dueAt: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.enum(['ok', 'error']),
    result: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'JobRun' });
const NameParams = z.object({ name: z.string().max(100) });

/** 定时任务: the runner's jobs, their last runs, and running one now. */
export const registerJobs: Module = (app, { database: { db } }) => {
  const runner = app.jobs;

  app.get(
    '/api/jobs',
    {
      config: { permission: 'system.jobs' },
      schema: {
        tags: ['jobs'],
        summary: '定时任务及其最近一次运行',
        response: { 200: z.object({ items: z.array(JobSchema) }).meta({ id: 'JobList' }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      assertPlatformAdmin(actorOf(request));
      return listJobs(db, runner);
    },
  );

  app.get(
    '/api/jobs/:name/runs',
    {
      config: { permission: 'system.jobs' },
      schema: {
        tags: ['jobs'],
        summary: '一个定时任务最近的20次运行',
        params: NameParams,
        response: { 200: z.object({ items: z.array(JobRunSchema) }).meta({ id: 'JobRunList' }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      assertPlatformAdmin(actorOf(request));
      return listRuns(db, runner, request.params.name);
    },
  );

  app.post(
    '/api/jobs/:name/run',
    {
      config: { permission: 'system.jobs' },
      schema: {
        tags: ['jobs'],
        summary: '立即运行一个定时任务（另一进程正在运行它时 409）',
        params: NameParams,
        response: {
          200: z
            .object({
              job: z.string(),
              status: z.enum(['ok', 'error']),
              result: z.record(z.string(), z.unknown()).nullable(),
              error: z.string().nullable(),
            })
            .meta({ id: 'JobRunOutcome' }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertPlatformAdmin(actor);
      return runNow(db, runner, auditContextOf(actor, request.ip), request.params.name);
    },
  );
};
