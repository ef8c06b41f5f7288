import { addDays, chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { smallPng } from '../../test/helpers/images.js';
import { multipart } from '../../test/helpers/multipart.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

const yesterday = () => addDays(chinaToday(), -1);

export default defineProbes('org-life', async (world) => {
  const { api, city, byOrg, orgId, outsideMember, insideMember } = world;
  const body = (over: object = {}) => ({
    orgId: city.branchA.id,
    type: 'general_assembly',
    heldOn: yesterday(),
    startTime: '19:00',
    place: '活动室',
    topic: '探查用会议',
    ...over,
  });
  const outsideId = await world.createAsStreetB(
    '/api/org-life/meetings',
    body({ orgId: city.branchB.id, topic: '乙街道的会' }),
  );
  const upcomingB = await world.createAsStreetB(
    '/api/org-life/meetings',
    body({ orgId: city.branchB.id, heldOn: addDays(chinaToday(), 3), topic: '乙街道的计划' }),
  );
  // Street A's own records: a draft, and a finalised meeting whose attendee a correction may name.
  const admin = await api.login(city.admin.username);
  const attendee = await insideMember();
  const draft = await api.post('/api/org-life/meetings', admin, body());
  expect(draft.statusCode, draft.body).toBe(201);
  const draftId = draft.json().id as number;
  const held = await api.post('/api/org-life/meetings', admin, body());
  const heldId = held.json().id as number;
  const everyone = (held.json().attendees as { memberId: number }[]).map((a) => ({
    memberId: a.memberId,
    status: 'present',
  }));
  await api.send('PATCH', `/api/org-life/meetings/${heldId}`, admin, body({ attendance: everyone }));
  const fin = await api.post(`/api/org-life/meetings/${heldId}/finalise`, admin);
  expect(fin.statusCode, fin.body).toBe(200);

  // Street B's attachment, uploaded by its committee.
  const form = multipart({ kind: 'sign_in', name: '乙街道签到表.png' }, { name: 'sign.png', data: smallPng() });
  const uploadedB = await api.app.inject({
    method: 'POST',
    url: `/api/org-life/meetings/${outsideId}/attachments`,
    payload: form.payload,
    headers: { ...form.headers, cookie: world.streetB },
  });
  expect(uploadedB.statusCode, uploadedB.body).toBe(201);
  const attachmentB = uploadedB.json().id as number;

  const hostProbe = (url: () => string, extra: object = {}) => ({
    url,
    body: (v: number | string) => body({ hostMemberId: v, ...extra }),
    id: { field: 'body.hostMemberId', outside: () => outsideMember.id, inside: insideMember },
  });
  const markProbe = (url: () => string, inside: () => number | Promise<number>, extra: object = {}) => ({
    url,
    body: (v: number | string) => body({ attendance: [{ memberId: v, status: 'present' }], ...extra }),
    id: { field: 'body.attendance.memberId', outside: () => outsideMember.id, inside },
  });
  const correction = { reason: '探查' };
  return {
    probes: {
      'GET /api/org-life/meetings': [
        byOrg('/api/org-life/meetings'),
        { url: () => '/api/org-life/meetings?pageSize=200', list: true },
      ],
      'GET /api/org-life/meetings/export': [byOrg('/api/org-life/meetings/export')],
      'GET /api/org-life/expected': [
        {
          url: (v) => `/api/org-life/expected?type=general_assembly&orgId=${v}`,
          id: orgId(
            'query.orgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'GET /api/org-life/meetings/:id': [{ url: () => `/api/org-life/meetings/${outsideId}` }],
      'POST /api/org-life/meetings': [
        {
          url: () => '/api/org-life/meetings',
          body: (v) => body({ orgId: v }),
          id: orgId(
            'body.orgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
        hostProbe(() => '/api/org-life/meetings'),
        markProbe(() => '/api/org-life/meetings', insideMember),
      ],
      'PATCH /api/org-life/meetings/:id': [
        { url: () => `/api/org-life/meetings/${outsideId}`, body: () => body() },
        hostProbe(() => `/api/org-life/meetings/${draftId}`),
        markProbe(() => `/api/org-life/meetings/${draftId}`, insideMember),
      ],
      'POST /api/org-life/meetings/:id/finalise': [{ url: () => `/api/org-life/meetings/${outsideId}/finalise` }],
      'POST /api/org-life/meetings/:id/corrections': [
        { url: () => `/api/org-life/meetings/${outsideId}/corrections`, body: () => body(correction) },
        hostProbe(() => `/api/org-life/meetings/${heldId}/corrections`, correction),
        markProbe(
          () => `/api/org-life/meetings/${heldId}/corrections`,
          () => attendee,
          correction,
        ),
      ],
      'DELETE /api/org-life/meetings/:id': [{ url: () => `/api/org-life/meetings/${outsideId}` }],
      'GET /api/org-life/meetings/:id/attachments': [{ url: () => `/api/org-life/meetings/${outsideId}/attachments` }],
      'POST /api/org-life/meetings/:id/attachments': [
        {
          url: () => `/api/org-life/meetings/${outsideId}/attachments`,
          upload: () => ({ fields: { kind: 'sign_in' }, file: { name: 'x.png', data: smallPng() } }),
        },
      ],
      'GET /api/org-life/meetings/:id/attachments/:attachmentId': [
        { url: () => `/api/org-life/meetings/${outsideId}/attachments/${attachmentB}` },
        // Street A's meeting with street B's attachment id: not found either.
        { url: () => `/api/org-life/meetings/${draftId}/attachments/${attachmentB}` },
      ],
      'DELETE /api/org-life/meetings/:id/attachments/:attachmentId': [
        { url: () => `/api/org-life/meetings/${outsideId}/attachments/${attachmentB}` },
        { url: () => `/api/org-life/meetings/${draftId}/attachments/${attachmentB}` },
      ],
      'GET /api/org-life/standings': [byOrg('/api/org-life/standings')],
      'GET /api/org-life/standings/export': [byOrg('/api/org-life/standings/export')],
      'GET /api/org-life/figures': [byOrg('/api/org-life/figures')],
      'GET /api/org-life/figures/export': [byOrg('/api/org-life/figures/export')],
      'GET /api/org-life/record': [
        {
          url: (v) => `/api/org-life/record?year=2026&orgId=${v}`,
          id: orgId(
            'query.orgId',
            () => city.branchB.id,
            () => city.branchA.id,
          ),
        },
      ],
      'GET /api/org-life/rules': [byOrg('/api/org-life/rules')],
      'POST /api/org-life/rules': [
        {
          url: () => '/api/org-life/rules',
          body: (v) => ({ orgId: v, overrides: [] }),
          // Rules are set by a city, district or street.
          id: orgId(
            'body.orgId',
            () => city.streetB.id,
            () => city.streetA.id,
          ),
        },
      ],
      'GET /api/org-life/members/:id/meetings': [{ url: () => `/api/org-life/members/${outsideMember.id}/meetings` }],
      'POST /api/org-life/mine/:id/leave': [
        { url: () => `/api/org-life/mine/${upcomingB}/leave`, body: () => ({ reason: 'sick' }) },
      ],
      'DELETE /api/org-life/mine/:id/leave': [{ url: () => `/api/org-life/mine/${upcomingB}/leave` }],
    },
    self: ['GET /api/org-life/mine'],
    unchanged: async (cookie) => {
      const res = await api.get(`/api/org-life/meetings/${outsideId}`, cookie);
      expect(res.json()).toMatchObject({ topic: '乙街道的会', status: 'draft', revision: 0 });
      expect(res.json().attachments).toEqual([expect.objectContaining({ id: attachmentB })]);
    },
  };
});
