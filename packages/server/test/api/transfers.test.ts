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
import { buildCity, buildMember } from '../helpers/factories.js';
import { idFor } from '../helpers/rosters.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;
let branchA: string;

const { get, post } = api;
const orgOf = async (memberId: number) =>
  (
    await queryRows<{ org_id: number }>(api.db, sql`select org_id::int as org_id from members where id = ${memberId}`)
  )[0]?.org_id;

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
  branchA = await api.login(city.branchAUser.username);
});

describe('transfers within the platform', () => {
  it('finds receivers anywhere by name, showing only names', async () => {
    const res = await get(`/api/transfers/destinations?q=${encodeURIComponent('乙社区')}`, streetA);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: city.communityB.id, name: '乙社区党委' },
      { id: city.branchB.id, name: '乙社区第一党支部' },
    ]);
    expect((await get('/api/transfers/destinations?q=', streetA)).statusCode).toBe(400);
  });

  it('issues a letter, the receiver accepts it and the member moves with dated history', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    expect((await post('/api/transfers', undefined, {})).statusCode).toBe(401);
    const bad = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.branchB.id,
      duesPaidTo: '2026-13',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('党费交至：');
    const long = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.branchB.id,
      duesPaidTo: '2026-10',
      validDays: 120,
    });
    expect(long.json().message).toContain('有效天数：有效期最长3个月');
    const neither = await post('/api/transfers', streetA, { memberId: member.id, duesPaidTo: '2026-10' });
    expect(neither.statusCode).toBe(400);

    const issued = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.branchB.id,
      duesPaidTo: '2026-10',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const transfer = issued.json();
    expect(transfer).toMatchObject({
      kind: 'internal',
      status: 'pending',
      toOrgName: '乙社区第一党支部',
      toOrgId: null, // outside the sender's scope: the name only
      fromOrgName: '甲社区第一党支部',
      canDecide: false,
    });
    expect(transfer.letterNo).toMatch(/^共建转字〔\d{4}〕\d+号$/);
    const days = (Date.parse(transfer.validUntil) - Date.parse(transfer.issuedOn)) / 86_400_000;
    expect(days).toBe(10);

    const again = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.branchB.id,
      duesPaidTo: '2026-10',
    });
    expect(again.statusCode).toBe(409);

    // The sender cannot accept its own letter; the receiver sees it in its inbox.
    expect((await post(`/api/transfers/${transfer.id}/accept`, streetA)).statusCode).toBe(404);
    const outbox = await get('/api/transfers?box=out', streetA);
    expect(outbox.json().items.map((t: { id: number }) => t.id)).toContain(transfer.id);
    const inbox = await get('/api/transfers?box=in', streetB);
    expect(inbox.json().items).toEqual([
      expect.objectContaining({ id: transfer.id, canDecide: true, fromOrgId: null }),
    ]);

    const accepted = await post(`/api/transfers/${transfer.id}/accept`, streetB);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    expect(await orgOf(member.id)).toBe(city.branchB.id);
    expect((await post(`/api/transfers/${transfer.id}/accept`, streetB)).statusCode).toBe(409);
    const detail = (await get(`/api/members/${member.id}`, streetB)).json();
    expect(detail.history.map((h: { orgId: number; reason: string }) => h.orgId)).toEqual([city.branchB.id]);
    expect(detail.history[0].reason).toContain(transfer.letterNo);
    expect((await get(`/api/members/${member.id}`, streetA)).statusCode).toBe(404);
    const audit = await queryRows<{ action: string }>(
      api.db,
      sql`select distinct action from audit_logs where action like 'member.transfer.%'`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['member.transfer.accept', 'member.transfer.issue']);
  });

  it('refuses an expired letter, and the receiver may return it with a reason', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const issued = (
      await post('/api/transfers', streetA, { memberId: member.id, toOrgId: city.communityB.id, duesPaidTo: '2026-10' })
    ).json();
    await audited(api.db, SYSTEM_AUDIT, 'test.expire' as AuditAction, (tx) =>
      tx.execute(
        sql`update member_transfers set issued_on = current_date - 30, valid_until = current_date - 20 where id = ${issued.id}`,
      ),
    );
    const inbox = (await get('/api/transfers?box=in&status=pending', streetB)).json();
    expect(inbox.items[0]).toMatchObject({ id: issued.id, expired: true, canDecide: false });
    const refused = await post(`/api/transfers/${issued.id}/accept`, streetB);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('过期');
    expect(await orgOf(member.id)).toBe(city.branchA.id);
    expect((await post(`/api/transfers/${issued.id}/return`, streetB, { reason: '' })).statusCode).toBe(400);
    const returned = await post(`/api/transfers/${issued.id}/return`, streetB, { reason: '介绍信已过期' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '介绍信已过期' });
    // Returned: the sender may issue a new one.
    const reissued = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.communityB.id,
      duesPaidTo: '2026-10',
    });
    expect(reissued.statusCode).toBe(201);
  });

  it('keeps out accounts of neither end and members outside the sender’s scope', async () => {
    const theirs = await buildMember(api.db, city.branchB.id);
    const res = await post('/api/transfers', streetA, {
      memberId: theirs.id,
      toOrgId: city.branchA.id,
      duesPaidTo: '2026-10',
    });
    expect(res.statusCode).toBe(404);
    const [one] = (await get('/api/transfers?box=out', streetA)).json().items;
    expect((await get(`/api/transfers/${one.id}`, branchA)).statusCode).toBe(200);
    const outsider = await api.login((await buildOtherStreetUser()).username);
    expect((await get(`/api/transfers/${one.id}`, outsider)).statusCode).toBe(404);
  });
});

