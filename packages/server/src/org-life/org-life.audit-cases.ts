import { addDays, chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildAccount, buildMember } from '../../test/helpers/factories.js';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';
import { SMALL_JPEG } from '../../test/helpers/images.js';
import { multipart } from '../../test/helpers/multipart.js';

const meetingBody = (w: AuditWorld, over: object = {}) => ({
  orgId: w.city.branchA.id,
  type: 'general_assembly',
  heldOn: addDays(chinaToday(), -1),
  startTime: '19:00',
  place: '党员活动室',
  topic: '审计用会议',
  ...over,
});

async function meeting(w: AuditWorld, over: object = {}): Promise<{ id: number; attendees: { memberId: number }[] }> {
  const res = await w.send('POST', '/api/org-life/meetings', w.admin, meetingBody(w, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A held meeting with every expected attendee present, finalised. */
async function finalMeeting(w: AuditWorld) {
  await buildMember(w.api.db, w.city.branchA.id);
  const m = await meeting(w);
  const attendance = m.attendees.map((a) => ({ memberId: a.memberId, status: 'present' }));
  const saved = await w.send('PATCH', `/api/org-life/meetings/${m.id}`, w.admin, meetingBody(w, { attendance }));
  expect(saved.statusCode, saved.body).toBe(200);
  const res = await w.send('POST', `/api/org-life/meetings/${m.id}/finalise`, w.admin);
  expect(res.statusCode, res.body).toBe(200);
  return { id: m.id, attendance };
}

/** A member with a login and an upcoming meeting of their branch. */
async function memberWithMeeting(w: AuditWorld) {
  const member = await buildMember(w.api.db, w.city.branchA.id);
  const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'member', memberId: member.id });
  const cookie = await w.api.login(account.username);
  const m = await meeting(w, { heldOn: addDays(chinaToday(), 3), type: 'theme_day' });
  return { cookie, id: m.id, username: account.username };
}

/** Uploads a sign-in sheet photo to a meeting as the admin. */
function upload(w: AuditWorld, meetingId: number) {
  const form = multipart({ kind: 'sign_in', name: '签到表.jpg' }, { name: 'sign.jpg', data: SMALL_JPEG });
  return w.api.app.inject({
    method: 'POST',
    url: `/api/org-life/meetings/${meetingId}/attachments`,
    payload: form.payload,
    headers: { ...form.headers, cookie: w.admin },
  });
}

export default defineAuditCases('org-life', (w) => ({
  audited: {
    'POST /api/org-life/meetings': {
      action: 'meeting.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/org-life/meetings',
        () => meetingBody(w),
      ),
    },
    'PATCH /api/org-life/meetings/{id}': {
      action: 'meeting.update',
      prepare: async () => {
        const m = await meeting(w);
        return {
          request: () =>
            w.send('PATCH', `/api/org-life/meetings/${m.id}`, w.admin, meetingBody(w, { topic: '改过的主题' })),
        };
      },
    },
    'POST /api/org-life/meetings/{id}/finalise': {
      action: 'meeting.finalise',
      prepare: async () => {
        await buildMember(w.api.db, w.city.branchA.id);
        const m = await meeting(w);
        const attendance = m.attendees.map((a) => ({ memberId: a.memberId, status: 'present' }));
        await w.send('PATCH', `/api/org-life/meetings/${m.id}`, w.admin, meetingBody(w, { attendance }));
        return { request: () => w.send('POST', `/api/org-life/meetings/${m.id}/finalise`, w.admin) };
      },
    },
    'POST /api/org-life/meetings/{id}/corrections': {
      action: 'meeting.correct',
      prepare: async () => {
        const m = await finalMeeting(w);
        return {
          request: () =>
            w.send('POST', `/api/org-life/meetings/${m.id}/corrections`, w.admin, {
              ...meetingBody(w, { topic: '更正后的主题' }),
              attendance: m.attendance,
              reason: '主题记错',
            }),
        };
      },
    },
    'DELETE /api/org-life/meetings/{id}': {
      action: 'meeting.delete',
      prepare: async () => {
        const m = await meeting(w);
        return { request: () => w.send('DELETE', `/api/org-life/meetings/${m.id}`, w.admin) };
      },
    },
    'POST /api/org-life/meetings/{id}/attachments': {
      action: 'meeting.attachment_add',
      prepare: async () => {
        const m = await meeting(w);
        return { request: () => upload(w, m.id) };
      },
    },
    'DELETE /api/org-life/meetings/{id}/attachments/{attachmentId}': {
      action: 'meeting.attachment_delete',
      prepare: async () => {
        const m = await meeting(w);
        const res = await upload(w, m.id);
        expect(res.statusCode, res.body).toBe(201);
        const id = res.json().id as number;
        return { request: () => w.send('DELETE', `/api/org-life/meetings/${m.id}/attachments/${id}`, w.admin) };
      },
    },
    'POST /api/org-life/rules': {
      action: 'org_life_rules.update',
      prepare: w.asAdmin(
        'POST',
        () => '/api/org-life/rules',
        () => ({ orgId: w.city.district.id, overrides: [{ type: 'party_class', frequency: 'quarter', leadDays: 20 }] }),
      ),
    },
    'POST /api/org-life/mine/{id}/leave': {
      action: 'meeting.leave',
      prepare: async () => {
        const { cookie, id, username } = await memberWithMeeting(w);
        return {
          request: () => w.send('POST', `/api/org-life/mine/${id}/leave`, cookie, { reason: 'sick' }),
          actor: username,
        };
      },
    },
    'DELETE /api/org-life/mine/{id}/leave': {
      action: 'meeting.leave_cancel',
      prepare: async () => {
        const { cookie, id, username } = await memberWithMeeting(w);
        await w.send('POST', `/api/org-life/mine/${id}/leave`, cookie, { reason: 'sick' });
        return { request: () => w.send('DELETE', `/api/org-life/mine/${id}/leave`, cookie), actor: username };
      },
    },
  },
}));
