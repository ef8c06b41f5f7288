import { addMonths, addYears, chinaToday } from '@gongjian/shared';
import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember, buildNewOrg, buildOrg, buildTeamPost } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let bigBranch: { id: number; name: string };
let joint: { id: number; name: string };
const today = chinaToday();

const setTerm = (id: number, startedOn: string) =>
  audited(api.db, SYSTEM_AUDIT, 'test.term' as AuditAction, (tx) =>
    tx.execute(sql`update organizations set term_started_on = ${startedOn} where id = ${id}`),
  );

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  // Community A: a secretary, 3 members held directly (must form a branch), a 5-year term ending in 3 months.
  await buildTeamPost(api.db, { orgId: city.communityA.id, position: 'secretary' });
  for (let i = 0; i < 3; i++) await buildMember(api.db, city.communityA.id);
  await setTerm(city.communityA.id, addYears(addMonths(today, 3), -5));
  // Branch A: 8 full members and only a secretary (needs a committee); its 3-year term is over.
  await buildTeamPost(api.db, { orgId: city.branchA.id, position: 'secretary' });
  for (let i = 0; i < 8; i++) await buildMember(api.db, city.branchA.id);
  await setTerm(city.branchA.id, addYears(addMonths(today, -1), -3));
  // A joint branch of 6 units without a secretary.
  joint = await buildOrg(api.db, { parentId: city.communityA.id, type: 'joint_branch', name: '甲社区餐饮联合党支部' });
  for (let i = 0; i < 6; i++) await buildNewOrg(api.db, { orgId: city.communityA.id, jointBranchId: joint.id });
  bigBranch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '甲社区大支部' });
  await setTerm(bigBranch.id, addYears(today, -1));
});

const get = (url: string, cookie?: string) => api.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe('GET /api/org-rules', () => {
  it('answers 401, 404 outside the scope and 400 for a bad filter', async () => {
    expect((await get('/api/org-rules')).statusCode).toBe(401);
    expect((await get(`/api/org-rules?orgId=${city.streetB.id}`, streetA)).statusCode).toBe(404);
    const bad = await get('/api/org-rules?within=all', streetA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('范围：应为 subtree 或 self');
  });

  it('lists every violation in the subtree with its reason', async () => {
    const res = await get('/api/org-rules', streetA);
    expect(res.statusCode).toBe(200);
    const found = res.json().items.map((v: { orgName: string; rule: string }) => `${v.orgName}:${v.rule}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '甲社区党委:must_form_branch',
        '甲社区第一党支部:committee_required',
        '甲社区餐饮联合党支部:joint_branch_too_many_units',
        '甲社区餐饮联合党支部:secretary_missing',
        '甲社区大支部:secretary_missing',
      ]),
    );
    expect(found).not.toContain('甲社区党委:secretary_missing');
    expect(found.some((f: string) => f.startsWith('乙'))).toBe(false);
    const reason = res.json().items.find((v: { rule: string }) => v.rule === 'committee_required').reason;
    expect(reason).toContain('正式党员8人');
  });

  it('shows one organisation its own violations only', async () => {
    const res = await get(`/api/org-rules?orgId=${city.branchA.id}&within=self`, streetA);
    expect(res.json()).toMatchObject({ checkedOrgs: 1, items: [{ rule: 'committee_required' }] });
  });

  it('exports as .xlsx and records the filter and row count', async () => {
    const res = await get(`/api/org-rules/export?orgId=${city.communityA.id}`, streetA);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [event] = await queryRows<{ after: { rows: number; filter: { orgId: number } }; actor_name: string }>(
      api.db,
      sql`select after, actor_name from audit_logs where action = 'org_rules.export'`,
    );
    expect(event).toMatchObject({
      actor_name: city.streetAUser.username,
      after: { filter: { orgId: city.communityA.id } },
    });
    expect(event?.after.rows).toBeGreaterThanOrEqual(4);
  });
});

describe('GET /api/terms', () => {
  it('answers 401, 404 outside the scope and 400 for a bad status', async () => {
    expect((await get('/api/terms')).statusCode).toBe(401);
    expect((await get(`/api/terms?orgId=${city.communityB.id}`, streetA)).statusCode).toBe(404);
    const bad = await get('/api/terms?status=soon', streetA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('状态：');
  });

  it('lists overdue and ending terms, soonest first, not the current ones', async () => {
    const res = await get('/api/terms', streetA);
    expect(res.json().items).toEqual([
      expect.objectContaining({ orgName: '甲社区第一党支部', status: 'overdue', termEndsOn: addMonths(today, -1) }),
      expect.objectContaining({ orgName: '甲社区党委', status: 'ending', termEndsOn: addMonths(today, 3) }),
    ]);
    const overdue = await get('/api/terms?status=overdue', streetA);
    expect(overdue.json().items).toHaveLength(1);
  });

  it('shows the term on the organisation profile', async () => {
    const res = await get(`/api/organizations/${city.communityA.id}`, streetA);
    expect(res.json()).toMatchObject({
      termEndsOn: addMonths(today, 3),
      termStatus: 'ending',
      directFullMembers: 3,
      fullMembers: 11,
    });
  });

  it('exports as .xlsx', async () => {
    const res = await get('/api/terms/export', streetA);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const [event] = await queryRows<{ after: { rows: number } }>(
      api.db,
      sql`select after from audit_logs where action = 'terms.export'`,
    );
    expect(event?.after.rows).toBe(2);
  });
});
