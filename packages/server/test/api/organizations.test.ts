import { idNumberCheckChar } from '@gongjian/shared';
import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember, buildNewOrg, buildOrg, buildTeamPost } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let admin: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  await buildMember(api.db, city.branchA.id);
  await buildMember(api.db, city.branchA.id);
  await buildMember(api.db, city.communityA.id);
  streetA = await api.login(city.streetAUser.username);
  admin = await api.login(city.admin.username);
});

const { get, send } = api;
const pathOf = async (id: number) =>
  (await queryRows<{ path: string }>(api.db, sql`select path::text as path from organizations where id = ${id}`))[0]
    ?.path;

describe('GET /api/organizations', () => {
  it('without parentId answers the account’s own organisation, with subtree counts', async () => {
    const res = await get('/api/organizations', streetA);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: city.streetA.id, name: '甲街道党工委', childCount: 1, memberCount: 3 }),
    ]);
  });

  it('lists children with their counts', async () => {
    const res = await get(`/api/organizations?parentId=${city.communityA.id}`, streetA);
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: city.branchA.id, type: 'branch', childCount: 0, memberCount: 2 }),
    ]);
  });

  it('answers 404 for an organisation outside the scope, and 400 for a malformed id', async () => {
    expect((await get(`/api/organizations/${city.streetB.id}`, streetA)).statusCode).toBe(404);
    expect((await get(`/api/organizations/${city.district.id}`, streetA)).statusCode).toBe(404);
    // Children of an outside organisation: the parent does not exist for this account.
    expect((await get(`/api/organizations?parentId=${city.streetB.id}`, streetA)).statusCode).toBe(404);
    expect((await get('/api/organizations?parentId=999999', streetA)).statusCode).toBe(404);
    const bad = await get('/api/organizations/abc', streetA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('ID：');
    expect((await get('/api/organizations/99999999999999999999', streetA)).statusCode).toBe(400);
  });

  it('detail lists the ancestors inside the scope only', async () => {
    const res = await get(`/api/organizations/${city.branchA.id}`, streetA);
    expect(res.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['甲街道党工委', '甲社区党委']);
  });
});

