import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvent } from '../audit/audited.js';
import { queryRows } from '../db/client.js';
import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { AppError, ERROR_RESPONSES, notFound } from '../http/errors.js';
import type { Actor } from '../http/actor.js';
import { scheduleText } from './schedule.js';

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

/** Jobs act on the whole platform: only an administrator of the root organisation manages them. */
function assertPlatformAdmin(actor: Actor): void {
  if (actor.scopePath.includes('.')) {
    throw new AppError('FORBIDDEN', '只有平台（最上级党组织）的系统管理员可以查看和运行定时任务');
  }
}

/** 定时任务: the runner's jobs, their last runs, and running one now. */
export const registerJobs: Module = (app, { database: { db } }) => {
  const runner = app.jobs;
  const labelOf = (name: string) => runner.jobs.find((j) => j.name === name);

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
      const rows = await queryRows<{
        name: string;
        next_run_at: string;
        running: boolean;
        last_started_at: string | null;
        last_finished_at: string | null;
        last_status: 'ok' | 'error' | null;
        last_result: Record<string, unknown> | null;
        last_error: string | null;
        runs: number;
        failures: number;
      }>(
        db,
        sql`select name, next_run_at::text, coalesce(locked_until > now(), false) as running,
                   last_started_at::text, last_finished_at::text, last_status, last_result, last_error, runs, failures
              from jobs order by name`,
      );
      const items = rows
        .filter((r) => labelOf(r.name))
        .map((r) => {
          const job = labelOf(r.name) as NonNullable<ReturnType<typeof labelOf>>;
          return {
            name: r.name,
            label: job.label,
            schedule: scheduleText(job.schedule),
            nextRunAt: r.next_run_at,
            running: r.running,
            lastStartedAt: r.last_started_at,
            lastFinishedAt: r.last_finished_at,
            lastStatus: r.last_status,
            lastResult: r.last_result,
            lastError: r.last_error,
            runs: r.runs,
            failures: r.failures,
          };
        });
      return { items };
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
      if (!labelOf(request.params.name)) throw notFound('定时任务');
      const rows = await queryRows<{
        id: number;
        runner: string;
        due_at: string;
        started_at: string;
        finished_at: string | null;
        status: 'ok' | 'error';
        result: Record<string, unknown> | null;
        error: string | null;
      }>(
        db,
        sql`select id::int as id, runner, due_at::text, started_at::text, finished_at::text, status, result, error
              from job_runs where job = ${request.params.name} order by id desc limit 20`,
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          runner: r.runner,
          dueAt: r.due_at,
          startedAt: r.started_at,
          finishedAt: r.finished_at,
          status: r.status,
          result: r.result,
          error: r.error,
        })),
      };
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
      const name = request.params.name;
      if (!labelOf(name)) throw notFound('定时任务');
      await auditEvent(db, auditContextOf(actor, request.ip), { action: 'job.run', entity: 'job', entityId: name });
      const outcome = await runner.runNow(name);
      if (!outcome) throw new AppError('CONFLICT', '该任务正在另一服务进程中运行，请稍后刷新查看结果');
      return outcome;
    },
  );
};
