import { sql } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { type Queryable, queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';
import { meetings } from '../../src/org-life/org-life.tables.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildOrg } from '../helpers/factories.js';

/** The counters of org_life_counts, kept by the meetings trigger, always equal a rebuild from the meetings. */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let groupA: { id: number };
beforeAll(async () => {
  city = await buildCity(api.db);
  groupA = await buildOrg(api.db, { parentId: city.branchA.id, type: 'group', name: '第一党小组' });
});

const snapshot = (q: Queryable) =>
  queryRows<{ org_id: number; period: string; type: string; held: number; sub_held: number; branches_done: number }>(
    q,
    sql`select org_id::int, period, type, held, sub_held, branches_done, expected, present from org_life_counts
         where held <> 0 or sub_held <> 0 or branches_done <> 0 or expected <> 0 or present <> 0
         order by org_id, period, type`,
  );

async function expectCountsTrue() {
  const kept = await snapshot(api.db);
  let rebuilt: typeof kept = [];
  await api.db
    .transaction(async (tx) => {
      await tx.execute(sql`select org_life_counts_rebuild()`);
      rebuilt = await snapshot(tx);
      tx.rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof TransactionRollbackError)) throw e;
    });
  expect(rebuilt).toEqual(kept);
  return kept;
}

const run = <T>(work: Parameters<typeof audited<T>>[3]) =>
  audited(api.db, SYSTEM_AUDIT, 'test.meetings' as AuditAction, work);

const count = async (orgId: number, period: string, type: string) =>
  (await snapshot(api.db)).find((r) => r.org_id === orgId && r.period === period && r.type === type) ?? {
    held: 0,
    sub_held: 0,
    branches_done: 0,
  };

