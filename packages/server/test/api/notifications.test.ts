import { addDays, addYears, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';
import { sendReminders } from '../../src/notifications/notifications.reminders.js';
import { notifyAccounts, purgeOld } from '../../src/notifications/notifications.service.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

/** 站内消息: addressed to one account, unread count, mark read, the events that write them, the reminder job. */
const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
const today = chinaToday();

type Page = {
  items: { id: number; kind: string; title: string; body: string; link: string | null; readAt: string | null }[];
  hasMore: boolean;
  unread: number;
};
const page = async (cookie: string, query = '') => {
  const res = await get(`/api/notifications${query}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};
const unread = async (cookie: string) => (await get('/api/notifications/unread-count', cookie)).json().unread as number;

let streetA: string;
let streetB: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
});

describe('an account’s messages', () => {
  it('counts the unread, lists newest first, marks one read and then all', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(account.username);
    expect(await page(cookie)).toEqual({ items: [], hasMore: false, unread: 0 });
    for (const n of [1, 2, 3]) await notifyAccounts(api.db, [account.id], { kind: 'test', title: `消息${n}` });
    expect(await unread(cookie)).toBe(3);
    const { items } = await page(cookie);
    expect(items.map((i) => i.title)).toEqual(['消息3', '消息2', '消息1']);

    const read = await post(`/api/notifications/${items[1]?.id}/read`, cookie);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect(await unread(cookie)).toBe(2);
    expect((await page(cookie, '?unread=true')).items.map((i) => i.title)).toEqual(['消息3', '消息1']);

    const all = await post('/api/notifications/read-all', cookie);
    expect(all.json()).toEqual({ marked: 2 });
    expect(await unread(cookie)).toBe(0);
    const [audit] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where actor_id = ${account.id} and action like 'notification.read%'`,
    );
    expect(audit?.n).toBe(2);
  });

  it('pages by the last id seen', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(account.username);
    for (let n = 1; n <= 35; n++) await notifyAccounts(api.db, [account.id], { kind: 'test', title: `第${n}条` });
    const first = await page(cookie);
    expect(first.items).toHaveLength(30);
    expect(first.hasMore).toBe(true);
    const second = await page(cookie, `?before=${first.items.at(-1)?.id}`);
    expect(second.items.map((i) => i.title)).toEqual(['第5条', '第4条', '第3条', '第2条', '第1条']);
    expect(second.hasMore).toBe(false);
  });

  it('shows nothing of another account: its message is a 404 and stays unread', async () => {
    await notifyAccounts(api.db, [city.streetBUser.id], { kind: 'test', title: '只给街道B', dedupeKey: 'b-only' });
    const [theirs] = await queryRows<{ id: number }>(
      api.db,
      sql`select id::int as id from notifications where dedupe_key = 'b-only'`,
    );
    expect((await page(streetA)).items.some((i) => i.title === '只给街道B')).toBe(false);
    const res = await post(`/api/notifications/${theirs?.id}/read`, streetA);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('消息不存在或无权访问');
    expect((await page(streetB, '?unread=true')).items.some((i) => i.title === '只给街道B')).toBe(true);
  });

  it('refuses bad input with the field named', async () => {
    expect((await get('/api/notifications?before=abc', streetA)).json().message).toContain('上一页');
    expect((await get('/api/notifications?unread=yes', streetA)).json().message).toContain('仅未读');
    const bad = await send('PATCH', '/api/notifications/settings', streetA, { digest: 'hourly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('推送方式');
    expect((await post('/api/notifications/0/read', streetA)).statusCode).toBe(400);
    expect((await get('/api/notifications/unread-count')).statusCode).toBe(401);
  });

  it('keeps the digest setting per account', async () => {
    expect((await get('/api/notifications/settings', streetA)).json()).toEqual({ digest: 'immediate' });
    const saved = await send('PATCH', '/api/notifications/settings', streetA, { digest: 'daily' });
    expect(saved.json()).toEqual({ digest: 'daily' });
    expect((await get('/api/notifications/settings', streetA)).json()).toEqual({ digest: 'daily' });
    expect((await get('/api/notifications/settings', streetB)).json()).toEqual({ digest: 'immediate' });
  });

  it('writes a message once per dedupe key, and the purge removes those older than 180 days', async () => {
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    expect(await notifyAccounts(api.db, [account.id], { kind: 't', title: '一次', dedupeKey: 'k1' })).toBe(1);
    expect(await notifyAccounts(api.db, [account.id], { kind: 't', title: '一次', dedupeKey: 'k1' })).toBe(0);
    await api.db.execute(
      sql`update notifications set created_at = now() - interval '181 days' where account_id = ${account.id}`,
    );
    await notifyAccounts(api.db, [account.id], { kind: 't', title: '新的' });
    const { deleted } = await purgeOld(api.db, new Date());
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await queryRows<{ title: string }>(
      api.db,
      sql`select title from notifications where account_id = ${account.id}`,
    );
    expect(left.map((r) => r.title)).toEqual(['新的']);
  });
});

