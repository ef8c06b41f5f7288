import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildNewOrg, buildOrg, buildTeamPost, nextUscc } from '../helpers/factories.js';

/** The resident units' registry, the big committee and the liaison's own unit (issue 20 items 1, 2). */
const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let community: string;
let communityUser: Awaited<ReturnType<typeof buildAccount>>;
let admin: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  communityUser = await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' });
  community = await api.login(communityUser.username);
  admin = await api.login(city.admin.username);
});

const unitBody = (extra: object = {}) => ({
  orgId: city.communityA.id,
  name: '市第一中学',
  kind: 'school',
  relation: 'dual',
  ...extra,
});

describe('registry', () => {
  it('refuses the anonymous, other roles and bad input with the field named', async () => {
    expect((await api.get('/api/units')).statusCode).toBe(401);
    const member = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member' });
    expect((await api.get('/api/units', await api.login(member.username))).statusCode).toBe(403);

    const bad = await api.post('/api/units', community, unitBody({ uscc: '91350100M000100Y4X' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'uscc' });
    expect(bad.json().message).toMatch(/^统一社会信用代码：/);
    const kind = await api.post('/api/units', community, unitBody({ kind: 'castle' }));
    expect(kind.json()).toMatchObject({ field: 'kind', message: '单位类别：不是有效的单位类别' });
    const phone = await api.post('/api/units', community, unitBody({ contactPhone: '12345' }));
    expect(phone.json()).toMatchObject({ field: 'contactPhone' });
    const branch = await api.post('/api/units', admin, unitBody({ orgId: city.branchA.id }));
    expect(branch.statusCode).toBe(400);
    expect(branch.json().message).toContain('应登记在所在的社区或街道');
  });

  it('registers a unit with its contact masked, liaison and party organisation; uscc once', async () => {
    const liaison = await buildAccount(api.db, { orgId: city.branchA.id, role: 'unit_liaison' });
    const uscc = nextUscc();
    const res = await api.post(
      '/api/units',
      community,
      unitBody({
        name: '市人民医院',
        kind: 'hospital',
        uscc: uscc.toLowerCase(),
        contactName: '王主任',
        contactPhone: '13908711234',
        headcount: 1200,
        partyMembers: 300,
        partyOrgId: city.branchA.id,
        liaisonAccountId: liaison.id,
      }),
    );
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({
      name: '市人民医院',
      uscc,
      kind: 'hospital',
      relation: 'dual',
      newOrgId: null,
      partyOrg: { id: city.branchA.id },
      liaison: { id: liaison.id },
    });
    // community_committee holds member.sensitive: the phone in full; a street account sees it too.
    expect(unit.contactPhone).toBe('13908711234');
    const asLiaison = await api.login(liaison.username);
    const mine = await api.get('/api/units/mine', asLiaison);
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().items[0].contactPhone).toBe('139****1234');
    // The liaison reads its own unit on its page, never the registry.
    expect((await api.get(`/api/units/${unit.id}`, asLiaison)).statusCode).toBe(403);
    expect((await api.get('/api/units', asLiaison)).statusCode).toBe(403);
    expect((await api.get('/api/zones', asLiaison)).statusCode).toBe(403);

    const again = await api.post('/api/units', community, unitBody({ name: '另一家', uscc }));
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已登记为驻区单位');
    const notLiaison = await api.post(
      '/api/units',
      community,
      unitBody({ name: '某单位', liaisonAccountId: communityUser.id }),
    );
    expect(notLiaison.json()).toMatchObject({ field: 'liaisonAccountId' });

    const list = await api.get(`/api/units?orgId=${city.streetA.id}&kind=hospital`, community);
    expect(list.statusCode).toBe(404); // the street is above the community's scope
    const own = await api.get('/api/units?kind=hospital', community);
    expect(own.json().items.map((u: { name: string }) => u.name)).toEqual(['市人民医院']);

    const ended = await api.post(`/api/units/${unit.id}/end`, community, { endedOn: '2026-12-01' });
    expect(ended.json().endedOn).toBe('2026-12-01');
    expect((await api.post(`/api/units/${unit.id}/end`, community, { endedOn: '2026-12-02' })).statusCode).toBe(409);
    expect((await api.send('PATCH', `/api/units/${unit.id}`, community, { relation: 'direct' })).statusCode).toBe(409);
  });

  it('links a new organisation without a copy: edits of the new organisation show on the unit', async () => {
    const newOrg = await buildNewOrg(api.db, { orgId: city.communityA.id, kind: 'enterprise' });
    const candidates = await api.get('/api/units/candidates', community);
    expect(candidates.json().newOrgs.map((n: { id: number }) => n.id)).toContain(newOrg.id);

    // Registering it again by hand is refused: the registry has one record per organisation.
    const copy = await api.post('/api/units', community, unitBody({ name: newOrg.name, uscc: newOrg.uscc }));
    expect(copy.statusCode).toBe(409);
    expect(copy.json().message).toContain('从两新组织名册添加');

    const res = await api.post('/api/units/from-new-org', community, { newOrgId: newOrg.id, relation: 'cooperate' });
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({
      newOrgId: newOrg.id,
      name: newOrg.name,
      uscc: newOrg.uscc,
      kind: 'private_enterprise',
    });
    expect(
      (await api.post('/api/units/from-new-org', community, { newOrgId: newOrg.id, relation: 'dual' })).statusCode,
    ).toBe(409);

    const edit = await api.send('PATCH', `/api/new-orgs/${newOrg.id}`, admin, {
      name: '改了名的科技公司',
      employees: 77,
    });
    expect(edit.statusCode).toBe(200);
    const after = (await api.get(`/api/units/${unit.id}`, community)).json();
    expect(after).toMatchObject({ name: '改了名的科技公司', headcount: 77 });

    const identity = await api.send('PATCH', `/api/units/${unit.id}`, community, { name: '副本名称' });
    expect(identity.statusCode).toBe(409);
    expect(identity.json().message).toContain('请在两新组织名册中修改');
    const own = await api.send('PATCH', `/api/units/${unit.id}`, community, {
      contactName: '李经理',
      relation: 'dual',
    });
    expect(own.json()).toMatchObject({ contactName: '李经理', relation: 'dual', name: '改了名的科技公司' });
    const [row] = await queryRows<{ name: string | null }>(
      api.db,
      sql`select name from resident_units where id = ${unit.id}`,
    );
    expect(row?.name).toBeNull();
    // The new organisation cannot leave its registry while it is a unit: the unit would lose its identity.
    expect((await api.send('DELETE', `/api/new-orgs/${newOrg.id}`, admin)).statusCode).toBe(409);
  });

  it('exports the registry as an audited .xlsx', async () => {
    const res = await api.get('/api/units/export', community);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const [audit] = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where action = 'resident_unit.export' order by id desc limit 1`,
    );
    expect(audit?.action).toBe('resident_unit.export');
  });
});

describe('big committee', () => {
  it('computes 14 members with 10 part-time, flags a unit whose member left, on the page and the workbench', async () => {
    const committee = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'big_community_committee',
      name: '大党委测试社区',
    });
    const user = await buildAccount(api.db, { orgId: committee.id, role: 'community_committee' });
    const cookie = await api.login(user.username);
    for (const position of ['secretary', 'deputy_secretary', 'organization_member', 'publicity_member'] as const) {
      await buildTeamPost(api.db, { orgId: committee.id, position });
    }
    const unitIds: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await api.post('/api/units', cookie, {
        orgId: committee.id,
        name: `驻区单位${i}`,
        kind: i % 2 ? 'organ' : 'school',
        relation: 'cooperate',
      });
      unitIds.push(res.json().id);
    }
    const posts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await api.post(`/api/units/committee/${committee.id}/posts`, cookie, {
        personName: `兼职委员${i}`,
        unitId: unitIds[i],
        startedOn: '2025-01-01',
      });
      expect(res.statusCode).toBe(201);
      posts.push(res.json().id);
    }
    let page = (await api.get(`/api/units/committee?orgId=${committee.id}`, cookie)).json();
    expect(page.composition).toEqual({ members: 14, partTime: 10, units: 10 });
    expect(page.flagged).toEqual([]);

    // The eleventh unit's person serves a while and leaves; nobody of that unit remains: flagged.
    const extra = await api.post(`/api/units/committee/${committee.id}/posts`, cookie, {
      personName: '短期委员',
      unitId: unitIds[10],
      startedOn: '2025-01-01',
    });
    expect(
      (await api.post(`/api/team-posts/${extra.json().id}/end`, cookie, { endedOn: '2026-11-01' })).statusCode,
    ).toBe(200);
    page = (await api.get(`/api/units/committee?orgId=${committee.id}`, cookie)).json();
    expect(page.composition.members).toBe(14);
    expect(page.flagged).toEqual([
      { id: unitIds[10], name: '驻区单位10', leftOn: '2026-11-01', personName: '短期委员' },
    ]);
    const due = (await api.get('/api/workbench', cookie)).json();
    const source = due.sources.find((s: { name: string }) => s.name === 'units.committee_left');
    expect(source.total).toBe(1);
    expect(source.items[0].link).toBe(`/units/committee?orgId=${committee.id}`);

    // A new person of that unit takes the post by linking an existing post: the flag clears.
    const plain = await buildTeamPost(api.db, { orgId: committee.id, position: 'member', personName: '接任委员' });
    const linked = await api.post(`/api/units/committee/posts/${plain.id}/home-unit`, cookie, { unitId: unitIds[10] });
    expect(linked.json()).toMatchObject({ unit: { id: unitIds[10] }, partTime: true, homeUnit: '驻区单位10' });
    page = (await api.get(`/api/units/committee?orgId=${committee.id}`, cookie)).json();
    expect(page.flagged).toEqual([]);
    expect(page.composition).toEqual({ members: 15, partTime: 11, units: 11 });

    const figures = (await api.get(`/api/units/figures?orgId=${committee.id}`, cookie)).json();
    expect(figures.figures).toMatchObject({ units: 11, partTime: 11, byKind: { school: 6, organ: 5 } });

    // Bad input: a branch is not a committee; an ended unit cannot send a member.
    const branch = await api.get(`/api/units/committee?orgId=${city.branchA.id}`, admin);
    expect(branch.json()).toMatchObject({ field: 'orgId' });
    await api.post(`/api/units/${unitIds[0]}/end`, cookie, { endedOn: '2026-12-01' });
    const endedUnit = await api.post(`/api/units/committee/${committee.id}/posts`, cookie, {
      personName: '某人',
      unitId: unitIds[0],
      startedOn: '2026-01-01',
    });
    expect(endedUnit.statusCode).toBe(409);
  });
});
