import { addDays, chinaToday, ROLE_PERMISSIONS, type Role } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import type { DueItem } from '../http/due.js';
import type { Job } from '../scheduler/runner.js';
import { readDue } from '../workbench/workbench.service.js';
import { notifyAccounts } from './notifications.service.js';
import { dueNotices } from './notifications.tables.js';

/** 事前提醒: an item is told about this many days before it falls due (and again once it is overdue). */
export const REMIND_DAYS_BEFORE = 7;
/** How many of the new items a reminder names; the workbench lists them all. */
const NAMED = 5;

type Stage = 'soon' | 'overdue';
const stageOf = (item: DueItem, today: string): Stage | null =>
  item.overdue ? 'overdue' : item.dueOn <= addDays(today, REMIND_DAYS_BEFORE) ? 'soon' : null;

/** The active accounts, as the actors their workbench is read for. */
async function activeActors(db: Db): Promise<Actor[]> {
  const rows = await queryRows<{
    id: number;
    username: string;
    display_name: string;
    role: Role;
    org_id: number;
    path: string;
    member_id: number | null;
  }>(
    db,
    sql`select a.id::int as id, a.username, a.display_name, a.role, a.org_id::int as org_id, o.path::text as path,
                a.member_id::int as member_id
          from accounts a join organizations o on o.id = a.org_id
         where not a.disabled order by a.id`,
  );
  return rows.map((r) => ({
    accountId: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    permissions: ROLE_PERMISSIONS[r.role],
    orgId: r.org_id,
    scopePath: r.path,
    memberId: r.member_id,
    mustChangePassword: false,
    sessionHash: '',
  }));
}

function reminderText(fresh: { item: DueItem; stage: Stage }[]) {
  const overdue = fresh.filter((f) => f.stage === 'overdue').length;
  const soon = fresh.length - overdue;
  const parts = [soon > 0 && `${soon}项将在${REMIND_DAYS_BEFORE}天内到期`, overdue > 0 && `${overdue}项已超期`];
  const named = fresh
    .slice(0, NAMED)
    .map(({ item, stage }) => `${item.title}（${stage === 'overdue' ? '已于' : ''}${item.dueOn}到期）`);
  const more = fresh.length > NAMED ? `等${fresh.length}项` : '';
  return { title: `工作台提醒：${parts.filter(Boolean).join('，')}`, body: `${named.join('；')}${more}` };
}

/**
 * Tells each account, once, of the items of its workbench that come within a week of their day and of those
 * that pass it: one message per account and run naming the new ones. Which item was told at which stage is
 * kept (due_notices) in the same transaction as the message, so a run repeated — or cut short and run again —
 * tells nothing twice. An item put aside (暂缓) is not told about until it comes back.
 */
export async function sendReminders(db: Db, sources: Parameters<typeof readDue>[2], now: Date) {
  const today = chinaToday(now);
  let accounts = 0;
  let messages = 0;
  let items = 0;
  for (const actor of await activeActors(db)) {
    const due = (await readDue(db, actor, sources, today)).flatMap((s) => s.items);
    const candidates = due.flatMap((item) => {
      const stage = stageOf(item, today);
      return stage ? [{ item, stage }] : [];
    });
    accounts += 1;
    if (candidates.length === 0) continue;
    await db.transaction(async (tx) => {
      const told = await tx
        .insert(dueNotices)
        .values(
          candidates.map(({ item, stage }) => ({
            accountId: actor.accountId,
            key: item.key,
            stage,
            dueOn: item.dueOn,
          })),
        )
        .onConflictDoNothing()
        .returning({ key: dueNotices.key, stage: dueNotices.stage });
      const isNew = new Set(told.map((t) => `${t.stage}:${t.key}`));
      const fresh = candidates
        .filter(({ item, stage }) => isNew.has(`${stage}:${item.key}`))
        .sort((a, b) => a.item.dueOn.localeCompare(b.item.dueOn));
      if (fresh.length === 0) return;
      const { title, body } = reminderText(fresh);
      messages += await notifyAccounts(tx, [actor.accountId], {
        kind: 'workbench.reminder',
        title,
        body,
        link: actor.role === 'member' ? '/m/' : '/workbench',
      });
      items += fresh.length;
    });
  }
  // What was told about long ago no longer matters: an item due again (a new term) has a new day.
  await db.execute(sql`delete from due_notices where created_at < now() - interval '400 days'`);
  return { accounts, messages, items };
}

export const remindersJob: Job = {
  name: 'notifications.reminders',
  label: '工作台事前提醒：即将到期（7天内）和已超期的事项发站内消息',
  schedule: { dailyAt: '07:00' },
  run: ({ db, now, dueSources }) => sendReminders(db, dueSources, now),
};
