import type { AuditAction } from '../../src/modules.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_COUNT_CAP } from '../../src/audit/audit.service.js';
import { auditEvent } from '../../src/db/audited.js';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';
import ExcelJS from 'exceljs';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
});

const list = (query: string, cookie = streetA) =>
  api.app.inject({ method: 'GET', url: `/api/audit-logs${query}`, headers: { cookie } });

describe('GET /api/audit-logs', () => {
  it('shows a change with actor, before, after and IP, filtered by entity and id', async () => {
    await api.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${city.communityA.id}`,
      headers: { cookie: streetA },
      payload: { name: '甲社区党委（改）' },
      remoteAddress: '10.1.2.3',
    });
    const res = await list(`?entity=organization&entityId=${city.communityA.id}&action=organization.update`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        actorId: city.streetAUser.id,
        actorName: city.streetAUser.username,
        action: 'organization.update',
        actionLabel: '修改党组织',
        entity: 'organization',
        entityId: String(city.communityA.id),
        targetLabel: `党组织 #${city.communityA.id} 甲社区党委（改）`,
        before: expect.objectContaining({ name: '甲社区党委' }),
        after: expect.objectContaining({ name: '甲社区党委（改）' }),
        ip: '10.1.2.3',
      }),
    ]);
  });

  it('filters by actor and time, and is scoped like everything else', async () => {
    const mine = await list(`?actor=${city.streetAUser.username}`);
    expect(mine.json().items.length).toBeGreaterThan(0);
    expect(mine.json().items.every((i: { actorName: string }) => i.actorName === city.streetAUser.username)).toBe(true);
    const future = await list('?from=2099-01-01T00:00:00Z');
    expect(future.json()).toEqual({ items: [], total: 0, totalCapped: false, names: { org: {}, member: {} } });
    // Street B's creation is on record, but not for street A.
    const outside = await list(`?entity=organization&entityId=${city.streetB.id}`);
    expect(outside.json().total).toBe(0);
    const admin = await api.login(city.admin.username);
    expect((await list(`?entity=organization&entityId=${city.streetB.id}`, admin)).json().total).toBe(1);
    expect((await list('?from=yesterday')).json().message).toContain('开始时间：');
  });

  it('counts up to 10,000 entries and says when there are more; filters by actor', async () => {
    const [street] = await queryRows<{ path: string }>(
      api.db,
      sql`select path::text as path from organizations where id = ${city.streetA.id}`,
    );
    await api.db.execute(sql`insert into audit_logs (actor_name, action, entity, entity_id, org_path)
      select 'bulk.actor', 'test.bulk', 'test', g::text, ${street?.path}::ltree from generate_series(1, ${AUDIT_COUNT_CAP + 5}) g`);
    const all = (await list('?pageSize=5')).json();
    expect(all).toMatchObject({ total: AUDIT_COUNT_CAP, totalCapped: true });
    expect(all.items).toHaveLength(5);
    const last = (await list(`?pageSize=200&page=${AUDIT_COUNT_CAP / 200}`)).json();
    expect(last.items).toHaveLength(200);
    const mine = (await list(`?actor=${city.streetAUser.username}`)).json();
    expect(mine.totalCapped).toBe(false);
    expect(mine.total).toBeGreaterThan(0);
    // The action index leaves an import's rows out: filtering by them still finds them all.
    await api.db.execute(sql`insert into audit_logs (actor_name, action, entity, entity_id, org_path)
      select 'importer', 'member.import', 'member', g::text, ${street?.path}::ltree from generate_series(1, 7) g`);
    expect((await list('?action=member.import')).json()).toMatchObject({ total: 7, totalCapped: false });
    expect((await list('?actor=bulk.actor&pageSize=1')).json()).toMatchObject({
      total: AUDIT_COUNT_CAP,
      totalCapped: true,
    });
  });

  it('exports the filtered trail as .xlsx, masked, inside the scope, on record; refuses over 100,000 entries', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    await buildMember(api.db, city.branchB.id);
    const file = await api.app.inject({
      method: 'GET',
      url: '/api/audit-logs/export?entity=member',
      headers: { cookie: streetA },
    });
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('审计日志'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]?.slice(1)).toEqual(['时间（北京时间）', '操作人', '操作', '对象', 'IP', '变更前', '变更后']);
    expect(rows[1]?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const text = JSON.stringify(rows);
    expect(text).toContain(`党员 #${member.id} ${member.name}`);
    expect(text).toContain(`${member.idNumber.slice(0, 6)}********${member.idNumber.slice(-4)}`);
    expect(text).not.toContain(member.idNumber);
    for (const marker of [city.streetB.name, city.communityB.name, city.branchB.name])
      expect(text).not.toContain(marker);
    const [event] = (await list('?action=audit.export')).json().items;
    expect(event).toMatchObject({
      actorName: city.streetAUser.username,
      after: { filter: { entity: 'member' }, rows: rows.length - 1 },
    });

    // Over the cap (the 10,000 bulk entries of the test above, and 90,000 more): narrow the time range.
    const [street] = await queryRows<{ path: string }>(
      api.db,
      sql`select path::text as path from organizations where id = ${city.streetA.id}`,
    );
    await api.db.execute(sql`insert into audit_logs (actor_name, action, entity, entity_id, org_path)
      select 'bulk.actor', 'test.bulk', 'test', g::text, ${street?.path}::ltree from generate_series(1, 90000) g`);
    const tooMany = await api.app.inject({
      method: 'GET',
      url: '/api/audit-logs/export',
      headers: { cookie: streetA },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toBe('开始时间：符合条件的记录超过100000条，请缩小时间范围分批导出');
  });

  it('scopes by whole path labels: a path whose text merely starts with the scope is outside it', async () => {
    const [street] = await queryRows<{ path: string }>(
      api.db,
      sql`select path::text as path from organizations where id = ${city.streetA.id}`,
    );
    const ctx = { actorId: null, actorName: 'test', ip: null };
    // '….12' is a text prefix of '….123' and '….12.5', but only the last lies under it.
    await auditEvent(api.db, ctx, {
      action: 'test.prefix' as AuditAction,
      entity: 'test',
      entityId: 'sibling',
      orgPath: `${street?.path}9`,
    });
    await auditEvent(api.db, ctx, {
      action: 'test.prefix' as AuditAction,
      entity: 'test',
      entityId: 'child',
      orgPath: `${street?.path}.9`,
    });
    const res = await list('?action=test.prefix');
    expect(res.json().items.map((i: { entityId: string }) => i.entityId)).toEqual(['child']);
    const admin = await api.login(city.admin.username);
    expect((await list('?action=test.prefix', admin)).json().total).toBe(2);
  });

  it('shows ID numbers and phones masked to everyone; revealing an entry is scoped, needs the permission and is on record', async () => {
    const member = await buildMember(api.db, city.branchA.id);
    const secretary = await buildAccount(api.db, { orgId: city.branchA.id, role: 'branch_secretary' });
    const secretaryCookie = await api.login(secretary.username);
    expect((await list('', secretaryCookie)).statusCode).toBe(403);

    const [entry] = (await list(`?entity=member&entityId=${member.id}`)).json().items;
    const masked = {
      id_number: `${member.idNumber.slice(0, 6)}********${member.idNumber.slice(-4)}`,
      phone: '138****8000',
    };
    expect(entry).toMatchObject({ masked: true, after: masked });
    expect(JSON.stringify(entry)).not.toContain(member.idNumber);
    // An entry with no personal data says so.
    const [orgEntry] = (await list(`?entity=organization&entityId=${city.communityA.id}`)).json().items;
    expect(orgEntry.masked).toBe(false);

    const reveal = (id: number, cookie = streetA) =>
      api.app.inject({ method: 'POST', url: `/api/audit-logs/${id}/reveal`, headers: { cookie } });
    const revealed = await reveal(entry.id);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().after).toMatchObject({ id_number: member.idNumber, phone: '13800138000' });
    const [onRecord] = (await list(`?action=audit.reveal&entityId=${entry.id}`)).json().items;
    expect(onRecord).toMatchObject({
      actorName: city.streetAUser.username,
      entity: 'audit_log',
      after: { fields: ['id_number', 'phone'] },
    });

    // audit.read and member.sensitive are both needed: a branch secretary holds neither.
    expect((await reveal(entry.id, secretaryCookie)).statusCode).toBe(403);
    // Another street's entries are not there for street A.
    const other = await buildMember(api.db, city.branchB.id);
    const admin = await api.login(city.admin.username);
    const [otherEntry] = (await list(`?entity=member&entityId=${other.id}`, admin)).json().items;
    expect((await reveal(otherEntry.id)).statusCode).toBe(404);
    expect((await reveal(999_999_999)).statusCode).toBe(404);
    expect((await reveal(otherEntry.id, admin)).statusCode).toBe(200);
  });
});

