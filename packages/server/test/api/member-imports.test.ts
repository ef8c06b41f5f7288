import { chinaToday, IMPORT_MAX_FILE_MB, IMPORT_MAX_ROWS } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { useApi } from '../helpers/api.js';
import { expectCountersTrue } from '../helpers/counters.js';
import { buildCity, buildMember, buildOrg } from '../helpers/factories.js';
import { multipart } from '../helpers/multipart.js';
import * as XLSX from '@e965/xlsx';
import { csvOf, idFor, sampleRoster, type SheetCell, xlsOf, xlsxOf } from '../helpers/rosters.js';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;
let streetB: string;

beforeAll(async () => {
  city = await buildCity(api.db);
  streetA = await api.login(city.streetAUser.username);
  streetB = await api.login(city.streetBUser.username);
});

const post = (
  url: string,
  cookie: string | undefined,
  fields: Record<string, unknown>,
  file?: Buffer,
  name = 'roster.xlsx',
) => {
  const body = multipart(fields as Record<string, string>, file && { name, data: file });
  return api.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, ...(cookie && { cookie }) },
  });
};

type ImportLine = { progress?: { phase: string; done: number }; result?: unknown; error?: unknown };

/** An import as the page sends it (Accept: application/x-ndjson): the response and its lines, parsed. */
const postNdjson = async (cookie: string, fields: Record<string, unknown>, csv: Buffer) => {
  const body = multipart(fields as Record<string, string>, { name: 'roster.csv', data: csv });
  const res = await api.app.inject({
    method: 'POST',
    url: '/api/member-imports',
    payload: body.payload,
    headers: { ...body.headers, cookie, accept: 'application/x-ndjson' },
  });
  const lines = res.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ImportLine);
  return { res, lines };
};

const count = async (orgId: number) =>
  (await queryRows<{ n: number }>(api.db, sql`select count(*)::int as n from members where org_id = ${orgId}`))[0]?.n;

