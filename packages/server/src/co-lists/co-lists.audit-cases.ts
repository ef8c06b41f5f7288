import { chinaToday } from '@gongjian/shared';
import { expect } from 'vitest';
import { type AuditWorld, defineAuditCases } from '../../test/helpers/audit-cases.js';
import { buildUnit } from '../../test/helpers/co-building.js';
import { buildAccount } from '../../test/helpers/factories.js';

async function made(w: AuditWorld, url: string, body: object) {
  const res = await w.send('POST', url, w.admin, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const need = (w: AuditWorld) =>
  made(w, '/api/co-lists/needs', { orgId: w.city.communityA.id, title: '审计需求', category: 'venue' });
const resource = (w: AuditWorld) =>
  made(w, '/api/co-lists/resources', {
    orgId: w.city.communityA.id,
    provider: 'community',
    title: '审计资源',
    category: 'venue',
  });
const project = async (w: AuditWorld) =>
  made(w, '/api/co-lists/projects', {
    needId: await need(w),
    resourceIds: [await resource(w)],
    title: '审计项目',
    leadName: '负责人',
    startedOn: chinaToday(),
  });

async function liaison(w: AuditWorld) {
  const account = await buildAccount(w.api.db, { orgId: w.city.communityA.id, role: 'unit_liaison' });
  await buildUnit(w.api.db, w.city.communityA.id, account.id);
  return { cookie: await w.api.login(account.username), username: account.username };
}

export default defineAuditCases('co-lists', (w) => ({
  audited: {
    'POST /api/co-lists/needs': {
      action: 'co_need.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/co-lists/needs',
        () => ({ orgId: w.city.communityA.id, title: '需', category: 'funds' }),
      ),
    },
    'PATCH /api/co-lists/needs/{id}': {
      action: 'co_need.update',
      prepare: async () => {
        const id = await need(w);
        return {
          request: () => w.send('PATCH', `/api/co-lists/needs/${id}`, w.admin, { title: '改过', category: 'venue' }),
        };
      },
    },
    'POST /api/co-lists/needs/{id}/close': {
      action: 'co_need.close',
      prepare: async () => {
        const id = await need(w);
        return { request: () => w.send('POST', `/api/co-lists/needs/${id}/close`, w.admin) };
      },
    },
    'POST /api/co-lists/resources': {
      action: 'co_resource.create',
      prepare: w.asAdmin(
        'POST',
        () => '/api/co-lists/resources',
        () => ({
          orgId: w.city.communityA.id,
          provider: 'community',
          title: '资源',
          category: 'skill',
        }),
      ),
    },
    'PATCH /api/co-lists/resources/{id}': {
      action: 'co_resource.update',
      prepare: async () => {
        const id = await resource(w);
        return {
          request: () =>
            w.send('PATCH', `/api/co-lists/resources/${id}`, w.admin, {
              title: '改',
              category: 'venue',
              active: false,
            }),
        };
      },
    },
    'POST /api/co-lists/projects': {
      action: 'co_project.create',
      prepare: async () => {
        const body = {
          needId: await need(w),
          resourceIds: [await resource(w)],
          title: '项',
          leadName: '人',
          startedOn: chinaToday(),
        };
        return { request: () => w.send('POST', '/api/co-lists/projects', w.admin, body) };
      },
    },
    'POST /api/co-lists/projects/{id}/finish': {
      action: 'co_project.finish',
      prepare: async () => {
        const id = await project(w);
        return {
          request: () =>
            w.send('POST', `/api/co-lists/projects/${id}/finish`, w.admin, {
              status: 'done',
              endedOn: chinaToday(),
              result: '完成',
            }),
        };
      },
    },
    'POST /api/co-lists/unit/needs/{id}/claim': {
      action: 'co_need.claim',
      prepare: async () => {
        const { cookie, username } = await liaison(w);
        const id = await need(w);
        return {
          request: () => w.send('POST', `/api/co-lists/unit/needs/${id}/claim`, cookie, { note: '我们来' }),
          actor: username,
        };
      },
    },
    'POST /api/co-lists/unit/resources': {
      action: 'co_resource.create',
      prepare: async () => {
        const { cookie, username } = await liaison(w);
        return {
          request: () => w.send('POST', '/api/co-lists/unit/resources', cookie, { title: '会议室', category: 'venue' }),
          actor: username,
        };
      },
    },
  },
}));
