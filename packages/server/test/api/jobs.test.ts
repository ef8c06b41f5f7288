import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { JOBS } from '../../src/modules.js';
import { type Job, JobRunner } from '../../src/scheduler/runner.js';
import { nextRun, scheduleText } from '../../src/scheduler/schedule.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
beforeAll(async () => {
  city = await buildCity(api.db);
  await buildMember(api.db, city.branchA.id);
});

/** A clock the test moves by hand. */
function fakeClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set: (iso: string) => void (now = new Date(iso)),
    add: (ms: number) => void (now = new Date(now.getTime() + ms)),
  };
}
const MINUTE = 60_000;
const runsOf = async (job: string) =>
  queryRows<{ runner: string; status: string; due_at: string }>(
    api.db,
    sql`select runner, status, due_at::text from job_runs where job = ${job} order by id`,
  );
/** A job of the test's own, counting its runs, so that tests do not share the built-in jobs' rows. */
function countingJob(name: string, options: { fail?: boolean; slowMs?: number } = {}): Job & { calls: number } {
  const job = {
    name,
    label: name,
    schedule: { everyMinutes: 10 } as const,
    calls: 0,
    async run() {
      job.calls += 1;
      if (options.slowMs) await new Promise((r) => setTimeout(r, options.slowMs));
      if (options.fail) throw new Error('出错了');
      return { calls: job.calls };
    },
  };
  return job;
}

describe('schedules', () => {
  it('daily jobs run at their time of day in Beijing, interval jobs after their interval', () => {
    const daily = { dailyAt: '03:30' } as const;
    // 2026-12-06 19:00 UTC is 03:00 on the 7th in Beijing: due at 03:30 the same Beijing morning.
    expect(nextRun(daily, new Date('2026-12-06T19:00:00Z')).toISOString()).toBe('2026-12-06T19:30:00.000Z');
    expect(nextRun(daily, new Date('2026-12-06T19:30:00Z')).toISOString()).toBe('2026-12-07T19:30:00.000Z');
    expect(nextRun(daily, new Date('2026-12-31T20:00:00Z')).toISOString()).toBe('2027-01-01T19:30:00.000Z');
    expect(nextRun({ everyMinutes: 15 }, new Date('2026-12-06T19:00:00Z')).toISOString()).toBe(
      '2026-12-06T19:15:00.000Z',
    );
    expect(scheduleText(daily)).toBe('每天 03:30（北京时间）');
    expect(scheduleText({ everyMinutes: 120 })).toBe('每2小时');
  });
});

describe('the job runner', () => {
  it('runs a job when due and not before, records each run, and schedules the next', async () => {
    const clock = fakeClock('2030-01-01T00:00:00Z');
    const job = countingJob('test.due');
    const runner = new JobRunner(api.db, [job], { dueSources: [] }, { now: clock.now });
    await runner.register();
    expect((await runner.tick()).map((o) => o.job)).toEqual(['test.due']);
    clock.add(9 * MINUTE);
    expect(await runner.tick()).toEqual([]);
    clock.add(1 * MINUTE);
    expect(await runner.tick()).toEqual([{ job: 'test.due', status: 'ok', result: { calls: 2 }, error: null }]);
    expect((await runsOf('test.due')).map((r) => r.status)).toEqual(['ok', 'ok']);
    const [row] = await queryRows<{ runs: number; next: string; locked_by: string | null }>(
      api.db,
      sql`select runs, next_run_at = '2030-01-01T00:20:00Z'::timestamptz as next, locked_by from jobs where name = 'test.due'`,
    );
    expect(row).toEqual({ runs: 2, next: true, locked_by: null });
  });

  it('runs a due job once across several runners on one database', async () => {
    const clock = fakeClock('2030-02-01T00:00:00Z');
    const job = countingJob('test.once', { slowMs: 50 });
    const runners = Array.from(
      { length: 4 },
      () => new JobRunner(api.db, [job], { dueSources: [] }, { now: clock.now }),
    );
    await runners[0]?.register();
    const outcomes = (await Promise.all(runners.map((r) => r.tick()))).flat();
    expect(outcomes).toHaveLength(1);
    expect(job.calls).toBe(1);
    expect(await runsOf('test.once')).toHaveLength(1);
    // The run's record spans the run: started when claimed, finished after the job's 50 ms.
    const [timing] = await queryRows<{ ms: number }>(
      api.db,
      sql`select extract(epoch from finished_at - started_at) * 1000 as ms from job_runs where job = 'test.once'`,
    );
    expect(Number(timing?.ms)).toBeGreaterThanOrEqual(40);
  });

  it('runs at start what fell due while no server ran, and takes over a job whose runner died', async () => {
    const clock = fakeClock('2030-03-01T00:00:00Z');
    const job = countingJob('test.restart');
    await new JobRunner(api.db, [job], { dueSources: [] }, { now: clock.now }).register();
    // A runner claimed it and died mid-run: its lease (10 minutes) holds the job until it runs out.
    await api.db.execute(
      sql`update jobs set locked_by = 'dead-runner', locked_until = '2030-03-01T00:10:00Z' where name = 'test.restart'`,
    );
    const restarted = new JobRunner(api.db, [job], { dueSources: [] }, { now: clock.now });
    expect(await restarted.tick()).toEqual([]);
    // Two days later a new server starts: the job is overdue and its lease long gone.
    clock.add(2 * 24 * 60 * MINUTE);
    const later = new JobRunner(api.db, [job], { dueSources: [] }, { now: clock.now });
    await later.register(); // keeps the existing row
    expect((await later.tick()).map((o) => o.status)).toEqual(['ok']);
    expect((await runsOf('test.restart'))[0]?.runner).toBe(later.id);
  });

  it('records a failure with its reason and tries again at the next time', async () => {
    const clock = fakeClock('2030-04-01T00:00:00Z');
    const job = countingJob('test.fail', { fail: true });
    const runner = new JobRunner(api.db, [job], { dueSources: [] }, { now: clock.now });
    await runner.register();
    expect(await runner.tick()).toEqual([{ job: 'test.fail', status: 'error', result: null, error: '出错了' }]);
    const [row] = await queryRows<{ failures: number; last_error: string; locked_by: string | null }>(
      api.db,
      sql`select failures, last_error, locked_by from jobs where name = 'test.fail'`,
    );
    expect(row).toEqual({ failures: 1, last_error: '出错了', locked_by: null });
    clock.add(10 * MINUTE);
    expect((await runner.tick()).map((o) => o.status)).toEqual(['error']);
  });
});

