import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { markOverdue, moveUp, tellMoved } from './escalation.js';
import { requestDeadlineSettings } from './request-oversight.tables.js';

/**
 * After the requests module's demo (its line comes first in modules.ts): the job's first run over the demo city —
 * the request left ten days unresolved (【久拖未决】) moves up to street0's queue with its reason and messages (the
 * street's deadline counted from today, so that it stays there),
 * the deadlines passed are marked for the rates — and district0 gives repairs 12 hours to respond.
 */
export async function demoOversight(tx: Tx, city: DemoContext): Promise<void> {
  const now = new Date();
  await markOverdue(tx, now);
  const moved = await moveUp(tx, 0, now);
  // The demo's street receives it today: its time to act counts from now (the rule counts from the deadline
  // missed, which for a request seeded ten days old would send it on to the district at the first run).
  for (const m of moved)
    await tx.execute(sql`update service_requests
                            set escalate_at = ${now.toISOString()}::timestamptz + greatest(resolve_by - submitted_at, interval '1 hour')
                          where id = ${m.id}`);
  await tellMoved(tx, moved, 1, now);
  const district = city.orgIds.district0;
  if (district !== undefined)
    await tx.insert(requestDeadlineSettings).values({ orgId: district, category: 'repair', respondHours: 12 });
}
