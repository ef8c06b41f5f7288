import { addDays, addMonths, addYears, chinaToday, ROLE_PERMISSIONS, termYears } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { pathUnder } from '../../src/http/scope.js';
import type { AuditAction } from '../../src/modules.js';
import { recordStatements } from '../../../../bench/reads.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

/** 工作台: each module's due sources, in the account's scope, against the records made here and the modules' lists. */
const api = useApi();
const { get, post } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
const today = chinaToday();

type Workbench = {
  sources: {
    name: string;
    label: string;
    total: number;
    overdue: number;
    items: { key: string; title: string; dueOn: string; overdue: boolean; link: string }[];
  }[];
};
const keysOf = (w: Workbench, source: string) =>
  w.sources.find((s) => s.name === source)?.items.map((i) => i.key) ?? [];

/** A probationary member of `orgId` whose year ends in `days` days (negative: already over). */
async function probationary(orgId: number, days: number) {
  const { id } = await buildMember(api.db, orgId);
  await audited(api.db, SYSTEM_AUDIT, 'test.probation' as AuditAction, (tx) =>
    tx.execute(sql`update members set status = 'probationary', full_member_on = null,
                   joined_on = ${addYears(addDays(today, days), -1)} where id = ${id}`),
  );
  return id;
}

let dueSoon: number;
let overdue: number;
let notYet: number;
let outsideDue: number;
let letterId: number;
let floatingId: number;

beforeAll(async () => {
  city = await buildCity(api.db);
  dueSoon = await probationary(city.branchA.id, 10);
  overdue = await probationary(city.branchA.id, -5);
  notYet = await probationary(city.branchA.id, 90);
  outsideDue = await probationary(city.branchB.id, 3);
  // Branch A's term ends in two months; street B's branch is over.
  const years = termYears('branch') as number;
  await audited(api.db, SYSTEM_AUDIT, 'test.term' as AuditAction, (tx) =>
    tx.execute(sql`update organizations set term_started_on = case id
                     when ${city.branchA.id} then ${addMonths(addYears(today, -years), 2)}::date
                     else ${addYears(today, -years - 1)}::date end
                   where id in (${city.branchA.id}, ${city.branchB.id})`),
  );
  // Street B sends a letter to community A: it waits in street A's inbox.
  const streetB = await api.login(city.streetBUser.username);
  const letter = await post('/api/transfers', streetB, {
    memberId: (await buildMember(api.db, city.branchB.id)).id,
    toOrgId: city.communityA.id,
    duesPaidTo: today.slice(0, 7),
  });
  expect(letter.statusCode, letter.body).toBe(201);
  letterId = letter.json().id;
  // A member of branch A away thirteen months at a fixed place (since last year, whatever today's month), never
  // reported.
  const streetA = await api.login(city.streetAUser.username);
  const away = await post('/api/floating-members', streetA, {
    direction: 'out',
    memberId: (await buildMember(api.db, city.branchA.id)).id,
    place: '深圳',
    fixedPlace: true,
    since: addMonths(today, -13),
  });
  expect(away.statusCode, away.body).toBe(201);
  floatingId = away.json().id;
});