describe('events that write messages', () => {
  it('a letter to community A reaches those who run it (street A), not street B nor the city', async () => {
    const before = { a: await unread(streetA), admin: await countFor(city.admin.id) };
    const letter = await post('/api/transfers', streetB, {
      memberId: (await buildMember(api.db, city.branchB.id)).id,
      toOrgId: city.communityA.id,
      duesPaidTo: today.slice(0, 7),
    });
    expect(letter.statusCode, letter.body).toBe(201);
    expect(await unread(streetA)).toBe(before.a + 1);
    expect(await countFor(city.admin.id)).toBe(before.admin);
    const [arrived] = (await page(streetA)).items;
    expect(arrived).toMatchObject({ kind: 'transfers.arrived', link: '/transfers' });
    expect(arrived?.title).toContain('收到组织关系介绍信');

    // Street A returns it: street B is told, with the reason.
    const returned = await post(`/api/transfers/${letter.json().id}/return`, streetA, { reason: '查无此人' });
    expect(returned.statusCode, returned.body).toBe(200);
    const [told] = (await page(streetB)).items;
    expect(told).toMatchObject({ kind: 'transfers.returned', body: '退回理由：查无此人' });
  });

  it('a member registering with a community (双报到) reaches those who run the community', async () => {
    const { id: memberId } = await buildMember(api.db, city.branchB.id);
    const account = await buildAccount(api.db, { orgId: city.branchB.id, role: 'member', memberId });
    const self = await api.login(account.username);
    const before = await unread(streetA);
    const res = await post('/api/in-service/self', self, { communityId: city.communityA.id, wishes: '周末值守' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await unread(streetA)).toBe(before + 1);
    expect((await page(streetA)).items[0]).toMatchObject({ kind: 'in_service.registered', body: '服务意愿：周末值守' });
  });
});

async function countFor(accountId: number) {
  const [row] = await queryRows<{ n: number }>(
    api.db,
    sql`select count(*)::int as n from notifications where account_id = ${accountId} and read_at is null`,
  );
  return row?.n ?? 0;
}

describe('the reminder job', () => {
  it('tells each account once about what comes due within 7 days and again once it is overdue', async () => {
    const own = await buildCity(api.db);
    const secretary = await buildAccount(api.db, { orgId: own.branchA.id, role: 'branch_secretary' });
    const member = await buildMember(api.db, own.branchA.id);
    // Probation ends in 5 days: within the week.
    await audited(api.db, SYSTEM_AUDIT, 'test.probation' as AuditAction, (tx) =>
      tx.execute(sql`update members set status = 'probationary', full_member_on = null,
                     joined_on = ${addYears(addDays(today, 5), -1)} where id = ${member.id}`),
    );
    const sources = api.app.dueSources;
    const now = new Date();
    await sendReminders(api.db, sources, now);
    const mine = async () =>
      queryRows<{ title: string; body: string; link: string }>(
        api.db,
        sql`select title, body, link from notifications where account_id = ${secretary.id} order by id`,
      );
    const first = await mine();
    expect(first).toHaveLength(1);
    expect(first[0]?.title).toBe('工作台提醒：1项将在7天内到期');
    expect(first[0]?.body).toContain('预备期即将期满');
    expect(first[0]?.link).toBe('/workbench');

    // Run again (a second server, a retried run): nothing new.
    await sendReminders(api.db, sources, now);
    expect(await mine()).toHaveLength(1);

    // The record changes so that the year is over (the sources read the database's today): told once more.
    await audited(api.db, SYSTEM_AUDIT, 'test.probation' as AuditAction, (tx) =>
      tx.execute(sql`update members set joined_on = ${addYears(addDays(today, -2), -1)} where id = ${member.id}`),
    );
    await sendReminders(api.db, sources, now);
    await sendReminders(api.db, sources, now);
    const after = await mine();
    expect(after).toHaveLength(2);
    expect(after[1]?.title).toContain('1项已超期');
  });

  it('does not tell about an item put aside', async () => {
    const own = await buildCity(api.db);
    const secretary = await buildAccount(api.db, { orgId: own.branchA.id, role: 'branch_secretary' });
    const cookie = await api.login(secretary.username);
    const member = await buildMember(api.db, own.branchA.id);
    await audited(api.db, SYSTEM_AUDIT, 'test.probation' as AuditAction, (tx) =>
      tx.execute(sql`update members set status = 'probationary', full_member_on = null,
                     joined_on = ${addYears(addDays(today, 3), -1)} where id = ${member.id}`),
    );
    const snooze = await post('/api/workbench/snoozes', cookie, {
      key: `members.probation:${member.id}`,
      until: addDays(today, 20),
      reason: '支部大会已定于下月召开',
    });
    expect(snooze.statusCode, snooze.body).toBe(201);
    await sendReminders(api.db, api.app.dueSources, new Date());
    expect(await countFor(secretary.id)).toBe(0);
  });
});
