import { addDays, chinaToday, quarterPeriod, standingOf, DEFAULT_MEETING_RULES } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { teamPosts } from '../../src/db/schema.js';
import type { AuditAction } from '../../src/modules.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember, buildOrg } from '../helpers/factories.js';

const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let people: { id: number; name: string }[];
let probationer: { id: number };
let outsider: { id: number };
let admin: string;
let streetA: string;
let streetB: string;
let secretary: string;
let member: string;
let memberRole: string;
const today = chinaToday();
const yesterday = addDays(today, -1);

beforeAll(async () => {
  city = await buildCity(api.db);
  people = [];
  for (let i = 0; i < 5; i++) people.push(await buildMember(api.db, city.branchA.id));
  probationer = await buildMember(api.db, city.branchA.id);
  await audited(api.db, SYSTEM_AUDIT, 'test.probation' as AuditAction, (tx) =>
    tx.execute(sql`update members set status = 'probationary' where id = ${probationer.id}`),
  );
  outsider = await buildMember(api.db, city.branchB.id);
  admin = await api.login(city.admin.username);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
  secretary = await api.login(city.branchAUser.username);
  const linked = await buildAccount(api.db, { orgId: city.branchA.id, role: 'member', memberId: people[0]!.id });
  member = await api.login(linked.username);
  const other = await buildAccount(api.db, { orgId: city.branchA.id, role: 'unit_liaison' });
  memberRole = await api.login(other.username);
});

const base = (over: object = {}) => ({
  orgId: city.branchA.id,
  type: 'general_assembly',
  heldOn: yesterday,
  startTime: '19:00',
  place: '党员活动室',
  topic: '学习贯彻会议精神',
  ...over,
});

const allPresent = () => [...people, probationer].map((p) => ({ memberId: p.id, status: 'present' }));

async function created(body: object, cookie = secretary) {
  const res = await post('/api/org-life/meetings', cookie, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; attendees: { memberId: number; voting: boolean }[]; status: string };
}

