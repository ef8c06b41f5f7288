import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { buildAccount, buildCity, buildMember } from '../helpers/factories.js';
import { useApi } from '../helpers/api.js';
import { SMALL_JPEG, SMALL_PDF, smallPng } from '../helpers/images.js';
import { multipart } from '../helpers/multipart.js';

/** Meeting attachments (sign-in sheet photos, slides): optional files kept with the record, in scope, audited. */
const api = useApi();
const { get, post, send } = api;
let city: Awaited<ReturnType<typeof buildCity>>;
let secretary: string;
let streetB: string;
let liaison: string;
let people: { id: number }[];
const yesterday = addDays(chinaToday(), -1);

beforeAll(async () => {
  city = await buildCity(api.db);
  people = [await buildMember(api.db, city.branchA.id), await buildMember(api.db, city.branchA.id)];
  secretary = await api.login(city.branchAUser.username);
  streetB = await api.login(city.streetBUser.username);
  const other = await buildAccount(api.db, { orgId: city.branchA.id, role: 'unit_liaison' });
  liaison = await api.login(other.username);
});

const body = (over: object = {}) => ({
  orgId: city.branchA.id,
  type: 'party_class',
  heldOn: yesterday,
  startTime: '19:00',
  place: '党员活动室',
  topic: '党课：党章学习',
  ...over,
});

