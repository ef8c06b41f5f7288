import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { type Db, type Queryable, queryRows } from '../../src/db/client.js';
import {
  volunteerActivities,
  volunteerRecords,
  volunteerResidents,
  volunteerTeams,
} from '../../src/volunteers/volunteers.tables.js';
import { moveSubtree } from '../../src/organizations/organizations.repo.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember, buildOrg } from '../helpers/factories.js';

/** The volunteering counters kept by triggers (volunteer_figures) always equal a rebuild from the records. */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
beforeAll(async () => {
  city = await buildCity(api.db);
});

const change = <T>(work: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) =>
  audited(api.db, SYSTEM_AUDIT, 'test.volunteering' as AuditAction, work);

async function expectKeptEqualsRebuild() {
  const snapshot = (q: Queryable) =>
    queryRows<{ org_id: number; period: string; metric: string; n: string }>(
      q,
      sql`select org_id::int, period, metric, n::text from volunteer_figures where n <> 0 order by 1, 2, 3`,
    );
  const kept = await snapshot(api.db);
  let rebuilt: typeof kept = [];
  await api.db
    .transaction(async (tx) => {
      await tx.execute(sql`select volunteer_figures_rebuild()`);
      rebuilt = await snapshot(tx);
      tx.rollback();
    })
    .catch(() => undefined);
  expect(kept).toEqual(rebuilt);
  return kept;
}

const figure = async (orgId: number, period: string, metric: string) => {
  const [row] = await queryRows<{ n: string }>(
    api.db,
    sql`select n::text from volunteer_figures where org_id = ${orgId} and period = ${period} and metric = ${metric}`,
  );
  return Number(row?.n ?? 0);
};