describe('org_life_counts', () => {
  it('follow finalising, correcting, moving and deleting meetings, branches done across a group', async () => {
    const base = { type: 'party_group', startTime: '19:00', topic: '学习' };
    const [m1] = await run((tx) =>
      tx
        .insert(meetings)
        .values({ ...base, orgId: groupA.id, heldOn: '2026-11-05', expectedCount: 5, presentCount: 4 })
        .returning({ id: meetings.id }),
    );
    expect(await count(city.branchA.id, '2026-11', 'party_group')).toMatchObject({ sub_held: 0 });
    await run((tx) => tx.execute(sql`update meetings set status = 'final' where id = ${m1!.id}`));
    expect(await count(groupA.id, '2026-11', 'party_group')).toMatchObject({ held: 1, sub_held: 1, branches_done: 0 });
    expect(await count(city.branchA.id, '2026-Q4', 'party_group')).toMatchObject({
      held: 0,
      sub_held: 1,
      branches_done: 1,
    });
    expect(await count(city.city.id, '2026', 'party_group')).toMatchObject({ sub_held: 1, branches_done: 1 });

    const [m2] = await run((tx) =>
      tx
        .insert(meetings)
        .values({
          ...base,
          orgId: city.branchA.id,
          status: 'final',
          heldOn: '2026-11-20',
          expectedCount: 5,
          presentCount: 5,
        })
        .returning({ id: meetings.id }),
    );
    expect(await count(city.streetA.id, '2026-11', 'party_group')).toMatchObject({ sub_held: 2, branches_done: 1 });
    await expectCountsTrue();

    // A correction moves the first meeting into December: November keeps the branch done (the second meeting).
    await run((tx) => tx.execute(sql`update meetings set held_on = '2026-12-01' where id = ${m1!.id}`));
    expect(await count(city.district.id, '2026-11', 'party_group')).toMatchObject({ sub_held: 1, branches_done: 1 });
    expect(await count(city.district.id, '2026-12', 'party_group')).toMatchObject({ sub_held: 1, branches_done: 1 });
    await run((tx) => tx.execute(sql`delete from meetings where id = ${m2!.id}`));
    expect(await count(city.district.id, '2026-11', 'party_group')).toMatchObject({ sub_held: 0, branches_done: 0 });
    await run((tx) => tx.execute(sql`update meetings set status = 'draft' where id = ${m1!.id}`));
    expect(await count(city.city.id, '2026', 'party_group')).toMatchObject({ sub_held: 0, branches_done: 0 });
    await expectCountsTrue();
  });

  it('follow a subtree moved to another street', async () => {
    const community = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'community_committee',
      name: '将迁移社区',
    });
    const branch = await buildOrg(api.db, { parentId: community.id, type: 'branch', name: '将迁移支部' });
    await run((tx) =>
      tx.insert(meetings).values({
        type: 'party_class',
        startTime: '19:00',
        topic: '党课',
        orgId: branch.id,
        status: 'final',
        heldOn: '2026-10-20',
        expectedCount: 3,
        presentCount: 3,
      }),
    );
    expect(await count(city.streetA.id, '2026-Q4', 'party_class')).toMatchObject({ sub_held: 1, branches_done: 1 });
    const admin = await api.login(city.admin.username);
    const moved = await api.send('PATCH', `/api/organizations/${community.id}`, admin, { parentId: city.streetB.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await count(city.streetA.id, '2026-Q4', 'party_class')).toMatchObject({ sub_held: 0, branches_done: 0 });
    expect(await count(city.streetB.id, '2026-Q4', 'party_class')).toMatchObject({ sub_held: 1, branches_done: 1 });
    expect(await count(city.district.id, '2026-Q4', 'party_class')).toMatchObject({ sub_held: 1, branches_done: 1 });
    await expectCountsTrue();
  });

  it('carry a group’s meetings to its new branch: the old one is no longer done, the new one is', async () => {
    const from = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '原支部' });
    const to = await buildOrg(api.db, { parentId: city.communityB.id, type: 'branch', name: '新支部' });
    const both = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '同时开会支部' });
    const group = await buildOrg(api.db, { parentId: from.id, type: 'group', name: '迁移党小组' });
    const meeting = (orgId: number, heldOn: string) =>
      run((tx) =>
        tx.insert(meetings).values({
          type: 'theme_day',
          startTime: '19:00',
          topic: '主题党日',
          orgId,
          status: 'final',
          heldOn,
          expectedCount: 4,
          presentCount: 3,
        }),
      );
    // October: only the group held one (its branch done through it). November: the receiving branch held its own.
    await meeting(group.id, '2026-10-10');
    await meeting(to.id, '2026-11-10');
    await meeting(both.id, '2026-10-12');
    expect(await count(from.id, '2026-10', 'theme_day')).toMatchObject({ sub_held: 1, branches_done: 1 });
    expect(await count(city.streetA.id, '2026-10', 'theme_day')).toMatchObject({ branches_done: 2 });
    const admin = await api.login(city.admin.username);
    const moved = await api.send('PATCH', `/api/organizations/${group.id}`, admin, { parentId: to.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await count(from.id, '2026-10', 'theme_day')).toMatchObject({ sub_held: 0, branches_done: 0 });
    expect(await count(to.id, '2026-10', 'theme_day')).toMatchObject({ sub_held: 1, branches_done: 1 });
    expect(await count(city.streetA.id, '2026-10', 'theme_day')).toMatchObject({ branches_done: 1 });
    expect(await count(city.streetB.id, '2026-10', 'theme_day')).toMatchObject({ branches_done: 1 });
    // November: the receiving branch was done already; the year counts each branch once.
    expect(await count(to.id, '2026', 'theme_day')).toMatchObject({ sub_held: 2, branches_done: 1 });
    expect(await count(city.district.id, '2026', 'theme_day')).toMatchObject({ branches_done: 2 });
    await expectCountsTrue();
    // And back again.
    const back = await api.send('PATCH', `/api/organizations/${group.id}`, admin, { parentId: from.id });
    expect(back.statusCode, back.body).toBe(200);
    expect(await count(from.id, '2026', 'theme_day')).toMatchObject({ sub_held: 1, branches_done: 1 });
    expect(await count(to.id, '2026', 'theme_day')).toMatchObject({ sub_held: 1, branches_done: 1 });
    expect(await count(city.district.id, '2026', 'theme_day')).toMatchObject({ branches_done: 3 });
    await expectCountsTrue();
  });
});
