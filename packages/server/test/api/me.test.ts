import { addDays, addYears, chinaToday, MAX_TAGS } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

/** A party member acting for themselves: their profile (/api/me/profile) and what falls due for them. */
const api = useApi();
const { get, send, post } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
const today = chinaToday();

/** A member of `orgId` with a login of their own (role 党员), with some columns set; the session cookie. */
async function memberWithLogin(orgId: number, set?: ReturnType<typeof sql>) {
  const member = await buildMember(api.db, orgId);
  if (set) {
    await audited(api.db, SYSTEM_AUDIT, 'test.member' as AuditAction, (tx) =>
      tx.execute(sql`update members set ${set} where id = ${member.id}`),
    );
  }
  const account = await buildAccount(api.db, { orgId, role: 'member', memberId: member.id });
  return { member, account, cookie: await api.login(account.username) };
}

const messagesOf = (accountId: number) =>
  queryRows<{ kind: string; title: string; body: string; link: string }>(
    api.db,
    sql`select kind, title, body, link from notifications where account_id = ${accountId} order by id`,
  );

beforeAll(async () => {
  city = await buildCity(api.db);
});

describe('GET /api/me/profile', () => {
  it("shows the member their own profile with their branch and the organisation above it; nobody else's", async () => {
    const { member, cookie } = await memberWithLogin(city.branchA.id);
    const res = await get('/api/me/profile', cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: member.id,
      name: member.name,
      phone: '13800138000',
      branch: { id: city.branchA.id, name: city.branchA.name },
      parent: { id: city.communityA.id, name: city.communityA.name },
      tags: [],
    });
    // Their own phone whole (they change it here), the ID number masked as everywhere.
    expect(res.json().idNumber).not.toBe(member.idNumber);
    expect(res.json().idNumber).toMatch(/\*{8}/);
    expect((await get('/api/me/profile')).statusCode).toBe(401);
  });

  it('is a 404 for a staff account linked to no member, and for a member who left', async () => {
    const staff = await api.login(city.streetAUser.username);
    const res = await get('/api/me/profile', staff);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('本人党员档案');
    expect((await send('PATCH', '/api/me/profile', staff, { phone: '13912345678' })).statusCode).toBe(404);

    const { cookie } = await memberWithLogin(city.branchA.id, sql`left_on = ${today}, left_reason = '转出'`);
    expect((await get('/api/me/profile', cookie)).statusCode).toBe(404);
    expect((await send('PATCH', '/api/me/profile', cookie, { phone: '13912345678' })).statusCode).toBe(404);
  });
});