async function draft() {
  const res = await post('/api/org-life/meetings', secretary, body());
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

function upload(meetingId: number, file: { name: string; data: Buffer }, fields: object = {}, cookie = secretary) {
  const form = multipart({ kind: 'sign_in', name: file.name, ...fields }, file);
  return api.app.inject({
    method: 'POST',
    url: `/api/org-life/meetings/${meetingId}/attachments`,
    payload: form.payload,
    headers: { ...form.headers, ...(cookie && { cookie }) },
  });
}

/** A phone photo's Exif block: a GPS IFD with 北纬 39°54′. */
function withGpsExif(jpeg: Buffer): Buffer {
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a\0\0\0\0', 'latin1'),
    Buffer.from('\0\x01\0\x01\0\x02\0\0\0\x02N\0\0\0\0\0\0\0GPSLatitude 39,54N', 'latin1'),
  ]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

const auditActions = async (entityId: number) =>
  (
    await queryRows<{ action: string }>(
      api.db,
      sql`select action from audit_logs where entity = 'meeting_attachment' and entity_id = ${String(entityId)}
           order by id`,
    )
  ).map((r) => r.action);

describe('meeting attachments', () => {
  it('refuses the anonymous (401), other roles (403) and another street (404)', async () => {
    const id = await draft();
    expect((await upload(id, { name: 'a.png', data: smallPng() }, {}, '')).statusCode).toBe(401);
    expect((await upload(id, { name: 'a.png', data: smallPng() }, {}, liaison)).statusCode).toBe(403);
    expect((await upload(id, { name: 'a.png', data: smallPng() }, {}, streetB)).statusCode).toBe(404);
    expect((await get(`/api/org-life/meetings/${id}/attachments`, streetB)).statusCode).toBe(404);
  });

  it('keeps a photo without its location, typed by content, and sends it inline in scope only', async () => {
    const id = await draft();
    const photo = withGpsExif(SMALL_JPEG);
    const res = await upload(id, { name: 'C:\\手机相册\\签到表.jpeg', data: photo });
    expect(res.statusCode, res.body).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({
      kind: 'sign_in',
      contentType: 'image/jpeg',
      fileName: '签到表.jpg',
      size: SMALL_JPEG.length,
      addedAfterFinal: false,
    });

    const file = await get(`/api/org-life/meetings/${id}/attachments/${saved.id}`, secretary);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toMatch(/^private/);
    expect(file.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('签到表.jpg')}`);
    expect(file.rawPayload.equals(SMALL_JPEG)).toBe(true);
    expect(file.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect((await get(`/api/org-life/meetings/${id}/attachments/${saved.id}`, streetB)).statusCode).toBe(404);
    expect(await auditActions(saved.id)).toEqual(['meeting.attachment_add', 'meeting.attachment_view']);

    // A PNG named .jpg is a PNG; its name takes the type's extension.
    const png = await upload(id, { name: '现场.jpg', data: smallPng() }, { kind: 'photo' });
    expect(png.json()).toMatchObject({ contentType: 'image/png', fileName: '现场.png', kind: 'photo' });
    const pdf = await upload(id, { name: '课件.pdf', data: SMALL_PDF }, { kind: 'slides' });
    expect(pdf.json()).toMatchObject({ contentType: 'application/pdf', fileName: '课件.pdf' });

    const list = await get(`/api/org-life/meetings/${id}/attachments`, secretary);
    expect(list.json().items.map((f: { fileName: string }) => f.fileName)).toEqual([
      '签到表.jpg',
      '现场.png',
      '课件.pdf',
    ]);
    const meeting = await get(`/api/org-life/meetings/${id}`, secretary);
    expect(meeting.json().attachments).toHaveLength(3);
  });

  it('refuses a text file, an oversized image or PDF and a wrong kind, naming the field', async () => {
    const id = await draft();
    const text = await upload(id, { name: '签到表.jpg', data: Buffer.from('张三 李四 王五\n') });
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ field: 'file', message: '附件：只能上传图片（JPEG、PNG、WebP）或 PDF 文件' });
    const big = await upload(id, { name: 'big.jpg', data: Buffer.concat([SMALL_JPEG, Buffer.alloc(5 * 1024 * 1024)]) });
    expect(big.json()).toMatchObject({ field: 'file', message: '附件：图片不能超过5MB' });
    const bigPdf = await upload(id, {
      name: 'big.pdf',
      data: Buffer.concat([SMALL_PDF, Buffer.alloc(10 * 1024 * 1024)]),
    });
    expect(bigPdf.json()).toMatchObject({ field: 'file', message: '附件：PDF 文件不能超过10MB' });
    const kind = await upload(id, { name: 'a.png', data: smallPng() }, { kind: 'selfie' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().message).toContain('附件类别');
    const none = await api.app.inject({
      method: 'POST',
      url: `/api/org-life/meetings/${id}/attachments`,
      ...(() => {
        const form = multipart({ kind: 'sign_in' });
        return { payload: form.payload, headers: { ...form.headers, cookie: secretary } };
      })(),
    });
    expect(none.statusCode).toBe(400);
    expect((await get(`/api/org-life/meetings/${id}/attachments`, secretary)).json().items).toEqual([]);
  });

  it('lets a draft lose an attachment; a finalised record takes one only as a correction and keeps it', async () => {
    const id = await draft();
    const first = (await upload(id, { name: '签到表.png', data: smallPng() })).json();
    const deleted = await send('DELETE', `/api/org-life/meetings/${id}/attachments/${first.id}`, secretary);
    expect(deleted.statusCode).toBe(204);
    expect((await get(`/api/org-life/meetings/${id}/attachments/${first.id}`, secretary)).statusCode).toBe(404);

    const all = (await get(`/api/org-life/meetings/${id}`, secretary)).json().attendees as { memberId: number }[];
    const marks = all.map((a) => ({ memberId: a.memberId, status: 'present' }));
    expect(marks.length).toBeGreaterThanOrEqual(people.length);
    expect(
      (await send('PATCH', `/api/org-life/meetings/${id}`, secretary, body({ attendance: marks }))).statusCode,
    ).toBe(200);
    expect((await post(`/api/org-life/meetings/${id}/finalise`, secretary)).statusCode).toBe(200);

    const late = await upload(id, { name: '签到表.png', data: smallPng() });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().addedAfterFinal).toBe(true);
    // Audited as a correction of the finalised record.
    expect(await auditActions(late.json().id)).toEqual(['meeting.attachment_correct']);

    const refused = await send('DELETE', `/api/org-life/meetings/${id}/attachments/${late.json().id}`, secretary);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('已定稿的会议记录的附件不能删除（可补充附件作为更正）');

    const record = await get(`/api/org-life/record?orgId=${city.branchA.id}&year=${yesterday.slice(0, 4)}`, secretary);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('签到表：签到表.png（定稿后补充）');
  });

  it('removes the stored files of a draft deleted with its attachments', async () => {
    const id = await draft();
    const saved = (await upload(id, { name: '课件.pdf', data: SMALL_PDF }, { kind: 'slides' })).json();
    const [row] = await queryRows<{ file_key: string }>(
      api.db,
      sql`select file_key from meeting_attachments where id = ${saved.id}`,
    );
    const { fileStore } = await import('../../src/storage/index.js');
    expect((await fileStore().read(row?.file_key ?? '')).equals(SMALL_PDF)).toBe(true);
    expect((await send('DELETE', `/api/org-life/meetings/${id}`, secretary)).statusCode).toBe(204);
    await expect(fileStore().read(row?.file_key ?? '')).rejects.toMatchObject({ status: 404 });
  });
});