describe('POST /api/member-imports/analyze', () => {
  it('finds the header below a title row and guesses the columns from their usual names', async () => {
    const res = await post(
      '/api/member-imports/analyze',
      streetA,
      {},
      await xlsxOf(sampleRoster(), { title: '幸福社区党员花名册' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.headerRow).toBe(2);
    expect(body.rowCount).toBe(8);
    expect(body.mapping).toEqual({
      name: 1,
      gender: 2,
      ethnicity: 3,
      idNumber: 4,
      phone: 5,
      joinedOn: 6,
      fullMemberOn: 7,
      category: 8,
      orgName: 9,
      residence: 10,
      tags: 11,
    });
  });

  it('answers 401 without a session, 400 for a missing, empty, .xls or unreadable file', async () => {
    expect((await post('/api/member-imports/analyze', undefined, {}, Buffer.from('x'))).statusCode).toBe(401);
    const none = await post('/api/member-imports/analyze', streetA, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('文件：');
    const xls = await post('/api/member-imports/analyze', streetA, {}, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    expect(xls.statusCode).toBe(400);
    expect(xls.json().message).toContain('无法读取');
    const broken = await post(
      '/api/member-imports/analyze',
      streetA,
      {},
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]),
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toContain('无法读取');
    const png = await post(
      '/api/member-imports/analyze',
      streetA,
      {},
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    );
    expect(png.statusCode).toBe(400);
    const noHeader = await post(
      '/api/member-imports/analyze',
      streetA,
      {},
      csvOf([
        ['a', 'b'],
        ['1', '2'],
      ]),
    );
    expect(noHeader.json().message).toContain('表头');
    const json = await api.app.inject({
      method: 'POST',
      url: '/api/member-imports/analyze',
      headers: { cookie: streetA },
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
  });
});

describe('Excel 97–2003 and WPS files', () => {
  /** An OLE2 compound file with the given streams, as SheetJS's CFB writer makes it. */
  const ole2 = (streams: Record<string, string>) => {
    const container = XLSX.CFB.utils.cfb_new();
    for (const [name, text] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(container, name, Buffer.from(text));
    return XLSX.CFB.write(container, { type: 'buffer' }) as Buffer;
  };

  it('reads an .xls roster (title row, dates, merged 所在支部) into the same rows and checks as an .xlsx', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '旧格式支部' });
    const file = xlsOf(sampleRoster(), { title: '幸福社区党员花名册' });
    expect([...file.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    // Named .xlsx on purpose: the content decides, not the name.
    const analyzed = await post('/api/member-imports/analyze', streetA, {}, file, 'roster.xlsx');
    expect(analyzed.statusCode, analyzed.body).toBe(200);
    const fromXlsx = await post(
      '/api/member-imports/analyze',
      streetA,
      {},
      await xlsxOf(sampleRoster(), { title: '幸福社区党员花名册' }),
    );
    expect(analyzed.json()).toEqual(fromXlsx.json());
    const checked = await post('/api/member-imports/check', streetA, { orgId: city.communityA.id }, file, 'r.xls');
    expect(checked.json()).toMatchObject({ total: 8, valid: 6, existing: 0, invalid: 2 });

    const merged: SheetCell[][] = [
      ['姓名', '身份证号', '入党时间', '转正时间', '所在支部'],
      ['旧一', idFor('1961-01-01', 'male', 81), new Date(Date.UTC(1990, 6, 1)), '1991-07-01', '旧格式支部'],
      ['旧二', idFor('1962-02-02', 'female', 82), new Date(Date.UTC(1992, 0, 15)), '1993-01-15', null],
    ];
    const res = await post(
      '/api/member-imports',
      streetA,
      { orgId: city.communityA.id, mode: 'all' },
      xlsOf(merged, { merges: [[2, 5, 3, 5]] }),
      'wps.et',
    );
    expect(res.json(), res.body).toMatchObject({ imported: 2, invalid: 0 });
    const stored = await queryRows<{ name: string; org_id: number; joined_on: string }>(
      api.db,
      sql`select name, org_id::int as org_id, joined_on::text as joined_on from members where name like '旧%' order by name`,
    );
    expect(stored).toEqual([
      { name: '旧一', org_id: branch.id, joined_on: '1990-07-01' },
      { name: '旧二', org_id: branch.id, joined_on: '1992-01-15' },
    ]);
  });

  it('refuses an OLE2 file that is no spreadsheet, one with a password, and one that is broken, with a 400', async () => {
    const word = await post('/api/member-imports/analyze', streetA, {}, ole2({ WordDocument: 'x' }), 'a.xls');
    expect(word.statusCode).toBe(400);
    expect(word.json().message).toContain('只支持 .xlsx、.xls 和 .csv 文件');
    const locked = await post(
      '/api/member-imports/analyze',
      streetA,
      {},
      ole2({ EncryptionInfo: 'x', EncryptedPackage: 'y' }),
      'locked.xlsx',
    );
    expect(locked.statusCode).toBe(400);
    expect(locked.json().message).toContain('密码');
    const cut = xlsOf(sampleRoster()).subarray(0, 1500);
    const broken = await post('/api/member-imports/analyze', streetA, {}, cut, 'cut.xls');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/无法读取|表头/);
  });
});

describe('upload limits', () => {
  it('takes a roster larger than the JSON body limit, and refuses a second file with 413', async () => {
    const rows: SheetCell[][] = [['姓名', '身份证号', '家庭住址']];
    for (let i = 0; i < 20_000; i++)
      rows.push([`成员${i}`, idFor('1980-01-01', 'male', i % 400), '某某小区'.repeat(10)]);
    const big = csvOf(rows);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await post('/api/member-imports/analyze', streetA, {}, big, 'big.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rowCount).toBe(20_000);

    const boundary = '----gjtwo';
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n姓名,身份证号\r\n`;
    const two = await api.app.inject({
      method: 'POST',
      url: '/api/member-imports/analyze',
      headers: { cookie: streetA, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `${part('a.csv')}${part('b.csv')}--${boundary}--\r\n`,
    });
    expect(two.statusCode).toBe(413);
    const garbled = await api.app.inject({
      method: 'POST',
      url: '/api/member-imports/analyze',
      headers: { cookie: streetA, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: 'not multipart at all',
    });
    expect(garbled.statusCode).toBeGreaterThanOrEqual(400);
    expect(garbled.statusCode).toBeLessThan(500);
  });

  it('refuses more rows than one import takes, and a file over the size limit, saying the limit', async () => {
    const header = '姓名,身份证号\n';
    const over = Buffer.from(header + '某某,1\n'.repeat(IMPORT_MAX_ROWS + 1));
    const res = await post('/api/member-imports/analyze', streetA, {}, over, 'many.csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(`一次最多导入${IMPORT_MAX_ROWS}行`);
    const atCap = Buffer.from(header + '某某,1\n'.repeat(IMPORT_MAX_ROWS));
    const ok = await post('/api/member-imports/analyze', streetA, {}, atCap, 'cap.csv');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rowCount).toBe(IMPORT_MAX_ROWS);

    const huge = Buffer.alloc(IMPORT_MAX_FILE_MB * 1024 * 1024 + 1, 'a');
    const tooBig = await post('/api/member-imports/analyze', streetA, {}, huge, 'huge.csv');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: `文件超过${IMPORT_MAX_FILE_MB} MB，请分成几个文件导入`,
    });
  });
});

describe('所在支部 as community rosters write it', () => {
  it('places rows by short branch names and bracketed remarks, names the ambiguous ones, and takes the user’s choice', async () => {
    const heping = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'community_committee',
      name: '和平社区党委',
    });
    const first = await buildOrg(api.db, { parentId: heping.id, type: 'branch', name: '和平社区第一党支部' });
    const third = await buildOrg(api.db, { parentId: heping.id, type: 'branch', name: '和平社区第三党支部' });
    const xingfu = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'community_committee',
      name: '幸福社区党委',
    });
    const theirs = await buildOrg(api.db, { parentId: xingfu.id, type: 'branch', name: '幸福社区第一党支部' });
    const rows: SheetCell[][] = [
      ['姓名', '身份证号', '转正时间', '所在支部'],
      ['简一', idFor('1970-01-01', 'male', 91), '2000-07-01', '第一党支部'],
      ['简二', idFor('1970-02-02', 'female', 92), '2000-07-01', '第三党支部（楼院）'],
      ['简三', idFor('1970-03-03', 'male', 93), '2000-07-01', '第三党支部(楼院)'],
      ['简四', idFor('1970-04-04', 'female', 94), '2000-07-01', '第九党支部'],
      ['简五', idFor('1970-05-05', 'male', 95), '2000-07-01', '第一党支部'],
    ];
    const file = await xlsxOf(rows);

    const before = await post('/api/member-imports/branches', streetA, { orgId: heping.id }, file);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().column).toBe('所在支部');
    expect(before.json().branches).toEqual([
      { value: '第一党支部', rows: 2, match: 'short', orgId: first.id, orgName: first.name, candidates: [] },
      { value: '第三党支部（楼院）', rows: 1, match: 'short', orgId: third.id, orgName: third.name, candidates: [] },
      { value: '第三党支部(楼院)', rows: 1, match: 'short', orgId: third.id, orgName: third.name, candidates: [] },
      { value: '第九党支部', rows: 1, match: 'none', orgId: null, orgName: null, candidates: [] },
    ]);
    expect(before.json().orgs).toEqual([
      { id: heping.id, parentId: null, name: '和平社区党委', type: 'community_committee', initials: 'hpsqdw' },
      expect.objectContaining({ id: first.id, parentId: heping.id, name: '和平社区第一党支部' }),
      expect.objectContaining({ id: third.id, parentId: heping.id }),
    ]);
    const checked = await post('/api/member-imports/check', streetA, { orgId: heping.id }, file);
    expect(checked.json()).toMatchObject({ total: 5, valid: 4, invalid: 1 });
    expect(checked.json().problems).toEqual([
      { row: 5, column: '所在支部', message: '所选组织下没有名为“第九党支部”的党组织' },
    ]);

    // From the street, 第一党支部 could be either community's: said so, never guessed.
    const street = await post('/api/member-imports/branches', streetA, { orgId: city.streetA.id }, file);
    expect(street.json().branches[0]).toMatchObject({
      value: '第一党支部',
      match: 'ambiguous',
      orgId: null,
      candidates: expect.arrayContaining([
        { id: first.id, name: first.name },
        { id: theirs.id, name: theirs.name },
      ]),
    });
    const fromStreet = await post('/api/member-imports/check', streetA, { orgId: city.streetA.id }, file);
    expect(fromStreet.json().problems[0]).toMatchObject({
      row: 2,
      column: '所在支部',
      message: expect.stringContaining('可能是多个党组织'),
    });
    expect(fromStreet.json().problems[0].message).toContain('幸福社区第一党支部');

    // The user's choices: checked against the subtree (another community's branch: 400; another street's: 404).
    const orgMap = JSON.stringify({ 第九党支部: third.id, 第一党支部: first.id });
    const chosen = await post('/api/member-imports/branches', streetA, { orgId: heping.id, orgMap }, file);
    expect(chosen.json().branches.map((b: { match: string; orgId: number }) => [b.match, b.orgId])).toEqual([
      ['chosen', first.id],
      ['short', third.id],
      ['short', third.id],
      ['chosen', third.id],
    ]);
    const elsewhere = await post(
      '/api/member-imports/check',
      streetA,
      { orgId: heping.id, orgMap: JSON.stringify({ 第九党支部: theirs.id }) },
      file,
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().message).toContain('“第九党支部”对应的“幸福社区第一党支部”不在所选组织之下');
    const outside = await post(
      '/api/member-imports/check',
      streetA,
      { orgId: heping.id, orgMap: JSON.stringify({ 第九党支部: city.branchB.id }) },
      file,
    );
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain(city.branchB.name);
    const garbled = await post('/api/member-imports/check', streetA, { orgId: heping.id, orgMap: '{"a":"x"}' }, file);
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().message).toContain('所在支部对应');

    const done = await post('/api/member-imports', streetA, { orgId: city.streetA.id, orgMap, mode: 'all' }, file);
    expect(done.json(), done.body).toMatchObject({ imported: 5, invalid: 0 });
    const placed = await queryRows<{ name: string; org_id: number }>(
      api.db,
      sql`select name, org_id::int as org_id from members where name like '简%' order by name`,
    );
    expect(Object.fromEntries(placed.map((m) => [m.name, m.org_id]))).toEqual({
      简一: first.id,
      简二: third.id,
      简三: third.id,
      简四: third.id,
      简五: first.id,
    });
  });
});

describe('re-importing a corrected roster', () => {
  const header = ['姓名', '身份证号', '联系电话', '学历', '入党时间', '转正时间', '所在支部', '特长兴趣'];
  const people = {
    one: idFor('1965-01-01', 'male', 71),
    two: idFor('1966-02-02', 'female', 72),
    three: idFor('1967-03-03', 'male', 73),
    four: idFor('1968-04-04', 'female', 74),
  };
  const phoneOf = async (idNumber: string) =>
    (
      await queryRows<{ phone: string; education: string | null; org_id: number; tags: string[] }>(
        api.db,
        sql`select phone, education, org_id::int as org_id, tags from members where id_number = ${idNumber}`,
      )
    )[0];

  it('previews each changed field, then inserts and updates in one audited transaction; unchanged rows say so', async () => {
    const community = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'community_committee',
      name: '更新社区党委',
    });
    const first = await buildOrg(api.db, { parentId: community.id, type: 'branch', name: '更新社区第一党支部' });
    const second = await buildOrg(api.db, { parentId: community.id, type: 'branch', name: '更新社区第二党支部' });
    const original: SheetCell[][] = [
      header,
      ['更一', people.one, '13900000001', '大专', '1990-07-01', '1991-07-01', '第一党支部', '书法'],
      ['更二', people.two, '13900000002', '高中', '1991-07-01', '1992-07-01', '第一党支部', ''],
      ['更三', people.three, '13900000003', '本科', '1992-07-01', '1993-07-01', '第一党支部', '象棋、摄影'],
    ];
    const imported = await post(
      '/api/member-imports',
      streetA,
      { orgId: community.id, mode: 'all' },
      xlsOf(original),
      'r.xls',
    );
    expect(imported.json(), imported.body).toMatchObject({ imported: 3 });

    // The corrected roster: a new phone and education, a move to another branch, a blank cell (kept), one new.
    const corrected: SheetCell[][] = [
      header,
      ['更一', people.one, '13900000011', '本科', '1990-07-01', '1991-07-01', '第一党支部', '书法'],
      ['更二', people.two, '13900000002', '高中', '1991-07-01', '1992-07-01', '第二党支部', ''],
      ['更三', people.three, '13900000003', '', '1992-07-01', '1993-07-01', '第一党支部', '摄影、象棋'],
      ['更四', people.four, '13900000004', '中专', '1993-07-01', '1994-07-01', '第二党支部', ''],
    ];
    const file = xlsOf(corrected);
    const skipping = await post('/api/member-imports/check', streetA, { orgId: community.id }, file);
    expect(skipping.json()).toMatchObject({ total: 4, valid: 1, existing: 3, updated: 0, unchanged: 0, changes: [] });

    const preview = await post('/api/member-imports/check', streetA, { orgId: community.id, update: 'true' }, file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ total: 4, valid: 1, existing: 3, updated: 2, unchanged: 1, invalid: 0 });
    expect(preview.json().changes).toEqual([
      {
        row: 2,
        memberId: expect.any(Number),
        name: '更一',
        changes: [
          { field: 'phone', label: '联系电话', from: '139****0001', to: '139****0011' },
          { field: 'education', label: '学历', from: '大专', to: '本科' },
        ],
      },
      {
        row: 3,
        memberId: expect.any(Number),
        name: '更二',
        changes: [{ field: 'orgName', label: '所在支部', from: first.name, to: second.name }],
      },
    ]);
    expect(preview.json().previewDigest).toMatch(/^[0-9a-f]{64}$/);
    // A preview writes nothing.
    expect(await phoneOf(people.one)).toMatchObject({ phone: '13900000001', education: '大专' });

    const done = await post(
      '/api/member-imports',
      streetA,
      { orgId: community.id, mode: 'all', update: 'true', previewDigest: preview.json().previewDigest },
      file,
    );
    expect(done.json(), done.body).toMatchObject({ imported: 1, updated: 2, unchanged: 1, skipped: 1 });
    expect(await phoneOf(people.one)).toMatchObject({ phone: '13900000011', education: '本科', org_id: first.id });
    expect(await phoneOf(people.two)).toMatchObject({ org_id: second.id });
    expect(await phoneOf(people.three)).toMatchObject({ education: '本科', tags: ['象棋', '摄影'] });
    expect(await phoneOf(people.four)).toMatchObject({ org_id: second.id });
    const history = await queryRows<{ org_id: number; to_on: string | null; reason: string }>(
      api.db,
      sql`select h.org_id::int as org_id, h.to_on::text as to_on, h.reason from member_history h
            join members m on m.id = h.member_id where m.id_number = ${people.two} order by h.id`,
    );
    expect(history).toEqual([
      { org_id: first.id, to_on: chinaToday(), reason: '导入' },
      { org_id: second.id, to_on: null, reason: '导入更新' },
    ]);
    const audits = await queryRows<{ action: string; before: { education: string }; after: { education: string } }>(
      api.db,
      sql`select a.action, a.before, a.after from audit_logs a join members m on a.entity_id = m.id::text
           where a.entity = 'member' and m.id_number = ${people.one} and a.before is not null`,
    );
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'member.import',
        before: expect.objectContaining({ education: '大专' }),
        after: expect.objectContaining({ education: '本科' }),
      }),
    ]);

    // The same roster again: nothing left to change, every row says so; the old preview no longer holds (409).
    const again = await post('/api/member-imports/check', streetA, { orgId: community.id, update: 'true' }, file);
    expect(again.json()).toMatchObject({ valid: 0, existing: 4, updated: 0, unchanged: 4, previewDigest: null });
    const stale = await post(
      '/api/member-imports',
      streetA,
      { orgId: community.id, mode: 'all', update: 'true', previewDigest: preview.json().previewDigest },
      file,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('请重新检查');

    // All or nothing: one bad row, and neither the updates nor the new member are written.
    const mixed: SheetCell[][] = [
      header,
      ['更一', people.one, '13900000021', '硕士', '1990-07-01', '1991-07-01', '第一党支部', '书法'],
      ['更五', idFor('1969-05-05', 'male', 75), '123', '', '1990-07-01', '1991-07-01', '', ''],
    ];
    const refused = await post(
      '/api/member-imports',
      streetA,
      { orgId: community.id, mode: 'all', update: 'true' },
      xlsOf(mixed),
    );
    expect(refused.json()).toMatchObject({ imported: 0, updated: 0, invalid: 1 });
    expect(await phoneOf(people.one)).toMatchObject({ phone: '13900000011', education: '本科' });
  });

  it('never touches a member outside the scope or the chosen organisation, and refuses a merge the rules forbid', async () => {
    const community = await buildOrg(api.db, {
      parentId: city.streetA.id,
      type: 'community_committee',
      name: '边界社区党委',
    });
    const theirs = await buildMember(api.db, city.branchB.id);
    const mine = await buildMember(api.db, city.branchA.id);
    const probationary = idFor('1990-06-06', 'female', 76);
    const created = await api.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: { cookie: streetA },
      payload: {
        name: '预备',
        gender: 'female',
        idNumber: probationary,
        status: 'probationary',
        joinedOn: chinaToday(),
        category: 'resident',
        orgId: community.id,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const rows: SheetCell[][] = [
      ['姓名', '身份证号', '联系电话', '转正时间'],
      ['外人', theirs.idNumber, '13700000001', ''],
      ['邻居', mine.idNumber, '13700000002', ''],
      ['预备', probationary, '', '2020-01-01'],
    ];
    const res = await post(
      '/api/member-imports/check',
      streetA,
      { orgId: community.id, update: 'true' },
      await xlsxOf(rows),
    );
    expect(res.json()).toMatchObject({ total: 3, invalid: 3, updated: 0 });
    expect(res.json().problems).toEqual([
      { row: 2, column: '身份证号', message: '该身份证号已在平台其他组织登记，需办理组织关系转接' },
      { row: 3, column: '身份证号', message: expect.stringContaining('不在所选组织之下') },
      { row: 4, column: '转正时间', message: expect.stringContaining('不能早于入党时间') },
    ]);
    expect(res.body).not.toContain(city.branchB.name);
    expect(res.body).not.toContain(theirs.name);
    const valid = await post(
      '/api/member-imports',
      streetA,
      { orgId: community.id, update: 'true', mode: 'valid' },
      await xlsxOf(rows),
    );
    expect(valid.json()).toMatchObject({ imported: 0, updated: 0 });
    const phones = await queryRows<{ phone: string }>(
      api.db,
      sql`select phone from members where id in (${theirs.id}, ${mine.id})`,
    );
    expect(phones).toEqual([{ phone: '13800138000' }, { phone: '13800138000' }]);

    // From the community that holds 邻居: a roster of phones only updates a record saved without 转正时间.
    const phonesOnly: SheetCell[][] = [
      ['姓名', '身份证号', '联系电话'],
      ['邻居', mine.idNumber, '13700000002'],
    ];
    const fromHome = await post(
      '/api/member-imports',
      streetA,
      { orgId: city.communityA.id, update: 'true', mode: 'all' },
      csvOf(phonesOnly),
    );
    expect(fromHome.json(), fromHome.body).toMatchObject({ updated: 1, invalid: 0 });
    expect(fromHome.json().changes[0].changes).toEqual([
      { field: 'name', label: '姓名', from: mine.name, to: '邻居' },
      { field: 'phone', label: '联系电话', from: '138****8000', to: '137****0002' },
    ]);
  });
});

describe('checking and importing', () => {
  it('reports bad rows with row number, column and a Chinese message, and writes nothing', async () => {
    const file = await xlsxOf(sampleRoster(), { title: '幸福社区党员花名册' });
    const report = await post('/api/member-imports/check', streetA, { orgId: city.communityA.id }, file);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ total: 8, valid: 6, existing: 0, invalid: 2 });
    expect(report.json().problems).toEqual([
      { row: 6, column: '手机号码', message: '“1391234”不是11位手机号码' },
      { row: 7, column: '公民身份号码', message: expect.stringContaining('身份证号') },
    ]);
    const res = await post('/api/member-imports', streetA, { orgId: city.communityA.id, mode: 'all' }, file);
    expect(res.json()).toMatchObject({ imported: 0, invalid: 2 });
    expect(await count(city.communityA.id)).toBe(0);
  });

  it('imports only the valid rows when asked, offers the rejected ones as .xlsx, and re-imports without duplicates', async () => {
    const file = await xlsxOf(sampleRoster(), { title: '幸福社区党员花名册' });
    const res = await post('/api/member-imports', streetA, { orgId: city.communityA.id, mode: 'valid' }, file);
    expect(res.json()).toMatchObject({ imported: 6, invalid: 2 });
    expect(await count(city.communityA.id)).toBe(6);
    const [wang] = await queryRows<Record<string, unknown>>(
      api.db,
      sql`select joined_on::text as joined_on, full_member_on::text as full_member_on, category, tags, name_initials,
                 birth_date::text as birth_date, gender
            from members where name = '王建国'`,
    );
    expect(wang).toEqual({
      birth_date: '1956-03-12',
      gender: 'male',
      joined_on: '1980-07-01',
      full_member_on: '1981-07-01',
      category: 'retired',
      tags: ['书法', '象棋'],
      name_initials: 'wjg',
    });
    const [shan] = await queryRows<Record<string, unknown>>(
      api.db,
      sql`select joined_on::text as joined_on, category, name_initials from members where name = '单丽'`,
    );
    expect(shan).toEqual({ joined_on: '2006-10-10', category: 'unemployed', name_initials: 'sl' });

    const rejected = await post('/api/member-imports/rejected', streetA, { orgId: city.communityA.id }, file);
    expect(rejected.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(rejected.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(1).getCell(13).value).toBe('问题');
    expect(sheet?.getRow(2).getCell(2).value).toBe('刘洋');

    // The fixed sheet: the two rows corrected, the rest unchanged.
    const fixed = sampleRoster();
    (fixed[4] as SheetCell[])[5] = '13912340004';
    (fixed[5] as SheetCell[])[4] = idFor('1988-02-29', 'female', 5);
    const again = await post(
      '/api/member-imports',
      streetA,
      { orgId: city.communityA.id, mode: 'all' },
      await xlsxOf(fixed),
    );
    expect(again.json()).toMatchObject({ imported: 2, existing: 6, invalid: 0 });
    const thrice = await post(
      '/api/member-imports',
      streetA,
      { orgId: city.communityA.id, mode: 'all' },
      await xlsxOf(fixed),
    );
    expect(thrice.json()).toMatchObject({ imported: 0, existing: 8 });
    expect(await count(city.communityA.id)).toBe(8);
    const history = await queryRows<{ n: number }>(
      api.db,
      sql`select count(*)::int as n from member_history h join members m on m.id = h.member_id where m.org_id = ${city.communityA.id}`,
    );
    expect(history[0]?.n).toBe(8);
  });

  it('takes shuffled columns, header variants, CSV in GBK-free UTF-8 and places rows by 所在支部', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '第二党支部' });
    const rows: SheetCell[][] = [
      ['联系电话', '党员类型', '身份证号', '入党时间', '所在党支部', '姓名', '转正日期', '序号'],
      ['13700000001', '在职', idFor('1991-01-01', 'male', 11), '2019.7', '第二党支部', '孙一', '2020.7', '1'],
      ['', '', idFor('1992-02-02', 'female', 12), '20200101', '', '周二', '20210101', '2'],
      ['', '', idFor('1993-03-03', 'female', 13), '2021-01-01', '不存在的支部', '吴三', '2022-01-01', '3'],
      ['', '', idFor('1994-04-04', 'female', 14), '', '', '郑四', '2016-05-04', '4'],
      ['', '', idFor('1994-04-04', 'female', 14), '', '', '郑四', '2016-05-04', '5'],
    ];
    const res = await post('/api/member-imports/check', streetA, { orgId: city.communityA.id }, csvOf(rows), 'r.csv');
    expect(res.json()).toMatchObject({ total: 5, valid: 3, invalid: 2 });
    expect(res.json().problems).toEqual([
      { row: 4, column: '所在党支部', message: '所选组织下没有名为“不存在的支部”的党组织' },
      { row: 6, column: '身份证号', message: '与第5行身份证号重复' },
    ]);
    const done = await post('/api/member-imports', streetA, { orgId: city.communityA.id, mode: 'valid' }, csvOf(rows));
    expect(done.json()).toMatchObject({ imported: 3 });
    const [sun] = await queryRows<{ org_id: number; joined_on: string; category: string; gender: string }>(
      api.db,
      sql`select org_id::int as org_id, joined_on::text as joined_on, category, gender from members where name = '孙一'`,
    );
    expect(sun).toEqual({ org_id: branch.id, joined_on: '2019-07-01', category: 'in_service', gender: 'male' });
  });

  it('refuses a 正式党员 row without 转正时间, whether the column is blank or missing', async () => {
    const blank = csvOf([
      ['姓名', '身份证号', '入党时间', '转正时间', '党员状态'],
      ['冯一', idFor('1985-01-01', 'male', 61), '2010-07-01', '', '正式党员'],
      ['冯二', idFor('1985-02-02', 'female', 62), '2010-07-01', '2011-07-01', '正式党员'],
      ['冯三', idFor('1985-03-03', 'male', 63), chinaToday(), '', '预备党员'],
    ]);
    const checked = await post('/api/member-imports/check', streetA, { orgId: city.communityA.id }, blank);
    expect(checked.json()).toMatchObject({ total: 3, valid: 2, invalid: 1 });
    expect(checked.json().problems).toEqual([{ row: 2, column: '转正时间', message: '正式党员应填写转正时间' }]);
    // Without the column, a member who joined over a year ago is taken as a full member: the date is asked for.
    const missing = csvOf([
      ['姓名', '身份证号', '入党时间'],
      ['冯四', idFor('1985-04-04', 'female', 64), '2010-07-01'],
    ]);
    const res = await post('/api/member-imports/check', streetA, { orgId: city.communityA.id }, missing);
    expect(res.json().problems).toEqual([{ row: 2, column: '转正时间', message: '正式党员应填写转正时间' }]);
  });

  it('reads merged cells: 所在支部 merged over the members of a branch, 姓名 merged over a two-row header', async () => {
    const first = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '合并一支部' });
    const second = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '合并二支部' });
    const rows: SheetCell[][] = [
      ['姓名', '基本信息', null, '组织关系', null],
      [null, '性别', '身份证号', '所在支部', '转正时间'],
      ['合一', '男', idFor('1971-01-01', 'male', 41), '合并一支部', '2000-07-01'],
      ['合二', '女', idFor('1972-02-02', 'female', 42), null, '2000-07-01'],
      ['合三', '男', idFor('1973-03-03', 'male', 43), null, '2000-07-01'],
      ['合四', '女', idFor('1974-04-04', 'female', 44), '合并二支部', '2000-07-01'],
      ['合五', '男', idFor('1975-05-05', 'male', 45), null, '2000-07-01'],
    ];
    const file = await xlsxOf(rows, {
      title: '合并单元格花名册',
      merges: [
        [2, 1, 3, 1], // 姓名 over the two header rows
        [2, 2, 2, 3], // 基本信息 over 性别 and 身份证号: never copied sideways
        [4, 4, 6, 4], // 合并一支部 over three members
        [7, 4, 8, 4], // 合并二支部 over two
      ],
    });
    const analyzed = await post('/api/member-imports/analyze', streetA, {}, file);
    expect(analyzed.json()).toMatchObject({ headerRow: 3, rowCount: 5 });
    expect(analyzed.json().mapping).toMatchObject({ name: 0, gender: 1, idNumber: 2, orgName: 3 });
    const done = await post('/api/member-imports', streetA, { orgId: city.communityA.id, mode: 'all' }, file);
    expect(done.json(), done.body).toMatchObject({ imported: 5 });
    const placed = await queryRows<{ name: string; org_id: number }>(
      api.db,
      sql`select name, org_id::int as org_id from members where name like '合%' order by name`,
    );
    expect(Object.fromEntries(placed.map((m) => [m.name, m.org_id]))).toEqual({
      合一: first.id,
      合二: first.id,
      合三: first.id,
      合四: second.id,
      合五: second.id,
    });
  });

  it('stores text exactly as typed: quotes, backslashes, braces, commas, NULL, and tags made of them', async () => {
    const [quoted, backslashed, braced, commas] = ['引号"里的"字', 'C:\\路径\\', '{大括号}', '逗号,分号;'];
    const rows: SheetCell[][] = [
      ['姓名', '身份证号', '居住楼院', '工作单位', '学历', '特长兴趣', '转正时间'],
      ['钱一', idFor('1980-01-01', 'male', 31), quoted, backslashed, 'NULL', 'a"b、c\\d、{e}、NULL', '2005-07-01'],
      ['钱二', idFor('1981-01-01', 'female', 32), braced, commas, '', '', '2005-07-01'],
    ];
    const res = await post(
      '/api/member-imports',
      streetA,
      { orgId: city.communityA.id, mode: 'all' },
      await xlsxOf(rows),
    );
    expect(res.json()).toMatchObject({ imported: 2, invalid: 0 });
    const stored = await queryRows<Record<string, unknown>>(
      api.db,
      sql`select name, residence, employer, education, tags from members where name in ('钱一', '钱二') order by name`,
    );
    expect(stored).toEqual([
      {
        name: '钱一',
        residence: quoted,
        employer: backslashed,
        education: 'NULL',
        tags: ['a"b', 'c\\d', '{e}', 'NULL'],
      },
      { name: '钱二', residence: braced, employer: commas, education: null, tags: [] },
    ]);
  });

  it('streams progress lines and the result when asked for NDJSON', async () => {
    const rows: SheetCell[][] = [['姓名', '身份证号', '转正时间']];
    for (let i = 0; i < 1200; i++)
      rows.push([
        `进度${i}`,
        idFor(`${1950 + Math.floor(i / 400)}-06-06`, i % 2 ? 'male' : 'female', i % 400),
        '2000-07-01',
      ]);
    const { res, lines } = await postNdjson(streetA, { orgId: String(city.communityA.id), mode: 'all' }, csvOf(rows));
    expect(res.headers['content-type'], res.body.slice(0, 600)).toContain('application/x-ndjson');
    expect(lines.filter((l) => 'progress' in l).length).toBeGreaterThanOrEqual(3);
    expect(lines.at(-1)).toMatchObject({ result: { imported: 1200, invalid: 0 } });
    const failed = await postNdjson(
      streetA,
      { orgId: String(city.communityA.id), mapping: { name: 0 }, headerRow: '1' },
      csvOf(rows),
    );
    expect(failed.res.statusCode).toBe(200);
    expect(failed.lines.at(-1)).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });

  it('writes a roster of more than one staged chunk (10,000 rows) in sheet order, each member with history and audit', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityB.id, type: 'branch', name: '大名册支部' });
    const total = 10_050;
    const rows: SheetCell[][] = [['姓名', '身份证号', '党员类别', '转正时间']];
    for (let i = 0; i < total; i++)
      rows.push([
        `批量${i}`,
        idFor(`${1960 + Math.floor(i / 400)}-07-07`, i % 2 ? 'male' : 'female', i % 400),
        '在职',
        '2005-07-01',
      ]);
    const { res, lines } = await postNdjson(streetB, { orgId: String(branch.id), mode: 'all' }, csvOf(rows));
    expect(lines.at(-1), res.body.slice(-600)).toMatchObject({ result: { imported: total, invalid: 0 } });
    // Write progress per staged chunk, in order, up to the whole roster.
    const done = lines.flatMap((l) => (l.progress?.phase === 'write' ? [l.progress.done] : []));
    expect(done).toContain(10_000);
    expect(done.at(-1)).toBe(total);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    const written = await queryRows<{ name: string; history: number; audits: number }>(
      api.db,
      sql`select m.name,
                 (select count(*)::int from member_history h where h.member_id = m.id and h.reason = '导入') as history,
                 (select count(*)::int from audit_logs a where a.entity = 'member' and a.entity_id = m.id::text
                     and a.action = 'member.import') as audits
            from members m where m.org_id = ${branch.id} order by m.id`,
    );
    expect(written.map((w) => w.name)).toEqual(rows.slice(1).map((r) => r[0]));
    expect(written.every((w) => w.history === 1 && w.audits === 1)).toBe(true);
  });

  it('checks again at import what changed since the check: an organisation renamed, an ID number taken', async () => {
    const branch = await buildOrg(api.db, { parentId: city.communityA.id, type: 'branch', name: '改名前支部' });
    const taken = idFor('1975-03-03', 'female', 41);
    const rows: SheetCell[][] = [
      ['姓名', '身份证号', '所在支部', '转正时间'],
      ['孙一', idFor('1975-03-03', 'male', 40), '改名前支部', '2000-07-01'],
      ['孙二', taken, '', '2000-07-01'],
    ];
    const file = await xlsxOf(rows);
    const fields = {
      orgId: city.communityA.id,
      headerRow: '1',
      mapping: JSON.stringify({ name: 0, idNumber: 1, orgName: 2, fullMemberOn: 3 }),
    };
    const checked = await post('/api/member-imports/check', streetA, fields, file);
    expect(checked.json()).toMatchObject({ valid: 2, invalid: 0 });

    // Meanwhile: the branch is renamed, and another street registers one of the two.
    const renamed = await api.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${branch.id}`,
      headers: { cookie: streetA },
      payload: { name: '改名后支部' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const elsewhere = await api.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: { cookie: streetB },
      payload: {
        name: '孙二',
        gender: 'female',
        idNumber: taken,
        status: 'full',
        fullMemberOn: '2000-07-01',
        category: 'resident',
        orgId: city.branchB.id,
      },
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);

    const res = await post('/api/member-imports', streetA, { ...fields, mode: 'all' }, file);
    expect(res.json()).toMatchObject({ imported: 0, invalid: 2 });
    expect(res.json().problems.map((p: { row: number; message: string }) => [p.row, p.message])).toEqual([
      [2, '所选组织下没有名为“改名前支部”的党组织'],
      [3, '该身份证号已在平台其他组织登记，需办理组织关系转接'],
    ]);
  });

  it('uses the mapping the user confirmed', async () => {
    const rows: SheetCell[][] = [
      ['名单', '证件', '备注', '日期'],
      ['钱五', idFor('1980-05-05', 'male', 15), 'x', '2005-07-01'],
    ];
    const wrong = await post('/api/member-imports/check', streetA, { orgId: city.communityA.id }, await xlsxOf(rows));
    expect(wrong.statusCode).toBe(400);
    const res = await post(
      '/api/member-imports/check',
      streetA,
      { orgId: city.communityA.id, mapping: { name: 0, idNumber: 1, fullMemberOn: 3 }, headerRow: 1 },
      csvOf(rows),
    );
    expect(res.json()).toMatchObject({ total: 1, valid: 1 });
    const bad = await post(
      '/api/member-imports/check',
      streetA,
      { orgId: city.communityA.id, mapping: { name: 0 }, headerRow: 1 },
      csvOf(rows),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('身份证号');
  });

  it('refuses a target outside the scope (404) and does not reveal other streets’ members', async () => {
    const file = csvOf([
      ['姓名', '身份证号', '转正时间'],
      ['外人', idFor('1970-01-01', 'male', 20), '2000-07-01'],
    ]);
    expect((await post('/api/member-imports/check', streetA, { orgId: city.communityB.id }, file)).statusCode).toBe(
      404,
    );
    const theirs = await post('/api/member-imports', streetB, { orgId: city.communityB.id, mode: 'all' }, file);
    expect(theirs.json()).toMatchObject({ imported: 1 });
    const mine = await post('/api/member-imports/check', streetA, { orgId: city.communityA.id }, file);
    expect(mine.json().problems[0].message).toBe('该身份证号已在平台其他组织登记，需办理组织关系转接');
    expect(mine.body).not.toContain('乙');
    // Written with blanks inside and a lower-case x, it is still the same person.
    let seq = 21;
    while (!idFor('1971-01-01', 'male', seq).endsWith('X')) seq += 1;
    const withX = idFor('1971-01-01', 'male', seq);
    const theirsX = csvOf([
      ['姓名', '身份证号', '转正时间'],
      ['外人二', withX, '2000-07-01'],
    ]);
    expect(
      (await post('/api/member-imports', streetB, { orgId: city.communityB.id, mode: 'all' }, theirsX)).json(),
    ).toMatchObject({ imported: 1 });
    const typed = `${withX.slice(0, 6)} ${withX.slice(6, 14)} ${withX.slice(14, 17)}x`;
    const mineX = await post(
      '/api/member-imports/check',
      streetA,
      { orgId: city.communityA.id },
      csvOf([
        ['姓名', '身份证号', '转正时间'],
        ['外人二', typed, '2000-07-01'],
      ]),
    );
    expect(mineX.json()).toMatchObject({ valid: 0, invalid: 1 });
    expect(mineX.json().problems[0].message).toBe('该身份证号已在平台其他组织登记，需办理组织关系转接');
  });

  it('keeps the counters equal to a fresh count', () => expectCountersTrue(api.db));
});
