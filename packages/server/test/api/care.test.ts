import { addDays, addMonths, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember, buildOrg } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let community: string;
let communityAccount: { id: number; username: string };
let streetA: string;
let streetB: string;
let carer: { member: { id: number }; account: { username: string }; cookie: string };
const { get, post, send } = api;
const today = chinaToday();

type Item = {
  id: number;
  name: string;
  phone: string | null;
  address: string | null;
  full: boolean;
  standing: string;
  nextVisitDue: string | null;
};

beforeAll(async () => {
  city = await buildCity(api.db);
  communityAccount = await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' });
  community = await api.login(communityAccount.username);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
  const member = await buildMember(api.db, city.branchA.id);
  const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member', memberId: member.id });
  carer = { member, account, cookie: await api.login(account.username) };
});

async function register(body: object = {}) {
  const res = await post('/api/care/residents', community, {
    orgId: city.communityA.id,
    name: '王秀兰',
    types: ['elderly'],
    birthYear: 1940,
    livesAlone: true,
    phone: '13912345678',
    address: '3号楼2单元101',
    guardianName: '王强',
    guardianPhone: '13800001111',
    needs: ['meals'],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Item;
}

async function viewRows(id: number) {
  return queryRows<{ actor_name: string }>(
    api.db,
    sql`select actor_name from audit_logs where action = 'care_resident.view' and entity_id = ${String(id)}`,
  );
}

async function dueCount(cookie: string, source = 'care.visits') {
  const res = await get('/api/workbench', cookie);
  expect(res.statusCode, res.body).toBe(200);
  const found = (res.json().sources as { name: string; total: number; overdue: number }[]).find(
    (s) => s.name === source,
  );
  return { total: found?.total ?? 0, overdue: found?.overdue ?? 0 };
}

describe('the register', () => {
  it('refuses bad input naming the field in Chinese', async () => {
    const base = { orgId: city.communityA.id, name: '李四', types: ['elderly'], birthYear: 1940 };
    const cases: [object, string][] = [
      [{ name: '' }, '姓名'],
      [{ types: [] }, '类别'],
      [{ types: ['rich'] }, '类别'],
      [{ birthYear: null }, '出生年份'],
      [{ birthYear: 1990 }, '出生年份'],
      [{ types: ['disabled'], livesAlone: true }, '独居'],
      [{ phone: '12345' }, '联系电话'],
      [{ notes: 'x'.repeat(1001) }, '备注'],
    ];
    for (const [change, label] of cases) {
      const res = await post('/api/care/residents', community, { ...base, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().message).toContain(label);
    }
    const street = await post('/api/care/residents', streetA, { ...base, orgId: city.streetA.id });
    expect(street.statusCode).toBe(400);
    expect(street.json().message).toContain('所属社区');
  });

  it('takes a landline, and a carer only from the community', async () => {
    expect((await register({ phone: '0571-86001234' })).phone).toBe('057******1234');
    const other = await buildOrg(api.db, { parentId: city.streetA.id, type: 'community_committee' });
    const stranger = await buildMember(api.db, other.id);
    const res = await post('/api/care/residents', streetA, {
      orgId: city.communityA.id,
      name: '李四',
      types: ['dibao'],
      carerMemberId: stranger.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('帮扶党员');
    const outside = await buildMember(api.db, city.branchB.id);
    const far = await post('/api/care/residents', community, {
      orgId: city.communityA.id,
      name: '李四',
      types: ['dibao'],
      carerMemberId: outside.id,
    });
    expect(far.statusCode).toBe(404);
  });

  it('shows the street masked names, no address and no audit row; the community whole, each view audited', async () => {
    const r = await register();
    const list = await get(`/api/care/residents?orgId=${city.streetA.id}&pageSize=200`, streetA);
    const seen = (list.json().items as Item[]).find((i) => i.id === r.id)!;
    expect(seen).toMatchObject({ name: '王**', address: null, phone: '139****5678', full: false });
    const detail = await get(`/api/care/residents/${r.id}`, streetA);
    expect(detail.json()).toMatchObject({
      name: '王**',
      phone: '139****5678',
      address: null,
      guardianName: '王*',
      guardianPhone: '138****1111',
      notes: null,
      full: false,
    });
    expect(await viewRows(r.id)).toEqual([]);

    const own = await get(`/api/care/residents?orgId=${city.communityA.id}&pageSize=200`, community);
    expect((own.json().items as Item[]).find((i) => i.id === r.id)).toMatchObject({
      name: '王秀兰',
      address: '3号楼2单元101',
      phone: '139****5678',
      full: true,
    });
    const whole = await get(`/api/care/residents/${r.id}`, community);
    expect(whole.json()).toMatchObject({ name: '王秀兰', phone: '13912345678', guardianPhone: '13800001111' });
    expect(await viewRows(r.id)).toEqual([{ actor_name: communityAccount.username }]);
    expect((await get(`/api/care/residents/${r.id}`, streetB)).statusCode).toBe(404);
    expect((await get(`/api/care/residents/${r.id}`)).statusCode).toBe(401);
  });

  it('shows the carer their own people whole (audited) and nobody else', async () => {
    const mine = await register({ name: '赵大爷', carerMemberId: carer.member.id });
    const notMine = await register({ name: '钱大妈' });
    const list = await get('/api/care/mine', carer.cookie);
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json().items as Item[]).map((i) => i.name)).toEqual(['赵大爷']);
    const detail = await get(`/api/care/mine/${mine.id}`, carer.cookie);
    expect(detail.json()).toMatchObject({ name: '赵大爷', phone: '13912345678', full: true });
    expect(await viewRows(mine.id)).toEqual([{ actor_name: carer.account.username }]);
    expect((await get(`/api/care/mine/${notMine.id}`, carer.cookie)).statusCode).toBe(404);
    expect(
      (await post(`/api/care/mine/${notMine.id}/visits`, carer.cookie, { visitedOn: today, content: 'x' })).statusCode,
    ).toBe(404);
    // A member holds no care.read: the register itself is closed to them.
    expect((await get('/api/care/residents', carer.cookie)).statusCode).toBe(403);
    expect((await get(`/api/care/residents/${notMine.id}`, carer.cookie)).statusCode).toBe(403);
  });

  it("keeps the register's personal data masked in the audit trail; only the community may reveal it", async () => {
    const person = await register({ name: '欧阳秀英', address: '5号楼1单元302', guardianPhone: '13800002222' });
    type Entry = { id: number; targetLabel: string; after: Record<string, unknown> | null; masked: boolean };
    const trail = async (cookie: string) => {
      const res = await get(`/api/audit-logs?entity=care_resident&entityId=${person.id}`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: Entry[] }).items;
    };
    for (const cookie of [streetA, community]) {
      const [created] = (await trail(cookie)).filter((e) => e.after?.name !== undefined);
      expect(created?.masked).toBe(true);
      expect(created?.after).toMatchObject({ name: '欧**', address: '***', guardian_phone: '138****2222' });
      expect(created?.targetLabel).not.toContain('欧阳秀英');
    }
    const [entry] = (await trail(streetA)).filter((e) => e.after?.name !== undefined);
    const refused = await post(`/api/audit-logs/${entry!.id}/reveal`, streetA, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('社区');
    const shown = await post(`/api/audit-logs/${entry!.id}/reveal`, community, {});
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().after).toMatchObject({ name: '欧阳秀英', address: '5号楼1单元302' });
  });

  it('exports masked for the street, whole for the community, and puts the export on record', async () => {
    await register({ name: '孙婆婆' });
    const cells = async (cookie: string, orgId: number) => {
      const res = await get(`/api/care/residents/export?orgId=${orgId}`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const text: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void text.push(String(cell.text))));
      return text;
    };
    const street = await cells(streetA, city.streetA.id);
    expect(street).toContain('孙**');
    expect(street).not.toContain('孙婆婆');
    expect(street).not.toContain('13912345678');
    const own = await cells(community, city.communityA.id);
    expect(own).toContain('孙婆婆');
    expect(own).toContain('13912345678');
    const [row] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'care_resident.export'`,
    );
    expect(row!.n).toBe(2);
  });
});

describe('visits and what falls due', () => {
  it('keeps next_visit_due with each visit and type change; the workbench count drops after a visit', async () => {
    const r = await register({ name: '周奶奶', carerMemberId: carer.member.id });
    expect(r.nextVisitDue).toBe(addMonths(today, 1));
    const before = await dueCount(community);
    // Visited 40 days ago: a monthly visit is overdue.
    const old = await post(`/api/care/residents/${r.id}/visits`, community, {
      visitedOn: addDays(today, -40),
      content: '上门了解情况',
    });
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json()).toMatchObject({ standing: 'overdue' });
    const overdue = await dueCount(community);
    expect(overdue.total).toBe(before.total + 1);
    expect(overdue.overdue).toBe(before.overdue + 1);
    // The street sees the count too, its titles masked.
    const street = await get('/api/workbench', streetA);
    const items = (street.json().sources as { name: string; items: { title: string }[] }[]).find(
      (s) => s.name === 'care.visits',
    )!.items;
    expect(items.some((i) => i.title.startsWith('周**'))).toBe(true);
    // The carer's phone has it too.
    expect((await dueCount(carer.cookie, 'care.mine')).overdue).toBe(1);

    const visit = await post(`/api/care/mine/${r.id}/visits`, carer.cookie, {
      visitedOn: today,
      content: '送餐，检查燃气',
      followUp: true,
      followUpNote: '热水器需要维修',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json()).toMatchObject({ standing: 'ok', lastVisitOn: today });
    expect((await dueCount(community)).total).toBe(before.total);
    expect((await dueCount(carer.cookie, 'care.mine')).total).toBe(0);

    // 独居 no longer: a quarter instead of a month, recomputed in the edit's transaction.
    const edit = await send('PATCH', `/api/care/residents/${r.id}`, community, { livesAlone: false });
    expect(edit.json()).toMatchObject({ rule: 'elderly', intervalMonths: 3 });
    const [row] = await queryRows<{ next_visit_due: string }>(
      api.db,
      sql`select next_visit_due::text as next_visit_due from care_residents where id = ${r.id}`,
    );
    expect(row!.next_visit_due).toBe(edit.json().nextVisitDue);
    const detail = await get(`/api/care/residents/${r.id}`, community);
    expect(detail.json().visits.map((v: { visitedOn: string }) => v.visitedOn)).toEqual([today, addDays(today, -40)]);
  });

  it('refuses a visit in the future or to someone off the register', async () => {
    const r = await register({ name: '吴爷爷' });
    const future = await post(`/api/care/residents/${r.id}/visits`, community, {
      visitedOn: addDays(today, 1),
      content: 'x',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('走访日期');
    const empty = await post(`/api/care/residents/${r.id}/visits`, community, { visitedOn: today, content: '' });
    expect(empty.json().message).toContain('走访内容');
    const end = await post(`/api/care/residents/${r.id}/end`, community, { reason: '迁出' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json().nextVisitDue).toBeNull();
    const late = await post(`/api/care/residents/${r.id}/visits`, community, { visitedOn: today, content: '走访' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('移出名册');
  });

  it('filters the overdue from the index range', async () => {
    const res = await get(`/api/care/residents?orgId=${city.communityA.id}&standing=overdue&pageSize=200`, community);
    expect(res.statusCode).toBe(200);
    for (const i of res.json().items as Item[]) expect(i.nextVisitDue! < today).toBe(true);
  });
});
