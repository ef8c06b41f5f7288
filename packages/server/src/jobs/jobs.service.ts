import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { auditEvent } from '../db/audited.js';
import type { Actor } from '../http/actor.js';
import type { AuditContext } from '../db/audited.js';
import { AppError, notFound } from '../http/errors.js';
import type { JobRunner } from '../scheduler/runner.js';
import { scheduleText } from '../scheduler/schedule.js';

/** Jobs act on the whole platform: only an administrator of the root organisation manages them. */
export function assertPlatformAdmin(actor: Actor): void {
  if (actor.scopePath.includes('.')) {
    throw new AppError('FORBIDDEN', '只有平台（最上级党组织）的系统管理员可以查看和运行定时任务');
  }
}

function jobOf(runner: JobRunner, name: string) {
  const job = runner.jobs.find((j) => j.name === name);
  if (!job) throw notFound('定时任务');
  return job;
}

/** The runner's jobs with their rows: next run, last run, counts. */
export async function listJobs(db: Db, runner: JobRunner) {
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
  return {
    items: rows.flatMap((r) => {
      const job = runner.jobs.find((j) => j.name === r.name);
      if (!job) return []; // a job this version no longer has
      return [
        {
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
        },
      ];
    }),
  };
}

/** A job's last 20 runs, newest first. */
export async function listRuns(db: Db, runner: JobRunner, name: string) {
  jobOf(runner, name);
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
          from job_runs where job = ${name} order by id desc limit 20`,
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
}

/** Runs a job now, on record; 409 while another server process runs it. */
export async function runNow(db: Db, runner: JobRunner, ctx: AuditContext, name: string) {
  jobOf(runner, name);
  await auditEvent(db, ctx, { action: 'job.run', entity: 'job', entityId: name });
  const outcome = await runner.runNow(name);
  if (!outcome) throw new AppError('CONFLICT', '该任务正在另一服务进程中运行，请稍后刷新查看结果');
  return outcome;
}
