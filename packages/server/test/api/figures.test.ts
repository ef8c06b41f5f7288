import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember, buildNewOrg, buildOrg } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
beforeAll(async () => {
  city = await buildCity(api.db);
});

async function figures(orgId: number, username = city.admin.username) {
  const cookie = await api.login(username);
  return api.app.inject({ method: 'GET', url: `/api/organizations/${orgId}/figures`, headers: { cookie } });
}

/** A fresh count from the records, to compare the kept counters with. */
async function freshCount(orgId: number, condition = sql`true`) {
  const [row] = await queryRows<{ n: number }>(
    api.db,
    sql`select count(*)::int as n from members m join organizations d on d.id = m.org_id
         where d.path <@ (select path from organizations where id = ${orgId}) and m.left_on is null and ${condition}`,
  );
  return row?.n ?? 0;
}

describe('GET /api/organizations/:id/figures', () => {
  it('answers a subtree’s members by status, gender and category, and its children’s, from the kept counters', async () => {
    const community = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'community_committee',
      name: '统计社区',
    });
    const one = await buildOrg(api.db, { parentId: community.id, type: 'branch', name: '统计第一支部' });
    const two = await buildOrg(api.db, { parentId: community.id, type: 'retired_branch', name: '统计第二支部' });
    const a = await buildMember(api.db, one.id);
    await buildMember(api.db, one.id);
    const c = await buildMember(api.db, two.id);
    await audited(api.db, SYSTEM_AUDIT, 'test.figures' as AuditAction, async (tx) => {
      await tx.execute(sql`update members set category = 'retired', gender = 'female' where id = ${c.id}`);
      await tx.execute(sql`update members set status = 'probationary', category = 'floating' where id = ${a.id}`);
    });

    const res = await figures(community.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.org).toEqual({ id: community.id, name: '统计社区', type: 'community_committee' });
    expect(body.members.total).toBe(3);
    expect(body.members.full).toBe(2);
    expect(body.members.probationary).toBe(1);
    expect(body.members.female).toBe(await freshCount(community.id, sql`m.gender = 'female'`));
    expect(body.members.byCategory.retired).toBe(1);
    expect(body.members.byCategory.floating).toBe(1);
    expect(Object.values(body.members.byCategory as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(3);
    expect(body.children.map((ch: { org: { name: string } }) => ch.org.name)).toEqual(['统计第一支部', '统计第二支部']);
    expect(body.children[0].members.total).toBe(2);
    expect(body.children[1].members.byCategory.retired).toBe(1);

    // The street and the city count the same members (rollup to every ancestor).
    const street = (await figures(city.streetA.id)).json();
    expect(street.members.total).toBe(await freshCount(city.streetA.id));
    const whole = (await figures(city.city.id)).json();
    expect(whole.members.total).toBe(await freshCount(city.city.id));
    expect(whole.children.map((ch: { org: { id: number } }) => ch.org.id)).toEqual([city.district.id]);

    // A member who leaves the platform leaves the figures.
    await audited(api.db, SYSTEM_AUDIT, 'test.leave' as AuditAction, (tx) =>
      tx.execute(sql`update members set left_on = current_date, left_reason = '转出' where id = ${c.id}`),
    );
    const after = (await figures(community.id)).json();
    expect(after.members.total).toBe(2);
    expect(after.members.byCategory.retired).toBe(0);
  });

  it('answers the coverage of new organisations with its rates, and follows changes', async () => {
    const community = await buildOrg(api.db, {
      parentId: city.streetB.id,
      type: 'community_committee',
      name: '覆盖社区',
    });
    const branch = await buildOrg(api.db, { parentId: community.id, type: 'branch' });
    await buildNewOrg(api.db, { orgId: community.id, ownOrgId: branch.id, partyMembers: 4 });
    await buildNewOrg(api.db, { orgId: community.id, instructorName: '王指导' });
    const blank = await buildNewOrg(api.db, { orgId: community.id });
    await buildNewOrg(api.db, { orgId: community.id });

    const body = (await figures(community.id)).json();
    expect(body.newOrgs).toEqual({
      total: 4,
      own_org: 1,
      joint_branch: 0,
      instructor: 1,
      blank: 2,
      orgRate: 25,
      workRate: 50,
      employees: 80,
      partyMembers: 4,
    });

    await audited(api.db, SYSTEM_AUDIT, 'test.cover' as AuditAction, (tx) =>
      tx.execute(sql`update new_organizations set instructor_name = '李指导' where id = ${blank.id}`),
    );
    const covered = (await figures(community.id)).json();
    expect(covered.newOrgs.blank).toBe(1);
    expect(covered.newOrgs.workRate).toBe(75);
    // The street sees the same units in its own figures.
    expect((await figures(city.streetB.id)).json().newOrgs.instructor).toBe(2);
  });

  it('is 404 outside the scope, even for an ancestor of it, and 400 for a bad id', async () => {
    expect((await figures(city.streetA.id, city.streetAUser.username)).statusCode).toBe(200);
    expect((await figures(city.streetB.id, city.streetAUser.username)).statusCode).toBe(404);
    expect((await figures(city.district.id, city.streetAUser.username)).statusCode).toBe(404);
    expect((await figures(999_999)).statusCode).toBe(404);
    const cookie = await api.login(city.admin.username);
    const bad = await api.app.inject({ method: 'GET', url: '/api/organizations/abc/figures', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'id', message: expect.stringContaining('ID：') });
  });
});

describe('GET /api/organizations/:id/figures/export', () => {
  it('exports the children table with the total as the last row, a rate as — where there is no new organisation', async () => {
    await buildMember(api.db, city.branchA.id);
    const cookie = await api.login(city.streetAUser.username);
    const url = (id: number) => `/api/organizations/${id}/figures/export`;
    const res = await api.app.inject({ method: 'GET', url: url(city.communityA.id), headers: { cookie } });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (book.worksheets[0] as ExcelJS.Worksheet).getSheetValues().slice(1) as unknown[][];
    const header = rows[0] as unknown[];
    expect(header.slice(1, 6)).toEqual(['党组织', '党员', '正式党员', '预备党员', '女党员']);
    const json = (await figures(city.communityA.id, city.streetAUser.username)).json();
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toEqual([
      ...json.children.map((c: { org: { name: string } }) => c.org.name),
      `合计（${json.org.name}）`,
    ]);
    const total = rows[rows.length - 1] as unknown[];
    expect(total[2]).toBe(json.members.total);
    expect(total[2]).toBe(await freshCount(city.communityA.id));
    const orgRate = header.indexOf('组织覆盖率');
    const branchRow = rows.find((r) => r[1] === city.branchA.name) as unknown[];
    // New organisations register with communities: a branch has none, and no rate.
    expect(branchRow[orgRate]).toBe('—');
    expect(branchRow[orgRate + 1]).toBe('—');
    const [event] = await queryRows<{ actor_name: string }>(
      api.db,
      sql`select actor_name from audit_logs where action = 'figures.export' order by id desc limit 1`,
    );
    expect(event?.actor_name).toBe(city.streetAUser.username);
    expect(
      (await api.app.inject({ method: 'GET', url: url(city.communityB.id), headers: { cookie } })).statusCode,
    ).toBe(404);
  });
});
