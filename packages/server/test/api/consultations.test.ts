import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { probeUnit } from '../../src/facilities/facilities.probes.js';
import type { AuditAction } from '../../src/modules.js';
import { createRandom, randomIdNumber } from '../../src/seed/random.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';

const api = useApi();
const { get, post } = api;
const random = createRandom(77);
let city: Awaited<ReturnType<typeof buildCity>>;
let community: string;
let liaison: string;
let otherLiaison: string;
let unitId: number;
let registered: { id: number; name: string };

async function withLiaison(accountId: number, orgId: number) {
  const id = await probeUnit(api.db, orgId, `征求测试单位${Date.now() % 100_000}${Math.random()}`);
  await audited(api.db, SYSTEM_AUDIT, 'test.link_liaison' as AuditAction, (tx) =>
    tx.execute(sql`update resident_units set liaison_account_id = ${accountId} where id = ${id}`),
  );
  return id;
}

const ask = (over: object = {}, cookie = liaison) =>
  post('/api/consultations', cookie, {
    unitId,
    matterKind: 'outstanding_member',
    matter: '拟评选为优秀共产党员',
    memberId: registered.id,
    deadline: addDays(chinaToday(), 5),
    ...over,
  });

beforeAll(async () => {
  city = await buildCity(api.db);
  const liaisonAccount = await buildAccount(api.db, { orgId: city.branchA.id, role: 'unit_liaison' });
  const otherAccount = await buildAccount(api.db, { orgId: city.branchB.id, role: 'unit_liaison' });
  unitId = await withLiaison(liaisonAccount.id, city.communityA.id);
  await withLiaison(otherAccount.id, city.communityA.id);
  liaison = await api.login(liaisonAccount.username);
  otherLiaison = await api.login(otherAccount.username);
  community = await api.login(
    (await buildAccount(api.db, { orgId: city.communityA.id, role: 'community_committee' })).username,
  );
  // A member of the liaison's organisation registered with community A (双报到).
  registered = await buildMember(api.db, city.branchA.id);
  const reg = await post('/api/in-service', community, { memberId: registered.id, communityId: city.communityA.id });
  expect(reg.statusCode, reg.body).toBe(201);
});

