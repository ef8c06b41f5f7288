import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';
import { useApi } from '../helpers/api.js';
import { expectCountersTrue } from '../helpers/counters.js';
import { buildCity, buildMember, buildNewOrg, buildOrg, nextUscc } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;
let joint: { id: number };
let small1: { id: number; name: string };
let small2: { id: number; name: string };
beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
  joint = await buildOrg(api.db, { parentId: city.communityA.id, type: 'joint_branch' });
  // Community A: one with its own org, one in a joint branch, one with an instructor, and four blank spots.
  await buildNewOrg(api.db, { orgId: city.communityA.id, ownOrgId: city.branchA.id, partyMembers: 5 });
  await buildNewOrg(api.db, { orgId: city.communityA.id, jointBranchId: joint.id, partyMembers: 1 });
  await buildNewOrg(api.db, { orgId: city.communityA.id, instructorName: '周指导员' });
  await buildNewOrg(api.db, { orgId: city.communityA.id, name: '甲大企业', partyMembers: 4 });
  small1 = await buildNewOrg(api.db, { orgId: city.communityA.id, name: '甲小饭馆', partyMembers: 2 });
  small2 = await buildNewOrg(api.db, { orgId: city.communityA.id, name: '甲小面馆', partyMembers: 1 });
  await buildNewOrg(api.db, { orgId: city.communityA.id, name: '甲空壳公司', industry: '物流' });
  await buildNewOrg(api.db, { orgId: city.communityB.id, name: '乙企业', partyMembers: 2 });
});

const { get, send } = api;

const valid = () => ({
  orgId: city.communityA.id,
  name: '云岭新科技有限公司',
  uscc: nextUscc(),
  kind: 'enterprise',
  industry: '软件',
  employees: 40,
  partyMembers: 2,
});