describe('what an entry shows a reader', () => {
  it('names the organisations and members an entry holds by id, only those in the reader scope', async () => {
    const [street] = await queryRows<{ path: string }>(
      api.db,
      sql`select path::text as path from organizations where id = ${city.streetA.id}`,
    );
    const member = await buildMember(api.db, city.branchA.id);
    const outsider = await buildMember(api.db, city.branchB.id);
    // Entries of street A naming street A's member and organisation, and street B's (a transfer out, say).
    const ctx = { actorId: null, actorName: 'test', ip: null };
    for (const after of [
      { org_id: city.branchA.id, member_id: member.id },
      { org_id: city.branchA.id, to_org_id: String(city.branchB.id), member_id: outsider.id, parent_id: 'x' },
    ]) {
      await auditEvent(api.db, ctx, {
        action: 'test.names' as AuditAction,
        entity: 'member_transfer',
        entityId: 'names',
        orgPath: street?.path ?? null,
        after,
      });
    }
    const res = await list('?action=test.names');
    expect(res.statusCode, res.body).toBe(200);
    const [named] = await queryRows<{ name: string }>(api.db, sql`select name from members where id = ${member.id}`);
    expect(res.json().names).toEqual({
      org: { [String(city.branchA.id)]: city.branchA.name },
      member: { [String(member.id)]: named?.name },
    });
    // The city's administrator sees both sides.
    const admin = await api.login(city.admin.username);
    const all = (await list('?action=test.names', admin)).json();
    expect(all.names.org).toMatchObject({ [String(city.branchB.id)]: city.branchB.name });
    expect(Object.keys(all.names.member)).toHaveLength(2);
  });

  it('leaves logins out unless asked for', async () => {
    await api.login(city.streetAUser.username);
    const logins = (body: { items: { action: string }[] }) => body.items.filter((i) => i.action.startsWith('auth.log'));
    const plain = await list('?pageSize=200');
    expect(plain.json().items.length).toBeGreaterThan(0);
    expect(logins(plain.json())).toEqual([]);
    expect(logins((await list('?pageSize=200&logins=true')).json()).length).toBeGreaterThan(0);
    expect((await list('?action=auth.login')).json().total).toBeGreaterThan(0);
    expect((await list('?logins=yes')).json().message).toContain('含登录记录：');
  });
});

