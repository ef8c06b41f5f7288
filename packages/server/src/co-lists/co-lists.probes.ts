import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { buildRequest, buildUnit } from '../../test/helpers/co-building.js';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('co-lists', async (world) => {
  const { api, city, byOrg, orgId, streetB } = world;
  const unitA = await buildUnit(api.db, city.communityA.id);
  const unitB = await buildUnit(api.db, city.communityB.id);
  const requestB = await buildRequest(api.db, city.communityB.id);
  const need = (org: number, title: string) => ({ orgId: org, title, category: 'venue' });
  const resource = (org: number, title: string) => ({ orgId: org, provider: 'community', title, category: 'venue' });
  const needB = await world.createAsStreetB('/api/co-lists/needs', need(city.communityB.id, '乙社区的需求'));
  const resourceB = await world.createAsStreetB(
    '/api/co-lists/resources',
    resource(city.communityB.id, '乙社区的资源'),
  );
  const projectRes = await api.post('/api/co-lists/projects', streetB, {
    needId: await world.createAsStreetB('/api/co-lists/needs', need(city.communityB.id, '乙社区已立项的需求')),
    resourceIds: [
      await world.createAsStreetB('/api/co-lists/resources', resource(city.communityB.id, '乙社区占用的资源')),
    ],
    title: '乙社区项目',
    leadName: '乙',
    startedOn: chinaToday(),
  });
  expect(projectRes.statusCode, projectRes.body).toBe(201);
  const projectB = projectRes.json().id as number;

  const admin = await api.login(city.admin.username);
  const made = async (url: string, body: object) => {
    const res = await api.post(url, admin, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const freshNeed = () => made('/api/co-lists/needs', need(city.communityA.id, world.fresh('甲社区需求')));
  const freshResource = () => made('/api/co-lists/resources', resource(city.communityA.id, world.fresh('甲社区资源')));
  // Probes build their bodies synchronously: the records they name are made ahead, a few of each.
  const needsA = await Promise.all(Array.from({ length: 12 }, (_, i) => i).map(() => freshNeed()));
  const resourcesA = await Promise.all(Array.from({ length: 12 }, (_, i) => i).map(() => freshResource()));
  let n = 0;
  const next = () => n++;
  const projectFor = (over: object) => {
    const i = next();
    return {
      needId: needsA[i],
      resourceIds: [resourcesA[i]],
      title: '探查项目',
      leadName: '甲',
      startedOn: chinaToday(),
      ...over,
    };
  };
  const member = await world.insideMember();
  return {
    probes: {
      'GET /api/co-lists/needs': [
        byOrg('/api/co-lists/needs'),
        { url: () => '/api/co-lists/needs?pageSize=200', list: true },
      ],
      'GET /api/co-lists/needs/export': [byOrg('/api/co-lists/needs/export')],
      'POST /api/co-lists/needs': [
        {
          url: () => '/api/co-lists/needs',
          body: (v) => need(Number(v), '探查需求'),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        {
          url: () => '/api/co-lists/needs',
          body: (v) => ({ ...need(city.communityA.id, '来自诉求的需求'), requestId: v }),
          id: {
            field: 'body.requestId',
            outside: () => requestB,
            inside: () => buildRequest(api.db, city.communityA.id),
          },
        },
      ],
      'PATCH /api/co-lists/needs/:id': [
        { url: () => `/api/co-lists/needs/${needB}`, body: () => ({ title: '改', category: 'venue' }) },
      ],
      'POST /api/co-lists/needs/:id/close': [{ url: () => `/api/co-lists/needs/${needB}/close` }],
      'GET /api/co-lists/resources': [
        byOrg('/api/co-lists/resources'),
        { url: () => '/api/co-lists/resources?pageSize=200', list: true },
      ],
      'GET /api/co-lists/resources/export': [byOrg('/api/co-lists/resources/export')],
      'POST /api/co-lists/resources': [
        {
          url: () => '/api/co-lists/resources',
          body: (v) => resource(Number(v), '探查资源'),
          id: orgId(
            'body.orgId',
            () => city.communityB.id,
            () => city.communityA.id,
          ),
        },
        {
          url: () => '/api/co-lists/resources',
          body: (v) => ({ ...resource(city.communityA.id, '探查单位资源'), provider: 'unit', unitId: v }),
          id: { field: 'body.unitId', outside: () => unitB.id, inside: () => unitA.id },
        },
        {
          url: () => '/api/co-lists/resources',
          body: (v) => ({ ...resource(city.communityA.id, '探查党员资源'), provider: 'member', memberId: v }),
          id: { field: 'body.memberId', outside: () => world.outsideMember.id, inside: () => member },
        },
      ],
      'PATCH /api/co-lists/resources/:id': [
        { url: () => `/api/co-lists/resources/${resourceB}`, body: () => ({ title: '改', category: 'venue' }) },
      ],
      'GET /api/co-lists/projects': [
        byOrg('/api/co-lists/projects'),
        { url: () => '/api/co-lists/projects?pageSize=200', list: true },
      ],
      'GET /api/co-lists/projects/export': [byOrg('/api/co-lists/projects/export')],
      'POST /api/co-lists/projects': [
        {
          url: () => '/api/co-lists/projects',
          body: (v) => ({ ...projectFor({}), needId: v }),
          id: { field: 'body.needId', outside: () => needB, inside: () => freshNeed() },
        },
        {
          url: () => '/api/co-lists/projects',
          body: (v) => ({ ...projectFor({}), resourceIds: [v] }),
          id: { field: 'body.resourceIds', outside: () => resourceB, inside: () => freshResource() },
        },
        {
          url: () => '/api/co-lists/projects',
          body: (v) => projectFor({ leadUnitId: v }),
          id: { field: 'body.leadUnitId', outside: () => unitB.id, inside: () => unitA.id },
        },
      ],
      'POST /api/co-lists/projects/:id/finish': [
        {
          url: () => `/api/co-lists/projects/${projectB}/finish`,
          body: () => ({ status: 'done', endedOn: chinaToday(), result: '越权' }),
        },
      ],
      'GET /api/co-lists/matches': [byOrg('/api/co-lists/matches'), { url: () => '/api/co-lists/matches', list: true }],
      'GET /api/co-lists/unit-results': [
        byOrg('/api/co-lists/unit-results'),
        { url: () => '/api/co-lists/unit-results', list: true },
      ],
      'POST /api/co-lists/unit/needs/:id/claim': [
        { url: () => `/api/co-lists/unit/needs/${needB}/claim`, body: () => ({}) },
      ],
    },
    self: ['GET /api/co-lists/unit/needs', 'GET /api/co-lists/unit/resources', 'POST /api/co-lists/unit/resources'],
    unchanged: async (cookie) => {
      const res = await api.get(`/api/co-lists/needs?orgId=${city.communityB.id}&pageSize=200`, cookie);
      const titles = (res.json().items as { title: string; status: string }[]).map((x) => `${x.title}:${x.status}`);
      expect(titles.sort()).toEqual(['乙社区已立项的需求:matched', '乙社区的需求:open']);
      const p = await api.get(`/api/co-lists/projects?orgId=${city.communityB.id}`, cookie);
      expect(p.json().items).toEqual([expect.objectContaining({ id: projectB, status: 'open' })]);
    },
  };
});