describe('meetings', () => {
  it('refuses anonymous and accounts without the permission', async () => {
    expect((await get('/api/org-life/meetings')).statusCode).toBe(401);
    expect((await get('/api/org-life/meetings', memberRole)).statusCode).toBe(403);
    expect((await post('/api/org-life/meetings', member, base())).statusCode).toBe(403);
  });

  it('computes the expected attendees: the branch, its committee, a group without members of its own', async () => {
    const m = await created(base());
    expect(m.attendees.map((a) => a.memberId).sort()).toEqual([...people, probationer].map((p) => p.id).sort());
    expect(m.attendees.find((a) => a.memberId === probationer.id)?.voting).toBe(false);
    await audited(api.db, SYSTEM_AUDIT, 'test.team' as AuditAction, (tx) =>
      tx.insert(teamPosts).values(
        [people[0]!, people[1]!].map((p, i) => ({
          orgId: city.branchA.id,
          memberId: p.id,
          personName: p.name,
          position: i ? 'committee_member' : 'secretary',
          startedOn: '2024-01-01',
        })),
      ),
    );
    const expected = await get(`/api/org-life/expected?orgId=${city.branchA.id}&type=committee`, secretary);
    expect(
      expected
        .json()
        .items.map((x: { memberId: number }) => x.memberId)
        .sort(),
    ).toEqual([people[0]!.id, people[1]!.id].sort());
    const group = await buildOrg(api.db, { parentId: city.branchA.id, type: 'group', name: '第一党小组' });
    const g = await get(`/api/org-life/expected?orgId=${group.id}&type=party_group`, secretary);
    expect(g.json().items).toHaveLength(6);
    const wrong = await get(`/api/org-life/expected?orgId=${group.id}&type=general_assembly`, secretary);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('会议类型');
  });

  it('refuses bad input with Chinese messages naming the field', async () => {
    const cases: [object, string, string][] = [
      [base({ attendance: [{ memberId: people[0]!.id, status: 'absent' }] }), 'attendance.0.absenceReason', '缺席原因'],
      [base({ attendance: [{ memberId: outsider.id, status: 'present' }] }), 'attendance.0.memberId', '出席情况'],
      [
        base({ heldOn: addDays(today, 3), attendance: [{ memberId: people[0]!.id, status: 'present' }] }),
        'heldOn',
        '会议日期：会议尚未召开',
      ],
      [base({ type: 'party_class', votes: [{ subject: '接收预备党员', result: '通过' }] }), 'votes', '表决事项'],
      [base({ orgId: city.streetA.id }), 'orgId', '组织'],
      [base({ startTime: '25:00' }), 'startTime', '开始时间'],
      [base({ type: 'tea_party' }), 'type', '会议类型'],
      [base({ topic: '' }), 'topic', '会议主题'],
      [base({ place: null }), 'place', '地点'],
      [base({ endTime: '18:00' }), 'endTime', '结束时间'],
    ];
    for (const [body, field, message] of cases) {
      const res = await post('/api/org-life/meetings', admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().field).toBe(field);
      expect(res.json().message).toContain(message);
    }
  });

  it('keeps another street out: its organisation and its meetings are not found', async () => {
    expect((await post('/api/org-life/meetings', streetA, base({ orgId: city.branchB.id }))).statusCode).toBe(404);
    const theirs = await created(base({ orgId: city.branchB.id }), streetB);
    expect((await get(`/api/org-life/meetings/${theirs.id}`, streetA)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/org-life/meetings/${theirs.id}`, streetA, base())).statusCode).toBe(404);
    expect((await post(`/api/org-life/meetings/${theirs.id}/finalise`, streetA)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/org-life/meetings/${theirs.id}`, streetA)).statusCode).toBe(404);
    const list = await get(`/api/org-life/meetings?pageSize=200`, streetA);
    expect(list.json().items.some((m: { id: number }) => m.id === theirs.id)).toBe(false);
  });

  it('finalises a held meeting with everyone marked; the branch is done this quarter', async () => {
    const m = await created(base({ topic: '季度党员大会' }));
    const early = await post(`/api/org-life/meetings/${m.id}/finalise`, secretary);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('尚有6名');
    const marks = allPresent();
    marks[1] = { memberId: people[1]!.id, status: 'absent', absenceReason: 'sick' } as never;
    const saved = await send('PATCH', `/api/org-life/meetings/${m.id}`, secretary, {
      ...base({ topic: '季度党员大会' }),
      attendance: marks,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      expectedCount: 6,
      presentCount: 5,
      votingExpected: 5,
      votingPresent: 4,
      quorate: true,
    });
    const done = await post(`/api/org-life/meetings/${m.id}/finalise`, secretary);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('final');
    const standings = await get(`/api/org-life/standings?orgId=${city.branchA.id}`, secretary);
    const own = standings.json().items[0];
    expect(own.standings.find((s: { type: string }) => s.type === 'general_assembly')).toMatchObject({
      status: 'done',
      held: 1,
      period: quarterPeriod(today).key,
    });
    expect((await send('PATCH', `/api/org-life/meetings/${m.id}`, secretary, base())).statusCode).toBe(409);
    expect((await send('DELETE', `/api/org-life/meetings/${m.id}`, secretary)).statusCode).toBe(409);
    expect((await post(`/api/org-life/meetings/${m.id}/finalise`, secretary)).statusCode).toBe(409);
  });

  it('a meeting in the future cannot be finalised', async () => {
    const m = await created(base({ heldOn: addDays(today, 2), topic: '计划中的会议' }));
    const res = await post(`/api/org-life/meetings/${m.id}/finalise`, secretary);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('会议日期');
    expect((await send('DELETE', `/api/org-life/meetings/${m.id}`, secretary)).statusCode).toBe(204);
    expect((await get(`/api/org-life/meetings/${m.id}`, secretary)).statusCode).toBe(404);
  });

  it('refuses a vote at an inquorate 党员大会 and says whether it was quorate', async () => {
    const votes = [{ subject: '接收张三为预备党员', result: '同意4票' }];
    const marks = [...people, probationer].map((p, i) =>
      i < 2 || p === probationer
        ? { memberId: p.id, status: 'present' }
        : { memberId: p.id, status: 'absent', absenceReason: 'personal' },
    );
    const m = await created(base({ topic: '接收预备党员', votes, attendance: marks }));
    const full = await get(`/api/org-life/meetings/${m.id}`, secretary);
    expect(full.json()).toMatchObject({ votingExpected: 5, votingPresent: 2, quorate: false, quorumNeeded: 3 });
    const refused = await post(`/api/org-life/meetings/${m.id}/finalise`, secretary);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('半数');
    // Without the vote the meeting may be recorded (it was held), inquorate.
    await send('PATCH', `/api/org-life/meetings/${m.id}`, secretary, base({ topic: '接收预备党员', votes: [] }));
    const ok = await post(`/api/org-life/meetings/${m.id}/finalise`, secretary);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().quorate).toBe(false);
    const again = await post(`/api/org-life/meetings/${m.id}/corrections`, secretary, {
      ...base({ topic: '接收预备党员', votes }),
      reason: '补记表决',
    });
    expect(again.statusCode).toBe(409);
    expect((await get(`/api/org-life/meetings/${m.id}`, secretary)).json().revision).toBe(0);
  });

  it('a correction keeps the original record and moves the counters', async () => {
    const m = await created(base({ type: 'party_class', topic: '党课：原题目', attendance: allPresent() }));
    await post(`/api/org-life/meetings/${m.id}/finalise`, secretary);
    const missing = await post(
      `/api/org-life/meetings/${m.id}/corrections`,
      secretary,
      base({ type: 'party_class', topic: 'x' }),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('原因');
    const marks = allPresent();
    marks[0] = { memberId: people[0]!.id, status: 'absent', absenceReason: 'official' } as never;
    const res = await post(`/api/org-life/meetings/${m.id}/corrections`, secretary, {
      ...base({ type: 'party_class', topic: '党课：更正后的题目' }),
      attendance: marks,
      reason: '题目记错，张某实为公假',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: 1, topic: '党课：更正后的题目', presentCount: 5 });
    expect(res.json().corrections[0]).toMatchObject({
      revision: 1,
      reason: '题目记错，张某实为公假',
      before: { topic: '党课：原题目', presentCount: 6 },
    });
    const [kept] = await queryRows<{ topic: string; marks: number }>(
      api.db,
      sql`select before->'meeting'->>'topic' as topic, jsonb_array_length(before->'attendance')::int as marks
            from meeting_corrections where meeting_id = ${m.id}`,
    );
    expect(kept).toEqual({ topic: '党课：原题目', marks: 6 });
    const outsiderMark = await post(`/api/org-life/meetings/${m.id}/corrections`, secretary, {
      ...base({ type: 'party_class', topic: 'y' }),
      attendance: [{ memberId: outsider.id, status: 'present' }],
      reason: '加人',
    });
    // Another street's member is not found for the branch's secretary; one the account sees but not expected: 400.
    expect(outsiderMark.statusCode).toBe(404);
    const neighbour = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '邻近党支部' });
    const other = await buildMember(api.db, neighbour.id);
    const notExpected = await post(`/api/org-life/meetings/${m.id}/corrections`, streetA, {
      ...base({ type: 'party_class', topic: 'y' }),
      attendance: [{ memberId: other.id, status: 'present' }],
      reason: '加人',
    });
    expect(notExpected.statusCode).toBe(400);
    expect(notExpected.json().message).toContain('出席情况：不是本次会议的应到人员');
    const audit = await queryRows<{ action: string }>(
      api.db,
      sql`select distinct action from audit_logs where entity in ('meeting', 'meeting_correction') and entity_id is not null
            and action like 'meeting.%'`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['meeting.create', 'meeting.finalise', 'meeting.correct']),
    );
    const counters = await queryRows<{ present: number }>(
      api.db,
      sql`select present from org_life_counts where org_id = ${city.branchA.id} and period = ${quarterPeriod(today).key} and type = 'party_class'`,
    );
    expect(counters[0]?.present).toBe(5);
  });
});

