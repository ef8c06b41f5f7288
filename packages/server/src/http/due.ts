import type { Permission } from '@gongjian/shared';
import type { Db } from '../db/client.js';
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
   * The source's items in the actor's scope, soonest first, and how many there are in all (the items may be the
   * first few hundred of them).
   */
  read(db: Db, actor: Actor, today: string): Promise<{ total: number; items: DueItem[] }>;
};

declare module '../scheduler/runner.js' {
  interface JobServices {
    /** Every module's due sources: the reminder job reads them for each account. */
    dueSources: readonly DueSource[];
  }
}
