import { chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { countDue, type DueSource } from '../http/due.js';
import { orgIdInSubtree } from '../http/scope.js';
import { OPEN_SQL } from './request-oversight.repo.js';

type Row = { id: number; deadline: string; respond: boolean; overdue: boolean; text: string; org_name: string };

const brief = (text: string) => (text.length > 24 ? `${text.slice(0, 24)}…` : text);

/**
 * 事前提醒 on the workbench: the scope's open requests held by their community whose time to respond (not yet
 * answered) or to resolve is in its last quarter, or past. Keys from service_requests_due_idx (org_id, resolve_by
 * INCLUDE submitted_at, respond_by, responded_at: what the rule reads), the subtree's ids as one array.
 */
export const requestsDue: DueSource = {
  name: 'request-oversight.due',
  label: '诉求临近办理时限',
  permission: ['serve.write'],
  async read(db, actor, _today, query) {
    // An instant, not a date: deadlines are hours.
    const clock = new Date();
    const now = clock.toISOString();
    const { rows, ...counts } = await countDue<Row>(db, 'request-oversight.due', query, {
      keys: sql`select k.id, k.deadline, k.respond, k.deadline < ${now} as overdue from (
                  select r.id,
                         (r.responded_at is null and r.respond_by - (r.respond_by - r.submitted_at) / 4 <= ${now}) as respond,
                         case when r.responded_at is null and r.respond_by - (r.respond_by - r.submitted_at) / 4 <= ${now}
                              then r.respond_by else r.resolve_by end as deadline
                    from service_requests r
                   where ${orgIdInSubtree(actor, sql`r.org_id`)} and r.status in ${OPEN_SQL} and r.escalation_level = 0
                     and ((r.responded_at is null and r.respond_by - (r.respond_by - r.submitted_at) / 4 <= ${now})
                          or r.resolve_by - (r.resolve_by - r.submitted_at) / 4 <= ${now})) k`,
      order: sql`deadline, id`,
      items: (shown) => sql`select d.id::int as id, d.deadline::text as deadline, d.respond, d.overdue, r.text,
                                   o.name as org_name
                              from ${shown} d join service_requests r on r.id = d.id
                              join organizations o on o.id = r.org_id order by d.deadline, d.id`,
    });
    return {
      ...counts,
      items: rows.map((r) => ({
        key: `request-oversight.due:${r.id}`,
        title: `${r.respond ? '待响应' : '待办结'}：${brief(r.text)}`,
        orgName: r.org_name,
        dueOn: chinaToday(new Date(r.deadline)),
        overdue: r.overdue,
        link: `/requests/${r.id}`,
      })),
    };
  },
};

/** The street's and district's queue on their workbench: requests held by an organisation of the scope. */
export const escalatedDue: DueSource = {
  name: 'request-oversight.escalated',
  label: '上报待督办的诉求',
  permission: ['serve.write'],
  async read(db, actor, _today, query) {
    // An instant, not a date: deadlines are hours.
    const clock = new Date();
    const now = clock.toISOString();
    const { rows, ...counts } = await countDue<Row>(db, 'request-oversight.escalated', query, {
      // At the district nothing moves further (escalate_at is null): its own deadline is the request's.
      keys: sql`select r.id, coalesce(r.escalate_at, r.resolve_by) as deadline,
                       coalesce(coalesce(r.escalate_at, r.resolve_by) < ${now}, false) as overdue
                  from service_requests r
                 where ${orgIdInSubtree(actor, sql`r.escalation_org_id`)} and r.escalation_level > 0
                   and r.status in ${OPEN_SQL} and r.taken_at is null`,
      order: sql`deadline, id`,
      items: (shown) => sql`select d.id::int as id, d.deadline::text as deadline, false as respond, d.overdue, r.text,
                                   o.name as org_name
                              from ${shown} d join service_requests r on r.id = d.id
                              join organizations o on o.id = r.org_id order by d.deadline, d.id`,
    });
    return {
      ...counts,
      items: rows.map((r) => ({
        key: `request-oversight.escalated:${r.id}`,
        title: `上报督办：${brief(r.text)}`,
        orgName: r.org_name,
        dueOn: chinaToday(new Date(r.deadline)),
        overdue: r.overdue,
        link: '/request-oversight/queue',
      })),
    };
  },
};
