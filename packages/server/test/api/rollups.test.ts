import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { members } from '../../src/db/schema.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { createRandom, randomIdNumber } from '../../src/seed/random.js';
import { useApi } from '../helpers/api.js';
import { expectCountersTrue } from '../helpers/counters.js';
import { buildCity, buildMember, buildNewOrg, buildOrg } from '../helpers/factories.js';

/** The subtree member counts kept by triggers must always equal a fresh count of the member records. */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
beforeAll(async () => {
  city = await buildCity(api.db);
});

const expectRollupsTrue = () => expectCountersTrue(api.db);

const count = async (id: number) =>
  (
    await queryRows<{ f: number; p: number }>(
      api.db,
      sql`select full_members f, probationary_members p from organizations where id = ${id}`,
    )
  )[0];

describe('member rollups', () => {
  it('follow inserts, status changes, moves between organisations, deletes and subtree moves', async () => {
    const r = createRandom(7);
    await buildMember(api.db, city.branchA.id);
    await audited(api.db, SYSTEM_AUDIT, 'test.bulk' as AuditAction, (tx) =>
      tx.insert(members).values(
        Array.from({ length: 10 }, (_, i) => ({
          orgId: i % 2 ? city.branchB.id : city.communityA.id,
          name: `成员${i}`,
          gender: 'male',
          idNumber: randomIdNumber(r, 'male'),
          status: i % 3 ? 'full' : 'probationary',
          category: 'resident',
        })),
      ),
    );
    await expectRollupsTrue();
    expect(await count(city.city.id)).toEqual({ f: 7, p: 4 });

    await audited(api.db, SYSTEM_AUDIT, 'test.convert' as AuditAction, (tx) =>
      tx.execute(sql`update members set status = 'full' where status = 'probationary' and org_id = ${city.branchB.id}`),
    );
    await audited(api.db, SYSTEM_AUDIT, 'test.transfer' as AuditAction, (tx) =>
      tx.execute(sql`update members set org_id = ${city.branchB.id} where org_id = ${city.communityA.id}`),
    );
    await expectRollupsTrue();
    expect(await count(city.streetA.id)).toEqual({ f: 1, p: 0 });

    await audited(api.db, SYSTEM_AUDIT, 'test.delete' as AuditAction, (tx) =>
      tx.execute(sql`delete from members where org_id = ${city.branchA.id}`),
    );
    await expectRollupsTrue();

    const community = await buildOrg(api.db, { parentId: city.streetB.id, type: 'community_committee' });
    const branch = await buildOrg(api.db, { parentId: community.id, type: 'branch' });
    await buildMember(api.db, branch.id);
    await buildMember(api.db, community.id);
    await buildNewOrg(api.db, { orgId: community.id, instructorName: '张指导' });
    const admin = await api.login(city.admin.username);
    const moved = await api.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${community.id}`,
      headers: { cookie: admin },
      payload: { parentId: city.streetA.id },
    });
    expect(moved.statusCode).toBe(200);
    await expectRollupsTrue();
    expect(await count(city.streetA.id)).toEqual({ f: 2, p: 0 });
    const list = await api.app.inject({
      method: 'GET',
      url: `/api/organizations?parentId=${city.district.id}`,
      headers: { cookie: admin },
    });
    expect(list.json().items.find((o: { id: number }) => o.id === city.streetA.id).memberCount).toBe(2);
  });

  it('do not count members who left the platform, and count them again when they come back', async () => {
    const community = await buildOrg(api.db, { parentId: city.streetB.id, type: 'community_committee' });
    const branchOne = await buildOrg(api.db, { parentId: community.id, type: 'branch' });
    const branchTwo = await buildOrg(api.db, { parentId: community.id, type: 'branch' });
    const leaving = await buildMember(api.db, branchOne.id);
    await buildMember(api.db, branchOne.id);
    expect(await count(branchOne.id)).toEqual({ f: 2, p: 0 });
    await audited(api.db, SYSTEM_AUDIT, 'test.leave' as AuditAction, (tx) =>
      tx.execute(sql`update members set left_on = current_date, left_reason = '转出' where id = ${leaving.id}`),
    );
    await expectRollupsTrue();
    expect(await count(branchOne.id)).toEqual({ f: 1, p: 0 });
    expect(await count(community.id)).toEqual({ f: 1, p: 0 });
    // A left member changing status or organisation moves no counter.
    await audited(api.db, SYSTEM_AUDIT, 'test.left_change' as AuditAction, (tx) =>
      tx.execute(sql`update members set status = 'probationary', org_id = ${branchTwo.id} where id = ${leaving.id}`),
    );
    await expectRollupsTrue();
    expect(await count(branchTwo.id)).toEqual({ f: 0, p: 0 });
    await audited(api.db, SYSTEM_AUDIT, 'test.rejoin' as AuditAction, (tx) =>
      tx.execute(sql`update members set left_on = null, left_reason = null where id = ${leaving.id}`),
    );
    await expectRollupsTrue();
    expect(await count(branchTwo.id)).toEqual({ f: 0, p: 1 });
    expect(await count(community.id)).toEqual({ f: 1, p: 1 });
    await audited(api.db, SYSTEM_AUDIT, 'test.leave_delete' as AuditAction, (tx) =>
      tx.execute(sql`update members set left_on = current_date where id = ${leaving.id}`),
    );
    await audited(api.db, SYSTEM_AUDIT, 'test.delete_left' as AuditAction, (tx) =>
      tx.execute(sql`delete from members where id = ${leaving.id}`),
    );
    await expectRollupsTrue();
  });

  it('counter maintenance writes no audit rows of its own', async () => {
    const before = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int n from audit_logs where entity = 'organization'`,
    );
    await buildMember(api.db, city.branchA.id);
    const after = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int n from audit_logs where entity = 'organization'`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
