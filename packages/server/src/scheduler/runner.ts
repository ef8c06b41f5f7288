import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { nextRun, type Schedule } from './schedule.js';

/**
 * What the platform hands every job beyond the database and the clock. Empty here: the layer that owns a
 * service adds it by declaration merging (http/due.ts adds the workbench's due sources), and app.ts passes it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobServices {}
export type JobContext = JobServices & { db: Db; /** the runner's clock: a test's fake one */ now: Date };
export type Job = {
  name: string;
  /** What it does, in the words of the jobs page. */
  label: string;
  schedule: Schedule;
  /** Must be idempotent: a run cut short (a crash, a lost lease) is run again. Returns what it did. */
  run(ctx: JobContext): Promise<Record<string, unknown>>;
};
export type RunOutcome = {
  job: string;
  status: 'ok' | 'error';
  result: Record<string, unknown> | null;
  error: string | null;
};

/**
 * Runs the scheduled jobs, on PostgreSQL alone (no broker): each job is a row of `jobs`; a runner claims a due
 * job with one conditional UPDATE (due, and not leased or its lease run out), so that of several server
 * processes on one database exactly one runs it; the lease (`leaseMs`) frees a job whose runner died. What was
 * due while every server was down is due at the first tick after a start. Every run is recorded in `job_runs`
 * and summed up on its job's row. The clock is injected: tests drive `tick()` with a fake one.
 */
export class JobRunner {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  private readonly leaseMs: number;

  constructor(
    private readonly db: Db,
    readonly jobs: readonly Job[],
    private readonly services: JobServices,
    options: { now?: () => Date; leaseMs?: number } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
  }

  /** Adds the rows of jobs new to this database; an interval job is due at once, a daily one at its time. */
  async register(): Promise<void> {
    const now = this.now();
    for (const job of this.jobs) {
      const first = 'everyMinutes' in job.schedule ? now : nextRun(job.schedule, now);
      await this.db.execute(
        sql`insert into jobs (name, next_run_at) values (${job.name}, ${first.toISOString()}) on conflict do nothing`,
      );
    }
  }

  /** Runs every job that is due and that no other runner holds. */
  async tick(): Promise<RunOutcome[]> {
    const run = this.current.then(async () => {
      const outcomes: RunOutcome[] = [];
      for (const job of this.jobs) {
        const outcome = await this.runIfDue(job);
        if (outcome) outcomes.push(outcome);
      }
      return outcomes;
    });
    this.current = run.catch(() => undefined);
    return run;
  }

  /** Makes a job due now and runs it (unless another runner holds it: then null). */
  async runNow(name: string): Promise<RunOutcome | null> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return null;
    await this.db.execute(sql`update jobs set next_run_at = ${this.now().toISOString()} where name = ${name}`);
    const run = this.current.then(() => this.runIfDue(job));
    this.current = run.catch(() => undefined);
    return run;
  }

  start(intervalMs = 30_000): void {
    if (this.timer) return;
    const tick = () =>
      void this.tick().catch((error: Error) => console.error(`定时任务：本轮检查失败（${error.message}）`));
    tick();
    this.timer = setInterval(tick, intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private async runIfDue(job: Job): Promise<RunOutcome | null> {
    const now = this.now();
    const iso = now.toISOString();
    const [claimed] = await queryRows<{ next_run_at: string; started_at: string }>(
      this.db,
      sql`update jobs set locked_by = ${this.id}, locked_until = ${new Date(now.getTime() + this.leaseMs).toISOString()},
                 last_started_at = now()
           where name = ${job.name} and next_run_at <= ${iso} and (locked_until is null or locked_until <= ${iso})
       returning next_run_at::text, last_started_at::text as started_at`,
    );
    if (!claimed) return null;
    let result: Record<string, unknown> | null = null;
    let error: string | null = null;
    try {
      result = await job.run({ ...this.services, db: this.db, now });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const status = error === null ? 'ok' : 'error';
    const next = nextRun(job.schedule, now).toISOString();
    const json = result === null ? null : JSON.stringify(result);
    await this.db.transaction(async (tx) => {
      await tx.execute(
        sql`update jobs set locked_by = null, locked_until = null, next_run_at = ${next}, last_finished_at = now(),
                   last_status = ${status}, last_result = ${json}::jsonb, last_error = ${error},
                   runs = runs + 1, failures = failures + ${error === null ? 0 : 1}
             where name = ${job.name} and locked_by = ${this.id}`,
      );
      await tx.execute(
        sql`insert into job_runs (job, runner, due_at, started_at, finished_at, status, result, error)
            values (${job.name}, ${this.id}, ${claimed.next_run_at}::timestamptz, ${claimed.started_at}::timestamptz,
                    now(), ${status}, ${json}::jsonb, ${error})`,
      );
    });
    return { job: job.name, status, result, error };
  }
}
