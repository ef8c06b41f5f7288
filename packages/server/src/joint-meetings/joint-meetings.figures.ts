import { OUTCOME_KIND_LABELS } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type Db, type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { countDue, type DueQuery, type DueSource } from '../http/due.js';
import { orgIdInSubtree } from '../http/scope.js';
import { liaisonUnitIds } from '../units/units.repo.js';
import { idArray } from './joint-meetings.repo.js';
import type { FigureRow } from './joint-meetings.schema.js';

/** The counters of cobuild_counts a figure row shows, by metric. */
const METRICS = {
  meetingsHeld: 'meetings_held',
  tasks: 'tasks',
  tasksDone: 'tasks_done',
  tasksOnTime: 'tasks_on_time',
  needs: 'needs',
  needsMet: 'needs_met',
  projects: 'projects',
  projectsDone: 'projects_done',
} as const;

type CountRow = { org_id: number; org_name: string; counts: Record<string, number> | null };

const toRow = (r: CountRow): FigureRow => {
  const out = { orgId: r.org_id, orgName: r.org_name } as FigureRow;
  for (const [key, metric] of Object.entries(METRICS)) {
    (out as Record<string, unknown>)[key] = r.counts?.[metric] ?? 0;
  }
  return out;
};

/**
 * Co-building figures of an organisation and its children: meetings held, tasks set / done / done on time, needs and
 * needs met, projects and projects done — each a primary-key read of cobuild_counts (kept by triggers), never the
 * records themselves.
 */
export async function figures(db: Queryable, root: { id: number }) {
  const rows = await queryRows<CountRow & { is_root: boolean }>(
    db,
    sql`select o.id::int as org_id, o.name as org_name, o.id = ${root.id} as is_root,
               (select jsonb_object_agg(c.metric, c.n) from cobuild_counts c where c.org_id = o.id) as counts
          from organizations o
         where o.id = ${root.id} or o.parent_id = ${root.id}
         order by o.id <> ${root.id}, o.name, o.id`,
  );
  const [first, ...children] = rows;
  return { ...toRow(first as CountRow), children: children.map(toRow) };
}

/** Open tasks of the subtree's joint meetings due within 7 days or overdue (joint_tasks_open_idx). */
export function openTasksDue(db: Queryable, actor: Actor, today: string, query: DueQuery) {
  return countDue<{
    id: number;
    text: string;
    org_name: string;
    due_on: string;
    overdue: boolean;
    meeting_id: number;
    owner: string;
  }>(db, 'joint-meetings.tasks', query, {
    keys: sql`select t.id, t.due_on, t.due_on < ${today}::date as overdue from joint_meeting_outcomes t
                 where t.kind = 'task' and t.done_on is null and t.due_on <= ${today}::date + 7
                   and ${orgIdInSubtree(actor, sql`t.org_id`)}`,
    order: sql`due_on, id`,
    items: (shown) => sql`select d.id::int as id, t.text, o.name as org_name, d.due_on::text as due_on, d.overdue,
                                   t.meeting_id::int as meeting_id,
                                   coalesce((select u.name from resident_units_v u where u.id = t.owner_unit_id),
                                            (select oo.name from organizations oo where oo.id = t.owner_org_id), '') as owner
                              from ${shown} d join joint_meeting_outcomes t on t.id = d.id
                              join organizations o on o.id = t.org_id
                             order by d.due_on, d.id`,
  });
}

const label = OUTCOME_KIND_LABELS.task;

export const tasksSource: DueSource = {
  name: 'joint-meetings.tasks',
  label: '联席会议任务到期',
  permission: ['cobuild.read'],
  async read(db: Db, actor: Actor, today: string, query: DueQuery) {
    const { total, overdue, snoozed, rows } = await openTasksDue(db, actor, today, query);
    return {
      total,
      overdue,
      snoozed,
      items: rows.map((r) => ({
        key: `joint-meetings.tasks:${r.id}`,
        title: `${label}：${r.text}（${r.owner}）`,
        orgName: r.org_name,
        dueOn: r.due_on,
        overdue: r.overdue,
        link: `/joint-meetings/${r.meeting_id}`,
      })),
    };
  },
};

/** The liaison's own unit's open tasks (a few): all of them, the workbench counts. */
export const unitTasksSource: DueSource = {
  name: 'joint-meetings.unit-tasks',
  label: '本单位联席会议任务',
  permission: ['cobuild.unit'],
  async read(db: Db, actor: Actor, today: string, query: DueQuery) {
    const units = await liaisonUnitIds(db, actor.accountId);
    if (units.length === 0) return { total: 0, items: [] };
    const rows = await queryRows<{ id: number; text: string; org_name: string; due_on: string }>(
      db,
      sql`select t.id::int as id, t.text, o.name as org_name, t.due_on::text as due_on
            from joint_meeting_outcomes t join organizations o on o.id = t.org_id
           where t.kind = 'task' and t.done_on is null and t.owner_unit_id = any(${idArray(units)})
           order by t.due_on, t.id limit 200`,
    );
    const items = rows
      .map((r) => ({
        key: `joint-meetings.unit-tasks:${r.id}`,
        title: `${label}：${r.text}`,
        orgName: r.org_name,
        dueOn: r.due_on,
        overdue: r.due_on < today,
        link: '/units/mine',
      }))
      .filter((i) => !query.except.includes(i.key) && (query.key === undefined || i.key === query.key));
    return { total: items.length, items: items.slice(0, query.limit) };
  },
};
