import {
  deadlinesOf,
  type DeadlineSetting,
  effectiveDeadline,
  isUrgentCategory,
  type RequestCategory,
} from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';

/**
 * The deadlines of a request the community `orgId` receives at `submittedAt`: the category's rule in force there —
 * the settings of the city and the district above it (request_deadline_settings, a null field inherits from
 * above), else the platform's default (24 h / 7 days; urgent categories 2 h / 24 h). One statement. The requests
 * module calls it at submission, in its transaction.
 */
export async function requestDeadlines(
  q: Queryable,
  orgId: number,
  category: string,
  submittedAt: Date,
): Promise<{ respondBy: string; resolveBy: string }> {
  const settings = await queryRows<{ respond_hours: number | null; resolve_hours: number | null }>(
    q,
    sql`select s.respond_hours, s.resolve_hours
          from organizations t
          join organizations o on o.path @> t.path
          join request_deadline_settings s on s.org_id = o.id and s.category = ${category}
         where t.id = ${orgId}
         order by nlevel(o.path)`,
  );
  const chain: DeadlineSetting[] = settings.map((s) => ({
    respondHours: s.respond_hours,
    resolveHours: s.resolve_hours,
  }));
  const urgent = isUrgentCategory(category as RequestCategory);
  return deadlinesOf(submittedAt, effectiveDeadline(chain, urgent));
}
