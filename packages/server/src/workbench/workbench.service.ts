import { addDays } from '@gongjian/shared';
import { and, eq, gte, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import type { DueSource } from '../http/due.js';
import { invalid, notFound } from '../http/errors.js';
import { dueSnoozes } from './workbench.tables.js';

/** How many of a source's items the workbench shows; its count says how many there are. */
export const WORKBENCH_ITEMS_PER_SOURCE = 20;
/** How many of a source's items readDue reads by default (the reminder job's): the soonest, the overdue first. */
export const DUE_ITEMS_READ = 200;
/** An item may be put aside for at most this many days. */
export const SNOOZE_MAX_DAYS = 90;

/** Whether the account holds every permission the source's page needs. */
const mayRead = (actor: Actor, source: DueSource) => source.permission.every((p) => actor.permissions.includes(p));

/** The keys this account has put aside until today or later. */
async function snoozedKeys(db: Db, actor: Actor, today: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: dueSnoozes.key })
    .from(dueSnoozes)
    .where(and(eq(dueSnoozes.accountId, actor.accountId), gte(dueSnoozes.until, today)));
  return new Set(rows.map((r) => r.key));
}

/**
 * What falls due for the actor: the sources it holds the permissions of, each read in its scope, without the
 * items the account has put aside — per source the true counts (due, overdue, put aside) and its first `limit`
 * items, the soonest first.
 */
export async function readDue(
  db: Db,
  actor: Actor,
  sources: readonly DueSource[],
  today: string,
  limit = DUE_ITEMS_READ,
) {
  const mine = sources.filter((s) => mayRead(actor, s));
  const snoozed = await snoozedKeys(db, actor, today);
  return Promise.all(
    mine.map(async (source) => {
      const except = [...snoozed].filter((k) => k.startsWith(`${source.name}:`));
      const read = await source.read(db, actor, today, { limit, except });
      // A source of the actor's own few items may return them all, put aside or not: counted here.
      const shown = read.items.filter((i) => !snoozed.has(i.key));
      const dropped = read.items.length - shown.length;
      return {
        source,
        total: read.total - (read.snoozed === undefined ? dropped : 0),
        overdue: read.overdue ?? shown.filter((i) => i.overdue).length,
        snoozed: read.snoozed ?? dropped,
        items: shown.slice(0, limit),
      };
    }),
  );
}

/** The workbench: per source its counts and its soonest items; the most pressing source first. */
export async function readWorkbench(db: Db, actor: Actor, sources: readonly DueSource[], today: string) {
  const read = (await readDue(db, actor, sources, today, WORKBENCH_ITEMS_PER_SOURCE)).map(
    ({ source, total, overdue, snoozed, items }) => ({
      name: source.name,
      label: source.label,
      total,
      overdue,
      snoozed,
      items,
    }),
  );
  const soonest = (s: (typeof read)[number]) => s.items[0]?.dueOn ?? '9999-12-31';
  return {
    sources: read
      .filter((s) => s.total > 0 || s.snoozed > 0)
      .sort((a, b) => b.overdue - a.overdue || soonest(a).localeCompare(soonest(b))),
  };
}

/**
 * Puts an item of the account's own workbench aside until a day, with the reason (audited). Only an item the
 * account's workbench shows can be named: anything else is a 404, as for an item that does not exist.
 */
export async function snoozeItem(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  sources: readonly DueSource[],
  today: string,
  input: { key: string; until: string; reason: string },
) {
  if (input.until <= today) throw invalid('until', '应晚于今天');
  if (input.until > addDays(today, SNOOZE_MAX_DAYS)) throw invalid('until', `最多暂缓${SNOOZE_MAX_DAYS}天`);
  const source = sources.find((s) => input.key.startsWith(`${s.name}:`));
  const visible =
    source !== undefined &&
    mayRead(actor, source) &&
    (await source.read(db, actor, today, { limit: 1, except: [], key: input.key })).items.some(
      (i) => i.key === input.key,
    );
  if (!visible) throw notFound('事项');
  await audited(db, ctx, 'workbench.snooze', (tx) =>
    tx
      .insert(dueSnoozes)
      .values({
        accountId: actor.accountId,
        orgId: actor.orgId,
        key: input.key,
        until: input.until,
        reason: input.reason,
      })
      .onConflictDoUpdate({
        target: [dueSnoozes.accountId, dueSnoozes.key],
        set: { until: input.until, reason: input.reason, createdAt: sql`now()` },
      }),
  );
  return { key: input.key, until: input.until };
}