describe('POST /api/organizations', () => {
  it('creates a child and writes an audit row in the same transaction', async () => {
    const res = await send('POST', '/api/organizations', streetA, {
      parentId: city.communityA.id,
      name: '  甲社区第二党支部 ',
      type: 'branch',
      code: 'T-0002',
      foundedOn: '2020-07-01',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: '甲社区第二党支部',
      type: 'branch',
      sector: 'regional',
      foundedOn: '2020-07-01',
    });
    expect(await pathOf(created.id)).toBe(`${await pathOf(city.communityA.id)}.${created.id}`);
    const audit = await queryRows<{ action: string; actor_name: string; after: { name: string } }>(
      api.db,
      sql`select action, actor_name, after from audit_logs where entity = 'organization' and entity_id = ${String(created.id)}`,
    );
    expect(audit).toEqual([
      {
        action: 'organization.create',
        actor_name: city.streetAUser.username,
        after: expect.objectContaining({ name: '甲社区第二党支部' }),
      },
    ]);
  });

  it('rejects bad input with a Chinese message naming the field', async () => {
    const cases: [object, string, string][] = [
      [{ parentId: city.communityA.id, type: 'branch' }, '名称：不能为空', 'name'],
      [{ parentId: city.communityA.id, name: ' ', type: 'branch' }, '名称：不能为空', 'name'],
      [{ parentId: city.communityA.id, name: 'x', type: 'nonsense' }, '组织类型：不是有效的组织类型', 'type'],
      [
        { parentId: city.communityA.id, name: 'x', type: 'street_committee' },
        '组织类型：社区党委下不能设立街道党工委',
        'type',
      ],
      [
        { parentId: city.communityA.id, name: 'x', type: 'branch', foundedOn: '2020-02-30' },
        '成立日期：不是有效日期',
        'foundedOn',
      ],
      [{ parentId: 'x', name: 'x', type: 'branch' }, '上级组织：应为数字', 'parentId'],
    ];
    for (const [payload, message, field] of cases) {
      const res = await send('POST', '/api/organizations', streetA, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toEqual({ code: 'VALIDATION', message, field });
    }
  });

  it('answers 404 for a parent outside the scope and 409 for a code in use', async () => {
    const outside = await send('POST', '/api/organizations', streetA, {
      parentId: city.communityB.id,
      name: 'x',
      type: 'branch',
    });
    expect(outside.statusCode).toBe(404);
    const dup = await send('POST', '/api/organizations', streetA, {
      parentId: city.communityA.id,
      name: 'y',
      type: 'branch',
      code: 'T-0002',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('T-0002');
  });

  it('is forbidden to roles without org.write', async () => {
    const branch = await api.login(city.branchAUser.username);
    const res = await send('POST', '/api/organizations', branch, {
      parentId: city.branchA.id,
      name: '小组',
      type: 'group',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('PATCH /api/organizations/:id', () => {
  it('edits the profile', async () => {
    const res = await send('PATCH', `/api/organizations/${city.communityA.id}`, streetA, {
      name: '甲社区大党委',
      type: 'big_community_committee',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '甲社区大党委', type: 'big_community_committee' });
    const [audit] = await queryRows<{ before: { name: string }; after: { name: string } }>(
      api.db,
      sql`select before, after from audit_logs where action = 'organization.update' and entity_id = ${String(city.communityA.id)}`,
    );
    expect(audit?.before.name).toBe('甲社区党委');
    expect(audit?.after.name).toBe('甲社区大党委');
  });

  it('refuses an edit from a form opened before someone else saved; member counts changing is not an edit', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '甲社区编辑党支部' });
    const url = `/api/organizations/${branch.id}`;
    const opened = (await get(url, streetA)).json();
    // A member joining the branch changes its counts, not its profile: the open form may still save.
    await buildMember(api.db, branch.id);
    const first = await send('PATCH', url, streetA, { address: '和平路2号', updatedAt: opened.updatedAt });
    expect(first.statusCode, first.body).toBe(200);
    // A second form opened at the same time as the first now holds an old version.
    const stale = await send('PATCH', url, admin, { name: '改名党支部', updatedAt: opened.updatedAt });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe(`${opened.name}在您打开编辑后已被他人修改，为免覆盖其修改，请刷新后重新编辑`);
    expect((await get(url, streetA)).json()).toMatchObject({ name: opened.name, address: '和平路2号' });
  });

  it('refuses a type its children or its parent do not allow', async () => {
    const res = await send('PATCH', `/api/organizations/${city.communityA.id}`, streetA, { type: 'group' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该组织下有党支部，不能改为党小组');
    const parent = await send('PATCH', `/api/organizations/${city.branchA.id}`, admin, { type: 'street_committee' });
    expect(parent.statusCode).toBe(400);
    expect(parent.json().message).toBe('组织类型：社区大党委下不能设立街道党工委');
  });

  it('moves a whole subtree and keeps every path right', async () => {
    const community = await buildOrg(api.db, { parentId: city.streetA.id, type: 'community_committee' });
    const branch = await buildOrg(api.db, { parentId: community.id, type: 'branch' });
    const group = await buildOrg(api.db, { parentId: branch.id, type: 'group' });
    const res = await send('PATCH', `/api/organizations/${community.id}`, admin, { parentId: city.streetB.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().parentId).toBe(city.streetB.id);
    const streetBPath = await pathOf(city.streetB.id);
    expect(await pathOf(community.id)).toBe(`${streetBPath}.${community.id}`);
    expect(await pathOf(branch.id)).toBe(`${streetBPath}.${community.id}.${branch.id}`);
    expect(await pathOf(group.id)).toBe(`${streetBPath}.${community.id}.${branch.id}.${group.id}`);
    // The moved subtree left street A's scope: its account no longer sees it.
    expect((await get(`/api/organizations/${group.id}`, streetA)).statusCode).toBe(404);
    const moves = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'organization.move'`,
    );
    expect(moves[0]?.n).toBeGreaterThanOrEqual(3);
  });

  it('refuses a move under itself or its own descendant, outside the scope, or of the account’s own root', async () => {
    const community = await buildOrg(api.db, { parentId: city.streetA.id, type: 'community_committee' });
    const branch = await buildOrg(api.db, { parentId: community.id, type: 'general_branch' });
    const under = await send('PATCH', `/api/organizations/${community.id}`, streetA, { parentId: branch.id });
    expect(under.statusCode).toBe(400);
    expect(under.json().message).toBe('上级组织：不能移动到自身或其下级组织之下');
    expect(
      (await send('PATCH', `/api/organizations/${community.id}`, streetA, { parentId: community.id })).statusCode,
    ).toBe(400);
    expect(
      (await send('PATCH', `/api/organizations/${community.id}`, streetA, { parentId: city.streetB.id })).statusCode,
    ).toBe(404);
    expect(
      (await send('PATCH', `/api/organizations/${city.streetA.id}`, streetA, { parentId: city.communityA.id }))
        .statusCode,
    ).toBe(403);
    expect(await pathOf(community.id)).toBe(`${await pathOf(city.streetA.id)}.${community.id}`);
  });
});

describe('DELETE /api/organizations/:id', () => {
  it('refuses while children or members remain, with the reason', async () => {
    const withChildren = await send('DELETE', `/api/organizations/${city.communityA.id}`, streetA);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().message).toMatch(/下级组织/);
    const leaf = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    await buildMember(api.db, leaf.id);
    const withMembers = await send('DELETE', `/api/organizations/${leaf.id}`, streetA);
    expect(withMembers.statusCode).toBe(409);
    expect(withMembers.json().message).toBe('该组织还有1名党员，请先转出');
  });

  it('deletes an empty organisation, audited; 404 outside the scope', async () => {
    const leaf = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const outside = await buildOrg(api.db, { parentId: city.communityB.id, type: 'branch' });
    expect((await send('DELETE', `/api/organizations/${outside.id}`, streetA)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/organizations/${leaf.id}`, streetA)).statusCode).toBe(204);
    expect((await get(`/api/organizations/${leaf.id}`, streetA)).statusCode).toBe(404);
    const [audit] = await queryRows<{ action: string; before: object; after: object | null }>(
      api.db,
      sql`select action, before, after from audit_logs where entity_id = ${String(leaf.id)} and action = 'organization.delete'`,
    );
    expect(audit).toMatchObject({ action: 'organization.delete', after: null });
  });

  it('refuses, saying why, an organisation whose members moved away or left: their records name it', async () => {
    const profile = (name: string, orgId: number, seq: number) => {
      const first17 = `62030219700101${String(seq).padStart(2, '0')}1`;
      return {
        name,
        gender: 'male',
        idNumber: first17 + idNumberCheckChar(first17),
        status: 'full',
        fullMemberOn: '1995-07-01',
        category: 'resident',
        orgId,
      };
    };
    // Two branches merged: the members of the first moved to the second, which is then empty.
    const merged = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const created = await send('POST', '/api/members', streetA, profile('合并走', merged.id, 71));
    expect(created.statusCode, created.body).toBe(201);
    const kept = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const moved = await send('PATCH', `/api/members/${created.json().id}`, streetA, { orgId: kept.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const refused = await send('DELETE', `/api/organizations/${merged.id}`, streetA);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().message).toBe('该组织有1名党员的组织关系历史记录，删除会使记录失去所属组织；请保留该组织');
    expect((await get(`/api/organizations/${merged.id}`, streetA)).statusCode).toBe(200);

    // A branch whose only member left the platform (transferred out of the city): no one on its roster.
    const emptied = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const gone = await buildMember(api.db, emptied.id);
    await audited(api.db, SYSTEM_AUDIT, 'test.leave' as AuditAction, (tx) =>
      tx.execute(sql`update members set left_on = '2026-01-01', left_reason = '转出' where id = ${gone.id}`),
    );
    const stillRefused = await send('DELETE', `/api/organizations/${emptied.id}`, streetA);
    expect(stillRefused.json().message).toBe(
      '该组织有1名党员的组织关系历史记录，删除会使记录失去所属组织；请保留该组织',
    );
  });

  it('refuses to delete the account’s own organisation', async () => {
    expect((await send('DELETE', `/api/organizations/${city.streetA.id}`, streetA)).statusCode).toBe(409);
  });
});

describe('organisation profile (issue 3)', () => {
  it('records address, unit, management mode and term; counts come from the member records', async () => {
    const res = await send('PATCH', `/api/organizations/${city.branchA.id}`, streetA, {
      address: '和平路1号',
      unitName: '甲社区居委会',
      managementMode: 'dual',
      termStartedOn: '2024-03-01',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      address: '和平路1号',
      unitName: '甲社区居委会',
      managementMode: 'dual',
      termStartedOn: '2024-03-01',
      termEndsOn: '2027-03-01',
      fullMembers: 2,
      directFullMembers: 2,
      probationaryMembers: 0,
    });
    const bad = await send('PATCH', `/api/organizations/${city.branchA.id}`, streetA, { managementMode: 'remote' });
    expect(bad.json()).toEqual({
      code: 'VALIDATION',
      message: '管理方式：不是有效的管理方式',
      field: 'managementMode',
    });
  });

  it('deleting an organisation ends its team posts and uncovers the units it covered, all audited', async () => {
    const joint = await buildOrg(api.db, { parentId: city.communityA.id, type: 'joint_branch' });
    const unit = await buildNewOrg(api.db, { orgId: city.communityA.id, jointBranchId: joint.id, partyMembers: 3 });
    await buildTeamPost(api.db, { orgId: joint.id, position: 'secretary' });
    expect((await send('DELETE', `/api/organizations/${joint.id}`, streetA)).statusCode).toBe(204);
    const [row] = await queryRows<{ joint_branch_id: number | null }>(
      api.db,
      sql`select joint_branch_id from new_organizations where id = ${unit.id}`,
    );
    expect(row?.joint_branch_id).toBeNull();
    const actions = await queryRows<{ entity: string }>(
      api.db,
      sql`select distinct entity from audit_logs where action = 'organization.delete' and at > now() - interval '1 minute'`,
    );
    expect(actions.map((a) => a.entity).sort()).toEqual(['new_organization', 'organization', 'team_post']);
    // A community that holds registered new organisations is not deleted from under them.
    const holder = await buildOrg(api.db, { parentId: city.streetA.id, type: 'community_committee' });
    await buildNewOrg(api.db, { orgId: holder.id });
    expect((await send('DELETE', `/api/organizations/${holder.id}`, streetA)).statusCode).toBe(409);
  });
});

describe('GET /api/organizations/export', () => {
  it('exports the subtree as a register, parents before children, with secretaries and counts, on record', async () => {
    await buildTeamPost(api.db, { orgId: city.communityA.id, position: 'secretary', personName: '名册书记' });
    await buildMember(api.db, city.branchA.id);
    const res = await get('/api/organizations/export', streetA);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('党组织名册'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (book.worksheets[0] as ExcelJS.Worksheet).getSheetValues().slice(1) as unknown[][];
    expect(rows[0]?.slice(1, 9)).toEqual([
      '党组织名称',
      '组织类型',
      '组织类别',
      '上级党组织',
      '组织编码',
      '成立日期',
      '书记',
      '党员（含下级）',
    ]);
    const names = rows.slice(1).map((r) => String(r[1]));
    // The street first, its communities indented under it, and nothing of street B.
    expect(names[0]).toBe(city.streetA.name);
    const [{ name: communityName }] = (await queryRows<{ name: string }>(
      api.db,
      sql`select name from organizations where id = ${city.communityA.id}`,
    )) as [{ name: string }];
    const community = names.findIndex((n) => n.trim() === communityName);
    expect(names[community]).toMatch(/^\u3000[^\u3000]/);
    const communityRow = rows[community + 1] as unknown[];
    expect(communityRow[7]).toBe('名册书记');
    const [street] = await queryRows<{ n: number }>(
      api.db,
      sql`select (full_members + probationary_members)::int as n from organizations where id = ${city.streetA.id}`,
    );
    expect(rows[1]?.[8]).toBe(street?.n);
    expect(names.some((n) => n.includes(city.streetB.name as string))).toBe(false);
    const [event] = await queryRows<{ actor_name: string }>(
      api.db,
      sql`select actor_name from audit_logs where action = 'organization.export' order by id desc limit 1`,
    );
    expect(event?.actor_name).toBe(city.streetAUser.username);
    // One community only; another street's is not there.
    const one = await get(`/api/organizations/export?orgId=${city.communityA.id}`, streetA);
    expect(one.statusCode).toBe(200);
    expect((await get(`/api/organizations/export?orgId=${city.communityB.id}`, streetA)).statusCode).toBe(404);
    expect((await get('/api/organizations/export?orgId=abc', streetA)).statusCode).toBe(400);
  });
});

describe('GET /api/organizations/search (the picker, issue 22)', () => {
  it('finds organisations of the scope by part of the name or by pinyin initials, with their ancestors', async () => {
    expect((await get('/api/organizations/search?q=sq')).statusCode).toBe(401);
    const byName = await get(`/api/organizations/search?q=${encodeURIComponent('第一党支部')}`, streetA);
    expect(byName.statusCode, byName.body).toBe(200);
    const found = byName.json().items.find((o: { id: number }) => o.id === city.branchA.id);
    expect(found).toMatchObject({
      name: '甲社区第一党支部',
      type: 'branch',
      ancestors: [
        { id: city.streetA.id, name: '甲街道党工委' },
        { id: city.communityA.id, name: expect.stringMatching(/^甲社区/) },
      ],
    });
    // Street B's namesake is not in street A's scope.
    expect(JSON.stringify(byName.json())).not.toContain('乙社区');
    // 甲社区（大）党委 → jsq(d)dw: the start, a word inside, in either case.
    for (const q of ['jsqd', 'sqd', 'JSQ']) {
      const res = await get(`/api/organizations/search?q=${q}`, streetA);
      expect(res.statusCode, q).toBe(200);
      expect(
        res.json().items.map((o: { id: number }) => o.id),
        q,
      ).toContain(city.communityA.id);
      expect(JSON.stringify(res.json()), q).not.toContain('乙');
    }
    expect((await get('/api/organizations/search?q=', streetA)).json()).toMatchObject({ field: 'q' });
  });
});