describe('the built-in jobs', () => {
  it('sessions.cleanup ends sessions idle for 30 minutes, and only those', async () => {
    const idle = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member' });
    const idleCookie = await api.login(idle.username);
    const active = await api.login(city.streetAUser.username);
    await api.db.execute(
      sql`update sessions set last_seen_at = now() - interval '31 minutes'
           where account_id = ${idle.id}`,
    );
    const cleanup = JOBS.find((j) => j.name === 'sessions.cleanup') as Job;
    expect(await cleanup.run({ db: api.db, now: new Date(), dueSources: [] })).toEqual({ deleted: 1 });
    const me = (cookie: string) => api.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect((await me(active)).statusCode).toBe(200);
    expect((await me(idleCookie)).statusCode).toBe(401);
  });

  it('figures.verify finds counters that drifted from the records and rebuilds them', async () => {
    const verify = JOBS.find((j) => j.name === 'figures.verify') as Job;
    expect(await verify.run({ db: api.db, now: new Date(), dueSources: [] })).toEqual({ drift: 0, rebuilt: false });
    await audited(api.db, SYSTEM_AUDIT, 'test.drift' as AuditAction, (tx) =>
      tx.execute(sql`update org_figures set n = n + 5 where org_id = ${city.branchA.id} and metric = 'gender:female'`),
    );
    expect(await verify.run({ db: api.db, now: new Date(), dueSources: [] })).toEqual({ drift: 1, rebuilt: true });
    expect(await verify.run({ db: api.db, now: new Date(), dueSources: [] })).toEqual({ drift: 0, rebuilt: false });
    // The organisations' own member counters too.
    await audited(api.db, SYSTEM_AUDIT, 'test.drift' as AuditAction, (tx) =>
      tx.execute(
        sql`update organizations set full_members = full_members + 3 where id in (${city.branchA.id}, ${city.streetA.id})`,
      ),
    );
    expect(await verify.run({ db: api.db, now: new Date(), dueSources: [] })).toEqual({ drift: 2, rebuilt: true });
    expect(await verify.run({ db: api.db, now: new Date(), dueSources: [] })).toEqual({ drift: 0, rebuilt: false });
  });
});

describe('the jobs page API', () => {
  it('lists the jobs with their last runs and runs one now, for the platform administrator only', async () => {
    await api.app.jobs.register();
    const admin = await api.login(city.admin.username);
    const ran = await api.app.inject({
      method: 'POST',
      url: '/api/jobs/sessions.cleanup/run',
      headers: { cookie: admin },
    });
    expect(ran.statusCode, ran.body).toBe(200);
    expect(ran.json()).toMatchObject({
      job: 'sessions.cleanup',
      status: 'ok',
      result: { deleted: expect.any(Number) },
    });
    const list = await api.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: admin } });
    const items = list.json().items as { name: string }[];
    expect(items.map((j) => j.name)).toEqual(JOBS.map((j) => j.name).sort());
    expect(items.find((j) => j.name === 'sessions.cleanup')).toMatchObject({
      label: '清理已过期的登录会话（闲置超过30分钟）',
      schedule: '每15分钟',
      lastStatus: 'ok',
      running: false,
    });
    const runs = await api.app.inject({
      method: 'GET',
      url: '/api/jobs/sessions.cleanup/runs',
      headers: { cookie: admin },
    });
    expect(runs.json().items[0]).toMatchObject({ status: 'ok', runner: api.app.jobs.id });
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/jobs/nope/runs', headers: { cookie: admin } })).statusCode,
    ).toBe(404);
    const [audit] = await queryRows<{ actor_name: string }>(
      api.db,
      sql`select actor_name from audit_logs where action = 'job.run' and entity_id = 'sessions.cleanup'`,
    );
    expect(audit?.actor_name).toBe(city.admin.username);

    const streetAdmin = await api.login(
      (await buildAccount(api.db, { orgId: city.streetA.id, role: 'sysadmin' })).username,
    );
    const refused = await api.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: streetAdmin } });
    expect(refused.statusCode).toBe(403);
    const street = await api.login(city.streetAUser.username);
    expect((await api.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: street } })).statusCode).toBe(
      403,
    );
  });
});