describe("a member's meetings and leave", () => {
  it('sees the upcoming meeting, says they cannot come, the secretary sees it and is told', async () => {
    const m = await created(base({ heldOn: addDays(today, 3), topic: '主题党日：走访困难群众', type: 'theme_day' }));
    const upcoming = await get('/api/org-life/mine?when=upcoming', member);
    expect(upcoming.statusCode).toBe(200);
    expect(upcoming.json().items.map((x: { id: number }) => x.id)).toContain(m.id);
    expect((await post(`/api/org-life/mine/${m.id}/leave`, member, { reason: 'nap' })).statusCode).toBe(400);
    const leave = await post(`/api/org-life/mine/${m.id}/leave`, member, { reason: 'sick', note: '住院' });
    expect(leave.statusCode, leave.body).toBe(200);
    expect(leave.json()).toMatchObject({ leaveReason: 'sick', leaveNote: '住院' });
    const seen = (await get(`/api/org-life/meetings/${m.id}`, secretary)).json();
    expect(seen.leaveCount).toBe(1);
    expect(seen.attendees.find((a: { memberId: number }) => a.memberId === people[0]!.id)).toMatchObject({
      leaveReason: 'sick',
    });
    const [told] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from notifications where kind = 'org-life.leave' and account_id = ${city.branchAUser.id}`,
    );
    expect(told?.n).toBe(1);
    const again = (await get('/api/org-life/mine?when=upcoming', member)).json();
    expect(again.items.find((x: { id: number }) => x.id === m.id)).toMatchObject({ leaveReason: 'sick' });
    expect((await send('DELETE', `/api/org-life/mine/${m.id}/leave`, member)).json().leaveReason).toBeNull();
    // Another branch's meeting, and a meeting already held, are not theirs to leave.
    const theirs = await created(base({ orgId: city.branchB.id, heldOn: addDays(today, 3) }), streetB);
    expect((await post(`/api/org-life/mine/${theirs.id}/leave`, member, { reason: 'sick' })).statusCode).toBe(404);
    const held = await created(base({ topic: '昨天的会' }));
    expect((await post(`/api/org-life/mine/${held.id}/leave`, member, { reason: 'sick' })).statusCode).toBe(409);
    expect((await get('/api/org-life/mine', secretary)).statusCode).toBe(403);
  });

  it("lists a member's finalised meetings on the console, in scope only", async () => {
    const res = await get(`/api/org-life/members/${people[0]!.id}/meetings`, secretary);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items.every((x: { status: string }) => x.status === 'final')).toBe(true);
    expect((await get(`/api/org-life/members/${outsider.id}/meetings`, streetA)).statusCode).toBe(404);
    const mine = await get('/api/org-life/mine?when=past', member);
    expect(mine.json().total).toBe(res.json().total);
  });
});

describe('standings, workbench, figures, print, rules', () => {
  it('the workbench counts the same branches at risk as the standings table', async () => {
    const fresh = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '新成立党支部' });
    await buildMember(api.db, fresh.id);
    const standings = (await get(`/api/org-life/standings?orgId=${city.streetA.id}`, streetA)).json();
    const work = (await get('/api/workbench', streetA)).json();
    const source = work.sources.find((s: { name: string }) => s.name === 'org-life.at-risk');
    expect(source.total).toBe(standings.atRisk);
    const atRiskToday = standingOf(DEFAULT_MEETING_RULES[0]!, today, 0)?.status === 'at_risk';
    if (atRiskToday) {
      expect(standings.items.find((b: { orgId: number }) => b.orgId === fresh.id).status).toBe('at_risk');
      expect(source.items.some((i: { title: string }) => i.title.includes('新成立党支部'))).toBe(true);
    }
    const only = (await get(`/api/org-life/standings?orgId=${city.streetA.id}&atRiskOnly=true`, streetA)).json();
    expect(only.items.every((b: { status: string }) => b.status === 'at_risk')).toBe(true);
    expect((await get(`/api/org-life/standings?orgId=${city.streetB.id}`, streetA)).statusCode).toBe(404);
    const xlsx = await get(`/api/org-life/standings/export?orgId=${city.streetA.id}`, streetA);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('figures come from the counters, by type, per child', async () => {
    const res = await get(`/api/org-life/figures?orgId=${city.district.id}`, admin);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.period).toBe(quarterPeriod(today).key);
    const streetRow = f.children.find((c: { orgId: number }) => c.orgId === city.streetA.id);
    expect(streetRow.byType.find((t: { type: string }) => t.type === 'general_assembly')).toMatchObject({
      branchesDone: 1,
    });
    expect(f.attendanceRate).toBeGreaterThan(0);
    expect((await get(`/api/org-life/figures?period=2026-13`, admin)).statusCode).toBe(400);
    expect((await get(`/api/org-life/figures/export?orgId=${city.district.id}`, admin)).statusCode).toBe(200);
    expect((await get(`/api/org-life/meetings/export?orgId=${city.branchA.id}`, secretary)).statusCode).toBe(200);
  });

  it('prints the yearly record on A4', async () => {
    const res = await get(`/api/org-life/record?orgId=${city.branchA.id}&year=${today.slice(0, 4)}`, secretary);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('组织生活记录');
    expect(res.body).toContain('季度党员大会');
    expect(res.body).toContain('size: A4');
    expect((await get(`/api/org-life/record?orgId=${city.branchB.id}&year=2026`, secretary)).statusCode).toBe(404);
  });

  it('a district sets its own rules; they hold below it; a community may not', async () => {
    const set = await post('/api/org-life/rules', admin, {
      orgId: city.district.id,
      overrides: [{ type: 'party_class', frequency: 'year', leadDays: 31 }],
    });
    expect(set.statusCode, set.body).toBe(200);
    const below = (await get(`/api/org-life/rules?orgId=${city.branchA.id}`, secretary)).json();
    expect(below.effective.find((r: { type: string }) => r.type === 'party_class')).toMatchObject({
      frequency: 'year',
      source: '测试区委',
    });
    expect(below.canSet).toBe(false);
    const community = await post('/api/org-life/rules', streetA, { orgId: city.communityA.id, overrides: [] });
    expect(community.statusCode).toBe(400);
    const dup = await post('/api/org-life/rules', admin, {
      orgId: city.district.id,
      overrides: [
        { type: 'party_class', frequency: 'year', leadDays: 31 },
        { type: 'party_class', frequency: 'month', leadDays: 3 },
      ],
    });
    expect(dup.statusCode).toBe(400);
    await post('/api/org-life/rules', admin, { orgId: city.district.id, overrides: [] });
  });
});

describe('absence with good reason (党章 §9)', () => {
  it('keeps the secretary’s 正当 tick for 其他; 病假/事假/公假 are justified by their kind', async () => {
    const meeting = await created(base({ type: 'theme_day' }));
    const [a, b, c] = people;
    const attendance = allPresent().map((m) =>
      m.memberId === a!.id
        ? {
            memberId: m.memberId,
            status: 'absent',
            absenceReason: 'other',
            absenceNote: '照顾住院家属',
            absenceJustified: true,
          }
        : m.memberId === b!.id
          ? { memberId: m.memberId, status: 'absent', absenceReason: 'sick' }
          : m.memberId === c!.id
            ? { memberId: m.memberId, status: 'absent', absenceReason: 'other', absenceNote: '忘了' }
            : m,
    );
    const res = await send(
      'PATCH',
      `/api/org-life/meetings/${meeting.id}`,
      secretary,
      base({ type: 'theme_day', attendance }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(
      (res.json().attendees as { memberId: number; absenceJustified: boolean }[]).map((x) => [x.memberId, x]),
    );
    expect(byId.get(a!.id)?.absenceJustified).toBe(true);
    expect(byId.get(b!.id)?.absenceJustified).toBe(true);
    expect(byId.get(c!.id)?.absenceJustified).toBe(false);
    const bad = await send('PATCH', `/api/org-life/meetings/${meeting.id}`, secretary, {
      ...base({ type: 'theme_day' }),
      attendance: [{ memberId: a!.id, status: 'absent', absenceReason: 'other', absenceJustified: 'yes' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'attendance.0.absenceJustified', message: '出席情况：应为true或false' });
    await send('DELETE', `/api/org-life/meetings/${meeting.id}`, secretary);
  });
});

describe('the workbench under local rules', () => {
  const atRisk = async (cookie: string, orgId: number) => {
    const standings = (await get(`/api/org-life/standings?orgId=${orgId}`, cookie)).json();
    const work = (await get('/api/workbench', cookie)).json();
    const source = work.sources.find((s: { name: string }) => s.name === 'org-life.at-risk');
    return { standings, source };
  };

  it('applies each branch’s own district and street rules, whatever the account’s level', async () => {
    const quiet = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '规则测试党支部' });
    await buildMember(api.db, quiet.id);
    // The district asks for a 党课 every month, at risk from the month's first day; street A waives it again.
    const district = await post('/api/org-life/rules', admin, {
      orgId: city.district.id,
      overrides: [{ type: 'party_class', frequency: 'month', leadDays: 31 }],
    });
    expect(district.statusCode, district.body).toBe(200);
    const title = (source: { items: { title: string }[] }) =>
      source.items.find((i) => i.title.startsWith('规则测试党支部'))?.title ?? '';

    // The yearly record's 要求 column shows the rule that holds at the branch.
    const record = await get(`/api/org-life/record?orgId=${quiet.id}&year=${today.slice(0, 4)}`, admin);
    expect(record.body).toMatch(/<td>党课<\/td>\s*<td>每月至少一次<\/td>/);
    // The city's account sits above the district: the district's rule holds for the branch all the same.
    const cityView = await atRisk(admin, city.city.id);
    expect(cityView.source.total).toBe(cityView.standings.atRisk);
    expect(title(cityView.source)).toContain('党课');
    const streetView = await atRisk(streetA, city.streetA.id);
    expect(streetView.source.total).toBe(streetView.standings.atRisk);
    expect(title(streetView.source)).toContain('党课');

    const street = await post('/api/org-life/rules', admin, {
      orgId: city.streetA.id,
      overrides: [{ type: 'party_class', frequency: 'none', leadDays: 7 }],
    });
    expect(street.statusCode, street.body).toBe(200);
    // Street A's own rule holds below it, seen from the city as from the street.
    const cityAfter = await atRisk(admin, city.city.id);
    expect(cityAfter.source.total).toBe(cityAfter.standings.atRisk);
    expect(title(cityAfter.source)).not.toContain('党课');
    const streetAfter = await atRisk(streetA, city.streetA.id);
    expect(streetAfter.source.total).toBe(streetAfter.standings.atRisk);
    expect(title(streetAfter.source)).not.toContain('党课');

    await post('/api/org-life/rules', admin, { orgId: city.streetA.id, overrides: [] });
    await post('/api/org-life/rules', admin, { orgId: city.district.id, overrides: [] });
  });
});
