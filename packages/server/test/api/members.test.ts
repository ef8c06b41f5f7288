import { addDays, chinaToday, idNumberCheckChar, probationEndsOn } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { expectCountersTrue } from '../helpers/counters.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;
let branchA: string;
let admin: string;

const { get, send } = api;

/** A valid ID number for a birth date and gender (sequence picks different people). */
function idFor(birth: string, gender: 'male' | 'female', seq = 1): string {
  const s = String(seq * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `620302${birth.replaceAll('-', '')}${s}`;
  return first17 + idNumberCheckChar(first17);
}

/** A valid profile; a full member's 转正时间 is the end of a year's probation unless given. */
const profile = (over: Record<string, unknown> = {}) => {
  const p = {
    name: '张三丰',
    gender: 'male',
    idNumber: idFor('1970-05-06', 'male', 1),
    phone: '13812345678',
    status: 'full',
    category: 'resident',
    orgId: city.branchA.id,
    joinedOn: '1995-07-01',
    tags: ['书法'],
    ...over,
  };
  return p.status === 'full' && !('fullMemberOn' in over) ? { ...p, fullMemberOn: probationEndsOn(p.joinedOn) } : p;
};

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
  branchA = await api.login(city.branchAUser.username);
  admin = await api.login(city.admin.username);
});

