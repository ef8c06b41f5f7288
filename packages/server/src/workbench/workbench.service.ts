import type { Db } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import type { DueSource } from '../http/due.js';

/** How many of a source's items the workbench shows; its count says how many there are. */
export const WORKBENCH_ITEMS_PER_SOURCE = 20;

/** The sources the actor holds the permissions of, each read in the actor's scope; the most pressing first. */
export async function readWorkbench(db: Db, actor: Actor, sources: readonly DueSource[], today: string) {
  const mine = sources.filter((s) => s.permission.every((p) => actor.permissions.includes(p)));
  const read = await Promise.all(
    mine.map(async (source) => {
      const { total, items } = await source.read(db, actor, today);
      return {
        name: source.name,
        label: source.label,
        total,
        // Of the items read (all of them but for a source of several hundred).
        overdue: items.filter((i) => i.overdue).length,
        items: items.slice(0, WORKBENCH_ITEMS_PER_SOURCE),
      };
    }),
  );
  const soonest = (s: (typeof read)[number]) => s.items[0]?.dueOn ?? '9999-12-31';
  return {
    sources: read
      .filter((s) => s.total > 0)
      .sort((a, b) => b.overdue - a.overdue || soonest(a).localeCompare(soonest(b))),
  };
}