describe('new organisations registry', () => {
  it('answers 401 without a session', async () => {
    expect((await get('/api/new-orgs')).statusCode).toBe(401);
    expect((await send('POST', '/api/new-orgs', undefined, valid())).statusCode).toBe(401);
    expect((await get('/api/coverage')).statusCode).toBe(401);
  });

  it('rejects a wrong 统一社会信用代码 and other bad input, naming the field', async () => {
    const cases: [object, string, string][] = [
      [{ ...valid(), uscc: '91350100M000100Y44' }, '统一社会信用代码：校验码不正确', 'uscc'],
      [{ ...valid(), uscc: '123' }, '统一社会信用代码：应为18位', 'uscc'],
      [{ ...valid(), name: '' }, '名称：不能为空', 'name'],
      [{ ...valid(), kind: 'bank' }, '组织类别：不是有效的组织类别', 'kind'],
      [{ ...valid(), partyMembers: -1 }, '党员人数：不能为负数', 'partyMembers'],
      [{ ...valid(), instructorPhone: '123' }, '指导员电话：应为11位手机号码', 'instructorPhone'],
      [{ ...valid(), orgId: city.branchA.id }, '所属组织：两新组织应登记在所在的社区或街道', 'orgId'],
      [{ ...valid(), jointBranchId: city.branchA.id }, '所属联合党支部：应为联合党支部', 'jointBranchId'],
    ];
    for (const [payload, message, field] of cases) {
      const res = await send('POST', '/api/new-orgs', streetA, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toEqual({ code: 'VALIDATION', message, field });
    }
    const list = await get('/api/new-orgs?status=none', streetA);
    expect(list.statusCode).toBe(400);
  });

  it('answers 404 for a community outside the scope and 409 for a code already registered', async () => {
    expect((await send('POST', '/api/new-orgs', streetA, { ...valid(), orgId: city.communityB.id })).statusCode).toBe(
      404,
    );
    const first = valid();
    expect((await send('POST', '/api/new-orgs', streetA, first)).statusCode).toBe(201);
    const dup = await send('POST', '/api/new-orgs', streetA, { ...valid(), uscc: first.uscc.toLowerCase() });
    expect(dup.statusCode).toBe(409);
  });

  it('registers, edits and deletes, with audit rows', async () => {
    const created = await send('POST', '/api/new-orgs', streetA, { ...valid(), name: '登记测试公司' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '登记测试公司', status: 'blank', org: { id: city.communityA.id } });
    const id = created.json().id;
    const opened = created.json();
    const patched = await send('PATCH', `/api/new-orgs/${id}`, streetA, {
      instructorName: '钱指导员',
      updatedAt: opened.updatedAt,
    });
    expect(patched.json()).toMatchObject({ status: 'instructor', instructorName: '钱指导员' });
    // A form opened before that save would undo it: refused.
    const stale = await send('PATCH', `/api/new-orgs/${id}`, streetA, {
      instructorName: null,
      updatedAt: opened.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('在您打开编辑后已被他人修改');
    expect((await send('DELETE', `/api/new-orgs/${id}`, streetA)).statusCode).toBe(204);
    const audit = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where entity = 'new_organization' and entity_id = ${String(id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'new_organization.create',
      'new_organization.update',
      'new_organization.delete',
    ]);
  });

  it('lists and filters inside the scope, and exports', async () => {
    const blank = await get(`/api/new-orgs?status=blank&orgId=${city.streetA.id}`, streetA);
    expect(blank.json().items.map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining(['甲大企业', '甲小饭馆', '甲小面馆', '甲空壳公司']),
    );
    expect(blank.body).not.toContain('乙企业');
    expect((await get(`/api/new-orgs?orgId=${city.communityB.id}`, streetA)).statusCode).toBe(404);
    const file = await get('/api/new-orgs/export?status=blank', streetA);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const [event] = await queryRows<{ after: { rows: number; filter: { status: string } } }>(
      api.db,
      sql`select after from audit_logs where action = 'new_organization.export'`,
    );
    expect(event?.after).toMatchObject({ filter: { status: 'blank' } });
  });
});

describe('coverage', () => {
  it('answers 404 outside the scope', async () => {
    expect((await get(`/api/coverage?orgId=${city.streetB.id}`, streetA)).statusCode).toBe(404);
  });

  it('counts coverage, finds blank spots and proposes remedies; one click creates the joint branch', async () => {
    const before = (await get('/api/coverage', streetA)).json();
    expect(before.org.id).toBe(city.streetA.id);
    // 8 in all: the seven above and the one registered by the conflict test (2 members, 软件, blank).
    expect(before.counts).toMatchObject({ own_org: 1, joint_branch: 1, instructor: 1, blank: 5, total: 8 });
    expect(before.counts.orgRate).toBe(25);
    expect(before.byChild).toEqual([expect.objectContaining({ org: { id: city.communityA.id, name: '甲社区党委' } })]);
    const remedy = (name: string) => before.blanks.find((b: { name: string }) => b.name === name).remedy;
    expect(remedy('甲大企业').kind).toBe('own_branch');
    expect(remedy('甲空壳公司').kind).toBe('instructor');
    expect(remedy('甲小饭馆')).toMatchObject({
      kind: 'joint_branch',
      partners: [
        { id: small1.id, name: '甲小饭馆' },
        { id: small2.id, name: '甲小面馆' },
      ],
    });

    const outside = await send('POST', '/api/coverage/joint-branches', streetA, { newOrgIds: [small1.id, 999999] });
    expect(outside.statusCode).toBe(404);
    const tooFew = await send('POST', '/api/coverage/joint-branches', streetA, { newOrgIds: [small1.id] });
    expect(tooFew.json()).toEqual({
      code: 'VALIDATION',
      message: '两新组织：联合党支部至少覆盖2个单位',
      field: 'newOrgIds',
    });

    const created = await send('POST', '/api/coverage/joint-branches', streetA, { newOrgIds: [small2.id, small1.id] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: '甲社区餐饮行业联合党支部',
      parentId: city.communityA.id,
      newOrgIds: [small1.id, small2.id],
    });
    const branch = (await get(`/api/organizations/${created.json().id}`, streetA)).json();
    expect(branch).toMatchObject({
      type: 'joint_branch',
      coveredUnits: [
        { id: small1.id, name: '甲小饭馆' },
        { id: small2.id, name: '甲小面馆' },
      ],
    });
    const again = await send('POST', '/api/coverage/joint-branches', streetA, { newOrgIds: [small1.id, small2.id] });
    expect(again.statusCode).toBe(409);

    const after = (await get('/api/coverage', streetA)).json();
    expect(after.counts).toMatchObject({ joint_branch: 3, blank: 3, orgRate: 50 });
    const audit = await queryRows<{ entity: string }>(
      api.db,
      sql`select entity from audit_logs where action = 'coverage.create_joint_branch' order by id`,
    );
    expect(audit.map((a) => a.entity)).toEqual(['organization', 'new_organization', 'new_organization']);
  });
});

describe('the one-click joint branch, shown before it is made (issue 22)', () => {
  const setEmployer = (id: number, employer: string) =>
    audited(api.db, SYSTEM_AUDIT, 'test.employer' as AuditAction, (tx) =>
      tx.execute(sql`update members set employer = ${employer} where id = ${id}`),
    );

  it("previews the name, units and the units' members, then creates the branch and moves the chosen ones", async () => {
    const community = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'community_committee',
      name: '联建社区党委',
    });
    const shop = await buildNewOrg(api.db, {
      orgId: community.id,
      name: '联建小超市',
      industry: '零售',
      partyMembers: 2,
    });
    const bakery = await buildNewOrg(api.db, {
      orgId: community.id,
      name: '联建面包房',
      industry: '零售',
      partyMembers: 2,
    });
    const home = await buildOrg(api.db, { parentId: community.id, type: 'branch', name: '联建社区第一党支部' });
    const [a, b, c] = [
      await buildMember(api.db, home.id),
      await buildMember(api.db, home.id),
      await buildMember(api.db, home.id),
    ];
    await setEmployer(a.id, '联建小超市');
    await setEmployer(b.id, ' 联建面包房 ');
    const stranger = await buildMember(api.db, city.branchB.id);
    await setEmployer(stranger.id, '联建小超市');

    const url = `/api/coverage/joint-branches/preview?newOrgIds=${bakery.id},${shop.id}`;
    expect((await get(url)).statusCode).toBe(401);
    const preview = await get(url, streetA);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      name: '联建社区零售行业联合党支部',
      parent: { id: community.id, name: '联建社区党委' },
      units: [
        { id: shop.id, name: '联建小超市', partyMembers: 2 },
        { id: bakery.id, name: '联建面包房', partyMembers: 2 },
      ],
    });
    // Street B's member with the same employer is not offered: the preview reads the caller's scope only.
    expect(
      preview
        .json()
        .members.map((m: { id: number }) => m.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(preview.json().members[0].org).toEqual({ id: home.id, name: '联建社区第一党支部' });
    expect((await get(url, streetB)).statusCode).toBe(404);
    expect((await get('/api/coverage/joint-branches/preview?newOrgIds=x', streetA)).json().field).toBe('newOrgIds');

    // Only the units' members may be moved in: one of another unit is a 400, one of another street a 404.
    const body = (memberIds: number[]) => ({ newOrgIds: [shop.id, bakery.id], memberIds });
    const notTheirs = await send('POST', '/api/coverage/joint-branches', streetA, body([a.id, c.id]));
    expect(notTheirs.statusCode).toBe(400);
    expect(notTheirs.json()).toMatchObject({ field: 'memberIds' });
    const outside = await send('POST', '/api/coverage/joint-branches', streetA, body([a.id, stranger.id]));
    expect(outside.statusCode).toBe(404);

    const created = await send('POST', '/api/coverage/joint-branches', streetA, body([a.id]));
    expect(created.statusCode, created.body).toBe(201);
    const branchId = created.json().id as number;
    expect(created.json()).toMatchObject({ name: '联建社区零售行业联合党支部', memberIds: [a.id] });
    const moved = await queryRows<{ id: number; org_id: number }>(
      api.db,
      sql`select id::int, org_id::int from members where id in (${a.id}, ${b.id}) order by id`,
    );
    expect(Object.fromEntries(moved.map((m) => [m.id, m.org_id]))).toEqual({ [a.id]: branchId, [b.id]: home.id });
    const history = await queryRows<{ org_id: number; to_on: string | null; reason: string }>(
      api.db,
      sql`select org_id::int, to_on::text, reason from member_history where member_id = ${a.id} order by id`,
    );
    expect(history.at(-1)).toMatchObject({ org_id: branchId, to_on: null, reason: '组建联合党支部' });
    const audit = await queryRows<{ entity: string }>(
      api.db,
      sql`select entity from audit_logs where action = 'coverage.create_joint_branch' and entity = 'member'
           and entity_id = ${String(a.id)}`,
    );
    expect(audit.length).toBe(1);
    await expectCountersTrue(api.db);

    // The new branch has no secretary: the rules page says so at once.
    const rules = await get(`/api/org-rules?orgId=${community.id}`, streetA);
    expect(rules.statusCode, rules.body).toBe(200);
    expect(rules.json().items).toContainEqual(
      expect.objectContaining({ orgId: branchId, rule: 'secretary_missing', reason: '书记岗位空缺：应及时选配书记' }),
    );
  });
});