describe('POST /api/members', () => {
  it('answers 401 without a session and 403 without member.write', async () => {
    expect((await send('POST', '/api/members', undefined, profile())).statusCode).toBe(401);
    const liaison = await buildAccount(api.db, { orgId: city.communityA.id, role: 'unit_liaison' });
    const res = await send('POST', '/api/members', await api.login(liaison.username), profile());
    expect(res.statusCode).toBe(403);
  });

  it.each([
    [{ idNumber: '620302197005060011' }, '身份证号：校验码不正确'],
    [{ idNumber: '12345' }, '身份证号：'],
    [{ phone: '1381234567' }, '联系电话：应为11位手机号码'],
    [{ gender: 'female' }, '性别：与身份证号显示的性别不一致'],
    [{ joinedOn: '1980-01-01' }, '入党时间：入党时应年满18岁'],
    [{ category: 'alien' }, '党员类别：'],
    [{ name: '' }, '姓名：不能为空'],
    [{ name: '张\u0000三' }, '姓名：不能包含空字符'],
    [{ status: 'probationary', fullMemberOn: '2000-01-01' }, '转正时间：'],
    [{ fullMemberOn: null }, '转正时间：正式党员应填写转正时间'],
  ])('refuses %j with 400', async (over, message) => {
    const res = await send('POST', '/api/members', streetA, profile(over));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('refuses an organisation outside the scope', async () => {
    const res = await send('POST', '/api/members', streetA, profile({ orgId: city.branchB.id }));
    expect(res.statusCode).toBe(404);
  });

  it('creates the profile with derived birth date, history and an audit row', async () => {
    const res = await send('POST', '/api/members', streetA, profile());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: '张三丰',
      birthDate: '1970-05-06',
      idNumber: '620302********' + profile().idNumber.slice(-4),
      phone: '138****5678',
      orgName: '甲社区第一党支部',
      history: [{ orgId: city.branchA.id, toOn: null, reason: '建档' }],
    });
    const audit = await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where entity = 'member' and entity_id = ${String(body.id)}`,
    );
    expect(audit.map((a) => a.action)).toEqual(['member.create']);
  });

  it('refuses a duplicate ID number with 409, naming the holder only to those who may see it', async () => {
    const mine = await send('POST', '/api/members', streetA, profile({ name: '李四' }));
    expect(mine.statusCode).toBe(409);
    expect(mine.json().message).toContain('张三丰');
    const theirs = await send('POST', '/api/members', streetB, profile({ name: '李四', orgId: city.branchB.id }));
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().message).not.toContain('张三丰');
    expect(theirs.json().message).not.toContain('甲社区');
  });
});

describe('GET /api/members', () => {
  beforeAll(async () => {
    const people: [string, string, 'male' | 'female', string][] = [
      ['单雄信', '1980-01-02', 'male', 'retired'],
      ['曾国藩', '1981-02-03', 'male', 'in_service'],
      ['阿伟', '1982-03-04', 'male', 'resident'],
      ['赵敏', '1990-04-05', 'female', 'floating'],
    ];
    let seq = 10;
    for (const [name, birth, gender, category] of people) {
      const res = await send(
        'POST',
        '/api/members',
        streetA,
        profile({
          name,
          gender,
          category,
          idNumber: idFor(birth, gender, seq++),
          phone: `1390000${seq}00`,
          joinedOn: '2010-01-01',
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await send(
      'POST',
      '/api/members',
      streetB,
      profile({ name: '张三', idNumber: idFor('1975-01-01', 'male', 30), orgId: city.branchB.id }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  const names = async (query: string, cookie = streetA) => {
    const res = await get(`/api/members?${query}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { name: string }[]).map((m) => m.name);
  };

  it('sorts by pinyin (surnames read as surnames) and stays inside the scope', async () => {
    expect(await names('')).toEqual(['阿伟', '单雄信', '曾国藩', '张三丰', '赵敏']);
    expect(await names('', admin)).toContain('张三');
  });

  it('finds by part of a name, initials, full pinyin, ID number and phone', async () => {
    expect(await names('q=三丰')).toEqual(['张三丰']);
    expect(await names('q=zsf')).toEqual(['张三丰']);
    expect(await names('q=ZS')).toEqual(['张三丰']);
    expect(await names('q=shanxiong')).toEqual(['单雄信']);
    expect(await names('q=zgf')).toEqual(['曾国藩']);
    expect(await names(`q=${profile().idNumber}`)).toEqual(['张三丰']);
    expect(await names('q=13812345678')).toEqual(['张三丰']);
    // Another street's member is not found even by exact ID number.
    expect(await names(`q=${idFor('1975-01-01', 'male', 30)}`)).toEqual([]);
  });

  it('filters by category, status, tag and organisation; masks every list', async () => {
    expect(await names('category=retired,floating')).toEqual(['单雄信', '赵敏']);
    expect(await names('tag=书法&status=full')).toHaveLength(5);
    expect(await names(`orgId=${city.communityA.id}`)).toHaveLength(5);
    const res = await get('/api/members', streetA);
    for (const m of res.json().items) {
      expect(m.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(m.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    expect(res.json()).toMatchObject({ total: 5, totalCapped: false, page: 1 });
  });

  it('answers 404 for an organisation outside the scope and 400 for bad filters', async () => {
    expect((await get(`/api/members?orgId=${city.branchB.id}`, streetA)).statusCode).toBe(404);
    const bad = await get('/api/members?category=alien', streetA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('党员类别：');
    expect((await get('/api/members')).statusCode).toBe(401);
  });
});

describe('member detail, reveal, update, moves', () => {
  const zsf = async () => (await get('/api/members?q=zsf', streetA)).json().items[0] as { id: number };

  it('reveals the ID number only to member.sensitive, with an audit row', async () => {
    const { id } = await zsf();
    const refused = await send('POST', `/api/members/${id}/reveal`, branchA);
    expect(refused.statusCode).toBe(403);
    const res = await send('POST', `/api/members/${id}/reveal`, streetA);
    expect(res.json()).toEqual({ idNumber: profile().idNumber, phone: '13812345678' });
    const [event] = await queryRows<{ action: string; actor_name: string }>(
      api.db,
      sql`select action, actor_name from audit_logs where action = 'member.reveal' and entity_id = ${String(id)}`,
    );
    expect(event).toMatchObject({ actor_name: city.streetAUser.username });
    expect((await send('POST', `/api/members/${id}/reveal`, streetB)).statusCode).toBe(404);
  });

  it('updates fields, recomputes pinyin, and moves with dated history', async () => {
    const { id } = await zsf();
    const res = await send('PATCH', `/api/members/${id}`, streetA, {
      name: '张三峰',
      orgId: city.communityA.id,
      tags: ['书法', '太极'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.orgId).toBe(city.communityA.id);
    expect(body.history).toHaveLength(2);
    expect(body.history[0]).toMatchObject({ orgId: city.branchA.id, orgName: '甲社区第一党支部' });
    expect(body.history[0].toOn).not.toBeNull();
    expect(body.history[1]).toMatchObject({ orgId: city.communityA.id, toOn: null });
    expect((await get('/api/members?q=zsf', streetA)).json().items[0].name).toBe('张三峰');
    expect((await send('PATCH', `/api/members/${id}`, streetB, { name: 'x' })).statusCode).toBe(404);
    expect((await send('PATCH', `/api/members/${id}`, streetA, { orgId: city.branchB.id })).statusCode).toBe(404);
  });

  it('refuses an edit made from a form opened before someone else saved, and loses neither save', async () => {
    const { id } = await zsf();
    const opened = (await get(`/api/members/${id}`, streetA)).json();
    // Someone else (here the administrator) saves a new address meanwhile.
    const theirs = await send('PATCH', `/api/members/${id}`, admin, {
      residence: '和平路1号',
      updatedAt: opened.updatedAt,
    });
    expect(theirs.statusCode, theirs.body).toBe(200);
    // The first form, still showing the old address, saves its whole content.
    const stale = await send('PATCH', `/api/members/${id}`, streetA, {
      residence: opened.residence,
      employer: '市图书馆',
      updatedAt: opened.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe(
      `${opened.name}的档案在您打开编辑后已被他人修改，为免覆盖其修改，请刷新后重新编辑`,
    );
    const now = (await get(`/api/members/${id}`, streetA)).json();
    expect(now).toMatchObject({ residence: '和平路1号', employer: opened.employer });
    // Reopened, the edit goes through; the same instant written in Beijing time is the same version.
    const beijing = new Date(Date.parse(now.updatedAt) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const micro = now.updatedAt.match(/\.(\d+)/)?.[1] ?? '';
    const sameInstant = beijing.replace(/\.\d+/, `.${micro}`);
    const fresh = await send('PATCH', `/api/members/${id}`, streetA, { employer: '市图书馆', updatedAt: sameInstant });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json().employer).toBe('市图书馆');
    // Without updatedAt (an API client that does not ask), the edit is applied as before.
    expect((await send('PATCH', `/api/members/${id}`, streetA, { employer: '市档案馆' })).statusCode).toBe(200);
    const bad = await send('PATCH', `/api/members/${id}`, streetA, { employer: 'x', updatedAt: 'yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('更新时间：');
  });

  it('asks a full member for 转正时间 when the edit makes them one or clears it, not on older records', async () => {
    const { id } = await zsf();
    const cleared = await send('PATCH', `/api/members/${id}`, streetA, { fullMemberOn: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().message).toBe('转正时间：正式党员应填写转正时间');
    const probationary = await send(
      'POST',
      '/api/members',
      streetA,
      profile({
        name: '孙预备',
        idNumber: idFor('1996-02-03', 'male', 50),
        status: 'probationary',
        joinedOn: addDays(chinaToday(), -100),
      }),
    );
    expect(probationary.statusCode, probationary.body).toBe(201);
    const converted = await send('PATCH', `/api/members/${probationary.json().id}`, streetA, { status: 'full' });
    expect(converted.statusCode).toBe(400);
    expect(converted.json().message).toContain('正式党员应填写转正时间');
    // A record saved without the date before the rule (as the factory writes one) can still be edited.
    const older = await buildMember(api.db, city.branchA.id);
    const edited = await send('PATCH', `/api/members/${older.id}`, streetA, { residence: '和平路2号' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'full', fullMemberOn: null, residence: '和平路2号' });
  });

  it('lets a branch secretary (no member.sensitive) replace a phone without ever seeing the old one, audited', async () => {
    const created = await send(
      'POST',
      '/api/members',
      streetA,
      profile({ name: '周电话', idNumber: idFor('1972-02-02', 'female', 70), gender: 'female', phone: '13911112222' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const opened = (await get(`/api/members/${id}`, branchA)).json();
    expect(opened.phone).toBe('139****2222');
    expect((await send('POST', `/api/members/${id}/reveal`, branchA)).statusCode).toBe(403);
    // The masked number sent back is not a number: refused, the record unchanged.
    const masked = await send('PATCH', `/api/members/${id}`, branchA, { phone: opened.phone });
    expect(masked.statusCode).toBe(400);
    expect(masked.json().message).toBe('联系电话：应为11位手机号码');
    const res = await send('PATCH', `/api/members/${id}`, branchA, {
      phone: '13733334444',
      updatedAt: opened.updatedAt,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().phone).toBe('137****4444');
    expect(res.body).not.toContain('13911112222');
    const [row] = await queryRows<{ phone: string }>(api.db, sql`select phone from members where id = ${id}`);
    expect(row?.phone).toBe('13733334444');
    const [entry] = await queryRows<{ actor_name: string; before: { phone: string }; after: { phone: string } }>(
      api.db,
      sql`select actor_name, before, after from audit_logs
           where action = 'member.update' and entity = 'member' and entity_id = ${String(id)}`,
    );
    expect(entry).toMatchObject({
      actor_name: city.branchAUser.username,
      before: { phone: '13911112222' },
      after: { phone: '13733334444' },
    });
    // An edit that leaves the phone out keeps it.
    const kept = await send('PATCH', `/api/members/${id}`, branchA, { residence: '和平路3号' });
    expect(kept.json().phone).toBe('137****4444');
  });

  it('keeps the counters equal to a fresh count', () => expectCountersTrue(api.db));
});

describe('probationary members', () => {
  it('lists those due within 30 days and overdue, and records the conversion', async () => {
    const soon = addDays(chinaToday(), -350);
    const created = await send(
      'POST',
      '/api/members',
      streetA,
      profile({
        name: '钱预备',
        idNumber: idFor('1995-06-07', 'male', 40),
        status: 'probationary',
        joinedOn: soon,
        phone: null,
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const due = await get('/api/members/due-for-conversion', streetA);
    expect(due.json().items).toEqual([expect.objectContaining({ name: '钱预备', overdue: false })]);
    const id = created.json().id;
    const early = await send('POST', `/api/members/${id}/convert`, streetA, { fullMemberOn: soon });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('转正时间：');
    expect((await send('POST', `/api/members/${id}/convert`, streetB, { fullMemberOn: soon })).statusCode).toBe(404);
  });

  it('exports the due list as .xlsx with masked numbers, audited with filter and count', async () => {
    expect((await get('/api/members/due-for-conversion/export')).statusCode).toBe(401);
    expect((await get(`/api/members/due-for-conversion/export?orgId=${city.branchB.id}`, streetA)).statusCode).toBe(
      404,
    );
    expect((await get('/api/members/due-for-conversion/export?orgId=abc', streetA)).statusCode).toBe(400);
    const res = await get('/api/members/due-for-conversion/export', streetA);
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet?.getRow(2).getCell(1).value).toBe('钱预备');
    expect(String(sheet?.getRow(2).getCell(3).value)).toMatch(/\*{8}/);
    expect(sheet?.getRow(2).getCell(8).value).toBe('30天内到期');
    expect(sheet?.rowCount).toBe(2);
    const [event] = await queryRows<{ after: { rows: number } }>(
      api.db,
      sql`select after from audit_logs where action = 'member.due.export' order by id desc limit 1`,
    );
    expect(event?.after.rows).toBe(1);
  });
});

describe('GET /api/members/export', () => {
  it('streams a masked .xlsx and audits the filter and row count', async () => {
    const res = await get('/api/members/export?category=retired', streetA);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet?.getRow(2).getCell(1).value).toBe('单雄信');
    expect(String(sheet?.getRow(2).getCell(4).value)).toMatch(/\*{8}/);
    expect(sheet?.rowCount).toBe(2);
    const [event] = await queryRows<{ after: { rows: number; unmasked: boolean; filter: { category: string[] } } }>(
      api.db,
      sql`select after from audit_logs where action = 'member.export' order by id desc limit 1`,
    );
    expect(event?.after).toMatchObject({ rows: 1, unmasked: false, filter: { category: ['retired'] } });
  });

  it('exports unmasked only with member.sensitive', async () => {
    expect((await get('/api/members/export?unmasked=true', branchA)).statusCode).toBe(403);
    const res = await get('/api/members/export?unmasked=true&q=shanxiongxin', streetA);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(String(workbook.worksheets[0]?.getRow(2).getCell(4).value)).toMatch(/^\d{17}[\dX]$/);
  });
});