async function buildOtherStreetUser() {
  const { buildAccount, buildOrg } = await import('../helpers/factories.js');
  const street = await buildOrg(api.db, { parentId: city.district.id, type: 'street_committee', name: '丙街道党工委' });
  return buildAccount(api.db, { orgId: street.id, role: 'street_committee' });
}

describe('transfers out of and into the platform', () => {
  it('prints a letter with stub, letter and receipt; tracks the receipt; the member leaves when it returns', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const issued = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgName: '外省某社区党委',
      duesPaidTo: '2026-09',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const t = issued.json();
    expect(t).toMatchObject({ kind: 'outgoing', status: 'issued', canRecordReceipt: true });
    const letter = await get(`/api/transfers/${t.id}/letter`, streetA);
    expect(letter.headers['content-type']).toContain('text/html');
    for (const part of ['存根', '介绍信', '回执', '外省某社区党委', '2026年9月', t.letterNo])
      expect(letter.body).toContain(part);
    expect((await get(`/api/transfers/${t.id}/letter`, streetB)).statusCode).toBe(404);

    await audited(api.db, SYSTEM_AUDIT, 'test.overdue' as AuditAction, (tx) =>
      tx.execute(
        sql`update member_transfers set issued_on = current_date - 40, receipt_due_on = current_date - 10 where id = ${t.id}`,
      ),
    );
    const overdue = (await get('/api/transfers?box=out&receiptOverdue=true', streetA)).json();
    expect(overdue.items).toEqual([expect.objectContaining({ id: t.id, receiptOverdue: true })]);

    const future = await post(`/api/transfers/${t.id}/receipt`, streetA, { receivedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    const done = await post(`/api/transfers/${t.id}/receipt`, streetA, {
      receivedOn: chinaToday(),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', memberId: member.id });
    expect(await orgOf(member.id)).toBe(city.branchA.id);
  });

  it('keeps the profile of a member who left, out of every active list, and takes them back on a new letter', async () => {
    const today = chinaToday();
    const person = {
      name: '离平台',
      gender: 'female',
      idNumber: idFor('1980-05-05', 'female', 77),
      status: 'full',
      fullMemberOn: '2005-07-01',
      category: 'resident',
      orgId: city.branchA.id,
    };
    const built = await post('/api/members', streetA, person);
    expect(built.statusCode, built.body).toBe(201);
    const member = { id: built.json().id as number, idNumber: person.idNumber };
    const floating = await post('/api/floating-members', streetA, {
      direction: 'out',
      memberId: member.id,
      place: '外省',
      since: today,
    });
    expect(floating.statusCode, floating.body).toBe(201);
    const issued = (
      await post('/api/transfers', streetA, { memberId: member.id, toOrgName: '外省某社区党委', duesPaidTo: '2026-09' })
    ).json();
    const done = await post(`/api/transfers/${issued.id}/receipt`, streetA, { receivedOn: today });
    expect(done.statusCode, done.body).toBe(200);

    // The page still opens and says when and where to.
    const page = await get(`/api/members/${member.id}`, streetA);
    expect(page.statusCode, page.body).toBe(200);
    const left = page.json();
    expect(left.leftOn).toBe(today);
    expect(left.leftReason).toContain('外省某社区党委');
    expect(left.leftReason).toContain(issued.letterNo);
    expect(left.history.at(-1)).toMatchObject({ toOn: today, endReason: left.leftReason });
    const [event] = await queryRows<{ after: { left_on: string } }>(
      api.db,
      sql`select after from audit_logs where action = 'member.transfer.receipt' and entity = 'member'
           order by id desc limit 1`,
    );
    expect(event?.after.left_on).toBe(today);

    // Out of every active list, search and rule; nothing more can be done with the record.
    const search = await get(`/api/members?q=${member.idNumber}`, streetA);
    expect(search.json().total).toBe(0);
    const all = await get('/api/members?pageSize=200', streetA);
    expect(all.json().items.map((m: { id: number }) => m.id)).not.toContain(member.id);
    const away = await get('/api/floating-members?direction=out', streetA);
    expect(away.json().items.map((f: { memberId: number }) => f.memberId)).not.toContain(member.id);
    const edit = await api.app.inject({
      method: 'PATCH',
      url: `/api/members/${member.id}`,
      headers: { cookie: streetA },
      payload: { name: '改名' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toContain('转出平台');
    const again = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.branchB.id,
      duesPaidTo: '2026-09',
    });
    expect(again.statusCode).toBe(409);
    const created = await post('/api/members', streetA, { ...person, orgId: city.communityA.id });
    expect(created.statusCode).toBe(409);
    expect(created.json().message).toContain('登记转入');

    // Back on the platform by an incoming letter: the same record, reactivated, with a new history row.
    const back = await post('/api/transfers/incoming', streetA, {
      member: { ...person, orgId: city.communityA.id },
      fromOrgName: '外省某社区党委',
      letterNo: '外组转字〔2026〕99号',
      duesPaidTo: '2026-10',
      issuedOn: today,
      validUntil: today,
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().memberId).toBe(member.id);
    const rejoined = (await get(`/api/members/${member.id}`, streetA)).json();
    expect(rejoined).toMatchObject({ leftOn: null, leftReason: null, orgId: city.communityA.id });
    expect(rejoined.history).toHaveLength(2);
    expect(rejoined.history[1]).toMatchObject({ orgId: city.communityA.id, toOn: null });
    expect((await get(`/api/members?q=${member.idNumber}`, streetA)).json().total).toBe(1);
    // A second letter for someone now on the platform is a duplicate again.
    const twice = await post('/api/transfers/incoming', streetA, {
      member: { ...person, orgId: city.communityA.id },
      fromOrgName: '外省某社区党委',
      letterNo: '外组转字〔2026〕100号',
      duesPaidTo: '2026-10',
      issuedOn: today,
      validUntil: today,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('registers an incoming letter and places the member', async () => {
    const payload = {
      member: {
        name: '外来党员',
        gender: 'female',
        idNumber: idFor('1985-03-03', 'female', 50),
        status: 'full',
        fullMemberOn: '2010-07-01',
        category: 'resident',
        orgId: city.branchA.id,
      },
      fromOrgName: '某省某市某社区党委',
      letterNo: '某组转字〔2026〕12号',
      duesPaidTo: '2026-10',
      issuedOn: chinaToday(),
      validUntil: addDays(chinaToday(), 5),
    };
    const res = await post('/api/transfers/incoming', streetA, payload);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'incoming', status: 'accepted', toOrgId: city.branchA.id });
    const dup = await post('/api/transfers/incoming', streetA, payload);
    expect(dup.statusCode).toBe(409);
    const outside = await post('/api/transfers/incoming', streetA, {
      ...payload,
      member: { ...payload.member, orgId: city.branchB.id },
    });
    expect(outside.statusCode).toBe(404);
    const inbox = (await get('/api/transfers?box=in', branchA)).json();
    expect(inbox.items.map((t: { memberName: string }) => t.memberName)).toContain('外来党员');
  });

  it('keeps the counters equal to a fresh count', () => expectCountersTrue(api.db));
});

describe('GET /api/transfers/export', () => {
  it('exports the inbox or outbox as .xlsx with masked ID numbers, audited with filter and count', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const issued = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.branchB.id,
      duesPaidTo: '2026-10',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect((await get('/api/transfers/export?box=out')).statusCode).toBe(401);
    expect((await get('/api/transfers/export?box=sideways', streetA)).statusCode).toBe(400);
    expect((await get(`/api/transfers/export?box=out&orgId=${city.streetB.id}`, streetA)).statusCode).toBe(404);
    for (const [cookie, box] of [
      [streetA, 'out'],
      [streetB, 'in'],
    ] as const) {
      const res = await get(`/api/transfers/export?box=${box}&status=pending`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet?.getRow(1).getCell(1).value).toBe('介绍信编号');
      const rows = (sheet?.getSheetValues() ?? []).slice(2) as unknown[][];
      const mine = rows.filter((r) => r?.[1] === issued.json().letterNo);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.[2]).toBe(issued.json().memberName);
      expect(String(mine[0]?.[3])).toMatch(/\*{8}/);
      expect(JSON.stringify(rows)).not.toContain(member.idNumber);
      const [event] = await queryRows<{ org_path: string; after: { rows: number; filter: { box: string } } }>(
        api.db,
        sql`select org_path::text as org_path, after from audit_logs
             where action = 'member.transfer.export' order by id desc limit 1`,
      );
      expect(event?.after).toMatchObject({ rows: rows.length, filter: { box, status: 'pending' } });
    }
  });
});

describe('the letter’s 党费交至 and the receiving branch’s dues', () => {
  const paidTo = async (memberId: number) =>
    (
      await queryRows<{ paid_to: string }>(api.db, sql`select paid_to from dues_accounts where member_id = ${memberId}`)
    )[0]?.paid_to;
  const seeded = (memberId: number) =>
    queryRows<{ after: { paidTo: string; letterNo: string } }>(
      api.db,
      sql`select after from audit_logs where action = 'dues.paid_to.transfer' and entity_id = ${String(memberId)}`,
    );

  it('an incoming letter seeds paid up to; the branch collects from the month after; taking it back restores it', async () => {
    const res = await post('/api/transfers/incoming', streetA, {
      member: {
        name: '转入交费党员',
        gender: 'male',
        idNumber: idFor('1979-05-05', 'male', 61),
        status: 'full',
        fullMemberOn: '2005-07-01',
        category: 'resident',
        orgId: city.branchA.id,
      },
      fromOrgName: '外省某社区党委',
      letterNo: '外组转字〔2026〕88号',
      duesPaidTo: '2026-09',
      issuedOn: chinaToday(),
      validUntil: addDays(chinaToday(), 10),
    });
    expect(res.statusCode, res.body).toBe(201);
    const memberId = res.json().memberId as number;
    expect(await paidTo(memberId)).toBe('2026-09');
    expect((await seeded(memberId)).map((r) => r.after)).toEqual([
      expect.objectContaining({ paidTo: '2026-09', before: null, letterNo: '外组转字〔2026〕88号' }),
    ]);

    const year = Number(chinaToday().slice(0, 4));
    const base = await api.app.inject({
      method: 'PUT',
      url: '/api/dues/bases',
      headers: { cookie: branchA },
      payload: { memberId, year, kind: 'student' },
    });
    expect(base.statusCode, base.body).toBe(200);
    // No starting month needed: the branch's dues start right after the letter's month.
    const paid = await post('/api/dues/payments', branchA, {
      memberId,
      toMonth: '2026-11',
      method: 'cash',
      paidOn: chinaToday(),
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ fromMonth: '2026-10', toMonth: '2026-11' });
    const undone = await api.send('DELETE', `/api/dues/payments/${paid.json().id}`, branchA);
    expect(undone.statusCode).toBe(204);
    expect(await paidTo(memberId)).toBe('2026-09');
  });

  it('an internal letter typed for a member with no dues record seeds it when the receiver accepts', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const issued = await post('/api/transfers', streetA, {
      memberId: member.id,
      toOrgId: city.branchB.id,
      duesPaidTo: '2026-08',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(await paidTo(member.id)).toBeUndefined();
    const accepted = await post(`/api/transfers/${issued.json().id}/accept`, streetB);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await paidTo(member.id)).toBe('2026-08');
    const [row] = await queryRows<{ org_id: number }>(
      api.db,
      sql`select org_id::int as org_id from dues_accounts where member_id = ${member.id}`,
    );
    expect(row?.org_id).toBe(city.branchB.id);
    expect(await seeded(member.id)).toHaveLength(1);
  });

  it('keeps the counters equal to a fresh count', () => expectCountersTrue(api.db));
});
