import { addDays, chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildUnit, buildZone, meetingBody } from '../../test/helpers/co-building.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('joint-meetings', async (world) => {
  const { api, city, byOrg, orgId, streetB } = world;
  const unitA = await buildUnit(api.db, city.communityA.id);
  const unitB = await buildUnit(api.db, city.communityB.id);
  const zoneB = await buildZone(api.db, city.communityB.id);
  const outsideId = await world.createAsStreetB(
    '/api/joint-meetings',
    meetingBody(city.communityB.id, [unitB.id], 1, { title: '乙社区联席会' }),
  );
  const task = { kind: 'task', text: '乙社区的任务', ownerUnitId: unitB.id, dueOn: addDays(chinaToday(), 10) };
  const withTask = await api.post(`/api/joint-meetings/${outsideId}/outcomes`, streetB, task);
  expect(withTask.statusCode, withTask.body).toBe(201);
  const outsideTask = (withTask.json().outcomes as { id: number }[])[0]?.id as number;

  const admin = await api.login(city.admin.username);
  const own = await api.post('/api/joint-meetings', admin, meetingBody(city.communityA.id, [unitA.id]));
  expect(own.statusCode, own.body).toBe(201);
  const ownId = own.json().id as number;

  const body = (over: object = {}) => meetingBody(city.communityA.id, [unitA.id], 1, over);
  const unitProbe = (url: () => string, make: (v: number | string) => object) => ({
    url,
    body: make,
    id: { field: 'body.unitIds', outside: () => unitB.id, inside: () => unitA.id },
  });
  const taskBody = (over: object) => ({ kind: 'task', text: '探查任务', dueOn: addDays(chinaToday(), 5), ...over });
  return {
    probes: {
      'GET /api/joint-meetings': [
        byOrg('/api/joint-meetings'),
        { url: () => '/api/joint-meetings?pageSize=200', list: true },
      ],
      'POST /api/joint-meetings': [
        {
          url: () => '/api/joint-meetings',
          body: (v) => body({ orgId: v }),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        unitProbe(
          () => '/api/joint-meetings',
          (v) => body({ unitIds: [v] }),
        ),
        {
          url: () => '/api/joint-meetings',
          body: (v) => body({ zoneId: v }),
          id: { field: 'body.zoneId', outside: () => zoneB, inside: () => buildZone(api.db, city.communityA.id) },
        },
      ],
      'GET /api/joint-meetings/invitable': [
        {
          url: (v) => `/api/joint-meetings/invitable?orgId=${v}`,
          id: orgId(
            'query.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'GET /api/joint-meetings/tasks': [
        byOrg('/api/joint-meetings/tasks'),
        { url: () => '/api/joint-meetings/tasks?pageSize=200', list: true },
      ],
      'GET /api/joint-meetings/tasks/export': [byOrg('/api/joint-meetings/tasks/export')],
      'POST /api/joint-meetings/tasks/:id/progress': [
        { url: () => `/api/joint-meetings/tasks/${outsideTask}/progress`, body: () => ({ note: '越权' }) },
      ],
      'POST /api/joint-meetings/unit-tasks/:id/progress': [
        { url: () => `/api/joint-meetings/unit-tasks/${outsideTask}/progress`, body: () => ({ note: '越权' }) },
      ],
      'GET /api/joint-meetings/figures': [byOrg('/api/joint-meetings/figures')],
      'DELETE /api/joint-meetings/outcomes/:id': [{ url: () => `/api/joint-meetings/outcomes/${outsideTask}` }],
      'GET /api/joint-meetings/:id': [{ url: () => `/api/joint-meetings/${outsideId}` }],
      'PATCH /api/joint-meetings/:id': [
        { url: () => `/api/joint-meetings/${outsideId}`, body: () => body() },
        unitProbe(
          () => `/api/joint-meetings/${ownId}`,
          (v) => body({ unitIds: [v] }),
        ),
      ],
      'DELETE /api/joint-meetings/:id': [{ url: () => `/api/joint-meetings/${outsideId}` }],
      'POST /api/joint-meetings/:id/attendance': [
        { url: () => `/api/joint-meetings/${outsideId}/attendance`, body: () => ({ unitId: unitA.id, present: true }) },
        {
          url: () => `/api/joint-meetings/${ownId}/attendance`,
          body: (v) => ({ unitId: v, present: true, attendees: '张三' }),
          id: { field: 'body.unitId', outside: () => unitB.id, inside: () => unitA.id },
        },
      ],
      'POST /api/joint-meetings/:id/outcomes': [
        {
          url: () => `/api/joint-meetings/${outsideId}/outcomes`,
          body: () => taskBody({ ownerOrgId: city.communityA.id }),
        },
        {
          url: () => `/api/joint-meetings/${ownId}/outcomes`,
          body: (v) => taskBody({ ownerUnitId: v }),
          id: { field: 'body.ownerUnitId', outside: () => unitB.id, inside: () => unitA.id },
        },
        {
          url: () => `/api/joint-meetings/${ownId}/outcomes`,
          body: (v) => taskBody({ ownerOrgId: v }),
          id: orgId(
            'body.ownerOrgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
      ],
      'POST /api/joint-meetings/:id/held': [{ url: () => `/api/joint-meetings/${outsideId}/held` }],
      'GET /api/joint-meetings/:id/minutes': [{ url: () => `/api/joint-meetings/${outsideId}/minutes` }],
    },
    self: ['GET /api/joint-meetings/unit-tasks'],
    unchanged: async (cookie) => {
      const res = await api.get(`/api/joint-meetings/${outsideId}`, cookie);
      expect(res.json()).toMatchObject({ title: '乙社区联席会', status: 'planned', openTasks: 1 });
      expect(res.json().units).toEqual([expect.objectContaining({ unitId: unitB.id, present: null })]);
    },
  };
});
