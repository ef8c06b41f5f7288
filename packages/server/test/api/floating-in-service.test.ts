import { addDays, chinaToday } from '@gongjian/shared';
import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { expectCountersTrue } from '../helpers/counters.js';
import { buildAccount, buildCity, buildMember, buildOrg } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;

const { get, post } = api;
const daysAgo = (n: number) => addDays(chinaToday(), -n);

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
});

describe('floating members', () => {
  it('registers an outflow, lists those away six months at a fixed place, and records the report-in', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    expect((await post('/api/floating-members', undefined, {})).statusCode).toBe(401);
    const bad = await post('/api/floating-members', streetA, {
      direction: 'out',
      memberId: member.id,
      place: '',
      since: daysAgo(200),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('流动地点：');
    const res = await post('/api/floating-members', streetA, {
      direction: 'out',
      memberId: member.id,
      place: '广东省深圳市南山区',
      otherOrgName: '南山区某流动党员党支部',
      contact: '13800000000',
      certificateNo: 'LD2026001',
      since: daysAgo(400),
    });
    expect(res.statusCode, res.body).toBe(201);
    const floating = res.json();
    expect(floating).toMatchObject({
      direction: 'out',
      shouldTransfer: true,
      reportedThisYear: false,
      reportDue: true,
      orgId: city.branchA.id,
    });
    expect(floating.idNumber).toMatch(/\*{8}/);
    const dup = await post('/api/floating-members', streetA, {
      direction: 'out',
      memberId: member.id,
      place: 'x',
      since: daysAgo(1),
    });
    expect(dup.statusCode).toBe(409);

    const due = (await get('/api/floating-members?direction=out&due=transfer', streetA)).json();
    expect(due.items.map((f: { id: number }) => f.id)).toEqual([floating.id]);
    const unreported = (await get('/api/floating-members?direction=out&due=unreported', streetA)).json();
    expect(unreported.items).toHaveLength(1);
    const reported = await post(`/api/floating-members/${floating.id}/report`, streetA, { reportedOn: daysAgo(0) });
    expect(reported.json()).toMatchObject({ reportedThisYear: true, reportDue: false });
    expect((await get('/api/floating-members?direction=out&due=unreported', streetA)).json().items).toHaveLength(0);
    expect(
      (await post(`/api/floating-members/${floating.id}/report`, streetB, { reportedOn: daysAgo(0) })).statusCode,
    ).toBe(404);
    expect((await get('/api/floating-members?direction=out', streetB)).json().items).toHaveLength(0);
    const ended = await post(`/api/floating-members/${floating.id}/end`, streetA, { endedOn: daysAgo(0) });
    expect(ended.json()).toMatchObject({ shouldTransfer: false });
    expect((await get('/api/floating-members?direction=out', streetA)).json().items).toHaveLength(0);
  });

  it('asks no yearly report of a member who left this year: the outflow was registered this year', async () => {
    const year = chinaToday().slice(0, 4);
    const away = async (since: string) => {
      const res = await post('/api/floating-members', streetA, {
        direction: 'out',
        memberId: (await buildMember(api.db, city.branchA.id)).id,
        place: '浙江省杭州市',
        since,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; reportDue: boolean; reportedThisYear: boolean };
    };
    const today = await away(chinaToday());
    const newYear = await away(`${year}-01-01`);
    const lastYear = await away(`${Number(year) - 1}-12-31`);
    expect(today).toMatchObject({ reportDue: false, reportedThisYear: false });
    expect(newYear.reportDue).toBe(false);
    expect(lastYear.reportDue).toBe(true);
    const due = (await get('/api/floating-members?direction=out&due=unreported', streetA)).json();
    expect(due.items.map((f: { id: number }) => f.id)).toEqual([lastYear.id]);
    const listed = (await get('/api/floating-members?direction=out', streetA)).json();
    const flags = Object.fromEntries(listed.items.map((f: { id: number; reportDue: boolean }) => [f.id, f.reportDue]));
    expect(flags).toEqual({ [today.id]: false, [newYear.id]: false, [lastYear.id]: true });
    // The workbench's reminder counts the same records.
    const workbench = (await get('/api/workbench', streetA)).json() as {
      sources: { name: string; total: number; items: { key: string }[] }[];
    };
    const source = workbench.sources.find((s) => s.name === 'floating.unreported');
    expect(source?.items.map((i) => i.key)).toEqual([`floating.unreported:${lastYear.id}`]);
    for (const f of [today, newYear, lastYear]) {
      expect((await post(`/api/floating-members/${f.id}/end`, streetA, { endedOn: chinaToday() })).statusCode).toBe(
        200,
      );
    }
  });

  it('registers an inflow into one of our organisations only', async () => {
    const payload = {
      direction: 'in',
      orgId: city.communityA.id,
      name: '流入者',
      place: '甘肃省兰州市',
      since: daysAgo(30),
    };
    const res = await post('/api/floating-members', streetA, payload);
    expect(res.statusCode, res.body).toBe(201);
    expect((await post('/api/floating-members', streetA, { ...payload, orgId: city.communityB.id })).statusCode).toBe(
      404,
    );
    expect((await post('/api/floating-members', streetA, { ...payload, phone: '123' })).statusCode).toBe(400);
    expect((await get('/api/floating-members?direction=in', streetA)).json().items).toHaveLength(1);
  });
});

describe('in-service registration (双报到)', () => {
  it('a member registers themselves; the community and the unit each see it', async () => {
    const member = await buildMember(api.db, city.branchB.id);
    await audited(api.db, SYSTEM_AUDIT, 'test.in_service' as AuditAction, (tx) =>
      tx.execute(sql`update members set category = 'in_service' where id = ${member.id}`),
    );
    const account = await buildAccount(api.db, { orgId: city.branchB.id, role: 'member', memberId: member.id });
    const me = await api.login(account.username);
    const found = (await get(`/api/in-service/communities?q=${encodeURIComponent('甲社区')}`, me)).json();
    expect(found.items).toEqual([{ id: city.communityA.id, name: '甲社区党委' }]);
    expect((await post('/api/in-service/self', me, { communityId: city.branchA.id })).statusCode).toBe(400);
    const res = await post('/api/in-service/self', me, {
      communityId: city.communityA.id,
      residence: '3号楼',
      wishes: '义诊',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ communityName: '甲社区党委', unitOrgName: '乙社区第一党支部', serviceHours: 0 });
    expect((await post('/api/in-service/self', me, { communityId: city.communityA.id })).statusCode).toBe(409);
    expect((await get('/api/in-service/mine', me)).json().registration).toMatchObject({
      communityId: city.communityA.id,
    });

    const community = (await get('/api/in-service?view=community', streetA)).json();
    expect(community.items).toEqual([expect.objectContaining({ memberId: member.id, residence: '3号楼' })]);
    const unit = (await get('/api/in-service?view=unit', streetB)).json();
    expect(unit.items).toEqual([expect.objectContaining({ memberId: member.id, communityName: '甲社区党委' })]);
    expect((await get('/api/in-service?view=unit', streetA)).json().items).toHaveLength(0);
    // 服务时长: the confirmed volunteer hours since the registration, from the records (nothing typed, nothing kept).
    await audited(api.db, SYSTEM_AUDIT, 'test.in_service' as AuditAction, (tx) =>
      tx.execute(sql`insert into volunteer_records (org_id, member_id, source, served_on, hours, status, content)
        values (${city.communityA.id}, ${member.id}, 'self', ${chinaToday()}, 2.5, 'confirmed', '义诊'),
               (${city.communityA.id}, ${member.id}, 'self', ${chinaToday()}, 4, 'pending', '巡逻'),
               (${city.communityA.id}, ${member.id}, 'self', ${daysAgo(1)}, 3, 'confirmed', '报到前')`),
    );
    expect((await get('/api/in-service?view=community', streetA)).json().items).toEqual([
      expect.objectContaining({ memberId: member.id, serviceHours: 2.5 }),
    ]);
    const audit = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where entity = 'in_service_registration'`,
    );
    expect(audit.map((a) => a.action)).toEqual(['in_service.register_self']);
  });

  it('staff register by ID number from the community side; an account without a member profile gets 409', async () => {
    const member = await buildMember(api.db, city.branchB.id);
    const res = await post('/api/in-service', streetA, { idNumber: member.idNumber, communityId: city.communityA.id });
    expect(res.statusCode, res.body).toBe(201);
    // Neither the member nor the community in scope: 404.
    const other = await buildMember(api.db, city.branchB.id);
    expect(
      (await post('/api/in-service', streetA, { memberId: other.id, communityId: city.communityB.id })).statusCode,
    ).toBe(404);
    // The community in scope does not open a member outside it by id (ids are sequential): 404, nothing registered.
    const byId = await post('/api/in-service', streetA, { memberId: other.id, communityId: city.communityA.id });
    expect(byId.statusCode, byId.body).toBe(404);
    expect(byId.body).not.toContain(other.name);
    const self = await post('/api/in-service', streetB, { memberId: other.id, communityId: city.communityB.id });
    expect(self.statusCode, self.body).toBe(201);
    expect((await post('/api/in-service', streetA, { communityId: city.communityA.id })).statusCode).toBe(400);
    expect((await post('/api/in-service/self', streetA, { communityId: city.communityA.id })).statusCode).toBe(409);
    const ended = await post(`/api/in-service/${res.json().id}/end`, streetB, { endedOn: daysAgo(0) });
    expect(ended.json().endedOn).not.toBeNull();
  });
});

describe('exports of the community lists', () => {
  it('stream .xlsx files with masked numbers and audit the filter and count', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    await post('/api/floating-members', streetA, {
      direction: 'out',
      memberId: member.id,
      place: '上海',
      since: daysAgo(10),
    });
    await post('/api/in-service', streetA, { memberId: member.id, communityId: city.communityA.id });
    for (const [url, action] of [
      ['/api/floating-members/export?direction=out', 'floating_member.export'],
      ['/api/in-service/export?view=community', 'in_service.export'],
    ] as const) {
      const res = await get(url, streetA);
      expect(res.statusCode, res.body).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const text = JSON.stringify(workbook.worksheets[0]?.getSheetValues());
      expect(text).not.toContain(member.idNumber);
      expect(text).not.toContain('13800138000');
      const [event] = await queryRows<{ after: { rows: number } }>(
        api.db,
        sql`select after from audit_logs where action = ${action} order by id desc limit 1`,
      );
      expect(event?.after.rows).toBeGreaterThanOrEqual(1);
    }
    expect((await get(`/api/in-service/export?view=community&orgId=${city.communityB.id}`, streetA)).statusCode).toBe(
      404,
    );
  });
});

describe('the category and the registers say the same (issue 22)', () => {
  const categoryOf = async (id: number) =>
    (await queryRows<{ category: string }>(api.db, sql`select category from members where id = ${id}`))[0]?.category;
  const figure = async (orgId: number, metric: string) =>
    (
      await queryRows<{ n: number }>(
        api.db,
        sql`select coalesce((select n::int from org_figures where org_id = ${orgId} and metric = ${metric}), 0) as n`,
      )
    )[0]?.n ?? 0;
  const setCategory = (id: number, category: string) =>
    audited(api.db, SYSTEM_AUDIT, 'test.category' as AuditAction, (tx) =>
      tx.execute(sql`update members set category = ${category} where id = ${id}`),
    );

  it('registering an outflow makes the member 流动党员 and ending it restores the category before, counted and audited', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    await setCategory(member.id, 'retired');
    const before = {
      floating: await figure(city.streetA.id, 'category:floating'),
      retired: await figure(city.streetA.id, 'category:retired'),
    };
    const res = await post('/api/floating-members', streetA, {
      direction: 'out',
      memberId: member.id,
      place: '江苏省苏州市',
      since: daysAgo(30),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await categoryOf(member.id)).toBe('floating');
    expect(await figure(city.streetA.id, 'category:floating')).toBe(before.floating + 1);
    expect(await figure(city.streetA.id, 'category:retired')).toBe(before.retired - 1);
    await expectCountersTrue(api.db);
    // The category's change is in the outflow's own audit entry (one transaction, one action).
    const [entry] = await queryRows<{ action: string; before: { category: string }; after: { category: string } }>(
      api.db,
      sql`select action, before, after from audit_logs where entity = 'member' and entity_id = ${String(member.id)}
           order by id desc limit 1`,
    );
    expect(entry).toMatchObject({
      action: 'floating_member.outflow',
      before: { category: 'retired' },
      after: { category: 'floating' },
    });
    const ended = await post(`/api/floating-members/${res.json().id}/end`, streetA, { endedOn: chinaToday() });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await categoryOf(member.id)).toBe('retired');
    expect(await figure(city.streetA.id, 'category:floating')).toBe(before.floating);
    expect(await figure(city.streetA.id, 'category:retired')).toBe(before.retired);
    await expectCountersTrue(api.db);
  });

  it('lists 流动党员 with no open outflow as 流向未登记 until where they went is registered', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '流向测试支部' });
    const away = await buildMember(api.db, branch.id);
    const home = await buildMember(api.db, branch.id);
    await setCategory(away.id, 'floating');
    expect((await get(`/api/floating-members/unregistered?orgId=${branch.id}`)).statusCode).toBe(401);
    const listed = await get(`/api/floating-members/unregistered?orgId=${branch.id}`, streetA);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({
      total: 1,
      items: [{ memberId: away.id, name: away.name, orgId: branch.id }],
    });
    expect(listed.json().items[0].phone).toMatch(/\*/);
    expect(JSON.stringify(listed.json())).not.toContain(home.name);
    expect((await get(`/api/floating-members/unregistered?orgId=${branch.id}`, streetB)).statusCode).toBe(404);
    const res = await post('/api/floating-members', streetA, {
      direction: 'out',
      memberId: away.id,
      place: '浙江省杭州市',
      since: daysAgo(10),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await get(`/api/floating-members/unregistered?orgId=${branch.id}`, streetA)).json().total).toBe(0);
    // Already 流动党员 before: nothing to restore, so they come back as 居民党员.
    await post(`/api/floating-members/${res.json().id}/end`, streetA, { endedOn: chinaToday() });
    expect(await categoryOf(away.id)).toBe('resident');
    await expectCountersTrue(api.db);
  });

  it('lists 在职党员 who have not registered with a community as 未报到', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '报到测试支部' });
    const worker = await buildMember(api.db, branch.id);
    await setCategory(worker.id, 'in_service');
    const listed = await get(`/api/in-service/unregistered?orgId=${branch.id}`, streetA);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ total: 1, items: [{ memberId: worker.id, orgName: '报到测试支部' }] });
    expect((await get(`/api/in-service/unregistered?orgId=${branch.id}`, streetB)).statusCode).toBe(404);
    const registered = await post('/api/in-service', streetA, { memberId: worker.id, communityId: city.communityA.id });
    expect(registered.statusCode, registered.body).toBe(201);
    expect((await get(`/api/in-service/unregistered?orgId=${branch.id}`, streetA)).json().total).toBe(0);
  });
});
