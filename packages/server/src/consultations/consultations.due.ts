import { sql } from 'drizzle-orm';
import { countDue, type DueSource } from '../http/due.js';
import { orgIdInSubtree } from '../http/scope.js';

/** Opinions the community owes a resident unit, by deadline (consultations_open_idx); past it they are overdue. */
export const opinionsDue: DueSource = {
  name: 'consultations.opinion',
  label: '驻区单位事前征求意见待答复',
  permission: ['cobuild.write'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await countDue<{
      id: number;
      title: string;
      org_name: string;
      due_on: string;
      overdue: boolean;
    }>(db, 'consultations.opinion', query, {
      keys: sql`select k.id, k.deadline, (k.deadline < ${today}::date) as overdue from consultations k
                   where k.status = 'asked' and ${orgIdInSubtree(actor, sql`k.org_id`)}`,
      order: sql`deadline, id`,
      items: (shown) => sql`select s.id::int as id, u.name || '：' || k.person_name as title, c.name as org_name,
                                     k.deadline::text as due_on, s.overdue
                                from ${shown} s join consultations k on k.id = s.id
                                join organizations c on c.id = k.org_id join resident_units_v u on u.id = k.unit_id`,
    });
    return {
      ...counts,
      items: rows.map((r) => ({
        key: `consultations.opinion:${r.id}`,
        title: r.title,
        orgName: r.org_name,
        dueOn: r.due_on,
        overdue: r.overdue,
        link: `/consultations/${r.id}`,
      })),
    };
  },
};