describe('prior consultation', () => {
  it('the liaison picks a member registered with the community (双报到), or names one by a valid ID number', async () => {
    const candidates = await get(`/api/consultations/candidates?unitId=${unitId}`, liaison);
    expect(candidates.statusCode, candidates.body).toBe(200);
    expect(candidates.json().items.map((c: { memberId: number }) => c.memberId)).toContain(registered.id);
    expect((await get(`/api/consultations/candidates?unitId=${unitId}`, otherLiaison)).statusCode).toBe(404);
    const res = await ask();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      personName: registered.name,
      status: 'asked',
      mayClose: true,
      mayAnswer: false,
    });
    const badId = await ask({ memberId: undefined, idNumber: '110101199001011234', personName: '王五' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toMatch(/^身份证号：/);
    const neither = await ask({ memberId: undefined });
    expect(neither.json().message).toBe('报到党员：请选择报到党员，或填写身份证号');
    const late = await ask({ deadline: addDays(chinaToday(), -1) });
    expect(late.json().message).toBe('答复期限：答复期限不能早于今天');
    const stranger = await buildMember(api.db, city.branchB.id);
    expect((await ask({ memberId: stranger.id })).statusCode).toBe(404);
  });

  it('gates the outcome: 409 until the community agrees', async () => {
    const created = (await ask()).json() as { id: number };
    const early = await post(`/api/consultations/${created.id}/outcome`, liaison, { outcome: 'done' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('社区党委尚未答复意见，征得同意前不能办结');
    // The community sees the person's records beside the form.
    const detail = await get(`/api/consultations/${created.id}`, community);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ mayAnswer: true, mayClose: true });
    expect(detail.json().records.registrations[0]).toMatchObject({ communityId: city.communityA.id, endedOn: null });
    expect(detail.json().records).toMatchObject({ confirmedHours: 0, requestsFulfilled: 0, requestsNote: null });
    // The liaison may not answer; another unit's liaison does not see it.
    expect(
      (await post(`/api/consultations/${created.id}/opinion`, liaison, { opinion: 'agree', reason: '好' })).statusCode,
    ).toBe(403);
    expect((await get(`/api/consultations/${created.id}`, otherLiaison)).statusCode).toBe(404);
    const blank = await post(`/api/consultations/${created.id}/opinion`, community, { opinion: 'agree', reason: ' ' });
    expect(blank.json().message).toBe('理由：不能为空');
    const answered = await post(`/api/consultations/${created.id}/opinion`, community, {
      opinion: 'agree',
      reason: '报到以来积极参加社区志愿服务',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'answered',
      opinion: 'agree',
      answeredOnTime: true,
      blockedReason: null,
    });
    const twice = await post(`/api/consultations/${created.id}/opinion`, community, {
      opinion: 'disagree',
      reason: '改',
    });
    expect(twice.statusCode).toBe(409);
    const done = await post(`/api/consultations/${created.id}/outcome`, liaison, { outcome: 'done', note: '已评选' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
    expect((await post(`/api/consultations/${created.id}/outcome`, liaison, { outcome: 'withdrawn' })).statusCode).toBe(
      409,
    );
  });

  it('without consent only a documented override by a higher committee lets the unit close it', async () => {
    const created = (await ask({ matterKind: 'cadre_promotion', matter: '拟提拔为科长' })).json() as { id: number };
    await post(`/api/consultations/${created.id}/opinion`, community, { opinion: 'disagree', reason: '群众反映较多' });
    const refused = await post(`/api/consultations/${created.id}/outcome`, liaison, { outcome: 'done' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('社区党委的意见为“不同意”，须征得同意或记录上级党组织的书面决定后方可办结');
    const missing = await post(`/api/consultations/${created.id}/override`, liaison, {
      overrideBy: '区委组织部',
      overrideOn: chinaToday(),
    });
    expect(missing.json().message).toMatch(/^文号：/);
    const override = await post(`/api/consultations/${created.id}/override`, liaison, {
      overrideBy: '区委组织部',
      overrideDocNo: '区组干〔2026〕18号',
      overrideOn: chinaToday(),
    });
    expect(override.statusCode, override.body).toBe(200);
    expect(override.json().blockedReason).toBeNull();
    const done = await post(`/api/consultations/${created.id}/outcome`, liaison, { outcome: 'done' });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('masks ID numbers; revealing takes member.sensitive and is on record', async () => {
    const idNumber = randomIdNumber(random, 'male');
    const created = await ask({ memberId: undefined, idNumber, personName: '赵六', matterKind: 'honour' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().idNumber).not.toBe(idNumber);
    expect(created.json().idNumber).toMatch(/\*/);
    expect(created.json().memberId).toBeNull();
    expect((await post(`/api/consultations/${created.json().id}/reveal`, liaison)).statusCode).toBe(403);
    const revealed = await post(`/api/consultations/${created.json().id}/reveal`, community);
    expect(revealed.json().idNumber).toBe(idNumber);
    const [row] = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from audit_logs where action = 'consultations.reveal' and entity_id = ${String(created.json().id)}`,
    );
    expect(row?.n).toBe(1);
  });

  it('an unanswered opinion past its deadline is overdue on the community workbench; the liaison sees only its unit', async () => {
    const created = (await ask({ deadline: chinaToday() })).json() as { id: number };
    await audited(api.db, SYSTEM_AUDIT, 'test.age' as AuditAction, (tx) =>
      tx.execute(sql`update consultations set deadline = ${addDays(chinaToday(), -2)} where id = ${created.id}`),
    );
    const workbench = await get('/api/workbench', community);
    const source = workbench.json().sources.find((s: { name: string }) => s.name === 'consultations.opinion');
    expect(source, workbench.body).toBeDefined();
    const item = source.items.find((i: { key: string }) => i.key === `consultations.opinion:${created.id}`);
    expect(item).toMatchObject({ overdue: true, link: `/consultations/${created.id}` });
    const list = await get('/api/consultations?status=asked&pageSize=200', community);
    expect(list.json().items.find((c: { id: number }) => c.id === created.id).overdue).toBe(true);
    expect((await get('/api/consultations?pageSize=200', otherLiaison)).json().total).toBe(0);
    expect((await get('/api/consultations?pageSize=200', liaison)).json().total).toBeGreaterThan(0);
    // Answered late: counted as answered, not on time.
    await post(`/api/consultations/${created.id}/opinion`, community, { opinion: 'reserved', reason: '需进一步了解' });
    const figures = await get(
      `/api/consultations/figures?orgId=${city.streetA.id}&year=${chinaToday().slice(0, 4)}`,
      community,
    );
    expect(figures.statusCode).toBe(404);
    const street = await api.login(city.streetAUser.username);
    const fig = await get(
      `/api/consultations/figures?orgId=${city.streetA.id}&year=${addDays(chinaToday(), -2).slice(0, 4)}`,
      street,
    );
    const [fresh] = await queryRows<{ asked: number; answered: number; on_time: number }>(
      api.db,
      sql`select count(*)::int as asked, count(answered_on)::int as answered,
                 count(*) filter (where answered_on <= deadline)::int as on_time
            from consultations where org_id = ${city.communityA.id}
             and left(deadline::text, 4) = ${addDays(chinaToday(), -2).slice(0, 4)}`,
    );
    const root = fig.json().rows.find((r: { orgId: number }) => r.orgId === city.streetA.id);
    expect(root).toMatchObject({ asked: fresh?.asked, answered: fresh?.answered, answeredOnTime: fresh?.on_time });
    expect(fresh?.answered).toBeGreaterThan(fresh?.on_time ?? 0);
    const file = await get(`/api/consultations/export?orgId=${city.communityA.id}`, community);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});
