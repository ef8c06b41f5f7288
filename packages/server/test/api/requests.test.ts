import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { fulfilledByMember } from '../../src/requests/requests.repo.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';
import { multipart } from '../helpers/multipart.js';
import { asSystem, buildBuilding, buildRequest, buildResident, buildTeam } from '../helpers/requests.js';

const api = useApi();
const { get, post } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let staff: string;
let streetB: string;

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** A JPEG with an APP1 Exif segment carrying a GPS marker: SOI, APP1, a minimal frame, EOI. */
function jpegWithExif(): Buffer {
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('GPSLatitude 39.9042 N', 'latin1')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(exif.length + 2), exif]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof, sos, Buffer.from([0x00, 0xff, 0xd9])]);
}
function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

const upload = (url: string, cookie: string, data: Buffer, name = 'photo.jpg') => {
  const form = multipart({}, { name, data });
  return api.app.inject({ method: 'POST', url, payload: form.payload, headers: { ...form.headers, cookie } });
};

async function memberLogin(orgId = city.branchA.id) {
  const member = await buildMember(api.db, orgId);
  const account = await buildAccount(api.db, { orgId, role: 'member', memberId: member.id });
  return { id: member.id, accountId: account.id, cookie: await api.login(account.username) };
}

async function submitAs(cookie: string, body: object = {}) {
  const res = await post('/api/resident/requests', cookie, { category: 'repair', text: '楼道灯坏了很久了', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; status: string; respondBy: string; resolveBy: string; urgent: boolean };
}

const step = async (id: number, path: string, body?: object, expected = 200, cookie = staff) => {
  const res = await post(`/api/requests/${id}/${path}`, cookie, body);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(expected);
  return res.json() as { status: string; message?: string; events: { kind: string }[] };
};

const notes = (accountId: number) =>
  queryRows<{ title: string; body: string }>(
    api.db,
    sql`select title, body from notifications where account_id = ${accountId} order by id`,
  );

beforeAll(async () => {
  city = await buildCity(api.db);
  const shequ = await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' });
  staff = await api.login(shequ.username);
  streetB = await api.login(city.streetBUser.username);
});

describe('registration', () => {
  it('lists communities by street and their buildings, names only, without a session', async () => {
    const building = await buildBuilding(api.db, city.communityA.id, '9号楼');
    const res = await get('/api/public/communities');
    expect(res.statusCode).toBe(200);
    const street = res.json().streets.find((s: { id: number }) => s.id === city.streetA.id);
    expect(street.communities).toContainEqual({ id: city.communityA.id, name: city.communityA.name });
    expect(Object.keys(street.communities[0])).toEqual(['id', 'name']);
    const b = await get(`/api/public/communities/${city.communityA.id}/buildings`);
    expect(b.json().items).toContainEqual({ id: building, name: '9号楼' });
    expect((await get(`/api/public/communities/${city.branchA.id}/buildings`)).statusCode).toBe(404);
  });

  it('registers a resident login (unconfirmed) that lands on the phone only', async () => {
    const body = { name: '周美华', phone: '13700001111', password: 'Resident@2026', communityId: city.communityA.id };
    expect((await post('/api/public/residents', undefined, { ...body, password: '123' })).statusCode).toBe(400);
    const bad = await post('/api/public/residents', undefined, { ...body, communityId: city.branchA.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('所在社区');
    const res = await post('/api/public/residents', undefined, body);
    expect(res.statusCode, res.body).toBe(201);
    expect((await post('/api/public/residents', undefined, body)).statusCode).toBe(409);
    const cookie = await api.login('13700001111', 'Resident@2026');
    const me = await get('/api/resident/me', cookie);
    expect(me.json()).toMatchObject({ name: '周美华', confirmed: false, community: { id: city.communityA.id } });
    // No console: every staff route is refused by permission.
    expect((await get('/api/requests', cookie)).statusCode).toBe(403);
    expect((await get('/api/members', cookie)).statusCode).toBe(403);
    const [row] = await queryRows<{ password_hash: string }>(
      api.db,
      sql`select password_hash from accounts where username = '13700001111'`,
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('the flow', () => {
  it('submits with deadlines from the settings, tells the community, and notes an unconfirmed residence', async () => {
    const r = await buildResident(api, city.communityA.id, { confirmed: false });
    const made = await submitAs(r.cookie as string, { category: 'utilities', text: '楼下水管漏水了' });
    expect(made.status).toBe('submitted');
    expect(made.urgent).toBe(true);
    const hours = (Date.parse(made.respondBy) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThan(2.1);
    const detail = await get(`/api/requests/${made.id}`, staff);
    expect(detail.json().events[0]).toMatchObject({ kind: 'submitted', note: '居住未确认' });
    expect(detail.json().residentConfirmed).toBe(false);
    // Accepted, but not dispatched to members before the residence is confirmed.
    await step(made.id, 'accept');
    const m = await buildMember(api.db, city.branchA.id);
    const refused = await step(made.id, 'dispatch', { assigneeType: 'member', memberId: m.id }, 409);
    expect(refused.message).toContain('居住信息尚未确认');
    expect((await post(`/api/residents/${r.id}/confirm`, staff)).statusCode).toBe(200);
    expect((await post(`/api/residents/${r.id}/confirm`, staff)).statusCode).toBe(409);
    await step(made.id, 'dispatch', { assigneeType: 'member', memberId: m.id });
  });

  it('walks submitted → accepted → dispatched → in progress → done → rated, each step on the timeline', async () => {
    const r = await buildResident(api, city.communityA.id);
    const m = await memberLogin();
    const { id } = await submitAs(r.cookie as string);
    expect((await step(id, 'done', { note: '好了' }, 409)).message).toContain('不能办结');
    expect((await step(id, 'dispatch', { assigneeType: 'member', memberId: m.id }, 409)).message).toBe(
      '请先受理再派单',
    );
    await step(id, 'accept');
    expect((await step(id, 'accept', undefined, 409)).message).toContain('不能再受理');
    expect((await step(id, 'decline', { reason: '重复' }, 409)).message).toContain('不予受理');
    await step(id, 'dispatch', { assigneeType: 'member', memberId: m.id, note: '请尽快' });
    expect((await notes(m.accountId)).map((n) => n.title)).toContain('社区派给您一件诉求（维修）');
    // The member on the phone: contact shown once it is theirs.
    const mine = await get('/api/serve/mine', m.cookie);
    expect(mine.json().items.map((i: { id: number }) => i.id)).toContain(id);
    const seen = await get(`/api/serve/${id}`, m.cookie);
    expect(seen.json().contact.phone).toMatch(/^1\d{10}$/);
    expect((await post(`/api/serve/${id}/progress`, m.cookie, { note: '已联系物业' })).statusCode).toBe(200);
    expect((await post(`/api/serve/${id}/done`, m.cookie, { note: '已更换灯泡' })).statusCode).toBe(200);
    expect((await post(`/api/serve/${id}/done`, m.cookie, { note: '再次' })).statusCode).toBe(409);
    // The resident sees the timeline and rates once.
    const own = await get(`/api/resident/requests/${id}`, r.cookie as string);
    expect(own.json().events.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'accepted',
      'dispatched',
      'progress',
      'done',
    ]);
    expect(own.json().events[3].actorName).toBe('党员');
    expect(own.json().doneNote).toBe('已更换灯泡');
    const rated = await post(`/api/resident/requests/${id}/rate`, r.cookie as string, {
      rating: 'satisfied',
      comment: '谢谢',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 'satisfied', ratingComment: '谢谢', status: 'done' });
    const twice = await post(`/api/resident/requests/${id}/rate`, r.cookie as string, { rating: 'satisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('只能评价一次');
    await step(id, 'close', {});
    expect((await step(id, 'close', {}, 409)).message).toContain('办结后才能关闭');
    // Every step audited.
    const actions = await queryRows<{ action: string }>(
      api.db,
      sql`select distinct action from audit_logs where entity = 'service_request' and entity_id = ${String(id)}`,
    );
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        'request.accept',
        'request.close',
        'request.dispatch',
        'request.done',
        'request.progress',
        'request.rate',
        'request.submit',
      ].sort(),
    );
    expect(await fulfilledByMember(api.db, m.id, '2000-01-01', '2100-12-31')).toBe(1);
  });

  it('reopens once on 不满意, then keeps the second rating', async () => {
    const r = await buildResident(api, city.communityA.id);
    const m = await buildMember(api.db, city.branchA.id);
    const { id } = await submitAs(r.cookie as string);
    await step(id, 'accept');
    await step(id, 'dispatch', { assigneeType: 'member', memberId: m.id });
    await step(id, 'done', { note: '处理了' });
    const bad = await post(`/api/resident/requests/${id}/rate`, r.cookie as string, {
      rating: 'unsatisfied',
      comment: '没修好',
    });
    expect(bad.json()).toMatchObject({ status: 'accepted', reopened: true, rating: null, resolvedAt: null });
    await step(id, 'dispatch', { assigneeType: 'member', memberId: m.id });
    await step(id, 'done', { note: '重新修好了' });
    const again = await post(`/api/resident/requests/${id}/rate`, r.cookie as string, { rating: 'unsatisfied' });
    expect(again.json()).toMatchObject({ status: 'done', rating: 'unsatisfied', reopened: true });
  });

  it('declines with the reason shown to the resident', async () => {
    const r = await buildResident(api, city.communityA.id);
    const { id } = await submitAs(r.cookie as string);
    expect((await post(`/api/requests/${id}/decline`, staff, { reason: '' })).statusCode).toBe(400);
    await step(id, 'decline', { reason: '属于物业维修范围，已转物业' });
    const own = await get(`/api/resident/requests/${id}`, r.cookie as string);
    expect(own.json()).toMatchObject({ status: 'declined', declineReason: '属于物业维修范围，已转物业' });
    expect((await notes(r.accountId as number)).map((n) => n.body)).toContain('原因：属于物业维修范围，已转物业');
    expect((await step(id, 'accept', undefined, 409)).message).toContain('不予受理');
  });

  it('suggests a duplicate from the same building and category, merges it and tells the resident which', async () => {
    const building = await buildBuilding(api.db, city.communityA.id);
    const a = await buildResident(api, city.communityA.id, { buildingId: building });
    const b = await buildResident(api, city.communityA.id, { buildingId: building });
    const first = await submitAs(a.cookie as string, { text: '3单元门禁坏了' });
    const second = await submitAs(b.cookie as string, { text: '单元门禁打不开' });
    await step(first.id, 'accept');
    const options = await get(`/api/requests/${second.id}/options`, staff);
    expect(options.json().duplicates.map((d: { id: number }) => d.id)).toEqual([first.id]);
    const other = await buildRequest(api, streetB, city.communityB.id, 'accepted');
    expect((await post(`/api/requests/${second.id}/merge`, staff, { intoId: other })).statusCode).toBe(404);
    expect((await post(`/api/requests/${second.id}/merge`, staff, { intoId: second.id })).statusCode).toBe(400);
    await step(second.id, 'merge', { intoId: first.id });
    const own = await get(`/api/resident/requests/${second.id}`, b.cookie as string);
    expect(own.json()).toMatchObject({ status: 'merged', mergedInto: { id: first.id, text: '3单元门禁坏了' } });
    expect((await notes(b.accountId as number)).at(-1)?.body).toContain(`第${first.id}号`);
    // A closed request takes no duplicate.
    const third = await submitAs(b.cookie as string, { text: '门禁又坏了一次' });
    await step(third.id, 'decline', { reason: '已合并处理' });
    const fourth = await submitAs(b.cookie as string, { text: '门禁再次坏了' });
    expect((await post(`/api/requests/${fourth.id}/merge`, staff, { intoId: third.id })).statusCode).toBe(409);
  });

  it('offers the building’s grid members and dispatches to a grid, a team or a unit', async () => {
    const building = await buildBuilding(api.db, city.communityA.id);
    const m = await buildMember(api.db, city.branchA.id);
    const outsider = await buildMember(api.db, city.branchA.id);
    await asSystem(api.db, async (tx) => {
      const [grid] = await queryRows<{ id: number }>(
        tx,
        sql`insert into grids (org_id, name) values (${city.communityA.id}, '测试网格') returning id::int as id`,
      );
      await tx.execute(sql`update buildings set grid_id = ${grid?.id} where id = ${building}`);
      await tx.execute(
        sql`insert into grid_members (grid_id, org_id, member_id, started_on)
            values (${grid?.id}, ${city.communityA.id}, ${m.id}, '2026-01-01')`,
      );
    });
    const r = await buildResident(api, city.communityA.id, { buildingId: building });
    const { id } = await submitAs(r.cookie as string);
    await step(id, 'accept');
    const options = (await get(`/api/requests/${id}/options?tag=水电维修`, staff)).json();
    expect(options.gridMembers).toEqual([{ id: m.id, name: m.name }]);
    expect(
      (await post(`/api/requests/${id}/dispatch`, staff, { assigneeType: 'grid', memberId: outsider.id })).statusCode,
    ).toBe(400);
    const grid = await step(id, 'dispatch', { assigneeType: 'grid', memberId: m.id });
    expect(grid).toMatchObject({ assigneeType: 'grid', assigneeName: m.name });
    const team = await buildTeam(api.db, city.communityA.id);
    expect(await step(id, 'dispatch', { assigneeType: 'team', teamId: team })).toMatchObject({ assigneeType: 'team' });
    expect((await post(`/api/requests/${id}/dispatch`, staff, { assigneeType: 'team' })).statusCode).toBe(400);
  });
});

describe('micro-wishes', () => {
  it('shows members the surname only until claimed, and one claim of two at once wins', async () => {
    const r = await buildResident(api, city.communityA.id, { name: '王秀英' });
    const wish = await submitAs(r.cookie as string, { kind: 'wish', category: 'education', text: '想要一个新书包' });
    expect((await step(wish.id, 'open', undefined, 409)).message).toContain('先受理');
    await step(wish.id, 'accept');
    await step(wish.id, 'open');
    const a = await memberLogin();
    const b = await memberLogin();
    const list = await get('/api/serve/wishes', a.cookie);
    const item = list.json().items.find((i: { id: number }) => i.id === wish.id);
    expect(item.residentName).toBe('王**');
    expect(list.body).not.toContain('王秀英');
    const before = await get(`/api/serve/${wish.id}`, a.cookie);
    expect(before.json().contact).toBeNull();
    expect(before.body).not.toMatch(/1\d{10}/);
    // A member of street B does not see it.
    const far = await memberLogin(city.branchB.id);
    expect((await get('/api/serve/wishes', far.cookie)).json().items).toEqual([]);
    expect((await post(`/api/serve/${wish.id}/claim`, far.cookie)).statusCode).toBe(404);
    const [one, two] = await Promise.all([
      post(`/api/serve/${wish.id}/claim`, a.cookie),
      post(`/api/serve/${wish.id}/claim`, b.cookie),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    const winner = one.statusCode === 200 ? a : b;
    const loser = one.statusCode === 200 ? b : a;
    const after = await get(`/api/serve/${wish.id}`, winner.cookie);
    expect(after.json().contact.name).toBe('王秀英');
    expect((await get(`/api/serve/${wish.id}`, loser.cookie)).statusCode).toBe(404);
    const [row] = await queryRows<{ claimed: number; status: string }>(
      api.db,
      sql`select claimed_by_member_id::int as claimed, status from service_requests where id = ${wish.id}`,
    );
    expect(row).toEqual({ claimed: winner.id, status: 'in_progress' });
  });

  it('a request (not a wish) is not opened for claiming', async () => {
    const id = await buildRequest(api, staff, city.communityA.id, 'accepted');
    expect((await step(id, 'open', undefined, 409)).message).toBe('只有微心愿可以发布认领，诉求请派单');
  });
});

describe('residents see only their own', () => {
  it('404s another resident’s request, their rating and photos', async () => {
    const a = await buildResident(api, city.communityA.id);
    const b = await buildResident(api, city.communityA.id);
    const m = await buildMember(api.db, city.branchA.id);
    const id = await buildRequest(api, staff, city.communityA.id, 'done', { memberId: m.id, residentId: a.id });
    expect((await get(`/api/resident/requests/${id}`, b.cookie as string)).statusCode).toBe(404);
    expect(
      (await post(`/api/resident/requests/${id}/rate`, b.cookie as string, { rating: 'satisfied' })).statusCode,
    ).toBe(404);
    expect((await upload(`/api/resident/requests/${id}/photos`, b.cookie as string, PNG)).statusCode).toBe(404);
    expect((await get('/api/resident/requests', b.cookie as string)).json().items).toEqual([]);
    expect(
      (await get('/api/resident/requests', a.cookie as string)).json().items.map((i: { id: number }) => i.id),
    ).toEqual([id]);
    // Staff of another street: 404.
    expect((await get(`/api/requests/${id}`, streetB)).statusCode).toBe(404);
  });
});

describe('photos', () => {
  it('takes JPEG/PNG/WebP by content, up to 3, ≤ 5 MB, without EXIF, shown only to those who may see the request', async () => {
    const r = await buildResident(api, city.communityA.id);
    const { id } = await submitAs(r.cookie as string);
    const url = `/api/resident/requests/${id}/photos`;
    const cookie = r.cookie as string;
    const fake = await upload(url, cookie, Buffer.from('<html>not an image</html>'), 'photo.jpg');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toContain('照片');
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(url, cookie, big, 'big.png');
    expect([400, 413]).toContain(tooBig.statusCode);
    const jpeg = await upload(url, cookie, jpegWithExif());
    expect(jpeg.statusCode, jpeg.body).toBe(201);
    const photo = jpeg.json() as { id: number; url: string };
    const served = await get(photo.url, cookie);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect((await get(photo.url, staff)).statusCode).toBe(200);
    const other = await buildResident(api, city.communityA.id);
    expect((await get(photo.url, other.cookie as string)).statusCode).toBe(404);
    expect((await get(photo.url, streetB)).statusCode).toBe(404);
    const member = await memberLogin();
    expect((await get(photo.url, member.cookie)).statusCode).toBe(404);
    expect((await upload(url, cookie, PNG, 'a.png')).statusCode).toBe(201);
    expect((await upload(url, cookie, PNG, 'b.png')).statusCode).toBe(201);
    const fourth = await upload(url, cookie, PNG, 'c.png');
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().message).toContain('最多3张');
  });
});

describe('the console', () => {
  it('lists the queue with filters, exports it, and registers an elder with a masked, revealable phone', async () => {
    const elder = await post('/api/residents', staff, {
      orgId: city.communityA.id,
      name: '陈奶奶',
      phone: '13800138000',
    });
    expect(elder.statusCode, elder.body).toBe(201);
    expect(elder.json()).toMatchObject({ phone: '138****8000', hasAccount: false });
    expect(elder.json().confirmedAt).not.toBeNull();
    expect((await post('/api/residents', staff, { orgId: city.branchA.id, name: '某人' })).statusCode).toBe(400);
    const revealed = await post(`/api/residents/${elder.json().id}/reveal`, staff);
    expect(revealed.json()).toEqual({ phone: '13800138000' });
    const made = await post('/api/requests', staff, {
      residentId: elder.json().id,
      kind: 'wish',
      category: 'elderly_disabled',
      text: '希望有人陪我去医院复查',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().events[0].note).toBe('社区代为登记');
    const short = await post('/api/requests', staff, { residentId: elder.json().id, category: 'other', text: '短' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ field: 'text' });
    expect(short.json().message).toMatch(/^内容：至少5个字/);
    const list = await get(`/api/requests?kind=wish&status=submitted`, staff);
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(made.json().id);
    expect(
      list.json().items.every((i: { kind: string; status: string }) => i.kind === 'wish' && i.status === 'submitted'),
    ).toBe(true);
    const residents = await get('/api/residents?unconfirmed=true', staff);
    expect(residents.json().items.every((i: { confirmedAt: string | null }) => i.confirmedAt === null)).toBe(true);
    const xlsx = await get('/api/requests/export', staff);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('puts new requests and unconfirmed residents on the workbench', async () => {
    const res = await get('/api/workbench', staff);
    expect(res.statusCode).toBe(200);
    const names = (res.json().sources ?? res.json().groups ?? []).map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['requests.new', 'requests.unconfirmed']));
  });
});

describe('registration throttle', () => {
  it('answers 429 after ten registrations from one IP in 15 minutes', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const res = await post('/api/public/residents', undefined, {
        name: '频繁注册',
        phone: `136000000${String(i).padStart(2, '0')}`,
        password: 'Resident@2026',
        communityId: city.communityA.id,
      });
      last = res.statusCode;
    }
    expect(last).toBe(429);
  });
});
