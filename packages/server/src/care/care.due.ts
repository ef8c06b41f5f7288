import {
  addDays,
  CARE_DUE_SOON_DAYS,
  CARE_RULE_LABELS,
  type CareType,
  governingRule,
  maskCareName,
} from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { countDue, type DueSource } from '../http/due.js';
import { orgIdInSubtree } from '../http/scope.js';
import { myCare } from './care.service.js';

type DueRow = {
  id: number;
  org_id: number;
  name: string;
  org_name: string;
  types: CareType[];
  lives_alone: boolean;
  left_behind: boolean;
  next_visit_due: string;
};

/**
 * Vulnerable residents whose visit falls due within a week or is overdue, in the account's scope: one range of
 * `care_residents_due_idx` (org, next due) against the subtree's organisation ids. Names are whole only for the
 * community's own staff (the street sees 王**).
 */
export const careVisitsDue: DueSource = {
  name: 'care.visits',
  label: '困难群体走访到期',
  permission: ['care.read'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await countDue<DueRow>(db, 'care.visits', query, {
      keys: sql`select r.id, r.next_visit_due, (r.next_visit_due < ${today}) as overdue from care_residents r
                 where r.ended_on is null and r.next_visit_due is not null
                   and r.next_visit_due <= ${addDays(today, CARE_DUE_SOON_DAYS)}
                   and ${orgIdInSubtree(actor, sql`r.org_id`)}`,
      order: sql`next_visit_due, id`,
      items: (shown) => sql`select d.id::int as id, r.org_id::int as org_id, r.name, o.name as org_name, r.types,
                              r.lives_alone, r.left_behind, d.next_visit_due::text as next_visit_due
                              from ${shown} d join care_residents r on r.id = d.id
                              join organizations o on o.id = r.org_id order by d.next_visit_due, d.id`,
    });
    const items = rows.map((r) => {
      const rule =
        CARE_RULE_LABELS[governingRule({ types: r.types, livesAlone: r.lives_alone, leftBehind: r.left_behind })];
      const name = actor.orgId === r.org_id ? r.name : maskCareName(r.name);
      const overdue = r.next_visit_due < today;
      return {
        key: `care.visits:${r.id}`,
        title: `${name}（${rule}）${overdue ? '走访已逾期' : '应于近日走访'}`,
        orgName: r.org_name,
        dueOn: r.next_visit_due,
        overdue,
        link: `/care/${r.id}`,
      };
    });
    return { ...counts, items };
  },
};

/** The carer's own people whose visit falls due within a week or is overdue (the phone's home). */
export const myCareDue: DueSource = {
  name: 'care.mine',
  label: '我帮扶的困难群众走访到期',
  permission: ['self.serve'],
  async read(db, actor) {
    const { items } = await myCare(db, actor);
    const found = items
      .filter((i) => i.standing !== 'ok' && i.nextVisitDue !== null)
      .map((i) => ({
        key: `care.mine:${i.id}`,
        title: `${i.name}（${CARE_RULE_LABELS[i.rule]}）${i.standing === 'overdue' ? '走访已逾期' : '应于近日走访'}`,
        orgName: i.orgName,
        dueOn: i.nextVisitDue as string,
        overdue: i.standing === 'overdue',
        link: `/m/care/${i.id}`,
      }));
    return { total: found.length, items: found };
  },
};
