import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../src/modules.js';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember, buildOrg } from '../helpers/factories.js';

const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
});

type Entry = { id: number; memberId: number; probationary: boolean; grade: string | null };

describe('democratic appraisal (民主评议党员)', () => {
  it('runs self and mutual assessment, grades with the ⅓ cap, asks for 不合格 measures, closes onto the record', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const full = [];
    for (let i = 0; i < 5; i++) full.push(await buildMember(api.db, branch.id));
    // A member of the branch's 党小组 takes part in the branch's appraisal.
    const group = await buildOrg(api.db, { parentId: branch.id, type: 'group' });
    full.push(await buildMember(api.db, group.id));
    const probationary = await buildMember(api.db, branch.id);
    await audited(api.db, SYSTEM_AUDIT, 'test.status' as AuditAction, (tx) =>
      tx.execute(sql`update members set status = 'probationary', joined_on = '2026-03-01', full_member_on = null
                      where id = ${probationary.id}`),
    );

    expect((await post('/api/appraisals', undefined, {})).statusCode).toBe(401);
    const future = await post('/api/appraisals', streetA, { orgId: branch.id, year: 2999 });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('年度');
    const empty = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch' });
    const none = await post('/api/appraisals', streetA, { orgId: empty.id, year: 2025 });
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toContain('没有直属党员');
    expect((await post('/api/appraisals', streetA, { orgId: city.branchB.id, year: 2025 })).statusCode).toBe(404);

    const created = await post('/api/appraisals', streetA, { orgId: branch.id, year: 2025 });
    expect(created.statusCode, created.body).toBe(201);
    const appraisal = created.json();
    expect(appraisal).toMatchObject({ stage: 'assessing', members: 7, toGrade: 6, excellentCap: 2 });
    expect((await post('/api/appraisals', streetA, { orgId: branch.id, year: 2025 })).statusCode).toBe(409);
    const entries = appraisal.entries as Entry[];
    const entry = (memberId: number) => entries.find((e) => e.memberId === memberId)!;
    const patch = (e: Entry, body: object, cookie = streetA) =>
      send('PATCH', `/api/appraisals/${appraisal.id}/entries/${e.id}`, cookie, body);

    // Texts while assessing; grades not yet.
    const self = await patch(entry(full[0]!.id), {
      selfText: '认真学习，按时参加组织生活。',
      mutualText: '同志们评价好。',
    });
    expect(self.statusCode, self.body).toBe(200);
    const early = await patch(entry(full[0]!.id), { grade: 'excellent' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('支部评定阶段');
    const badGrade = await patch(entry(full[0]!.id), { grade: 'great' });
    expect(badGrade.statusCode).toBe(400);
    expect(badGrade.json().message).toContain('等次');
    expect(
      (
        await send('PATCH', `/api/appraisals/${appraisal.id}/entries/${entry(full[0]!.id).id}`, streetB, {
          selfText: 'x',
        })
      ).statusCode,
    ).toBe(404);

    expect((await post(`/api/appraisals/${appraisal.id}/advance`, streetA)).json().stage).toBe('grading');
    // Probationary members take part but are not graded.
    const prob = await patch(entry(probationary.id), { grade: 'qualified' });
    expect(prob.statusCode).toBe(400);
    expect(prob.json().message).toContain('预备党员');
    // 6 full members: at most 2 优秀.
    expect((await patch(entry(full[0]!.id), { grade: 'excellent' })).statusCode).toBe(200);
    expect((await patch(entry(full[1]!.id), { grade: 'excellent' })).statusCode).toBe(200);
    const third = await patch(entry(full[2]!.id), { grade: 'excellent' });
    expect(third.statusCode).toBe(409);
    expect(third.json().message).toContain('三分之一');
    for (const m of full.slice(2, 5)) expect((await patch(entry(m.id), { grade: 'qualified' })).statusCode).toBe(200);
    const badMeasure = await patch(entry(full[4]!.id), { measure: 'expel' });
    expect(badMeasure.statusCode).toBe(400);
    expect((await patch(entry(full[5]!.id), { grade: 'unqualified' })).statusCode).toBe(200);
    const closeEarly = await post(`/api/appraisals/${appraisal.id}/advance`, streetA);
    expect(closeEarly.statusCode).toBe(409);
    expect(closeEarly.json().message).toContain('处理措施');
    expect((await patch(entry(full[5]!.id), { measure: 'correct' })).statusCode).toBe(200);
    const closed = await post(`/api/appraisals/${appraisal.id}/advance`, streetA);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ stage: 'closed', graded: 6, excellent: 2 });
    expect((await patch(entry(full[0]!.id), { selfText: '改' })).statusCode).toBe(409);
    expect((await post(`/api/appraisals/${appraisal.id}/advance`, streetA)).statusCode).toBe(409);

    // On the member's record, and counted for the subtree.
    const record = (await get(`/api/appraisals/members/${full[5]!.id}`, streetA)).json();
    expect(record.items).toEqual([
      expect.objectContaining({ year: 2025, grade: 'unqualified', measure: 'correct', stage: 'closed' }),
    ]);
    const figures = (await get(`/api/appraisals/figures?orgId=${city.streetA.id}&year=2025`, streetA)).json();
    expect(figures.grades).toEqual({ excellent: 2, qualified: 3, basic: 0, unqualified: 1, ungraded: 1 });
    expect((await get(`/api/appraisals/figures?orgId=${city.streetB.id}&year=2025`, streetA)).statusCode).toBe(404);
    const list = (await get(`/api/appraisals?orgId=${branch.id}`, streetA)).json();
    expect(list.items).toHaveLength(1);
    const listFile = await get(`/api/appraisals/export?orgId=${branch.id}`, streetA);
    expect(listFile.statusCode).toBe(200);
    expect(listFile.headers['content-type']).toContain('spreadsheetml');
    expect((await get(`/api/appraisals/export?orgId=${city.branchB.id}`, streetA)).statusCode).toBe(404);
    const file = await get(`/api/appraisals/${appraisal.id}/export`, streetA);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const [events] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'appraisal.entry.update' and entity = 'appraisal_entry'`,
    );
    expect(events!.n).toBeGreaterThanOrEqual(8);
    expect((await get(`/api/appraisals/${appraisal.id}`, streetB)).statusCode).toBe(404);
  });
});
