import { chinaToday, duesMonthAdd, duesLastDueMonth } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../src/modules.js';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { lapsedJob, runLapsed } from '../../src/dues/lapsed.js';
import { JOBS } from '../../src/modules.js';
import { JobRunner } from '../../src/scheduler/runner.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember, buildOrg } from '../helpers/factories.js';

const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;
let branchA: string;

const today = chinaToday();
const thisMonth = today.slice(0, 7);
const due = duesLastDueMonth(today);

const put = (url: string, cookie: string | undefined, payload: object) =>
  api.app.inject({ method: 'PUT', url, headers: cookie ? { cookie } : {}, payload });

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
  branchA = await api.login(city.branchAUser.username);
});

async function readXlsx(raw: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('dues bases', () => {
  it('computes the monthly amount from the 2008 brackets, lets a member pay more, refuses bad input', async () => {
    const m = await buildMember(api.db, city.branchA.id);
    expect((await put('/api/dues/bases', undefined, {})).statusCode).toBe(401);
    const missing = await put('/api/dues/bases', branchA, { memberId: m.id, year: 2026, kind: 'employed' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('税后月收入');
    const badKind = await put('/api/dues/bases', branchA, { memberId: m.id, year: 2026, kind: 'rich', baseFen: 1 });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().message).toContain('缴费类别');
    const fraction = await put('/api/dues/bases', branchA, {
      memberId: m.id,
      year: 2026,
      kind: 'employed',
      baseFen: 1.5,
    });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().message).toContain('月收入（养老金）');

    const res = await put('/api/dues/bases', branchA, {
      memberId: m.id,
      year: 2026,
      kind: 'employed',
      baseFen: 500_000,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ standardFen: 5000, monthlyFen: 5000, baseFen: 500_000 });
    const less = await put('/api/dues/bases', branchA, {
      memberId: m.id,
      year: 2026,
      kind: 'employed',
      baseFen: 500_000,
      monthlyFen: 4000,
    });
    expect(less.statusCode).toBe(400);
    expect(less.json().message).toContain('50.00元');
    const more = await put('/api/dues/bases', branchA, {
      memberId: m.id,
      year: 2026,
      kind: 'employed',
      baseFen: 500_000,
      monthlyFen: 10_000,
    });
    expect(more.json()).toMatchObject({ standardFen: 5000, monthlyFen: 10_000 });
    const flat = await put('/api/dues/bases', branchA, {
      memberId: m.id,
      year: 2025,
      kind: 'student',
      baseFen: 900_000,
    });
    expect(flat.json()).toMatchObject({ baseFen: null, standardFen: 20, monthlyFen: 20 });
    const outside = await buildMember(api.db, city.branchB.id);
    expect(
      (await put('/api/dues/bases', streetA, { memberId: outside.id, year: 2026, kind: 'student' })).statusCode,
    ).toBe(404);
    const [rows] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'dues.base.save' and entity_id in
            (select id::text from dues_bases where member_id = ${m.id})`,
    );
    expect(rows!.n).toBe(3);
  });
});

describe('dues payments', () => {
  it('records months once, keeps paid up to, refuses a month paid twice (409) and gaps', async () => {
    const m = await buildMember(api.db, city.branchA.id);
    await put('/api/dues/bases', branchA, {
      memberId: m.id,
      year: Number(today.slice(0, 4)),
      kind: 'retired',
      baseFen: 400_000,
    });
    const first = duesMonthAdd(due, -5);
    const noStart = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      toMonth: due,
      method: 'cash',
      paidOn: today,
    });
    expect(noStart.statusCode).toBe(400);
    expect(noStart.json().message).toContain('起始月份');
    const future = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      fromMonth: first,
      toMonth: first,
      method: 'cash',
      paidOn: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('缴费日期');
    const badMethod = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      fromMonth: first,
      toMonth: first,
      method: 'wechat',
      paidOn: today,
    });
    expect(badMethod.statusCode).toBe(400);
    expect(badMethod.json().message).toContain('缴费方式');
    const badMonth = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      fromMonth: '2026-13',
      toMonth: first,
      method: 'cash',
      paidOn: today,
    });
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.json().message).toContain('起始月份');

    const res = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      fromMonth: first,
      toMonth: duesMonthAdd(first, 2),
      method: 'cash',
      paidOn: today,
    });
    expect(res.statusCode, res.body).toBe(201);
    // retired, 4000 yuan pension: 0.5% = 20 yuan a month
    expect(res.json()).toMatchObject({ months: 3, amountFen: 6000, method: 'cash', fromMonth: first });
    const twice = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      fromMonth: first,
      toMonth: first,
      method: 'cash',
      paidOn: today,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('不能重复缴纳');
    const gap = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      fromMonth: duesMonthAdd(first, 4),
      toMonth: duesMonthAdd(first, 4),
      method: 'cash',
      paidOn: today,
    });
    expect(gap.statusCode).toBe(409);
    expect(gap.json().message).toContain('连续缴纳');
    const tooLittle = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      toMonth: duesMonthAdd(first, 3),
      amountFen: 100,
      method: 'cash',
      paidOn: today,
    });
    expect(tooLittle.statusCode).toBe(400);
    expect(tooLittle.json().message).toContain('20.00元');
    const next = await post('/api/dues/payments', branchA, {
      memberId: m.id,
      toMonth: duesMonthAdd(first, 3),
      amountFen: 5000,
      method: 'transfer',
      paidOn: today,
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ fromMonth: duesMonthAdd(first, 3), amountFen: 5000 });

    const card = (await get(`/api/dues/members/${m.id}`, branchA)).json();
    expect(card).toMatchObject({ paidTo: duesMonthAdd(first, 3), monthsBehind: 2, monthlyFen: 2000 });
    expect(card.payments).toHaveLength(2);
    // The database refuses a month twice whatever the service checked.
    await expect(
      audited(api.db, SYSTEM_AUDIT, 'test.dues' as AuditAction, (tx) =>
        tx.execute(
          sql`insert into dues_months (member_id, month, payment_id) values (${m.id}, ${first}, ${res.json().id})`,
        ),
      ),
    ).rejects.toThrow();

    // Only the latest payment may be taken back; paid up to goes back with it.
    expect((await send('DELETE', `/api/dues/payments/${res.json().id}`, branchA)).statusCode).toBe(409);
    expect((await send('DELETE', `/api/dues/payments/${next.json().id}`, branchA)).statusCode).toBe(204);
    expect((await get(`/api/dues/members/${m.id}`, branchA)).json().paidTo).toBe(duesMonthAdd(first, 2));
    expect((await send('DELETE', `/api/dues/payments/${res.json().id}`, branchA)).statusCode).toBe(204);
    expect((await get(`/api/dues/members/${m.id}`, branchA)).json().paidTo).toBeNull();
    expect((await send('DELETE', `/api/dues/payments/${res.json().id}`, branchA)).statusCode).toBe(404);
    // A member without a base gives the amount
    const plain = await buildMember(api.db, city.branchA.id);
    const noBase = await post('/api/dues/payments', branchA, {
      memberId: plain.id,
      fromMonth: due,
      toMonth: due,
      method: 'cash',
      paidOn: today,
    });
    expect(noBase.statusCode).toBe(400);
    expect(noBase.json().message).toContain('未核定党费基数');
  });

  it('records a branch in one batch, lists who is behind, and keeps the totals as counters', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const people: { id: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const m = await buildMember(api.db, branch.id);
      await put('/api/dues/bases', streetA, { memberId: m.id, year: Number(today.slice(0, 4)), kind: 'student' });
      people.push(m);
    }
    const start = duesMonthAdd(due, -4);
    const first = await post('/api/dues/payments/batch', streetA, {
      memberIds: people.map((p) => p.id),
      fromMonth: start,
      toMonth: duesMonthAdd(due, -2),
      method: 'cash',
      paidOn: today,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().items).toHaveLength(4);
    let behind = (await get(`/api/dues/members?orgId=${branch.id}&behind=true`, streetA)).json();
    expect(behind.total, JSON.stringify(behind)).toBe(4);
    expect(behind.total).toBe(4);
    expect(behind.items[0].monthsBehind).toBe(2);
    // Two of them pay up to last month: the list shrinks.
    const second = await post('/api/dues/payments/batch', streetA, {
      memberIds: [people[0]!.id, people[1]!.id],
      toMonth: due,
      method: 'transfer',
      paidOn: today,
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().items[0]).toMatchObject({ months: 2, amountFen: 40 });
    behind = (await get(`/api/dues/members?orgId=${branch.id}&behind=true`, streetA)).json();
    expect(behind.total).toBe(2);
    // A batch with one member already paid is refused whole.
    const again = await post('/api/dues/payments/batch', streetA, {
      memberIds: [people[0]!.id, people[2]!.id],
      toMonth: due,
      method: 'cash',
      paidOn: today,
    });
    expect(again.statusCode).toBe(409);
    expect((await get(`/api/dues/members?orgId=${branch.id}&behind=true`, streetA)).json().total).toBe(2);
    const outside = await buildMember(api.db, city.branchB.id);
    const mixed = await post('/api/dues/payments/batch', streetA, {
      memberIds: [people[2]!.id, outside.id],
      toMonth: due,
      method: 'cash',
      paidOn: today,
    });
    expect(mixed.statusCode).toBe(404);

    const totals = (await get(`/api/dues/totals?orgId=${branch.id}`, streetA)).json();
    expect(totals).toMatchObject({ members: 4, upToDate: 2, behind: 2, behind4: 0, noRecord: 0 });
    expect(totals.yearFen).toBe(4 * 3 * 20 + 2 * 2 * 20);
    expect(totals.months).toEqual([{ month: thisMonth, amountFen: 320, payments: 6 }]);
    // The kept counters equal a recount.
    const [recount] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from dues_accounts a join members m on m.id = a.member_id
           where m.org_id = ${branch.id} and a.paid_to < ${due}`,
    );
    expect(recount!.n).toBe(totals.behind);
    // a member moving takes their account to the new organisation's counters
    await audited(api.db, SYSTEM_AUDIT, 'test.move' as AuditAction, (tx) =>
      tx.execute(sql`update members set org_id = ${city.branchA.id} where id = ${people[3]!.id}`),
    );
    expect((await get(`/api/dues/totals?orgId=${branch.id}`, streetA)).json()).toMatchObject({ members: 3, behind: 1 });

    const month = (await get(`/api/dues/payments?orgId=${branch.id}&month=${thisMonth}`, streetA)).json();
    expect(month.items).toHaveLength(6);
    const exported = await get(`/api/dues/members/export?orgId=${branch.id}&behind=true`, streetA);
    expect(exported.statusCode).toBe(200);
    const rows = await readXlsx(exported.rawPayload);
    expect(rows[0]).toContain('欠缴月数');
    expect(rows).toHaveLength(2);
    const totalsFile = await get(`/api/dues/totals/export?orgId=${branch.id}`, streetA);
    expect(totalsFile.statusCode).toBe(200);
    expect((await readXlsx(totalsFile.rawPayload)).at(-1)?.[1]).toBe('3.20');
    const [events] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'dues.export'`,
    );
    expect(events!.n).toBe(2);
    expect((await get(`/api/dues/totals?orgId=${city.branchB.id}`, streetA)).statusCode).toBe(404);
    expect((await get(`/api/dues/members?orgId=${city.branchB.id}`, streetA)).statusCode).toBe(404);
    expect((await get(`/api/dues/members?orgId=${branch.id}`, streetB)).statusCode).toBe(404);
  });

  it("shows a member their own dues (我的党费) and nobody else's", async () => {
    const m = await buildMember(api.db, city.branchA.id);
    await put('/api/dues/bases', branchA, { memberId: m.id, year: Number(today.slice(0, 4)), kind: 'unemployed' });
    await post('/api/dues/payments', branchA, {
      memberId: m.id,
      fromMonth: due,
      toMonth: due,
      method: 'cash',
      paidOn: today,
    });
    const account = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member', memberId: m.id });
    const cookie = await api.login(account.username);
    const mine = await get('/api/dues/me', cookie);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ memberId: m.id, paidTo: due, monthsBehind: 0, monthlyFen: 20 });
    expect((await get(`/api/dues/members/${m.id}`, cookie)).statusCode).toBe(403);
    expect((await get('/api/dues/me', streetA)).statusCode).toBe(403);
  });
});

describe('the relation-transfer letter', () => {
  it('takes 党费交至 from the dues records', async () => {
    const m = await buildMember(api.db, city.branchA.id);
    await post('/api/dues/payments', streetA, {
      memberId: m.id,
      fromMonth: due,
      toMonth: due,
      amountFen: 100,
      method: 'cash',
      paidOn: today,
    });
    const res = await post('/api/transfers', streetA, {
      memberId: m.id,
      toOrgName: '外省某党支部',
      duesPaidTo: '2001-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().duesPaidTo).toBe(due);
    const none = await buildMember(api.db, city.branchA.id);
    const missing = await post('/api/transfers', streetA, { memberId: none.id, toOrgName: '外省某党支部' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('党费交至');
  });
});

describe('lapsed membership (党章 §9)', () => {
  it('flags at 4 months, lists at 6, tells the branch once, clears when paid — on a fake clock', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const secretary = await buildAccount(api.db, { orgId: branch.id, role: 'branch_secretary' });
    const m = await buildMember(api.db, branch.id);
    const regular = await buildMember(api.db, branch.id);
    await post('/api/dues/payments', streetA, {
      memberId: m.id,
      fromMonth: '2026-01',
      toMonth: '2026-06',
      amountFen: 600,
      method: 'cash',
      paidOn: today,
    });
    await post('/api/dues/payments', streetA, {
      memberId: regular.id,
      fromMonth: '2026-01',
      toMonth: '2026-10',
      amountFen: 600,
      method: 'cash',
      paidOn: today,
    });
    const flags = () =>
      queryRows<{ member_id: number; reason: string; stage: number }>(
        api.db,
        sql`select member_id::int as member_id, reason, stage from lapsed_flags where org_id = ${branch.id}`,
      );
    const told = async () =>
      (
        await queryRows<{ n: number }>(
          api.db,
          sql`select count(*)::int as n from notifications where account_id = ${secretary.id} and kind = 'dues.lapsed'`,
        )
      )[0]!.n;
    // 2026-10-31 (China): paid up to June, last month due September: 3 months — nothing yet.
    await runLapsed(api.db, new Date('2026-10-31T08:00:00+08:00'));
    expect(await flags()).toEqual([]);
    // 2026-11-01: October is due, 4 months behind — flagged and told.
    const four = await runLapsed(api.db, new Date('2026-11-01T00:30:00+08:00'));
    expect(four).toMatchObject({ flagged: 1 });
    expect(await flags()).toEqual([{ member_id: m.id, reason: 'dues', stage: 4 }]);
    expect(await told()).toBe(1);
    // The same day again: nothing changes, nobody is told twice.
    expect(await runLapsed(api.db, new Date('2026-11-01T12:00:00+08:00'))).toMatchObject({ flagged: 0, raised: 0 });
    expect(await told()).toBe(1);
    // 2027-01-01: six months — listed, told again.
    await runLapsed(api.db, new Date('2027-01-01T07:00:00+08:00'));
    expect(await flags()).toEqual([{ member_id: m.id, reason: 'dues', stage: 6 }]);
    expect(await told()).toBe(2);
    const list = (await get(`/api/lapsed?orgId=${branch.id}&stage=6`, streetA)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ memberId: m.id, reason: 'dues', stage: 6, since: '2026-06' });
    const workbench = (await get('/api/workbench', streetA)).json();
    const source = workbench.sources.find((s: { name: string }) => s.name === 'dues.lapsed');
    expect(source.total).toBeGreaterThanOrEqual(1);
    const file = await get(`/api/lapsed/export?orgId=${branch.id}`, streetA);
    expect(file.statusCode).toBe(200);
    expect((await readXlsx(file.rawPayload))[1]?.[0]).toBe(
      (await get(`/api/dues/members/${m.id}`, streetA)).json().name,
    );
    // Paid again: the flag goes.
    await post('/api/dues/payments', streetA, {
      memberId: m.id,
      toMonth: due,
      amountFen: 10_000,
      method: 'transfer',
      paidOn: today,
    });
    await runLapsed(api.db, new Date(`${today}T12:00:00+08:00`));
    expect((await flags()).filter((f) => f.reason === 'dues')).toEqual([]);
    expect((await get(`/api/lapsed?orgId=${branch.id}`, streetB)).statusCode).toBe(404);
    const stage = await get(`/api/lapsed?stage=5`, streetA);
    expect(stage.statusCode).toBe(400);
    expect(stage.json().message).toContain('阶段');
  });

  it('runs daily through the job runner, on its fake clock', async () => {
    expect(JOBS).toContain(lapsedJob);
    let now = new Date('2027-03-01T06:00:00+08:00');
    const runner = new JobRunner(api.db, [lapsedJob], { dueSources: [] }, { now: () => now });
    await runner.register();
    // Due at 06:20 Beijing time: not yet, then once.
    expect(await runner.tick()).toEqual([]);
    now = new Date('2027-03-01T06:21:00+08:00');
    const [outcome] = await runner.tick();
    expect(outcome).toMatchObject({ job: 'dues.lapsed', status: 'ok' });
    expect(await runner.tick()).toEqual([]);
  });

  it('flags a member who attends no organisational life for 4 and 6 months', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const m = await buildMember(api.db, branch.id);
    const other = await buildMember(api.db, branch.id);
    // Finalised meetings: both present in March, only the other one in May.
    await audited(api.db, SYSTEM_AUDIT, 'test.meetings' as AuditAction, async (tx) => {
      for (const [day, absent] of [
        ['2026-03-10', false],
        ['2026-05-12', true],
      ] as const) {
        const [meeting] = await queryRows<{ id: number }>(
          tx,
          sql`insert into meetings (org_id, type, status, held_on, start_time, topic)
              values (${branch.id}, 'party_congress', 'final', ${day}, '09:00', '测试') returning id::int as id`,
        );
        await tx.execute(sql`insert into meeting_attendance (meeting_id, member_id, org_id, held_on, final, status)
          values (${meeting!.id}, ${m.id}, ${branch.id}, ${day}, true, ${absent ? 'absent' : 'present'}),
                 (${meeting!.id}, ${other.id}, ${branch.id}, ${day}, true, 'present')`);
      }
    });
    const flags = () =>
      queryRows<{ member_id: number; stage: number; since: string }>(
        api.db,
        sql`select member_id::int as member_id, stage, since from lapsed_flags where org_id = ${branch.id} and reason = 'org_life'`,
      );
    await runLapsed(api.db, new Date('2026-07-09T10:00:00+08:00'));
    expect(await flags()).toEqual([]);
    await runLapsed(api.db, new Date('2026-07-10T10:00:00+08:00'));
    expect(await flags()).toEqual([{ member_id: m.id, stage: 4, since: '2026-03-10' }]);
    await runLapsed(api.db, new Date('2026-09-10T10:00:00+08:00'));
    expect(await flags()).toEqual([{ member_id: m.id, stage: 6, since: '2026-03-10' }]);
  });

  it('does not count absence with good reason (病假/事假/公假, or 其他 judged 正当) as missed organisational life', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const sick = await buildMember(api.db, branch.id);
    const otherJudged = await buildMember(api.db, branch.id);
    const otherNot = await buildMember(api.db, branch.id);
    const mixed = await buildMember(api.db, branch.id);
    type Mark = [status: 'present' | 'absent', reason: string | null, justified: boolean];
    // Everyone present in March; then a meeting each month April–August.
    const months: [string, Record<number, Mark>][] = [
      ['2026-03-10', {}],
      [
        '2026-04-14',
        {
          [sick.id]: ['absent', 'sick', false],
          [otherJudged.id]: ['absent', 'other', true],
          [otherNot.id]: ['absent', 'other', false],
          [mixed.id]: ['absent', 'official', false],
        },
      ],
      [
        '2026-05-12',
        {
          [sick.id]: ['absent', 'sick', false],
          [otherJudged.id]: ['absent', 'other', true],
          [otherNot.id]: ['absent', 'other', false],
          [mixed.id]: ['absent', null, false],
        },
      ],
      [
        '2026-06-09',
        {
          [sick.id]: ['absent', 'personal', false],
          [otherJudged.id]: ['absent', 'other', true],
          [otherNot.id]: ['absent', 'other', false],
          [mixed.id]: ['absent', null, false],
        },
      ],
      [
        '2026-07-14',
        {
          [sick.id]: ['absent', 'sick', false],
          [otherJudged.id]: ['absent', 'other', true],
          [otherNot.id]: ['absent', 'other', false],
          [mixed.id]: ['absent', null, false],
        },
      ],
      [
        '2026-08-11',
        {
          [sick.id]: ['absent', 'sick', false],
          [otherJudged.id]: ['absent', 'other', true],
          [otherNot.id]: ['absent', 'other', false],
          [mixed.id]: ['absent', null, false],
        },
      ],
      [
        '2026-09-08',
        {
          [sick.id]: ['absent', 'sick', false],
          [otherJudged.id]: ['absent', 'other', true],
          [otherNot.id]: ['absent', 'other', false],
          [mixed.id]: ['absent', null, false],
        },
      ],
    ];
    await audited(api.db, SYSTEM_AUDIT, 'test.meetings' as AuditAction, async (tx) => {
      for (const [day, marks] of months) {
        const [meeting] = await queryRows<{ id: number }>(
          tx,
          sql`insert into meetings (org_id, type, status, held_on, start_time, topic)
              values (${branch.id}, 'theme_day', 'final', ${day}, '09:00', '测试') returning id::int as id`,
        );
        for (const who of [sick, otherJudged, otherNot, mixed]) {
          const [status, reason, justified] = marks[who.id] ?? ['present', null, false];
          await tx.execute(sql`insert into meeting_attendance
              (meeting_id, member_id, org_id, held_on, final, status, absence_reason, absence_justified)
            values (${meeting!.id}, ${who.id}, ${branch.id}, ${day}, true, ${status}, ${reason}, ${justified})`);
        }
      }
    });
    const flags = () =>
      queryRows<{ member_id: number; stage: number; since: string }>(
        api.db,
        sql`select member_id::int as member_id, stage, since from lapsed_flags
             where org_id = ${branch.id} and reason = 'org_life' order by member_id`,
      );
    // 4 months after March: only the unjudged 其他 counts as missed; the mixed member's 公假 in April kept them going.
    await runLapsed(api.db, new Date('2026-07-10T10:00:00+08:00'));
    expect(await flags()).toEqual([{ member_id: otherNot.id, stage: 4, since: '2026-03-10' }]);
    // 4 months after the 公假 of April 14 the mixed member is told too.
    await runLapsed(api.db, new Date('2026-08-13T10:00:00+08:00'));
    expect((await flags()).map((f) => f.member_id)).toEqual([otherNot.id]);
    await runLapsed(api.db, new Date('2026-08-14T10:00:00+08:00'));
    expect(await flags()).toEqual([
      { member_id: otherNot.id, stage: 4, since: '2026-03-10' },
      { member_id: mixed.id, stage: 4, since: '2026-04-14' },
    ]);
    // 6 months: listed; the member on sick leave all along and the judged 其他 never are.
    await runLapsed(api.db, new Date('2026-09-10T10:00:00+08:00'));
    expect(await flags()).toEqual([
      { member_id: otherNot.id, stage: 6, since: '2026-03-10' },
      { member_id: mixed.id, stage: 4, since: '2026-04-14' },
    ]);
    await runLapsed(api.db, new Date('2026-10-14T10:00:00+08:00'));
    expect(await flags()).toEqual([
      { member_id: otherNot.id, stage: 6, since: '2026-03-10' },
      { member_id: mixed.id, stage: 6, since: '2026-04-14' },
    ]);
  });
});
