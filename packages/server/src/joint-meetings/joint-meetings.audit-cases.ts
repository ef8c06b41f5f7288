import { addDays, chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';
import { buildUnit, meetingBody } from '../../test/helpers/co-building.js';
import { buildAccount } from '../../test/helpers/factories.js';

async function meeting(w: AuditWorld, daysAgo = 1) {
  const unit = await buildUnit(w.api.db, w.city.communityA.id);
  const res = await w.send(
    'POST',
    '/api/joint-meetings',
    w.admin,
    meetingBody(w.city.communityA.id, [unit.id], daysAgo),
  );
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as number, unit };
}

async function task(w: AuditWorld, ownerUnitId: number) {
  const m = await meeting(w);
  const res = await w.send('POST', `/api/joint-meetings/${m.id}/outcomes`, w.admin, {
    kind: 'task',
    text: '审计任务',
    ownerUnitId,
    dueOn: addDays(chinaToday(), 5),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { meetingId: m.id, taskId: (res.json().outcomes as { id: number }[])[0]?.id as number };
}

export default defineAuditCases('joint-meetings', (w) => ({
  audited: {
    'POST /api/joint-meetings': {
      action: 'joint_meeting.create',
      prepare: async () => {
        const unit = await buildUnit(w.api.db, w.city.communityA.id);
        return {
          request: () => w.send('POST', '/api/joint-meetings', w.admin, meetingBody(w.city.communityA.id, [unit.id])),
        };
      },
    },
    'PATCH /api/joint-meetings/{id}': {
      action: 'joint_meeting.update',
      prepare: async () => {
        const m = await meeting(w);
        return {
          request: () =>
            w.send('PATCH', `/api/joint-meetings/${m.id}`, w.admin, {
              ...meetingBody(w.city.communityA.id, [m.unit.id]),
              minutes: '会议记录',
            }),
        };
      },
    },
    'DELETE /api/joint-meetings/{id}': {
      action: 'joint_meeting.delete',
      prepare: async () => {
        const m = await meeting(w, -3);
        return { request: () => w.send('DELETE', `/api/joint-meetings/${m.id}`, w.admin) };
      },
    },
    'POST /api/joint-meetings/{id}/attendance': {
      action: 'joint_meeting.attendance',
      prepare: async () => {
        const m = await meeting(w);
        return {
          request: () =>
            w.send('POST', `/api/joint-meetings/${m.id}/attendance`, w.admin, { unitId: m.unit.id, present: true }),
        };
      },
    },
    'POST /api/joint-meetings/{id}/outcomes': {
      action: 'joint_meeting.outcome',
      prepare: async () => {
        const m = await meeting(w);
        return {
          request: () =>
            w.send('POST', `/api/joint-meetings/${m.id}/outcomes`, w.admin, { kind: 'decision', text: '决议' }),
        };
      },
    },
    'POST /api/joint-meetings/{id}/held': {
      action: 'joint_meeting.held',
      prepare: async () => {
        const m = await meeting(w);
        return { request: () => w.send('POST', `/api/joint-meetings/${m.id}/held`, w.admin) };
      },
    },
    'DELETE /api/joint-meetings/outcomes/{id}': {
      action: 'joint_meeting.outcome_delete',
      prepare: async () => {
        const unit = await buildUnit(w.api.db, w.city.communityA.id);
        const t = await task(w, unit.id);
        return { request: () => w.send('DELETE', `/api/joint-meetings/outcomes/${t.taskId}`, w.admin) };
      },
    },
    'POST /api/joint-meetings/tasks/{id}/progress': {
      action: 'joint_task.progress',
      prepare: async () => {
        const unit = await buildUnit(w.api.db, w.city.communityA.id);
        const t = await task(w, unit.id);
        return {
          request: () => w.send('POST', `/api/joint-meetings/tasks/${t.taskId}/progress`, w.admin, { note: '进展' }),
        };
      },
    },
    'POST /api/joint-meetings/unit-tasks/{id}/progress': {
      action: 'joint_task.done',
      prepare: async () => {
        const account = await buildAccount(w.api.db, { orgId: w.city.communityA.id, role: 'unit_liaison' });
        const unit = await buildUnit(w.api.db, w.city.communityA.id, account.id);
        const t = await task(w, unit.id);
        const cookie = await w.api.login(account.username);
        return {
          request: () =>
            w.send('POST', `/api/joint-meetings/unit-tasks/${t.taskId}/progress`, cookie, { note: '完成', done: true }),
          actor: account.username,
        };
      },
    },
  },
}));