describe('PATCH /api/me/profile', () => {
  it('changes phone, residence and specialties, on record, and tells the branch in the same transaction', async () => {
    const { member, account, cookie } = await memberWithLogin(city.branchA.id);
    const before = (await get('/api/me/profile', cookie)).json();
    const res = await send('PATCH', '/api/me/profile', cookie, {
      phone: '１３９１２３４５６７８',
      residence: ' 5号楼2单元 ',
      tags: ['书法', '医疗', '书法'],
      updatedAt: before.updatedAt,
      // Not the member's to change: ignored.
      name: '改名',
      orgId: city.branchB.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: member.name,
      phone: '13912345678',
      residence: '5号楼2单元',
      tags: ['书法', '医疗'],
      branch: { id: city.branchA.id },
    });
    const [row] = await queryRows<{ name: string; org_id: number; phone: string }>(
      api.db,
      sql`select name, org_id::int as org_id, phone from members where id = ${member.id}`,
    );
    expect(row).toEqual({ name: member.name, org_id: city.branchA.id, phone: '13912345678' });

    const audit = await queryRows<{ action: string; actor_name: string; before: { phone: string } }>(
      api.db,
      sql`select action, actor_name, before from audit_logs where entity = 'member' and entity_id = ${String(member.id)}
           order by id desc limit 1`,
    );
    expect(audit).toEqual([
      {
        action: 'me.profile.update',
        actor_name: account.username,
        before: expect.objectContaining({ phone: '13800138000' }),
      },
    ]);

    // The branch's secretary (the nearest organisation with accounts keeping members' records) is told which
    // fields changed, not their values; the street above is not, nor the member themselves.
    const told = await messagesOf(city.branchAUser.id);
    expect(told).toEqual([
      {
        kind: 'member.self_update',
        title: `党员${member.name}更新了本人信息`,
        body: `${city.branchA.name} ${member.name} 修改了联系电话、居住楼院、特长兴趣`,
        link: `/members/${member.id}`,
      },
    ]);
    expect(told[0]?.body).not.toContain('13912345678');
    expect(await messagesOf(city.streetAUser.id)).toEqual([]);
    expect(await messagesOf(account.id)).toEqual([]);

    // Saved again unchanged: nothing written, nobody told.
    const again = await send('PATCH', '/api/me/profile', cookie, { phone: '13912345678', tags: ['书法', '医疗'] });
    expect(again.statusCode).toBe(200);
    expect(await messagesOf(city.branchAUser.id)).toHaveLength(1);
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'me.profile.update' and entity_id = ${String(member.id)}`,
    );
    expect(n).toBe(1);

    // A form opened before that save is refused rather than undoing it.
    const stale = await send('PATCH', '/api/me/profile', cookie, { phone: '13700000000', updatedAt: before.updatedAt });
    expect(stale.statusCode).toBe(409);
  });

  it('tells the community when the branch has no login of its own', async () => {
    const community = await buildAccount(api.db, { orgId: city.communityB.id, role: 'community_committee' });
    const { member, cookie } = await memberWithLogin(city.branchB.id);
    expect((await send('PATCH', '/api/me/profile', cookie, { residence: '9号楼' })).statusCode).toBe(200);
    expect((await messagesOf(community.id)).map((m) => m.body)).toEqual([
      `${city.branchB.name} ${member.name} 修改了居住楼院`,
    ]);
    expect(await messagesOf(city.streetBUser.id)).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const { member, cookie } = await memberWithLogin(city.branchA.id);
    const cases: [object, string][] = [
      [{ phone: '1234' }, '联系电话：应为11位手机号码'],
      [{ phone: '' }, '联系电话：'],
      [{ phone: null }, '联系电话：'],
      [{ residence: '楼'.repeat(101) }, '居住楼院：最多100个字符'],
      [{ tags: Array.from({ length: MAX_TAGS + 1 }, (_, i) => `特长${i}`) }, '特长兴趣：'],
      [{ tags: ['书法', ' '] }, '特长兴趣：标签不能为空'],
      [{ tags: '书法' }, '特长兴趣：'],
      [{ updatedAt: 'yesterday' }, '更新时间：'],
    ];
    for (const [body, message] of cases) {
      const res = await send('PATCH', '/api/me/profile', cookie, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().message, JSON.stringify(body)).toContain(message);
      // The key travels apart, for the form to show the message beside the field (`tags.1` lands on tags).
      expect(res.json().field?.split('.')[0], JSON.stringify(body)).toBe(Object.keys(body)[0]);
    }
    const [row] = await queryRows<{ phone: string }>(api.db, sql`select phone from members where id = ${member.id}`);
    expect(row?.phone).toBe('13800138000');
    expect((await send('PATCH', '/api/me/profile', undefined, { phone: '13912345678' })).statusCode).toBe(401);
  });
});

type Workbench = {
  sources: { name: string; total: number; items: { key: string; dueOn: string; overdue: boolean; link: string }[] }[];
};
const own = (w: Workbench) =>
  w.sources.filter((s) => s.name.startsWith('me.')).flatMap((s) => s.items.map((i) => ({ source: s.name, ...i })));

describe("the member's own due items (me.probation, me.registration)", () => {
  /** A probationary member whose year ends in `days` days. */
  const probationary = (days: number) =>
    memberWithLogin(
      city.branchA.id,
      sql`status = 'probationary', full_member_on = null, joined_on = ${addYears(addDays(today, days), -1)}`,
    );

  it('lists a probation ending within 30 days or past, and nothing later, against a hand count', async () => {
    const soon = await probationary(10);
    const over = await probationary(-3);
    const later = await probationary(31);
    const read = async (cookie: string) => own((await get('/api/workbench', cookie)).json() as Workbench);
    expect(await read(soon.cookie)).toEqual([
      expect.objectContaining({
        source: 'me.probation',
        key: `me.probation:${soon.member.id}`,
        dueOn: addDays(today, 10),
        overdue: false,
        link: '/m/profile',
      }),
    ]);
    expect(await read(over.cookie)).toEqual([
      expect.objectContaining({ key: `me.probation:${over.member.id}`, dueOn: addDays(today, -3), overdue: true }),
    ]);
    expect(await read(later.cookie)).toEqual([]);
    // A full member has no probation, and the branch's list counts these the way the member sees them.
    const branch = (await get('/api/workbench', await api.login(city.branchAUser.username))).json() as Workbench;
    const keys = branch.sources.find((s) => s.name === 'members.probation')?.items.map((i) => i.key) ?? [];
    expect(keys).toEqual(
      expect.arrayContaining([`members.probation:${soon.member.id}`, `members.probation:${over.member.id}`]),
    );
    expect(keys).not.toContain(`members.probation:${later.member.id}`);
    expect(own(branch)).toEqual([]);
  });

  it('lists an in-service member not registered with a community until they register', async () => {
    const inService = await memberWithLogin(city.branchA.id, sql`category = 'in_service'`);
    const resident = await memberWithLogin(city.branchA.id);
    const read = async (cookie: string) => own((await get('/api/workbench', cookie)).json() as Workbench);
    expect(await read(inService.cookie)).toEqual([
      expect.objectContaining({
        source: 'me.registration',
        key: `me.registration:${inService.member.id}`,
        dueOn: today,
        overdue: false,
        link: '/m/register',
      }),
    ]);
    expect(await read(resident.cookie)).toEqual([]);
    const registered = await post('/api/in-service/self', inService.cookie, { communityId: city.communityB.id });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(await read(inService.cookie)).toEqual([]);
  });

  it('shows staff linked to no member none of them, and a member only their own', async () => {
    const a = await memberWithLogin(city.branchA.id, sql`category = 'in_service'`);
    const b = await memberWithLogin(city.branchA.id, sql`category = 'in_service'`);
    for (const username of [city.streetAUser.username, city.admin.username]) {
      expect(own((await get('/api/workbench', await api.login(username))).json())).toEqual([]);
    }
    const mine = own((await get('/api/workbench', a.cookie)).json());
    expect(mine.map((i) => i.key)).toEqual([`me.registration:${a.member.id}`]);
    expect(JSON.stringify(mine)).not.toContain(`:${b.member.id}`);
  });
});