describe('volunteering rollups', () => {
  it('follow records, activities, teams and residents through inserts, updates, deletes and subtree moves', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const ids = await change(async (tx) => {
      const [a] = await tx
        .insert(volunteerActivities)
        .values([
          {
            orgId: city.communityA.id,
            title: '义诊',
            type: 'clinic',
            place: '活动室',
            // 2026-09-30 23:00 in Beijing: the third quarter there, whatever UTC says.
            startsAt: '2026-09-30T15:00:00Z',
            endsAt: '2026-09-30T15:30:00Z',
            signupDeadline: '2026-09-30T14:00:00Z',
            status: 'published',
          },
          {
            orgId: city.branchB.id,
            title: '草稿',
            type: 'other',
            place: '活动室',
            startsAt: '2026-10-02T01:00:00Z',
            endsAt: '2026-10-02T02:00:00Z',
            signupDeadline: '2026-10-01T01:00:00Z',
          },
        ])
        .returning({ id: volunteerActivities.id });
      const records = await tx
        .insert(volunteerRecords)
        .values([
          {
            orgId: city.communityA.id,
            memberId: member.id,
            activityId: a?.id,
            source: 'activity',
            servedOn: '2026-09-30',
            hours: '2.5',
            status: 'confirmed',
          },
          {
            orgId: city.branchA.id,
            memberId: member.id,
            source: 'self',
            servedOn: '2026-10-03',
            hours: '1.5',
            status: 'pending',
          },
          {
            orgId: city.branchB.id,
            memberId: member.id,
            source: 'self',
            servedOn: '2026-11-03',
            hours: '4',
            status: 'confirmed',
          },
        ])
        .returning({ id: volunteerRecords.id });
      await tx.insert(volunteerTeams).values([
        { orgId: city.communityA.id, name: '政策宣传员队' },
        { orgId: city.communityB.id, name: '治安巡逻员队' },
      ]);
      await tx.insert(volunteerResidents).values({ orgId: city.communityA.id, name: '王大妈' });
      return { records: records.map((r) => r.id) };
    });
    await expectKeptEqualsRebuild();
    expect(await figure(city.district.id, '2026-Q3', 'hours')).toBe(2.5);
    expect(await figure(city.district.id, '2026-Q3', 'activities')).toBe(1);
    expect(await figure(city.district.id, '2026-Q4', 'activities')).toBe(0);
    expect(await figure(city.district.id, '2026-Q4', 'hours')).toBe(4);
    expect(await figure(city.streetA.id, '', 'teams')).toBe(1);
    expect(await figure(city.city.id, '', 'teams')).toBe(2);
    expect(await figure(city.city.id, '', 'residents')).toBe(1);

    // The pending self-report is confirmed; the draft published; a team dissolved; a resident ends.
    await change(async (tx) => {
      await tx.execute(sql`update volunteer_records set status = 'confirmed' where id = ${ids.records[1]}`);
      await tx.execute(sql`update volunteer_activities set status = 'published' where status = 'draft'`);
      await tx.execute(sql`update volunteer_teams set dissolved_on = '2026-12-01' where name = '治安巡逻员队'`);
      await tx.execute(sql`update volunteer_residents set ended_on = '2026-12-01'`);
    });
    await expectKeptEqualsRebuild();
    expect(await figure(city.streetA.id, '2026-Q4', 'hours')).toBe(1.5);
    expect(await figure(city.district.id, '2026-Q4', 'records')).toBe(2);
    expect(await figure(city.streetB.id, '2026-Q4', 'activities')).toBe(1);
    expect(await figure(city.city.id, '', 'teams')).toBe(1);
    expect(await figure(city.city.id, '', 'residents')).toBe(0);

    // A correction: the confirmed record is superseded by a new one with other hours.
    await change(async (tx) => {
      await tx.execute(sql`update volunteer_records set status = 'superseded' where id = ${ids.records[0]}`);
      await tx.insert(volunteerRecords).values({
        orgId: city.communityA.id,
        memberId: member.id,
        source: 'activity',
        servedOn: '2026-09-30',
        hours: '2',
        status: 'confirmed',
        correctsId: ids.records[0],
      });
    });
    await expectKeptEqualsRebuild();
    expect(await figure(city.district.id, '2026-Q3', 'hours')).toBe(2);

    // Community A moves under street B: its counters leave street A for street B.
    const communityQ3 = await figure(city.communityA.id, '2026-Q3', 'hours');
    await change(async (tx) => {
      const [a] = await queryRows<{ path: string }>(
        tx,
        sql`select path::text from organizations where id = ${city.communityA.id}`,
      );
      const [b] = await queryRows<{ path: string }>(
        tx,
        sql`select path::text from organizations where id = ${city.streetB.id}`,
      );
      await moveSubtree(tx, { id: city.communityA.id, path: a!.path }, { id: city.streetB.id, path: b!.path });
    });
    await expectKeptEqualsRebuild();
    expect(await figure(city.streetA.id, '2026-Q3', 'hours')).toBe(0);
    expect(await figure(city.streetB.id, '2026-Q3', 'hours')).toBe(communityQ3);

    // Deletes.
    const extra = await buildOrg(api.db, { parentId: city.streetB.id, type: 'community_committee' });
    await change((tx) => tx.insert(volunteerTeams).values({ orgId: extra.id, name: '临时队' }));
    await change((tx) => tx.execute(sql`delete from volunteer_teams where name = '临时队'`));
    await change((tx) => tx.execute(sql`delete from volunteer_records where status = 'pending'`));
    await expectKeptEqualsRebuild();
  });

  it('are read by key on the figures endpoint: the organisation and its children by quarter', async () => {
    const admin = await api.login(city.admin.username);
    const res = await api.get(`/api/volunteer-figures?orgId=${city.district.id}&year=2026`, admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.org.orgName).toBe('测试区委');
    expect(body.children.map((c: { orgName: string }) => c.orgName).sort()).toEqual(['乙街道党工委', '甲街道党工委']);
    const q3 = body.org.quarters[2];
    expect(q3).toEqual({ quarter: 3, activities: 1, hours: 2, records: 1 });
    expect(body.org.teams).toBe(1);
  });
});
