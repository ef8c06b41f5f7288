import { sql } from 'drizzle-orm';
import { countDue, type DueSource } from '../http/due.js';
import { unitSideOf } from './unit-side.js';

/** Bookings waiting for the unit's approval, for its liaison: the day booked is the day it falls due. */
export const pendingApprovals: DueSource = {
  name: 'facilities.pending',
  label: '设施预约待审批',
  permission: ['cobuild.unit'],
  async read(db, actor, today, query) {
    const side = await unitSideOf(db, actor);
    const units = `{${side.unitIds.join(',')}}`;
    const { rows, ...counts } = await countDue<{
      id: number;
      title: string;
      org_name: string;
      due_on: string;
      overdue: boolean;
    }>(db, 'facilities.pending', query, {
      keys: sql`select b.id, b.starts_at, (b.booked_on < ${today}::date) as overdue from facility_bookings b
                   where b.status = 'pending' and b.unit_id = any(${units}::bigint[])`,
      order: sql`starts_at, id`,
      items: (
        shown,
      ) => sql`select s.id::int as id, f.name || '：' || c.name || ' ' || b.purpose as title, c.name as org_name,
                                     b.booked_on::text as due_on, s.overdue
                                from ${shown} s join facility_bookings b on b.id = s.id
                                join facilities f on f.id = b.facility_id join organizations c on c.id = b.org_id`,
    });
    return {
      ...counts,
      items: rows.map((r) => ({
        key: `facilities.pending:${r.id}`,
        title: r.title,
        orgName: r.org_name,
        dueOn: r.due_on,
        overdue: r.overdue,
        link: '/facilities/unit',
      })),
    };
  },
};