describe('GET /api/workbench', () => {
  it("lists what falls due in the account's scope, from every module, and nothing of another street", async () => {
    const cookie = await api.login(city.streetAUser.username);
    const res = await get('/api/workbench', cookie);
    expect(res.statusCode, res.body).toBe(200);
    const workbench = res.json() as Workbench;
    expect(keysOf(workbench, 'members.probation')).toEqual([
      `members.probation:${overdue}`,
      `members.probation:${dueSoon}`,
    ]);
    expect(keysOf(workbench, 'members.probation')).not.toContain(`members.probation:${notYet}`);
    expect(keysOf(workbench, 'org-checks.terms')).toEqual([`org-checks.terms:${city.branchA.id}`]);
    expect(keysOf(workbench, 'transfers.incoming')).toEqual([`transfers.incoming:${letterId}`]);
    expect(keysOf(workbench, 'floating.transfer')).toEqual([`floating.transfer:${floatingId}`]);
    expect(keysOf(workbench, 'floating.unreported')).toEqual([`floating.unreported:${floatingId}`]);
    const text = JSON.stringify(workbench);
    expect(text).not.toContain(`members.probation:${outsideDue}`);
    expect(text).not.toContain(`org-checks.terms:${city.branchB.id}`);
    // Overdue first: the sources with overdue items lead.
    const probation = workbench.sources.find((s) => s.name === 'members.probation');
    expect(probation).toMatchObject({ total: 2, overdue: 1 });
    expect(probation?.items[0]).toMatchObject({ overdue: true, link: `/members/${overdue}` });
    expect(workbench.sources[0]?.overdue).toBeGreaterThan(0);
  });

  it("counts what each module's own list shows", async () => {
    for (const username of [city.streetAUser.username, city.streetBUser.username, city.admin.username]) {
      const cookie = await api.login(username);
      const workbench = (await get('/api/workbench', cookie)).json() as Workbench;
      const total = (name: string) => workbench.sources.find((s) => s.name === name)?.total ?? 0;
      const due = (await get('/api/members/due-for-conversion', cookie)).json();
      expect(total('members.probation'), username).toBe(due.items.length);
      const terms = (await get('/api/terms', cookie)).json();
      expect(total('org-checks.terms'), username).toBe(terms.items.length);
      const inbox = (await get('/api/transfers?box=in&status=pending', cookie)).json();
      expect(total('transfers.incoming'), username).toBe(inbox.total);
      const receipts = (await get('/api/transfers?box=out&receiptOverdue=true', cookie)).json();
      expect(total('transfers.receipts'), username).toBe(receipts.total);
      const away = (await get('/api/floating-members?direction=out&due=transfer', cookie)).json();
      expect(total('floating.transfer'), username).toBe(away.total);
      const unreported = (await get('/api/floating-members?direction=out&due=unreported', cookie)).json();
      expect(total('floating.unreported'), username).toBe(unreported.total);
    }
  });

  it('shows an account only the sources its role may open, and asks for a session', async () => {
    const member = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member' });
    const res = await get('/api/workbench', await api.login(member.username));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sources: [] });
    expect((await get('/api/workbench')).statusCode).toBe(401);
  });

  it('puts an item aside for one account until a day, with a reason, on record; bad requests are 400 or 404', async () => {
    const first = await api.login(city.streetAUser.username);
    const colleague = await api.login(
      (await buildAccount(api.db, { orgId: city.streetA.id, role: 'street_committee' })).username,
    );
    const key = `members.probation:${dueSoon}`;
    const snooze = (cookie: string, body: object) => post('/api/workbench/snoozes', cookie, body);
    const until = addDays(today, 7);

    // Bad input: each named, nothing written.
    const noReason = await snooze(first, { key, until, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('理由：');
    expect((await snooze(first, { key, until: today, reason: '下周讨论' })).json().message).toBe('暂缓至：应晚于今天');
    expect((await snooze(first, { key, until: addDays(today, 91), reason: '下周讨论' })).statusCode).toBe(400);
    expect((await snooze(first, { key, until: '2026-02-30', reason: '下周讨论' })).statusCode).toBe(400);
    // Not an item of this workbench: another street's, a made-up one, one not yet due.
    for (const other of [
      `members.probation:${outsideDue}`,
      'members.probation:999999',
      `members.probation:${notYet}`,
      'nothing',
    ]) {
      expect((await snooze(first, { key: other, until, reason: '下周讨论' })).statusCode, other).toBe(404);
    }

    const done = await snooze(first, { key, until, reason: '支部大会定于下周讨论' });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toEqual({ key, until });
    const mine = (await get('/api/workbench', first)).json() as Workbench;
    expect(keysOf(mine, 'members.probation')).toEqual([`members.probation:${overdue}`]);
    expect(mine.sources.find((s) => s.name === 'members.probation')).toMatchObject({ total: 1, snoozed: 1 });
    // Only for the account that put it aside.
    const theirs = (await get('/api/workbench', colleague)).json() as Workbench;
    expect(keysOf(theirs, 'members.probation')).toContain(key);
    // On record, scoped to the account's organisation.
    const [row] = await queryRows<{ action: string; after: { key: string; reason: string } }>(
      api.db,
      sql`select action, after from audit_logs where entity = 'due_snooze' order by id desc limit 1`,
    );
    expect(row).toMatchObject({ action: 'workbench.snooze', after: { key, reason: '支部大会定于下周讨论' } });
    // Snoozing again moves the day (one row per account and item).
    expect((await snooze(first, { key, until: addDays(today, 3), reason: '改期' })).statusCode).toBe(201);
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from due_snoozes where key = ${key}`,
    );
    expect(n).toBe(1);
  });
});

describe('the due sources at more than a page', () => {
  let many: Awaited<ReturnType<typeof buildCity>>;
  const due: number[] = [];
  beforeAll(async () => {
    many = await buildCity(api.db);
    // 25 probationary members coming due in branch A (9 past their year), more than the 20 the workbench lists.
    for (let i = 0; i < 25; i++) due.push(await probationary(many.branchA.id, i - 9));
  });

  it('counts every item and overdue one, lists the soonest 20, and puts aside one past the 20th', async () => {
    const cookie = await api.login(many.streetAUser.username);
    const read = async () =>
      ((await get('/api/workbench', cookie)).json() as Workbench).sources.find((s) => s.name === 'members.probation');
    const before = await read();
    expect(before).toMatchObject({ total: 25, overdue: 9, snoozed: 0 });
    expect(before?.items.map((i) => i.key)).toEqual(due.slice(0, 20).map((id) => `members.probation:${id}`));

    // The 23rd is not on the page, but it is on this workbench: it may be put aside.
    const key = `members.probation:${due[22]}`;
    const snoozed = await post('/api/workbench/snoozes', cookie, { key, until: addDays(today, 5), reason: '待谈话' });
    expect(snoozed.statusCode, snoozed.body).toBe(201);
    expect(await read()).toMatchObject({ total: 24, overdue: 9, snoozed: 1 });
    // The first: the 21st comes onto the page.
    const first = `members.probation:${due[0]}`;
    expect(
      (await post('/api/workbench/snoozes', cookie, { key: first, until: addDays(today, 5), reason: '待谈话' }))
        .statusCode,
    ).toBe(201);
    const after = await read();
    expect(after).toMatchObject({ total: 23, overdue: 8, snoozed: 2 });
    expect(after?.items.map((i) => i.key)).toEqual(due.slice(1, 21).map((id) => `members.probation:${id}`));
  });

  it('reads each source in one statement', async () => {
    const cookie = await api.login(many.streetAUser.username);
    await get('/api/workbench', cookie);
    const statements = await recordStatements(async () => {
      expect((await get('/api/workbench', cookie)).statusCode).toBe(200);
    });
    // The account's put-aside keys, then one per source its role may read (none for the member's own sources,
    // which read nothing for an account linked to no member; nor those of permissions the role lacks: a carer's).
    const held = ROLE_PERMISSIONS.street_committee;
    const staffSources = api.app.dueSources.filter(
      (s) => !s.name.startsWith('me.') && s.permission.every((p) => held.includes(p)),
    ).length;
    expect(statements).toHaveLength(1 + staffSources);
  });

  it('reads a subtree as a range of paths that selects what <@ selects, for every organisation', async () => {
    const paths = await queryRows<{ path: string }>(api.db, sql`select path::text as path from organizations`);
    expect(paths.length).toBeGreaterThan(10);
    for (const { path } of paths) {
      const [row] = await queryRows<{ by_range: number[]; by_gist: number[] }>(
        api.db,
        sql`select (select coalesce(array_agg(o.id::int order by o.id), '{}') from organizations o
                     where ${pathUnder(path, sql`o.path`)}) as by_range,
                   (select coalesce(array_agg(o.id::int order by o.id), '{}') from organizations o
                     where o.path <@ ${path}::ltree) as by_gist`,
      );
      expect(row?.by_range, path).toEqual(row?.by_gist);
    }
  });
});
