import { chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../db/client.js';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';
import { buildAccount, buildMember } from '../../test/helpers/factories.js';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

export default defineAuditCases('volunteers', (w) => {
  let seq = 0;
  const created = async (url: string, body: object) => {
    const res = await w.send('POST', url, w.admin, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  };
  /** An activity of community A; `start` hours from now. */
  const activity = async (start = 48, publish = true) =>
    (
      await created('/api/volunteers/activities', {
        orgId: w.city.communityA.id,
        title: `审计活动${++seq}`,
        type: 'other',
        place: '社区',
        startsAt: hoursFromNow(start),
        endsAt: hoursFromNow(start + 2),
        signupDeadline: hoursFromNow(start - 1),
        capacity: 10,
        publish,
      })
    ).id;
  const member = () => buildMember(w.api.db, w.city.branchA.id);
  const memberLogin = async () => {
    const m = await member();
    const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'member', memberId: m.id });
    return { member: m, username: account.username, cookie: await w.api.login(account.username) };
  };
  /** A past activity with one member's hours confirmed; the record's id. */
  const confirmedRecord = async () => {
    const id = await activity(-5);
    const m = await member();
    await created(`/api/volunteers/activities/${id}/signups`, { memberId: m.id });
    const res = await w.send('POST', `/api/volunteers/activities/${id}/attendance`, w.admin, {
      entries: [{ memberId: m.id, hours: 2 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await queryRows<{ id: number }>(
      w.api.db,
      sql`select id::int as id from volunteer_records where activity_id = ${id}`,
    );
    return (row as { id: number }).id;
  };
  const pendingRecord = async () => {
    const p = await memberLogin();
    const res = await w.send('POST', '/api/volunteers/me/reports', p.cookie, {
      servedOn: chinaToday(),
      hours: 2,
      content: '辅导',
      witness: '楼长',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const team = async () =>
    (await created('/api/volunteers/teams', { orgId: w.city.communityA.id, name: `审计队${++seq}` })).id;
  const teamEntry = async () => {
    const t = await team();
    await created(`/api/volunteers/teams/${t}/members`, { memberId: (await member()).id });
    const [row] = await queryRows<{ id: number }>(
      w.api.db,
      sql`select id::int as id from volunteer_team_members where team_id = ${t}`,
    );
    return (row as { id: number }).id;
  };
  const resident = async () =>
    (await created('/api/volunteers/residents', { orgId: w.city.communityA.id, name: `居民${++seq}` })).id;

  return {
    audited: {
      'POST /api/volunteers/activities': {
        action: 'volunteer.activity.create',
        prepare: async () => ({
          request: () =>
            w.send('POST', '/api/volunteers/activities', w.admin, {
              orgId: w.city.communityA.id,
              title: '审计新建',
              type: 'clinic',
              place: '社区',
              startsAt: hoursFromNow(30),
              endsAt: hoursFromNow(32),
              signupDeadline: hoursFromNow(29),
            }),
        }),
      },
      'PATCH /api/volunteers/activities/{id}': {
        action: 'volunteer.activity.update',
        prepare: async () => {
          const id = await activity();
          return { request: () => w.send('PATCH', `/api/volunteers/activities/${id}`, w.admin, { place: '新地点' }) };
        },
      },
      'POST /api/volunteers/activities/{id}/publish': {
        action: 'volunteer.activity.publish',
        prepare: async () => {
          const id = await activity(48, false);
          return { request: () => w.send('POST', `/api/volunteers/activities/${id}/publish`, w.admin) };
        },
      },
      'POST /api/volunteers/activities/{id}/cancel': {
        action: 'volunteer.activity.cancel',
        prepare: async () => {
          const id = await activity();
          return {
            request: () => w.send('POST', `/api/volunteers/activities/${id}/cancel`, w.admin, { reason: '下雨' }),
          };
        },
      },
      'POST /api/volunteers/activities/{id}/signups': {
        action: 'volunteer.signup.add',
        prepare: async () => {
          const id = await activity();
          const m = await member();
          return {
            request: () => w.send('POST', `/api/volunteers/activities/${id}/signups`, w.admin, { memberId: m.id }),
          };
        },
      },
      'POST /api/volunteers/signups/{id}/cancel': {
        action: 'volunteer.signup.remove',
        prepare: async () => {
          const id = await activity();
          await created(`/api/volunteers/activities/${id}/signups`, { memberId: (await member()).id });
          const [row] = await queryRows<{ id: number }>(
            w.api.db,
            sql`select id::int as id from volunteer_signups where activity_id = ${id}`,
          );
          return {
            request: () => w.send('POST', `/api/volunteers/signups/${(row as { id: number }).id}/cancel`, w.admin),
          };
        },
      },
      'POST /api/volunteers/activities/{id}/attendance': {
        action: 'volunteer.activity.confirm',
        prepare: async () => {
          const id = await activity(-5);
          const m = await member();
          await created(`/api/volunteers/activities/${id}/signups`, { memberId: m.id });
          return {
            request: () =>
              w.send('POST', `/api/volunteers/activities/${id}/attendance`, w.admin, {
                entries: [{ memberId: m.id, hours: 2 }],
              }),
          };
        },
      },
      'POST /api/volunteers/records/{id}/confirm': {
        action: 'volunteer.record.confirm',
        prepare: async () => {
          const id = await pendingRecord();
          return { request: () => w.send('POST', `/api/volunteers/records/${id}/confirm`, w.admin) };
        },
      },
      'POST /api/volunteers/records/{id}/reject': {
        action: 'volunteer.record.reject',
        prepare: async () => {
          const id = await pendingRecord();
          return {
            request: () => w.send('POST', `/api/volunteers/records/${id}/reject`, w.admin, { note: '无人证明' }),
          };
        },
      },
      'POST /api/volunteers/records/{id}/correct': {
        action: 'volunteer.record.correct',
        prepare: async () => {
          const id = await confirmedRecord();
          return {
            request: () =>
              w.send('POST', `/api/volunteers/records/${id}/correct`, w.admin, { hours: 1.5, reason: '提前离开' }),
          };
        },
      },
      'POST /api/volunteers/teams': {
        action: 'volunteer.team.create',
        prepare: async () => ({
          request: () =>
            w.send('POST', '/api/volunteers/teams', w.admin, { orgId: w.city.communityA.id, name: `新队${++seq}` }),
        }),
      },
      'PATCH /api/volunteers/teams/{id}': {
        action: 'volunteer.team.update',
        prepare: async () => {
          const id = await team();
          return { request: () => w.send('PATCH', `/api/volunteers/teams/${id}`, w.admin, { area: '3号楼' }) };
        },
      },
      'POST /api/volunteers/teams/{id}/members': {
        action: 'volunteer.team.member_add',
        prepare: async () => {
          const id = await team();
          const m = await member();
          return { request: () => w.send('POST', `/api/volunteers/teams/${id}/members`, w.admin, { memberId: m.id }) };
        },
      },
      'PATCH /api/volunteers/team-members/{id}': {
        action: 'volunteer.team.member_update',
        prepare: async () => {
          const id = await teamEntry();
          return { request: () => w.send('PATCH', `/api/volunteers/team-members/${id}`, w.admin, { leader: true }) };
        },
      },
      'DELETE /api/volunteers/team-members/{id}': {
        action: 'volunteer.team.member_remove',
        prepare: async () => {
          const id = await teamEntry();
          return { request: () => w.send('DELETE', `/api/volunteers/team-members/${id}`, w.admin) };
        },
      },
      'POST /api/volunteers/residents': {
        action: 'volunteer.resident.create',
        prepare: async () => ({
          request: () =>
            w.send('POST', '/api/volunteers/residents', w.admin, { orgId: w.city.communityA.id, name: '新居民' }),
        }),
      },
      'PATCH /api/volunteers/residents/{id}': {
        action: 'volunteer.resident.update',
        prepare: async () => {
          const id = await resident();
          return { request: () => w.send('PATCH', `/api/volunteers/residents/${id}`, w.admin, { address: '1号楼' }) };
        },
      },
      'POST /api/volunteers/me/activities/{id}/signup': {
        action: 'volunteer.signup.self',
        prepare: async () => {
          const id = await activity();
          const p = await memberLogin();
          return {
            actor: p.username,
            request: () => w.send('POST', `/api/volunteers/me/activities/${id}/signup`, p.cookie),
          };
        },
      },
      'POST /api/volunteers/me/activities/{id}/cancel': {
        action: 'volunteer.signup.cancel',
        prepare: async () => {
          const id = await activity();
          const p = await memberLogin();
          await w.send('POST', `/api/volunteers/me/activities/${id}/signup`, p.cookie);
          return {
            actor: p.username,
            request: () => w.send('POST', `/api/volunteers/me/activities/${id}/cancel`, p.cookie),
          };
        },
      },
      'POST /api/volunteers/me/reports': {
        action: 'volunteer.record.report',
        prepare: async () => {
          const p = await memberLogin();
          return {
            actor: p.username,
            request: () =>
              w.send('POST', '/api/volunteers/me/reports', p.cookie, {
                servedOn: chinaToday(),
                hours: 1,
                content: '修水管',
                witness: '邻居',
              }),
          };
        },
      },
    },
  };
});