describe('GET /api/audit-logs/labels', () => {
  it('names every action and entity the modules declare, for the filters', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/audit-logs/labels', headers: { cookie: streetA } });
    expect(res.statusCode).toBe(200);
    const { actions, entities } = res.json() as { actions: Record<string, string>; entities: Record<string, string> };
    expect(actions).toMatchObject({
      'member.reveal': '查看完整身份证号和电话',
      'auth.login': '登录',
      'job.run': '立即运行定时任务',
    });
    expect(entities).toMatchObject({ organization: '党组织', member: '党员', job: '定时任务' });
    const { fields, values, orgIdFields } = res.json();
    expect(fields.account).toMatchObject({ display_name: '姓名', role: '角色', org_id: '所属组织' });
    expect(fields.member).toMatchObject({ joined_on: '入党时间', id_number: '身份证号', org_id: '所在党组织' });
    expect(fields.organization).toMatchObject({ parent_id: '上级组织', type: '组织类型' });
    expect(values.account.role).toMatchObject({ branch_secretary: '支部书记' });
    expect(values.member.status).toEqual({ full: '正式党员', probationary: '预备党员' });
    expect(orgIdFields).toEqual(expect.arrayContaining(['org_id', 'parent_id', 'to_org_id']));
  });
});

describe('the audit log is append-only', () => {
  it('has no route that changes or deletes a row', async () => {
    const routes = api.app.apiRoutes.filter((r) => r.url.startsWith('/api/audit'));
    // The one POST reads an entry whole and adds a row of its own (the reveal is on record).
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/audit-logs',
      'GET /api/audit-logs/labels',
      'GET /api/audit-logs/export',
      'POST /api/audit-logs/:id/reveal',
    ]);
    const del = await api.app.inject({ method: 'DELETE', url: '/api/audit-logs/1', headers: { cookie: streetA } });
    expect(del.statusCode).toBe(404);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const statement of [
      sql`update audit_logs set actor_name = 'x'`,
      sql`delete from audit_logs`,
      sql`truncate audit_logs`,
    ]) {
      await expect(api.db.execute(statement)).rejects.toThrow();
    }
    const [count] = await queryRows<{ n: number }>(api.db, sql`select count(*)::int as n from audit_logs`);
    expect(count?.n).toBeGreaterThan(0);
  });

  it('refuses any change made outside the audited helper', async () => {
    await expect(
      api.db.execute(sql`update organizations set name = 'unaudited' where id = ${city.branchA.id}`),
    ).rejects.toThrow();
    const [row] = await queryRows<{ name: string }>(
      api.db,
      sql`select name from organizations where id = ${city.branchA.id}`,
    );
    expect(row?.name).toBe(city.branchA.name);
  });
});

describe('timestamps', () => {
  it('are ISO 8601', async () => {
    const res = await list('?pageSize=1');
    expect(res.json().items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    expect(Number.isNaN(Date.parse(res.json().items[0].at))).toBe(false);
  });
});
