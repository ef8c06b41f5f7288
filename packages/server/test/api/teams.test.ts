import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember } from '../helpers/factories.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let branchUser: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  branchUser = await api.login(city.branchAUser.username);
});

const { get, post } = api;

describe('leadership team', () => {
  it('answers 401 without a session and 404 outside the scope', async () => {
    expect((await get(`/api/organizations/${city.communityA.id}/team`)).statusCode).toBe(401);
    expect(
      (await post(`/api/organizations/${city.communityA.id}/team`, undefined, { personName: 'x' })).statusCode,
    ).toBe(401);
    expect((await get(`/api/organizations/${city.communityB.id}/team`, streetA)).statusCode).toBe(404);
    const outside = await post(`/api/organizations/${city.communityB.id}/team`, streetA, {
      personName: '张三',
      position: 'secretary',
      startedOn: '2024-01-01',
    });
    expect(outside.statusCode).toBe(404);
  });

  it('refuses a branch secretary account (no org.write) with 403', async () => {
    const res = await post(`/api/organizations/${city.branchA.id}/team`, branchUser, {
      personName: '张三',
      position: 'member',
      startedOn: '2024-01-01',
    });
    expect(res.statusCode).toBe(403);
  });

  it('rejects bad input with a message naming the field', async () => {
    const cases: [object, string][] = [
      [{ position: 'secretary', startedOn: '2024-01-01' }, '姓名：'],
      [{ personName: '张三', position: 'boss', startedOn: '2024-01-01' }, '职务：不是有效的职务'],
      [{ personName: '张三', position: 'member', startedOn: '2024-13-01' }, '任职日期：'],
      [
        { personName: '张三', position: 'part_time_member', startedOn: '2024-01-01' },
        '所在驻区单位：兼职委员须填写所在驻区单位',
      ],
      [{ personName: '张三', position: 'member', startedOn: '2024-01-01', residentsPost: 'mayor' }, '居委会职务：'],
    ];
    for (const [payload, message] of cases) {
      const res = await post(`/api/organizations/${city.communityA.id}/team`, streetA, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().message).toContain(message);
    }
  });

  it('records a 一肩挑 secretary and part-time members, keeps history, refuses a second secretary', async () => {
    const member = await buildMember(api.db, city.communityA.id);
    const url = `/api/organizations/${city.communityA.id}/team`;
    const secretary = await post(url, streetA, {
      personName: '李书记',
      memberId: member.id,
      position: 'secretary',
      residentsPost: 'director',
      startedOn: '2021-06-01',
    });
    expect(secretary.statusCode).toBe(201);
    expect(secretary.json()).toMatchObject({ position: 'secretary', oneShoulder: true, memberId: member.id });
    const partTime = await post(url, streetA, {
      personName: '王校长',
      position: 'part_time_member',
      homeUnit: '市第一中学',
      startedOn: '2021-06-01',
    });
    expect(partTime.statusCode).toBe(201);

    const second = await post(url, streetA, { personName: '赵某', position: 'secretary', startedOn: '2024-01-01' });
    expect(second.statusCode).toBe(409);

    const early = await post(`/api/team-posts/${partTime.json().id}/end`, streetA, { endedOn: '2020-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toBe('结束日期：不能早于任职日期');
    const ended = await post(`/api/team-posts/${partTime.json().id}/end`, streetA, { endedOn: '2024-06-30' });
    expect(ended.json()).toMatchObject({ endedOn: '2024-06-30' });
    expect(
      (await post(`/api/team-posts/${partTime.json().id}/end`, streetA, { endedOn: '2024-07-01' })).statusCode,
    ).toBe(409);

    const team = (await get(url, streetA)).json();
    expect(team).toMatchObject({ oneShoulder: true, partTimeCount: 0 });
    expect(team.current.map((p: { personName: string }) => p.personName)).toEqual(['李书记']);
    expect(team.history.map((p: { personName: string }) => p.personName)).toEqual(['王校长']);

    const audit = await queryRows<{ action: string; actor_name: string }>(
      api.db,
      sql`select action, actor_name from audit_logs where entity = 'team_post' and entity_id = ${String(partTime.json().id)} order by id`,
    );
    expect(audit).toEqual([
      { action: 'team_post.create', actor_name: city.streetAUser.username },
      { action: 'team_post.end', actor_name: city.streetAUser.username },
    ]);
  });

  it('exports the team as .xlsx and records the export', async () => {
    const res = await get(`/api/organizations/${city.communityA.id}/team/export`, streetA);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('甲社区党委领导班子-')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet?.rowCount).toBe(3);
    const [event] = await queryRows<{ after: { rows: number } }>(
      api.db,
      sql`select after from audit_logs where action = 'team_post.export' order by id desc limit 1`,
    );
    expect(event?.after.rows).toBe(2);
    expect((await get(`/api/organizations/${city.communityB.id}/team/export`, streetA)).statusCode).toBe(404);
  });
});
