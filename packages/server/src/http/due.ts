import { addDays, addMonths, type Permission } from '@gongjian/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from './actor.js';

/** One thing falling due in the actor's scope, as the workbench lists it. */
export type DueItem = {
  /** Stable across reads (`<source>:<record id>`): what a snooze will name. */
  key: string;
  title: string;
  /** The organisation it belongs to. */
  orgName: string | null;
  /** The day it falls (or fell) due. */
  dueOn: string;
  overdue: boolean;
  /** The console page where it is acted on. */
  link: string;
};

/** What the workbench asks a source for. */
export type DueQuery = {
  /** At most this many items, the soonest first. */
  limit: number;
  /** Keys the account has put aside (暂缓): left out of the items and the counts, counted apart. */
  except: readonly string[];
  /** Only this item: a snooze asks whether the key names an item of the account's workbench. */
  key?: string;
};

/** A source's answer: how many items there are, and the first `limit` of them. */
export type DueRead = {
  /** Items due, but those of `except`. */
  total: number;
  /** Of `total`, those overdue. */
  overdue?: number;
  /** Keys of `except` that are due. */
  snoozed?: number;
  items: DueItem[];
};

/**
 * Where the workbench (工作台) finds what falls due: a module declares its sources (`dueSources` in
 * defineModule), each reading its records in the actor's scope (the subtree condition in its SQL) with the
 * permission its page needs.
 */
export type DueSource = {
  /** `<module>.<what>`: `members.probation`. */
  name: string;
  label: string;
  /** Every permission listed is needed to see the source. */
  permission: readonly Permission[];
  /**
   * The source's items in the actor's scope, soonest first: the first `query.limit` of them, how many there are in
   * all (a count that reads an index, not the records: a district has hundreds), how many are overdue, and the
   * `except` keys left out and counted apart (`countDue` does all of it in one statement). A source of the
   * actor's own few items (a member's own probation) may return them all and leave `overdue` and `snoozed` out:
   * the workbench then counts them from the items.
   */
  read(db: Db, actor: Actor, today: string, query: DueQuery): Promise<DueRead>;
};

declare module '../scheduler/runner.js' {
  interface JobServices {
    /** Every module's due sources: the reminder job reads them for each account. */
    dueSources: readonly DueSource[];
  }
}

/** The record ids of a source's keys (`<source>:<id>`) among `keys`. */
export function dueIds(source: string, keys: readonly string[]): number[] {
  const prefix = `${source}:`;
  return keys
    .filter((k) => k.startsWith(prefix))
    .map((k) => Number(k.slice(prefix.length)))
    .filter((id) => Number.isSafeInteger(id) && id > 0);
}

/** `expr in (ids…)`, or false for none (each id its own parameter: pgbench's inlined copies stay valid SQL). */
function idIn(expr: SQL, ids: readonly number[]): SQL {
  return ids.length === 0
    ? sql`false`
    : sql`${expr} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`;
}

/**
 * A source's read in one statement. `keys` selects the due records in scope as narrow rows: `id` (the record's
 * id, the key's tail), `overdue`, and the columns of `order` — columns an index carries, so that counting a
 * district's hundreds reads index entries only. `items` reads the rows to show from `shown`, the first `limit` keys
 * in `order` but those put aside, joined to what they display (its `id` the record's id), in the same order: only
 * those few rows are read whole. Returns the counts and the rows.
 */
export async function countDue<Row>(
  db: Queryable,
  source: string,
  query: DueQuery,
  parts: { keys: SQL; order: SQL; items: (shown: SQL) => SQL },
): Promise<{ total: number; overdue: number; snoozed: number; rows: Row[] }> {
  const only = query.key === undefined ? undefined : (dueIds(source, [query.key])[0] ?? 0);
  // The counts' names are the statement's own (an item's row has an `overdue` of its own).
  type Counted = { due_total: number; due_overdue: number; due_snoozed: number; id: number | null };
  const rows = await queryRows<Counted & Row>(
    db,
    sql`with due as materialized (
          select k.*, ${idIn(sql`k.id`, dueIds(source, query.except))} as put_aside from (${parts.keys}) k
           ${only === undefined ? sql`` : sql`where k.id = ${only}`}),
        counted as (
          select count(*) filter (where not put_aside)::int as due_total,
                 count(*) filter (where overdue and not put_aside)::int as due_overdue,
                 count(*) filter (where put_aside)::int as due_snoozed
            from due)
        select counted.*, item.*
          from counted left join lateral (${parts.items(
            sql`(select * from due where not put_aside order by ${parts.order} limit ${query.limit})`,
          )}) item on true`,
  );
  const [first] = rows;
  return {
    total: first?.due_total ?? 0,
    overdue: first?.due_overdue ?? 0,
    snoozed: first?.due_snoozed ?? 0,
    rows: rows.filter((r) => r.id !== null),
  };
}

/**
 * The latest start whose end, `months` after it (shared addMonths: the 31st becomes the month's last day), falls
 * on or before `endBy`: a rule "ends by this day" as a bound on the start column, which an index can range over.
 */
export function lastStartEndingBy(endBy: string, months: number): string {
  let start = addMonths(endBy, -months);
  while (addMonths(addDays(start, 1), months) <= endBy) start = addDays(start, 1);
  return start;
}
